/*
 * h_session.c - health, login and logout, password changes, profiles and
 * profile selection. The secret checks (passwords, PINs) run on the
 * server's hash pool, so these handlers are called twice (http_check).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account_store.h"
#include "http/http.h"
#include "store/store.h"
#include "core/banned.h"

void h_health(struct http_req *req, struct http_resp *resp)
{
	char now[DATE_TIME_LEN + 1];
	date_time_format(req->now, now);
	http_ok(resp, 200, json_pack("{s:s,s:s}", "status", "ok", "time", now));
}

/* Answers 200 {"token"} when rc is BG_OK, else the store's error. */
static void token_answer(struct http_req *req, struct http_resp *resp, enum bg_err rc,
                         const char *token)
{
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, json_pack("{s:s}", "token", token));
}

/*
 * What signed in, from its User-Agent, as a device list shows it: "Chrome
 * on Linux", "Safari on iOS", "curl"; else the header's start.
 */
static void device_name(const char *ua, char *out, size_t len)
{
	static const struct {
		const char *mark, *name;
	} browsers[] = {{"Edg/", "Edge"},       {"OPR/", "Opera"},      {"Firefox/", "Firefox"},
	                {"Chromium/", "Chromium"}, {"Chrome/", "Chrome"}, {"Safari/", "Safari"},
	                {"curl/", "curl"}},
	  systems[] = {{"Android", "Android"}, {"iPhone", "iOS"},     {"iPad", "iPadOS"},
	               {"Windows", "Windows"}, {"Mac OS X", "macOS"}, {"CrOS", "ChromeOS"},
	               {"Linux", "Linux"}};
	out[0] = '\0';
	if (!ua || !*ua)
		return;
	const char *browser = NULL, *system = NULL;
	for (size_t i = 0; !browser && i < sizeof(browsers) / sizeof(browsers[0]); i++)
		if (strstr(ua, browsers[i].mark))
			browser = browsers[i].name;
	for (size_t i = 0; !system && i < sizeof(systems) / sizeof(systems[0]); i++)
		if (strstr(ua, systems[i].mark))
			system = systems[i].name;
	if (browser && system)
		snprintf(out, len, "%s on %s", browser, system);
	else if (browser)
		snprintf(out, len, "%s", browser);
	else
		snprintf(out, len, "%.60s", ua);
}

/* GET /api/v1/account/sessions: the account's devices. */
void h_sessions_get(struct http_req *req, struct http_resp *resp)
{
	struct device *list = NULL;
	size_t n = 0;
	enum bg_err rc = auth_devices(req->st, &req->who, req->now, &list, &n);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct login_info *l = &list[i].login;
		json_array_append_new(
		        items, json_pack("{s:I,s:s,s:o,s:s,s:s,s:b}", "id", (json_int_t)list[i].id,
		                         "device", l->device[0] ? l->device : "unknown device",
		                         "address", l->address[0] ? json_string(l->address) : json_null(),
		                         "signed_in_at", l->created_at, "last_seen", l->last_seen,
		                         "current", list[i].current));
	}
	free(list);
	http_ok(resp, 200, json_pack("{s:o}", "items", items));
}

/* DELETE /api/v1/account/sessions/{id}: signs that device out. */
void h_session_delete(struct http_req *req, struct http_resp *resp)
{
	enum bg_err rc = auth_device_revoke(req->st, &req->who, req->params[0], req->now);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, json_pack("{s:I,s:b}", "id", (json_int_t)req->params[0], "signed_out", 1));
}

/*
 * POST /api/v1/login. First call: the throttles and the stored hash, then
 * the password check goes to the hash pool; second call (req->check): the
 * outcome is recorded and a token issued.
 */
void h_login(struct http_req *req, struct http_resp *resp)
{
	char token[TOKEN_LEN + 1];
	enum bg_err rc;
	if (req->check) {
		rc = auth_login_finish(req->st, &req->check->attempt, req->check->matched, req->now,
		                       token);
		/* The web player goes straight to the password form after a reset. */
		struct user u;
		if (!rc && (rc = account_store_user(req->st, req->check->attempt.user_id, &u)) == BG_OK)
			http_ok(resp, 200, json_pack("{s:s,s:b}", "token", token, "must_change_password",
			                             u.must_change_password));
		else
			token_answer(req, resp, rc, token);
		return;
	}
	static const char *const fields[] = {"username", "password", NULL};
	json_t *in = http_json_body(req, resp);
	if (!in || !http_only_fields(in, fields, resp))
		goto out;
	json_t *name = json_object_get(in, "username"), *pass = json_object_get(in, "password");
	if (!json_is_string(name) || !*json_string_value(name)) {
		http_fail(resp, BG_INVALID, "username: must be a non-empty string");
		goto out;
	}
	if (!json_is_string(pass) || json_string_length(pass) > PASSWORD_MAX_LEN) {
		http_fail(resp, BG_INVALID, "password: must be a string of at most %d bytes",
		          PASSWORD_MAX_LEN);
		goto out;
	}
	struct auth_attempt a;
	rc = auth_login_begin(req->st, json_string_value(name), req->client, req->now, &a,
	                      &resp->retry_after);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		goto out;
	}
	device_name(http_header(req, "User-Agent"), a.device, sizeof(a.device));
	http_check_later(req, &a, json_string_value(pass), NULL);
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


/*
 * POST /api/v1/account/password {"current", "new"}: with the account token.
 * The check of the present password and the hash of the new one run on the
 * hash pool; then every login of the account is revoked and the caller gets
 * a fresh account token.
 */
void h_password_post(struct http_req *req, struct http_resp *resp)
{
	char token[TOKEN_LEN + 1];
	enum bg_err rc;
	if (req->check) {
		if (req->check->matched && !req->check->new_hashed) {
			http_fail(resp, BG_NOMEM, "cannot hash the new password");
			return;
		}
		rc = auth_password_finish(req->st, &req->check->attempt, req->check->matched,
		                          req->check->new_hash, req->now, token);
		if (rc)
			http_fail_store(resp, rc, req->st);
		else
			http_ok(resp, 200, json_pack("{s:s,s:b}", "token", token, "signed_out", 1));
		return;
	}
	static const char *const fields[] = {"current", "new", NULL};
	json_t *in = http_json_body(req, resp);
	if (!in || !http_only_fields(in, fields, resp))
		goto out;
	json_t *cur = json_object_get(in, "current"), *next = json_object_get(in, "new");
	if (!json_is_string(cur) || json_string_length(cur) > PASSWORD_MAX_LEN) {
		http_fail(resp, BG_INVALID, "current: must be the present password");
		goto out;
	}
	if (!json_is_string(next) || json_string_length(next) < PASSWORD_MIN_LEN ||
	    json_string_length(next) > PASSWORD_MAX_LEN ||
	    strlen(json_string_value(next)) != json_string_length(next)) {
		http_fail(resp, BG_INVALID, "new: must be a password of %d to %d bytes",
		          PASSWORD_MIN_LEN, PASSWORD_MAX_LEN);
		goto out;
	}
	struct auth_attempt a;
	rc = auth_password_begin(req->st, &req->who, req->client, req->now, &a, &resp->retry_after);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		goto out;
	}
	http_check_later(req, &a, json_string_value(cur), json_string_value(next));
out:
	json_decref(in);
}

/*
 * POST /api/v1/profiles/{id}/select [{"pin"}], with the account token. A
 * PIN is checked on the hash pool (second call: req->check).
 */
void h_profile_select(struct http_req *req, struct http_resp *resp)
{
	char token[TOKEN_LEN + 1];
	enum bg_err rc;
	if (req->check) {
		rc = auth_select_finish(req->st, &req->who, &req->check->attempt,
		                        req->check->matched, req->now, token);
		token_answer(req, resp, rc, token);
		return;
	}
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
	struct auth_attempt a;
	rc = auth_select_begin(req->st, &req->who, req->params[0], pin, req->now, &a,
	                       &resp->retry_after);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		goto out;
	}
	if (a.check_needed)
		http_check_later(req, &a, pin, NULL);
	else
		token_answer(req, resp,
		             auth_select_finish(req->st, &req->who, &a, false, req->now, token),
		             token);
out:
	json_decref(in);
}
