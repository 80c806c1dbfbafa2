/*
 * h_users.c - accounts, by an admin: list them with their activity, add,
 * change (territory, admin, disabled, a password reset), delete. A new or
 * reset password is hashed on the hash pool (the handler's second call:
 * req->check); a reset makes the next sign-in change it first. An admin
 * cannot disable, demote or delete the account it signs in with.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account_store.h"
#include "account/password.h"
#include "account/stream_store.h"
#include "core/territory.h"
#include "http/http.h"
#include "store/store.h"
#include "core/banned.h"

#define USER_NAME_MAX 100

/* max_streams: the account's limit on devices streaming at once, 0 for none (null). */
static json_t *user_json(const struct user *u, int max_streams)
{
	return json_pack("{s:I,s:s,s:b,s:s,s:b,s:b,s:o}", "id", (json_int_t)u->id, "name", u->name,
	                 "admin", u->admin, "territory", u->territory, "disabled", u->disabled,
	                 "must_change_password", u->must_change_password, "max_streams",
	                 max_streams ? json_integer(max_streams) : json_null());
}

/* The account as stored after a write that returned rc: 200/201 with it, or the error. */
static void answer_user(struct http_req *req, struct http_resp *resp, enum bg_err rc, int64_t id,
                        int status)
{
	struct user u;
	int max_streams = 0;
	if (!rc)
		rc = account_store_user(req->st, id, &u);
	if (!rc)
		rc = stream_store_limit(req->st, id, &max_streams);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, status, user_json(&u, max_streams));
}

void h_users_get(struct http_req *req, struct http_resp *resp)
{
	char since[DATE_TIME_LEN + 1];
	date_time_format(req->now - STREAM_ALIVE_S, since);
	struct user_activity *list = NULL;
	size_t n = 0;
	enum bg_err rc = account_store_user_activity(req->st, since, &list, &n);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = user_json(&list[i].user, list[i].max_streams);
		json_object_set_new(o, "created_at", json_string(list[i].created_at));
		json_object_set_new(o, "last_active", list[i].last_active[0]
		                                              ? json_string(list[i].last_active)
		                                              : json_null());
		json_object_set_new(o, "profiles", json_integer(list[i].profiles));
		json_object_set_new(o, "streams", json_integer(list[i].streams));
		json_array_append_new(items, o);
	}
	free(list);
	http_ok(resp, 200, json_pack("{s:o}", "items", items));
}

/* "password": 8 to 1024 bytes; false with a 400 set. */
static bool read_password(json_t *in, const char **out, bool required, struct http_resp *resp)
{
	json_t *p = json_object_get(in, "password");
	*out = NULL;
	if (!p && !required)
		return true;
	if (!json_is_string(p) || json_string_length(p) < PASSWORD_MIN_LEN ||
	    json_string_length(p) > PASSWORD_MAX_LEN ||
	    strlen(json_string_value(p)) != json_string_length(p)) {
		http_fail(resp, BG_INVALID, "password: %d to %d bytes", PASSWORD_MIN_LEN,
		          PASSWORD_MAX_LEN);
		return false;
	}
	*out = json_string_value(p);
	return true;
}

static bool read_territory(json_t *in, const char **out, bool required, struct http_resp *resp)
{
	json_t *t = json_object_get(in, "territory");
	*out = NULL;
	if (!t && !required)
		return true;
	if (!json_is_string(t) || !territory_is_valid(json_string_value(t))) {
		http_fail(resp, BG_INVALID, "territory: an ISO 3166-1 alpha-2 code (US, GB, ...)");
		return false;
	}
	*out = json_string_value(t);
	return true;
}

/* {"name", "password", "territory", "admin"?} -> 201, with a first profile named after the user. */
void h_user_post(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"name", "password", "territory", "admin", NULL};
	json_t *in = http_json_body(req, resp);
	const char *password, *territory;
	if (!in || !http_only_fields(in, fields, resp) || !read_password(in, &password, true, resp) ||
	    !read_territory(in, &territory, true, resp))
		goto out;
	json_t *name = json_object_get(in, "name"), *admin = json_object_get(in, "admin");
	if (!json_is_string(name) || !*json_string_value(name) ||
	    strlen(json_string_value(name)) > USER_NAME_MAX || strchr(json_string_value(name), '/')) {
		http_fail(resp, BG_INVALID, "name: 1 to %d characters, no '/'", USER_NAME_MAX);
		goto out;
	}
	if (admin && !json_is_boolean(admin)) {
		http_fail(resp, BG_INVALID, "admin: true or false");
		goto out;
	}
	if (!req->check) {
		http_hash_later(req, password);
		goto out;
	}
	if (!req->check->new_hashed) {
		http_fail(resp, BG_NOMEM, "cannot hash the password");
		goto out;
	}
	char now[DATE_TIME_LEN + 1];
	date_time_format(req->now, now);
	int64_t id, profile;
	enum bg_err rc = account_store_add_user(req->st, json_string_value(name),
	                                        req->check->new_hash, json_is_true(admin),
	                                        territory, now, &id);
	if (!rc)
		rc = account_store_add_profile(req->st, id, json_string_value(name), 18, false,
		                               NULL, &profile);
	answer_user(req, resp, rc, id, 201);
out:
	json_decref(in);
}

/* What a PATCH changes, written in one transaction: all of it or nothing. */
struct user_patch {
	int64_t id;
	const char *territory;     /* NULL: unchanged */
	int admin, disabled;       /* -1: unchanged */
	const char *password_hash; /* a reset; NULL: none */
	int max_streams;           /* 0: no limit; -1: unchanged */
};

static enum bg_err patch_user(struct store *st, void *ctx)
{
	const struct user_patch *p = ctx;
	enum bg_err rc = account_store_update_user(st, p->id, p->territory, p->admin, p->disabled);
	if (!rc && p->password_hash)
		rc = account_store_reset_password(st, p->id, p->password_hash);
	if (!rc && p->max_streams >= 0)
		rc = stream_store_set_limit(st, p->id, p->max_streams);
	return rc;
}

/* {"territory"?, "admin"?, "disabled"?, "password"? (a reset), "max_streams"?} -> 200. */
void h_user_patch(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"territory", "admin",       "disabled",
	                                     "password",  "max_streams", NULL};
	json_t *in = http_json_body(req, resp);
	const char *password, *territory;
	if (!in || !http_only_fields(in, fields, resp) ||
	    !read_password(in, &password, false, resp) || !read_territory(in, &territory, false, resp))
		goto out;
	json_t *admin = json_object_get(in, "admin"), *disabled = json_object_get(in, "disabled"),
	       *streams = json_object_get(in, "max_streams");
	if ((admin && !json_is_boolean(admin)) || (disabled && !json_is_boolean(disabled))) {
		http_fail(resp, BG_INVALID, "admin, disabled: true or false");
		goto out;
	}
	if (streams && !json_is_null(streams) &&
	    (!json_is_integer(streams) || json_integer_value(streams) < 1 ||
	     json_integer_value(streams) > 100)) {
		http_fail(resp, BG_INVALID, "max_streams: 1 to 100 devices at once, or null for no limit");
		goto out;
	}
	int64_t id = req->params[0];
	if (id == req->who.user.id && (json_is_false(admin) || json_is_true(disabled))) {
		http_fail(resp, BG_CONFLICT, "an admin cannot demote or disable its own account");
		goto out;
	}
	if (password && !req->check) {
		struct user u;
		enum bg_err rc = account_store_user(req->st, id, &u);
		if (rc)
			http_fail_store(resp, rc, req->st);
		else
			http_hash_later(req, password);
		goto out;
	}
	if (password && !req->check->new_hashed) {
		http_fail(resp, BG_NOMEM, "cannot hash the password");
		goto out;
	}
	struct user_patch p = {id, territory, admin ? json_is_true(admin) : -1,
	                       disabled ? json_is_true(disabled) : -1,
	                       password ? req->check->new_hash : NULL,
	                       streams ? (json_is_null(streams) ? 0 : (int)json_integer_value(streams))
	                               : -1};
	answer_user(req, resp, store_transact(req->st, patch_user, &p), id, 200);
out:
	json_decref(in);
}

void h_user_delete(struct http_req *req, struct http_resp *resp)
{
	if (req->params[0] == req->who.user.id) {
		http_fail(resp, BG_CONFLICT, "an admin cannot delete its own account");
		return;
	}
	enum bg_err rc = account_store_delete_user(req->st, req->params[0]);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, json_pack("{s:I,s:b}", "id", (json_int_t)req->params[0], "deleted", 1));
}
