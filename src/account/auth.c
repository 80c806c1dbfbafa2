/* auth.c - login, profile selection, token checks; see auth.h. */
#include "account/auth.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "core/banned.h"

static enum bg_err issue_token(struct store *st, int64_t user_id, int64_t profile_id, int64_t now,
                               char token[TOKEN_LEN + 1])
{
	char digest[TOKEN_DIGEST_LEN + 1], created[DATE_TIME_LEN + 1], expires[DATE_TIME_LEN + 1];
	token_new(token);
	token_digest(token, digest);
	date_time_format(now, created);
	date_time_format(now + AUTH_TOKEN_TTL, expires);
	return account_store_add_session(st, digest, user_id, profile_id, created, expires);
}

enum bg_err auth_login(struct store *st, const char *name, const char *password, int64_t now,
                       char token[TOKEN_LEN + 1], int *retry_after)
{
	char subject[160];
	snprintf(subject, sizeof(subject), "user:%.128s", name);
	*retry_after = 0;
	enum bg_err rc = account_store_throttle_check(st, subject, now, retry_after);
	if (rc)
		return rc;
	struct user u;
	char *hash = NULL;
	rc = account_store_user_by_name(st, name, &u, &hash);
	if (rc && rc != BG_NOT_FOUND)
		return rc;
	bool ok = !rc && strlen(password) <= PASSWORD_MAX_LEN && password_verify(hash, password);
	free(hash);
	if (!ok) {
		rc = account_store_throttle_fail(st, subject, now);
		return rc ? rc
		          : store_set_error(st, BG_UNAUTHORIZED, "wrong user name or password");
	}
	rc = account_store_throttle_clear(st, subject);
	return rc ? rc : issue_token(st, u.id, 0, now, token);
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
	return account_store_principal(st, out->digest, at, &out->user, &out->profile,
	                               &out->has_profile);
}

enum bg_err auth_select_profile(struct store *st, const struct principal *who, int64_t profile_id,
                                const char *pin, int64_t now, char token[TOKEN_LEN + 1],
                                int *retry_after)
{
	struct profile p;
	char *pin_hash = NULL;
	*retry_after = 0;
	enum bg_err rc = account_store_profile(st, profile_id, &p, &pin_hash);
	if (!rc && p.user_id != who->user.id)
		rc = store_set_error(st, BG_NOT_FOUND, "no profile with id %lld on this account",
		                     (long long)profile_id);
	if (rc)
		goto out;
	if (pin_hash) {
		char subject[64];
		snprintf(subject, sizeof(subject), "pin:%lld", (long long)profile_id);
		rc = account_store_throttle_check(st, subject, now, retry_after);
		if (rc)
			goto out;
		if (!pin || !*pin) {
			rc = store_set_error(st, BG_FORBIDDEN, "this profile needs its PIN");
			goto out;
		}
		if (!auth_pin_is_valid(pin) || !password_verify(pin_hash, pin)) {
			rc = account_store_throttle_fail(st, subject, now);
			if (!rc)
				rc = store_set_error(st, BG_FORBIDDEN, "wrong PIN");
			goto out;
		}
		rc = account_store_throttle_clear(st, subject);
		if (rc)
			goto out;
	}
	rc = issue_token(st, who->user.id, profile_id, now, token);
out:
	free(pin_hash);
	return rc;
}

enum bg_err auth_logout(struct store *st, const struct principal *who)
{
	return account_store_revoke(st, who->digest);
}

void auth_viewer(const struct principal *who, int64_t now, struct viewer *out)
{
	memset(out, 0, sizeof(*out));
	out->unrestricted = who->user.admin && !who->has_profile;
	out->ceiling = who->has_profile ? who->profile.ceiling : 0;
	memcpy(out->territory, who->user.territory, sizeof(out->territory));
	date_time_format(now, out->now);
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
