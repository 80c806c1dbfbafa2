/*
 * account_store.h - users, profiles, sessions and login throttling in the
 * store. Secrets arrive already hashed (account/password.h); this module
 * never sees a password, PIN or token in clear.
 *
 * Limits: at most ACCOUNT_MAX_PROFILES profiles per user.
 */
#ifndef BINGE_ACCOUNT_ACCOUNT_STORE_H
#define BINGE_ACCOUNT_ACCOUNT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"

struct store;

#define ACCOUNT_MAX_PROFILES 5

struct user {
	int64_t id;
	char name[128];
	bool admin;
	char territory[3];
	int max_kbps; /* cap on the account's streams; 0: none */
	bool disabled;             /* cannot sign in; its tokens do not answer */
	bool must_change_password; /* its next sign-in may only change the password */
};

struct profile {
	int64_t id;
	int64_t user_id;
	char name[128];
	int ceiling; /* age level */
	bool kids;
	bool has_pin;
	int max_kbps; /* cap on the profile's streams; 0: none */
	int still_watching_after; /* autoplays in a row before "Are you still watching?"; 0: never */
	int avatar;               /* the picked avatar, 0..PROFILE_AVATARS-1; -1: from the name */
};

#define PROFILE_AVATARS 12

#define STILL_WATCHING_DEFAULT     3
#define STILL_WATCHING_DEFAULT_SQL "3"
#define STILL_WATCHING_MAX         10

/* Sets after how many autoplays in a row the player asks (0: never). Errors: BG_NOT_FOUND. */
enum bg_err account_store_set_still_watching(struct store *st, int64_t profile_id, int after);

/* Adds a user. Errors: BG_CONFLICT (name taken). */
enum bg_err account_store_add_user(struct store *st, const char *name, const char *password_hash,
                                   bool admin, const char *territory, const char *now,
                                   int64_t *id_out);

/* All users by name. *out is an array the caller frees. */
enum bg_err account_store_users(struct store *st, struct user **out, size_t *count);

/*
 * Finds a user by name; *hash_out (if not NULL) gets the password hash, a
 * string the caller frees. Errors: BG_NOT_FOUND.
 */
enum bg_err account_store_user_by_name(struct store *st, const char *name, struct user *out,
                                       char **hash_out);

enum bg_err account_store_user(struct store *st, int64_t id, struct user *out);

/*
 * Changes what an admin sets of user id: territory (NULL: unchanged), admin
 * and disabled (1 or 0; -1: unchanged). Disabling revokes every login of
 * the account. Errors: BG_NOT_FOUND.
 */
enum bg_err account_store_update_user(struct store *st, int64_t id, const char *territory,
                                      int admin, int disabled);

/*
 * Deletes user id with all that is its own: profiles, and through them
 * positions, watched marks, track choices, viewing events; sessions.
 * Errors: BG_NOT_FOUND.
 */
enum bg_err account_store_delete_user(struct store *st, int64_t id);

/* A user as the admin page lists it. */
struct user_activity {
	struct user user;
	char created_at[32];
	char last_active[32]; /* its latest sign-in or profile selection; "" if none */
	int profiles;
	int streams;     /* its devices streaming now (account/stream_store.h): seen since `since` */
	int max_streams; /* the limit on them; 0: none */
};

/* Every user by name, with its activity; streams counts those seen after since. */
enum bg_err account_store_user_activity(struct store *st, const char *since,
                                        struct user_activity **out, size_t *count);

/*
 * Adds a profile to a user. pin_hash may be NULL. Errors: BG_CONFLICT (name
 * taken on this account, or ACCOUNT_MAX_PROFILES reached).
 */
enum bg_err account_store_add_profile(struct store *st, int64_t user_id, const char *name,
                                      int ceiling, bool kids, const char *pin_hash,
                                      int64_t *id_out);

/*
 * Writes p's name, ceiling, kids flag and avatar over profile p->id. The PIN:
 * pin_hash non-NULL sets it, clear_pin removes it, else it stays.
 * Errors: BG_NOT_FOUND, BG_CONFLICT (the name is another profile's).
 */
enum bg_err account_store_update_profile(struct store *st, const struct profile *p,
                                         const char *pin_hash, bool clear_pin);

/*
 * Deletes profile id of user_id with what is its own: positions, watched
 * marks, track choices, its viewing events and its sessions (the foreign
 * keys cascade). Errors: BG_NOT_FOUND (not this user's),
 * BG_CONFLICT (the account's last profile).
 */
enum bg_err account_store_delete_profile(struct store *st, int64_t user_id, int64_t id);

/* A user's profiles by id. *out is an array the caller frees. */
enum bg_err account_store_profiles(struct store *st, int64_t user_id, struct profile **out,
                                   size_t *count);

/* One profile; *pin_hash_out (if not NULL) gets its PIN hash or NULL. */
enum bg_err account_store_profile(struct store *st, int64_t id, struct profile *out,
                                  char **pin_hash_out);

/*
 * The profile named by ref: its id, or "USER/PROFILE". Errors:
 * BG_NOT_FOUND with a message naming ref.
 */
enum bg_err account_store_profile_ref(struct store *st, const char *ref, int64_t *id_out);

/*
 * Records a session (token digest) for a user and optionally a profile (0 =
 * none). login is the digest of the account token it descends from (NULL:
 * this is an account token, its own login).
 */
enum bg_err account_store_add_session(struct store *st, const char *digest, const char *login,
                                      int64_t user_id, int64_t profile_id, const char *now,
                                      const char *expires, const char *device,
                                      const char *address);

/*
 * The live session for a token digest at time now, in one query: its user
 * and (if the session has one) its profile; *has_profile says which, and
 * login (login_len bytes) gets the digest of its login.
 * Errors: BG_UNAUTHORIZED (unknown, expired or revoked).
 */
enum bg_err account_store_principal(struct store *st, const char *digest, const char *now,
                                    struct user *user, struct profile *profile, bool *has_profile,
                                    char *login, size_t login_len,
                                    char last_seen[DATE_TIME_LEN + 1]);

/* Records that the token with this digest was used at now. */
enum bg_err account_store_touch_session(struct store *st, const char *digest, const char *now);

/* A login (a device): its account token and the profile tokens minted from it. */
struct login_info {
	char login[65]; /* the account token's digest */
	char created_at[32], last_seen[32];
	char device[161], address[64];
};

/*
 * user_id's logins that still answer at now, last seen first. *out
 * (caller frees) holds *n.
 */
enum bg_err account_store_logins(struct store *st, int64_t user_id, const char *now,
                                 struct login_info **out, size_t *n);

/* Revokes a login: its account token and every profile token minted from it. */
enum bg_err account_store_revoke_login(struct store *st, const char *login);

/* Replaces a user's password hash and revokes every session of the user, in one transaction. */
/*
 * Caps the bitrate of what one account (profile_id 0) or one profile is
 * streamed, in kb/s (0: no cap); the playback decision takes the smallest
 * of these and the server's --stream-kbps.
 */
enum bg_err account_store_set_stream_kbps(struct store *st, int64_t user_id, int64_t profile_id,
                                          int kbps);

enum bg_err account_store_set_password(struct store *st, int64_t user_id, const char *hash);

/*
 * An admin's reset: stores hash, revokes every login, and makes the next
 * sign-in change the password before anything else.
 */
enum bg_err account_store_reset_password(struct store *st, int64_t user_id, const char *hash);

/*
 * Login throttling per subject: after `free_failures` failures in a row,
 * each further attempt must wait 2^(extra failures) seconds (at most
 * THROTTLE_MAX_WAIT) after the last failure. A subject whose last failure is
 * THROTTLE_FORGET_AFTER old starts again from nothing, and its row is
 * deleted by the next failure recorded anywhere. check returns
 * BG_RATE_LIMITED with *retry_after set; fail records a failure; clear
 * forgets them.
 */
#define THROTTLE_MAX_WAIT     900
#define THROTTLE_FORGET_AFTER ((int64_t)86400)
enum bg_err account_store_throttle_check(struct store *st, const char *subject, int free_failures,
                                         int64_t now, int *retry_after);
enum bg_err account_store_throttle_fail(struct store *st, const char *subject, int64_t now);
enum bg_err account_store_throttle_clear(struct store *st, const char *subject);

#endif
