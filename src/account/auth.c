/* auth.c - login, profile selection, password changes, token checks; see auth.h. */
#include "account/auth.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/stream_store.h"
#include "core/mem.h"
#include "store/store.h"
#include "core/banned.h"

/* device and address: an account token's (a login's); NULL for a profile token. */
static enum bg_err issue_token(struct store *st, int64_t user_id, int64_t profile_id,
                               const char *login, int64_t now, const char *device,
                               const char *address, char token[TOKEN_LEN + 1])
{
	char digest[TOKEN_DIGEST_LEN + 1], created[DATE_TIME_LEN + 1], expires[DATE_TIME_LEN + 1];
	token_new(token);
	token_digest(token, digest);
	date_time_format(now, created);
	date_time_format(now + AUTH_TOKEN_TTL, expires);
	return account_store_add_session(st, digest, login, user_id, profile_id, created, expires,
	                                 device && *device ? device : NULL,
	                                 address && *address ? address : NULL);
}

/* The throttle subjects of a login: the name from this address, and the address. */
static void login_subjects(const struct auth_attempt *a, char name_subject[256],
                           char address_subject[96])
{
	snprintf(name_subject, 256, "login:%s|%s", a->client, a->name);
	snprintf(address_subject, 96, "addr:%s", a->client);
}

static enum bg_err login_throttles(struct store *st, const struct auth_attempt *a, int64_t now,
                                   int *retry_after)
{
	char by_name[256], by_address[96];
	login_subjects(a, by_name, by_address);
	enum bg_err rc = account_store_throttle_check(st, by_name, AUTH_LOGIN_FREE_FAILURES, now,
	                                              retry_after);
	if (!rc)
		rc = account_store_throttle_check(st, by_address, AUTH_ADDRESS_FREE_FAILURES, now,
		                                  retry_after);
	return rc;
}

/* Records a login's outcome in both throttles; a success forgets the name's failures. */
static enum bg_err login_outcome(struct store *st, const struct auth_attempt *a, bool matched,
                                 int64_t now)
{
	char by_name[256], by_address[96];
	login_subjects(a, by_name, by_address);
	if (matched)
		return account_store_throttle_clear(st, by_name);
	enum bg_err rc = account_store_throttle_fail(st, by_name, now);
	if (!rc)
		rc = account_store_throttle_fail(st, by_address, now);
	return rc;
}

enum bg_err auth_login_begin(struct store *st, const char *name, const char *client, int64_t now,
                             struct auth_attempt *out, int *retry_after)
{
	memset(out, 0, sizeof(*out));
	*retry_after = 0;
	snprintf(out->name, sizeof(out->name), "%s", name);
	snprintf(out->client, sizeof(out->client), "%s", client ? client : "");
	out->check_needed = true;
	enum bg_err rc = login_throttles(st, out, now, retry_after);
	if (rc)
		return rc;
	struct user u;
	char *hash = NULL;
	rc = strlen(name) < sizeof(out->name) ? account_store_user_by_name(st, name, &u, &hash)
	                                      : BG_NOT_FOUND;
	if (rc && rc != BG_NOT_FOUND)
		return rc;
	/* An unknown name costs the same check as a known one. */
	snprintf(out->hash, sizeof(out->hash), "%s", rc ? password_dummy_hash() : hash);
	out->user_id = rc ? 0 : u.id;
	free(hash);
	return BG_OK;
}

enum bg_err auth_login_finish(struct store *st, const struct auth_attempt *a, bool matched,
                              int64_t now, char token[TOKEN_LEN + 1])
{
	matched = matched && a->user_id;
	enum bg_err rc = login_outcome(st, a, matched, now);
	if (rc)
		return rc;
	if (!matched)
		return store_set_error(st, BG_UNAUTHORIZED, "wrong user name or password");
	/* Said only to whoever knows the password. */
	struct user u;
	rc = account_store_user(st, a->user_id, &u);
	if (!rc && u.disabled)
		return store_set_error(st, BG_FORBIDDEN,
		                       "this account is disabled: ask the service's operator");
	return rc ? rc : issue_token(st, a->user_id, 0, NULL, now, a->device, a->client, token);
}

enum bg_err auth_login(struct store *st, const char *name, const char *password, const char *client,
                       int64_t now, char token[TOKEN_LEN + 1], int *retry_after)
{
	struct auth_attempt a;
	enum bg_err rc = auth_login_begin(st, name, client, now, &a, retry_after);
	if (rc)
		return rc;
	bool matched = strlen(password) <= PASSWORD_MAX_LEN && password_verify(a.hash, password);
	return auth_login_finish(st, &a, matched, now, token);
}

enum bg_err auth_authenticate(struct store *st, const char *token, int64_t now,
                              struct principal *out)
{
	memset(out, 0, sizeof(*out));
	if (!token || strlen(token) != TOKEN_LEN)
		return store_set_error(st, BG_UNAUTHORIZED, "a valid bearer token is required");
	char at[DATE_TIME_LEN + 1];
	date_time_format(now, at);
	token_digest(token, out->digest);
	char last_seen[DATE_TIME_LEN + 1] = "";
	enum bg_err rc = account_store_principal(st, out->digest, at, &out->user, &out->profile,
	                                         &out->has_profile, out->login, sizeof(out->login),
	                                         last_seen);
	/* Seen: written at most once a minute per token, so reads stay reads. */
	char stale[DATE_TIME_LEN + 1];
	date_time_format(now - AUTH_SEEN_EVERY_S, stale);
	if (!rc && strcmp(last_seen, stale) < 0)
		rc = account_store_touch_session(st, out->digest, at);
	return rc;
}

enum bg_err auth_devices(struct store *st, const struct principal *who, int64_t now,
                         struct device **out, size_t *n)
{
	char at[DATE_TIME_LEN + 1];
	date_time_format(now, at);
	struct login_info *logins = NULL;
	enum bg_err rc = account_store_logins(st, who->user.id, at, &logins, n);
	*out = NULL;
	if (rc || !*n) {
		free(logins);
		return rc;
	}
	*out = xcalloc(*n, sizeof(**out));
	for (size_t i = 0; i < *n; i++)
		(*out)[i] = (struct device){.id = stream_device_id(logins[i].login),
		                            .login = logins[i],
		                            .current = strcmp(logins[i].login, who->login) == 0};
	free(logins);
	return BG_OK;
}

enum bg_err auth_device_revoke(struct store *st, const struct principal *who, int64_t id,
                               int64_t now)
{
	struct device *list = NULL;
	size_t n = 0;
	enum bg_err rc = auth_devices(st, who, now, &list, &n);
	size_t i = 0;
	while (!rc && i < n && list[i].id != id)
		i++;
	if (!rc && i == n)
		rc = store_set_error(st, BG_NOT_FOUND, "no device %lld signed in to this account",
		                     (long long)id);
	if (!rc)
		rc = account_store_revoke_login(st, list[i].login.login);
	free(list);
	return rc;
}

static void pin_subject(int64_t profile_id, char out[64])
{
	snprintf(out, 64, "pin:%lld", (long long)profile_id);
}

enum bg_err auth_select_begin(struct store *st, const struct principal *who, int64_t profile_id,
                              const char *pin, int64_t now, struct auth_attempt *out,
                              int *retry_after)
{
	memset(out, 0, sizeof(*out));
	*retry_after = 0;
	struct profile p;
	char *pin_hash = NULL, subject[64];
	enum bg_err rc = account_store_profile(st, profile_id, &p, &pin_hash);
	if (!rc && p.user_id != who->user.id)
		rc = store_set_error(st, BG_NOT_FOUND, "no profile with id %lld on this account",
		                     (long long)profile_id);
	if (rc)
		goto out;
	out->user_id = who->user.id;
	out->profile_id = profile_id;
	out->check_needed = pin_hash != NULL;
	if (!pin_hash)
		goto out;
	pin_subject(profile_id, subject);
	rc = account_store_throttle_check(st, subject, AUTH_LOGIN_FREE_FAILURES, now, retry_after);
	if (rc)
		goto out;
	if (!pin || !*pin) {
		rc = store_set_error(st, BG_FORBIDDEN, "this profile needs its PIN");
		goto out;
	}
	if (!auth_pin_is_valid(pin)) {
		rc = account_store_throttle_fail(st, subject, now);
		if (!rc)
			rc = store_set_error(st, BG_FORBIDDEN, "wrong PIN");
		goto out;
	}
	snprintf(out->hash, sizeof(out->hash), "%s", pin_hash);
out:
	free(pin_hash);
	return rc;
}

enum bg_err auth_select_finish(struct store *st, const struct principal *who,
                               const struct auth_attempt *a, bool matched, int64_t now,
                               char token[TOKEN_LEN + 1])
{
	if (a->check_needed) {
		char subject[64];
		pin_subject(a->profile_id, subject);
		enum bg_err rc = matched ? account_store_throttle_clear(st, subject)
		                         : account_store_throttle_fail(st, subject, now);
		if (rc)
			return rc;
		if (!matched)
			return store_set_error(st, BG_FORBIDDEN, "wrong PIN");
	}
	return issue_token(st, who->user.id, a->profile_id, who->login, now, NULL, NULL, token);
}

enum bg_err auth_select_profile(struct store *st, const struct principal *who, int64_t profile_id,
                                const char *pin, int64_t now, char token[TOKEN_LEN + 1],
                                int *retry_after)
{
	struct auth_attempt a;
	enum bg_err rc = auth_select_begin(st, who, profile_id, pin, now, &a, retry_after);
	if (rc)
		return rc;
	bool matched = a.check_needed && password_verify(a.hash, pin);
	return auth_select_finish(st, who, &a, matched, now, token);
}

enum bg_err auth_password_begin(struct store *st, const struct principal *who, const char *client,
                                int64_t now, struct auth_attempt *out, int *retry_after)
{
	enum bg_err rc = auth_login_begin(st, who->user.name, client, now, out, retry_after);
	if (!rc && out->user_id != who->user.id) /* renamed or gone since the token was read */
		rc = store_set_error(st, BG_UNAUTHORIZED, "the account has changed; sign in again");
	return rc;
}

enum bg_err auth_password_finish(struct store *st, const struct auth_attempt *a, bool matched,
                                 const char *new_hash, int64_t now, char token[TOKEN_LEN + 1])
{
	enum bg_err rc = login_outcome(st, a, matched, now);
	if (rc)
		return rc;
	if (!matched)
		return store_set_error(st, BG_UNAUTHORIZED, "the present password is wrong");
	rc = account_store_set_password(st, a->user_id, new_hash);
	return rc ? rc : issue_token(st, a->user_id, 0, NULL, now, a->device, a->client, token);
}

enum bg_err auth_issue_login(struct store *st, int64_t user_id, int64_t now, const char *device,
                             const char *address, char token[TOKEN_LEN + 1])
{
	return issue_token(st, user_id, 0, NULL, now, device, address, token);
}

enum bg_err auth_confirm_finish(struct store *st, const struct auth_attempt *a, bool matched,
                                int64_t now)
{
	enum bg_err rc = login_outcome(st, a, matched, now);
	if (!rc && !matched)
		rc = store_set_error(st, BG_UNAUTHORIZED, "the account password is wrong");
	return rc;
}

enum bg_err auth_logout(struct store *st, const struct principal *who)
{
	return account_store_revoke_login(st, who->login);
}

void auth_viewer(const struct principal *who, int64_t now, struct viewer *out)
{
	viewer_init_profile(out, who->has_profile ? who->profile.ceiling : 0, who->user.territory,
	                    now);
	out->unrestricted = who->user.admin && !who->has_profile;
}

bool auth_pin_is_valid(const char *s)
{
	if (strlen(s) != 4)
		return false;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}
