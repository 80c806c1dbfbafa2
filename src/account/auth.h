/*
 * auth.h - logging in, choosing a profile, and knowing who is asking.
 *
 * Two kinds of bearer token: an account token from auth_login() (lists
 * profiles, selects one; for an admin it also reads and writes the whole
 * catalogue), and a profile token from auth_select_profile() (what viewer
 * endpoints need: it carries the profile's maturity ceiling). Both expire
 * after AUTH_TOKEN_TTL and can be revoked (auth_logout). Failed passwords
 * and PINs are throttled per user and per profile (account_store.h).
 */
#ifndef BINGE_ACCOUNT_AUTH_H
#define BINGE_ACCOUNT_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "account/password.h"
#include "store/account_store.h"
#include "store/visibility.h"

#define AUTH_TOKEN_TTL ((int64_t)7 * 86400)

struct store;

/* Who a valid token belongs to. */
struct principal {
	struct user user;
	bool has_profile;
	struct profile profile;
	char digest[TOKEN_DIGEST_LEN + 1]; /* of the token used */
};

/*
 * Checks name and password at time now and issues an account token.
 * Errors: BG_UNAUTHORIZED (wrong name or password; one message for both),
 * BG_RATE_LIMITED (too many failures; *retry_after seconds).
 */
enum bg_err auth_login(struct store *st, const char *name, const char *password, int64_t now,
                       char token[TOKEN_LEN + 1], int *retry_after);

/* Resolves a bearer token. Errors: BG_UNAUTHORIZED. */
enum bg_err auth_authenticate(struct store *st, const char *token, int64_t now,
                              struct principal *out);

/*
 * Issues a profile token for one of the caller's own profiles, checking its
 * PIN if it has one (pin may be NULL). Errors: BG_NOT_FOUND (no such profile
 * on this account), BG_FORBIDDEN (PIN missing or wrong), BG_RATE_LIMITED.
 */
enum bg_err auth_select_profile(struct store *st, const struct principal *who, int64_t profile_id,
                                const char *pin, int64_t now, char token[TOKEN_LEN + 1],
                                int *retry_after);

/* Revokes the token the principal authenticated with. */
enum bg_err auth_logout(struct store *st, const struct principal *who);

/*
 * What the principal may see at time now: a profile's ceiling in the
 * account's territory, or everything for an admin without a profile.
 */
void auth_viewer(const struct principal *who, int64_t now, struct viewer *out);

/* True if s is a 4-digit PIN. */
bool auth_pin_is_valid(const char *s);

#endif
