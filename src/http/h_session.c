/*
 * h_session.c - health, login and logout, profiles and profile selection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/maturity.h"
#include "http/http.h"
#include "store/store.h"
#include "core/banned.h"

void h_health(struct http_req *req, struct http_resp *resp)
{
	char now[DATE_TIME_LEN + 1];
	date_time_format(req->now, now);
	http_ok(resp, 200, json_pack("{s:s,s:s}", "status", "ok", "time", now));
}

void h_login(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"username", "password", NULL};
	json_t *in = http_json_body(req, resp);
	if (!in || !http_only_fields(in, fields, resp))
		goto out;
	json_t *name = json_object_get(in, "username"), *pass = json_object_get(in, "password");
	if (!json_is_string(name) || !*json_string_value(name)) {
		http_fail(resp, BG_INVALID, "username: must be a non-empty string");
		goto out;
	}
	if (!json_is_string(pass)) {
		http_fail(resp, BG_INVALID, "password: must be a string");
		goto out;
	}
	char token[TOKEN_LEN + 1];
	enum bg_err rc = auth_login(req->st, json_string_value(name), json_string_value(pass),
	                            req->now, token, &resp->retry_after);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, json_pack("{s:s}", "token", token));
out:
	json_decref(in);
}

void h_logout(struct http_req *req, struct http_resp *resp)
{
	enum bg_err rc = auth_logout(req->st, &req->who);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, json_pack("{s:b}", "revoked", 1));
}

void h_profiles(struct http_req *req, struct http_resp *resp)
{
	struct profile *list;
	size_t n;
	enum bg_err rc = account_store_profiles(req->st, req->who.user.id, &list, &n);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items,
		                      json_pack("{s:I,s:s,s:s,s:b,s:b}", "id",
		                                (json_int_t)list[i].id, "name", list[i].name,
		                                "ceiling", maturity_label(list[i].ceiling), "kids",
		                                list[i].kids, "has_pin", list[i].has_pin));
	free(list);
	http_ok(resp, 200, json_pack("{s:o}", "items", items));
}

void h_profile_select(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"pin", NULL};
	const char *pin = NULL;
	json_t *in = NULL;
	if (req->body_len) {
		in = http_json_body(req, resp);
		if (!in || !http_only_fields(in, fields, resp))
			goto out;
		json_t *p = json_object_get(in, "pin");
		if (p && !json_is_string(p)) {
			http_fail(resp, BG_INVALID, "pin: must be a string of 4 digits");
			goto out;
		}
		pin = p ? json_string_value(p) : NULL;
	}
	char token[TOKEN_LEN + 1];
	enum bg_err rc = auth_select_profile(req->st, &req->who, req->params[0], pin, req->now,
	                                     token, &resp->retry_after);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, json_pack("{s:s}", "token", token));
out:
	json_decref(in);
}
