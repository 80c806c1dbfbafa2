/*
 * auth.h - logging in, choosing a profile, and knowing who is asking.
 *
 * Two kinds of bearer token: an account token from a login (lists
 * profiles, selects one, logs out, changes the password; for an admin it
 * also reads and writes the whole catalogue), and a profile token minted
 * from it by selecting a profile (what viewer endpoints need: it carries
 * the profile's maturity ceiling and never any admin right). Both expire
 * after AUTH_TOKEN_TTL. A login is revoked whole: logout revokes the
 * account token and every profile token minted from it, and a password
 * change revokes every login of the account.
 *
 * Secret checks cost half a second (argon2id), so logins, profile
 * selections and password changes come in two steps: *_begin() reads what
 * the check needs (the stored hash, or a dummy one for a name that does not
 * exist, so timing tells nothing), the caller runs the check where it
 * likes (the server on its hash pool, account/hash_pool.h), and *_finish()
 * records the outcome. The one-call forms run all of it on this thread.
 *
 * Throttling (account_store.h): failed logins per (user name, caller
 * address), after AUTH_LOGIN_FREE_FAILURES; every failure from one address,
 * whatever the name, after AUTH_ADDRESS_FREE_FAILURES; failed PINs per
 * profile. A caller that has not failed is never slowed by another's
 * failures on the same name.
 */
#ifndef BINGE_ACCOUNT_AUTH_H
#define BINGE_ACCOUNT_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "account/password.h"
#include "account/account_store.h"
#include "catalog/visibility.h"

#define AUTH_TOKEN_TTL             ((int64_t)7 * 86400)
#define AUTH_SEEN_EVERY_S          60 /* a token's last_seen is written at most this often */
#define AUTH_LOGIN_FREE_FAILURES   5
#define AUTH_ADDRESS_FREE_FAILURES 30
#define AUTH_CLIENT_MAX            64 /* an address as text, with its NUL */

struct store;

/* Who a valid token belongs to. */
struct principal {
	struct user user;
	bool has_profile;
	struct profile profile;
	char digest[TOKEN_DIGEST_LEN + 1]; /* of the token used */
	char login[TOKEN_DIGEST_LEN + 1];  /* of the account token it descends from */
};

/* A secret check under way: what *_begin found, for *_finish. */
struct auth_attempt {
	int64_t user_id;    /* login: 0 when the name does not exist */
	int64_t profile_id; /* profile selection */
	bool check_needed;  /* false: a profile without a PIN */
	char name[sizeof(((struct user *)0)->name)];
	char client[AUTH_CLIENT_MAX];
	char hash[PASSWORD_HASH_MAX]; /* to check the secret against */
	char device[161];             /* login: what signs in, for the device list */
};

/*
 * Login, step 1: the throttles for (name, client) and client, then the
 * user's hash (or the dummy hash). client is the caller's address.
 * Errors: BG_RATE_LIMITED (*retry_after seconds).
 */
enum bg_err auth_login_begin(struct store *st, const char *name, const char *client, int64_t now,
                             struct auth_attempt *out, int *retry_after);

/*
 * Login, step 3: records the check's outcome and issues an account token.
 * Errors: BG_UNAUTHORIZED (wrong name or password; one message for both).
 */
enum bg_err auth_login_finish(struct store *st, const struct auth_attempt *a, bool matched,
                              int64_t now, char token[TOKEN_LEN + 1]);

/* All three steps on this thread. Errors as above. */
enum bg_err auth_login(struct store *st, const char *name, const char *password, const char *client,
                       int64_t now, char token[TOKEN_LEN + 1], int *retry_after);

/* Resolves a bearer token. Errors: BG_UNAUTHORIZED. */
enum bg_err auth_authenticate(struct store *st, const char *token, int64_t now,
                              struct principal *out);

/*
 * Profile selection, step 1, by an account token's principal: the profile
 * must be the account's own. A profile with a PIN needs one (pin may be
 * NULL) and a check; out->check_needed says so. Errors: BG_NOT_FOUND (no
 * such profile on this account), BG_FORBIDDEN (PIN missing or not four
 * digits), BG_RATE_LIMITED.
 */
enum bg_err auth_select_begin(struct store *st, const struct principal *who, int64_t profile_id,
                              const char *pin, int64_t now, struct auth_attempt *out,
                              int *retry_after);

/*
 * Profile selection, step 3: records the PIN check (matched is ignored when
 * none was needed) and issues a profile token in the caller's login.
 * Errors: BG_FORBIDDEN (wrong PIN).
 */
enum bg_err auth_select_finish(struct store *st, const struct principal *who,
                               const struct auth_attempt *a, bool matched, int64_t now,
                               char token[TOKEN_LEN + 1]);

/* Both steps and the check on this thread. */
enum bg_err auth_select_profile(struct store *st, const struct principal *who, int64_t profile_id,
                                const char *pin, int64_t now, char token[TOKEN_LEN + 1],
                                int *retry_after);

/*
 * Password change, step 1: the throttles, as for a login of the caller's
 * own name, and the present hash. Errors: BG_RATE_LIMITED.
 */
enum bg_err auth_password_begin(struct store *st, const struct principal *who, const char *client,
                                int64_t now, struct auth_attempt *out, int *retry_after);

/*
 * Password change, step 3: if the present password matched, stores
 * new_hash, revokes every login of the account and issues a new account
 * token. Errors: BG_UNAUTHORIZED (the present password is wrong).
 */
enum bg_err auth_password_finish(struct store *st, const struct auth_attempt *a, bool matched,
                                 const char *new_hash, int64_t now, char token[TOKEN_LEN + 1]);

/*
 * A change that needs the account password (a profile's higher ceiling or
 * its PIN), step 3: records the check's outcome in the throttles, as
 * auth_password_finish() does. Errors: BG_UNAUTHORIZED (the password is wrong).
 */
enum bg_err auth_confirm_finish(struct store *st, const struct auth_attempt *a, bool matched,
                                int64_t now);

/* A login as its owner sees it: the device list of an account. */
struct device {
	int64_t id; /* stream_device_id() of the login: stable, and names nothing */
	struct login_info login;
	bool current; /* the caller's own */
};

/* who's account's logins that still answer at now, last seen first. *out (caller frees). */
enum bg_err auth_devices(struct store *st, const struct principal *who, int64_t now,
                         struct device **out, size_t *n);

/* Signs device id of who's account out (all its tokens). Errors: BG_NOT_FOUND. */
enum bg_err auth_device_revoke(struct store *st, const struct principal *who, int64_t id,
                               int64_t now);

/*
 * A new login for user_id (an account token), as a sign-in makes: for an
 * account just opened by an invitation. device and address may be NULL.
 */
enum bg_err auth_issue_login(struct store *st, int64_t user_id, int64_t now, const char *device,
                             const char *address, char token[TOKEN_LEN + 1]);

/* Revokes the principal's whole login: its account token and its profile tokens. */
enum bg_err auth_logout(struct store *st, const struct principal *who);

/*
 * What the principal may see at time now: a profile's ceiling in the
 * account's territory, or everything for an admin's account token.
 */
void auth_viewer(const struct principal *who, int64_t now, struct viewer *out);

/* True if s is a 4-digit PIN. */
bool auth_pin_is_valid(const char *s);

#endif
