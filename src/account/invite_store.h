/*
 * invite_store.h - invitations: an admin makes a single-use link that opens one
 * account in a territory (as a viewer, or an admin) until it expires. Only
 * the token's digest is stored, as for sessions; the token is shown once.
 * Redeeming claims the invitation and adds the account (with a first
 * profile named after it) in one transaction, so a name already taken
 * leaves the invitation unused.
 */
#ifndef BINGE_ACCOUNT_INVITE_STORE_H
#define BINGE_ACCOUNT_INVITE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "account/password.h"
#include "core/date.h"
#include "core/err.h"

struct store;

#define INVITE_DAYS_DEFAULT 7
#define INVITE_DAYS_MAX     30

struct invite {
	int64_t id;
	char territory[3];
	bool admin;
	char created_at[32], expires_at[32], used_at[32]; /* used_at "" while unused */
	char used_by[128];                                /* the account it opened, "" if none */
};

/*
 * Makes an invitation by admin_id, valid days from now; token_out is its
 * secret (shown once), expires_out when it ends.
 */
enum bg_err invite_create(struct store *st, int64_t admin_id, const char *territory, bool admin,
                          int days, int64_t now, char token_out[TOKEN_LEN + 1],
                          char expires_out[DATE_TIME_LEN + 1], int64_t *id_out);

/* Every invitation, newest first. *out (caller frees) holds *n. */
enum bg_err invite_list(struct store *st, struct invite **out, size_t *n);

/* Withdraws invitation id. Errors: BG_NOT_FOUND. */
enum bg_err invite_delete(struct store *st, int64_t id);

/* Whether token opens an account now. Errors: BG_NOT_FOUND (unknown, used or expired). */
enum bg_err invite_check(struct store *st, const char *token, int64_t now);

/*
 * Claims token and adds the account name with password_hash and a first
 * profile, in one transaction. Errors: BG_NOT_FOUND (unknown, used or
 * expired), BG_CONFLICT (the name is taken: the invitation stays unused).
 */
enum bg_err invite_redeem(struct store *st, const char *token, const char *name,
                          const char *password_hash, int64_t now, int64_t *user_out);

#endif
