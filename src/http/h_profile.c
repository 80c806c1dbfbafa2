/*
 * h_profile.c - an account's profiles, by its owner (the account token):
 * list, add, change, delete. As on Netflix, what loosens parental control
 * needs the account password: a higher ceiling, leaving the kids
 * experience, and any change to a PIN. The password is checked on the hash
 * pool (the handler's second call: req->check), which also hashes a new PIN.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account_store.h"
#include "account/auth.h"
#include "account/password.h"
#include "catalog/maturity.h"
#include "http/http.h"
#include "store/store.h"
#include "core/banned.h"

#define PROFILE_NAME_MAX 64
#define KIDS_CEILING_MAX 13

static json_t *profile_json(const struct profile *p)
{
	return json_pack("{s:I,s:s,s:s,s:b,s:b,s:o}", "id", (json_int_t)p->id, "name", p->name,
	                 "ceiling", maturity_label(p->ceiling), "kids", p->kids, "has_pin",
	                 p->has_pin, "avatar", p->avatar >= 0 ? json_integer(p->avatar) : json_null());
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
		json_array_append_new(items, profile_json(&list[i]));
	free(list);
	http_ok(resp, 200, json_pack("{s:o}", "items", items));
}

/* A request's profile fields, read over the profile as it is. */
struct profile_edit {
	struct profile p;
	const char *pin;  /* a new PIN, when "pin" is a string */
	bool clear_pin;   /* "pin": null */
	bool pin_given;   /* either */
	const char *password;
};

/* Reads body into e (e->p holds the profile as it is); false with a 400 set. */
static bool read_edit(json_t *in, struct profile_edit *e, bool create, struct http_resp *resp)
{
	static const char *const fields[] = {"name",   "kids", "ceiling", "avatar",
	                                     "pin",    "password", NULL};
	if (!http_only_fields(in, fields, resp))
		return false;
	json_t *name = json_object_get(in, "name"), *kids = json_object_get(in, "kids"),
	       *ceiling = json_object_get(in, "ceiling"), *avatar = json_object_get(in, "avatar"),
	       *pin = json_object_get(in, "pin"), *password = json_object_get(in, "password");
	if (name || create) {
		const char *s = json_is_string(name) ? json_string_value(name) : "";
		if (!*s || strspn(s, " ") == strlen(s) || strlen(s) > PROFILE_NAME_MAX) {
			http_fail(resp, BG_INVALID, "name: 1 to %d characters", PROFILE_NAME_MAX);
			return false;
		}
		snprintf(e->p.name, sizeof(e->p.name), "%s", s);
	}
	if (kids && !json_is_boolean(kids)) {
		http_fail(resp, BG_INVALID, "kids: true or false");
		return false;
	}
	if (kids)
		e->p.kids = json_is_true(kids);
	if (create && !ceiling)
		e->p.ceiling = e->p.kids ? 7 : MATURITY_UNRATED;
	if (ceiling && (!json_is_string(ceiling) ||
	                !maturity_parse_ceiling(json_string_value(ceiling), &e->p.ceiling))) {
		http_fail(resp, BG_INVALID, "ceiling: all, 7+, 13+, 16+ or 18+ (or a US rating)");
		return false;
	}
	if (e->p.kids && e->p.ceiling > KIDS_CEILING_MAX) {
		http_fail(resp, BG_INVALID, "ceiling: a kids profile's is at most 13+");
		return false;
	}
	if (avatar && !json_is_null(avatar) &&
	    (!json_is_integer(avatar) || json_integer_value(avatar) < 0 ||
	     json_integer_value(avatar) >= PROFILE_AVATARS)) {
		http_fail(resp, BG_INVALID, "avatar: a number from 0 to %d, or null", PROFILE_AVATARS - 1);
		return false;
	}
	if (avatar)
		e->p.avatar = json_is_null(avatar) ? -1 : (int)json_integer_value(avatar);
	if (pin && !json_is_null(pin) &&
	    (!json_is_string(pin) || !auth_pin_is_valid(json_string_value(pin)))) {
		http_fail(resp, BG_INVALID, "pin: 4 digits, or null to remove it");
		return false;
	}
	e->pin_given = pin != NULL;
	e->clear_pin = json_is_null(pin);
	e->pin = json_is_string(pin) ? json_string_value(pin) : NULL;
	if (password && (!json_is_string(password) || json_string_length(password) > PASSWORD_MAX_LEN)) {
		http_fail(resp, BG_INVALID, "password: the account's password");
		return false;
	}
	e->password = password ? json_string_value(password) : NULL;
	return true;
}

/* What in e loosens parental control over before (NULL for a new profile), or NULL. */
static const char *loosens(const struct profile_edit *e, const struct profile *before)
{
	if (e->pin_given)
		return "setting, changing or removing a PIN";
	if (before && e->p.ceiling > before->ceiling)
		return "raising the maturity ceiling";
	if (before && before->kids && !e->p.kids)
		return "turning a kids profile into a regular one";
	return NULL;
}

static void write_edit(struct http_req *req, struct http_resp *resp, struct profile_edit *e,
                       bool create)
{
	const char *pin_hash = e->pin ? req->check->new_hash : NULL;
	if (e->pin && !req->check->new_hashed) {
		http_fail(resp, BG_NOMEM, "cannot hash the PIN");
		return;
	}
	enum bg_err rc;
	if (create) {
		rc = account_store_add_profile(req->st, req->who.user.id, e->p.name, e->p.ceiling,
		                               e->p.kids, pin_hash, &e->p.id);
		if (!rc && e->p.avatar >= 0)
			rc = account_store_update_profile(req->st, &e->p, NULL, false);
	} else {
		rc = account_store_update_profile(req->st, &e->p, pin_hash, e->clear_pin);
	}
	struct profile stored;
	if (!rc)
		rc = account_store_profile(req->st, e->p.id, &stored, NULL);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, create ? 201 : 200, profile_json(&stored));
}

/*
 * POST /api/v1/profiles and PATCH /api/v1/profiles/{id}: first call, the
 * fields checked and, when the change loosens parental control, the
 * account password sent to the hash pool; second call (req->check), the
 * password's outcome, then the write.
 */
static void edit(struct http_req *req, struct http_resp *resp, bool create)
{
	struct profile_edit e = {.p = {.user_id = req->who.user.id, .avatar = -1}};
	struct profile before;
	if (!create) {
		enum bg_err rc = account_store_profile(req->st, req->params[0], &before, NULL);
		if (rc == BG_OK && before.user_id != req->who.user.id)
			rc = store_set_error(req->st, BG_NOT_FOUND, "no profile with id %lld",
			                     (long long)req->params[0]);
		if (rc) {
			http_fail_store(resp, rc, req->st);
			return;
		}
		e.p = before;
	}
	json_t *in = http_json_body(req, resp);
	if (!in || !read_edit(in, &e, create, resp))
		goto out;
	const char *why = loosens(&e, create ? NULL : &before);
	if (req->check) {
		enum bg_err rc =
		        auth_confirm_finish(req->st, &req->check->attempt, req->check->matched, req->now);
		if (rc)
			http_fail_store(resp, rc, req->st);
		else
			write_edit(req, resp, &e, create);
		goto out;
	}
	if (!why) {
		static const struct http_check none = {.matched = true};
		req->check = &none;
		write_edit(req, resp, &e, create);
		req->check = NULL;
		goto out;
	}
	if (!e.password) {
		http_fail(resp, BG_FORBIDDEN, "%s needs the account password (\"password\")", why);
		goto out;
	}
	struct auth_attempt a;
	enum bg_err rc = auth_password_begin(req->st, &req->who, req->client, req->now, &a,
	                                     &resp->retry_after);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_check_later(req, &a, e.password, e.pin);
out:
	json_decref(in);
}

void h_profile_post(struct http_req *req, struct http_resp *resp)
{
	edit(req, resp, true);
}

void h_profile_patch(struct http_req *req, struct http_resp *resp)
{
	edit(req, resp, false);
}

void h_profile_delete(struct http_req *req, struct http_resp *resp)
{
	enum bg_err rc = account_store_delete_profile(req->st, req->who.user.id, req->params[0]);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, json_pack("{s:I,s:b}", "id", (json_int_t)req->params[0], "deleted", 1));
}
