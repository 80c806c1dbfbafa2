/*
 * h_invites.c - invitations (account/invite_store.h): an admin makes, lists and
 * withdraws them; anyone holding one opens an account with it. The new
 * password is hashed on the hash pool (the handler's second call).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/auth.h"
#include "account/invite_store.h"
#include "core/territory.h"
#include "http/http.h"
#include "store/store.h"
#include "core/banned.h"

#define INVITE_NAME_MAX 100

/* POST /api/v1/invites {"territory", "admin"?, "days"?} -> 201 with the link, shown once. */
void h_invite_post(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"territory", "admin", "days", NULL};
	json_t *in = http_json_body(req, resp);
	if (!in || !http_only_fields(in, fields, resp))
		goto out;
	json_t *t = json_object_get(in, "territory"), *admin = json_object_get(in, "admin"),
	       *days = json_object_get(in, "days");
	if (!json_is_string(t) || !territory_is_valid(json_string_value(t))) {
		http_fail(resp, BG_INVALID, "territory: an ISO 3166-1 alpha-2 code (US, GB, ...)");
		goto out;
	}
	if (admin && !json_is_boolean(admin)) {
		http_fail(resp, BG_INVALID, "admin: true or false");
		goto out;
	}
	if (days && (!json_is_integer(days) || json_integer_value(days) < 1 ||
	             json_integer_value(days) > INVITE_DAYS_MAX)) {
		http_fail(resp, BG_INVALID, "days: 1 to %d", INVITE_DAYS_MAX);
		goto out;
	}
	char token[TOKEN_LEN + 1], until[DATE_TIME_LEN + 1], link[128];
	int64_t id;
	enum bg_err rc = invite_create(req->st, req->who.user.id, json_string_value(t),
	                               json_is_true(admin),
	                               days ? (int)json_integer_value(days) : INVITE_DAYS_DEFAULT,
	                               req->now, token, until, &id);
	snprintf(link, sizeof(link), "/#/invite/%s", token);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 201,
		        json_pack("{s:I,s:s,s:s,s:s,s:s,s:b}", "id", (json_int_t)id, "token", token,
		                  "link", link, "expires_at", until, "territory",
		                  json_string_value(t), "admin", json_is_true(admin)));
out:
	json_decref(in);
}

void h_invites_get(struct http_req *req, struct http_resp *resp)
{
	struct invite *list = NULL;
	size_t n = 0;
	enum bg_err rc = invite_list(req->st, &list, &n);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		        items, json_pack("{s:I,s:s,s:b,s:s,s:s,s:o,s:o}", "id", (json_int_t)list[i].id,
		                         "territory", list[i].territory, "admin", list[i].admin,
		                         "created_at", list[i].created_at, "expires_at",
		                         list[i].expires_at, "used_at",
		                         list[i].used_at[0] ? json_string(list[i].used_at) : json_null(),
		                         "used_by",
		                         list[i].used_by[0] ? json_string(list[i].used_by) : json_null()));
	free(list);
	http_ok(resp, 200, json_pack("{s:o}", "items", items));
}

void h_invite_delete(struct http_req *req, struct http_resp *resp)
{
	enum bg_err rc = invite_delete(req->st, req->params[0]);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, json_pack("{s:I,s:b}", "id", (json_int_t)req->params[0], "deleted", 1));
}

/*
 * POST /api/v1/invites/accept {"token", "name", "password"}: first call,
 * the fields and the invitation checked (a dead one costs no hashing);
 * second call, the account opened and signed in -> 201 {"token", "user"}.
 */
void h_invite_accept(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"token", "name", "password", NULL};
	json_t *in = http_json_body(req, resp);
	if (!in || !http_only_fields(in, fields, resp))
		goto out;
	json_t *token = json_object_get(in, "token"), *name = json_object_get(in, "name"),
	       *password = json_object_get(in, "password");
	if (!json_is_string(token)) {
		http_fail(resp, BG_INVALID, "token: the invitation's");
		goto out;
	}
	if (!json_is_string(name) || !*json_string_value(name) ||
	    strlen(json_string_value(name)) > INVITE_NAME_MAX || strchr(json_string_value(name), '/')) {
		http_fail(resp, BG_INVALID, "name: 1 to %d characters, no '/'", INVITE_NAME_MAX);
		goto out;
	}
	if (!json_is_string(password) || json_string_length(password) < PASSWORD_MIN_LEN ||
	    json_string_length(password) > PASSWORD_MAX_LEN ||
	    strlen(json_string_value(password)) != json_string_length(password)) {
		http_fail(resp, BG_INVALID, "password: %d to %d bytes", PASSWORD_MIN_LEN,
		          PASSWORD_MAX_LEN);
		goto out;
	}
	enum bg_err rc;
	if (!req->check) {
		rc = invite_check(req->st, json_string_value(token), req->now);
		if (rc)
			http_fail_store(resp, rc, req->st);
		else
			http_hash_later(req, json_string_value(password));
		goto out;
	}
	if (!req->check->new_hashed) {
		http_fail(resp, BG_NOMEM, "cannot hash the password");
		goto out;
	}
	int64_t user = 0;
	char session[TOKEN_LEN + 1];
	rc = invite_redeem(req->st, json_string_value(token), json_string_value(name),
	                   req->check->new_hash, req->now, &user);
	if (!rc)
		rc = auth_issue_login(req->st, user, req->now, NULL, req->client, session);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 201, json_pack("{s:s,s:I,s:s}", "token", session, "user",
		                             (json_int_t)user, "name", json_string_value(name)));
out:
	json_decref(in);
}
