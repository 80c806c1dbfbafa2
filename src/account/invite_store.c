/* invite_store.c - single-use account invitations; see invite_store.h. */
#include "account/invite_store.h"

#include <stdio.h>
#include <string.h>

#include "account/account_store.h"
#include "core/date.h"
#include "store/store.h"
#include "core/banned.h"

enum bg_err invite_create(struct store *st, int64_t admin_id, const char *territory, bool admin,
                          int days, int64_t now, char token_out[TOKEN_LEN + 1],
                          char expires_out[DATE_TIME_LEN + 1], int64_t *id_out)
{
	char digest[TOKEN_DIGEST_LEN + 1], at[DATE_TIME_LEN + 1];
	token_new(token_out);
	token_digest(token_out, digest);
	date_time_format(now, at);
	date_time_format(now + (int64_t)days * 86400, expires_out);
	return store_run(st, id_out,
	                 "INSERT INTO invite (token_hash, territory, admin, created_by, created_at,"
	                 " expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
	                 "ttditt", digest, territory, admin ? 1 : 0, admin_id, at, expires_out);
}

static void read_invite(struct store_stmt *stmt, void *item)
{
	struct invite *i = item;
	i->id = store_col_int(stmt, 0);
	store_col_copy(stmt, 1, i->territory, sizeof(i->territory));
	i->admin = store_col_int(stmt, 2) != 0;
	store_col_copy(stmt, 3, i->created_at, sizeof(i->created_at));
	store_col_copy(stmt, 4, i->expires_at, sizeof(i->expires_at));
	store_col_copy(stmt, 5, i->used_at, sizeof(i->used_at));
	store_col_copy(stmt, 6, i->used_by, sizeof(i->used_by));
}

enum bg_err invite_list(struct store *st, struct invite **out, size_t *n)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "SELECT i.id, i.territory, i.admin, i.created_at, i.expires_at,"
	                               " i.used_at, u.name FROM invite i"
	                               " LEFT JOIN app_user u ON u.id = i.used_by"
	                               " ORDER BY i.created_at DESC, i.id DESC",
	                               &stmt);
	return rc ? rc : store_collect(stmt, sizeof(**out), read_invite, NULL, out, n);
}

enum bg_err invite_delete(struct store *st, int64_t id)
{
	int64_t gone;
	enum bg_err rc = store_run(st, &gone, "DELETE FROM invite WHERE id = ? RETURNING id", "i", id);
	if (rc == BG_NOT_FOUND)
		return store_set_error(st, BG_NOT_FOUND, "no invitation with id %lld", (long long)id);
	return rc;
}

static enum bg_err unusable(struct store *st)
{
	return store_set_error(st, BG_NOT_FOUND, "this invitation is unknown, used or expired");
}

enum bg_err invite_check(struct store *st, const char *token, int64_t now)
{
	char digest[TOKEN_DIGEST_LEN + 1], at[DATE_TIME_LEN + 1];
	if (strlen(token) != TOKEN_LEN)
		return unusable(st);
	token_digest(token, digest);
	date_time_format(now, at);
	int64_t id;
	enum bg_err rc = store_run(st, &id,
	                           "SELECT id FROM invite WHERE token_hash = ? AND used_at IS NULL"
	                           " AND expires_at > ?",
	                           "tt", digest, at);
	return rc == BG_NOT_FOUND ? unusable(st) : rc;
}

struct redeem {
	const char *token, *name, *hash;
	int64_t now, user;
};

static enum bg_err redeem_tx(struct store *st, void *ctx)
{
	struct redeem *r = ctx;
	char digest[TOKEN_DIGEST_LEN + 1], at[DATE_TIME_LEN + 1];
	if (strlen(r->token) != TOKEN_LEN)
		return unusable(st);
	token_digest(r->token, digest);
	date_time_format(r->now, at);
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "UPDATE invite SET used_at = ? WHERE token_hash = ?"
	                               " AND used_at IS NULL AND expires_at > ?"
	                               " RETURNING id, territory, admin",
	                               &stmt);
	if (rc)
		return rc;
	store_bind_text(stmt, 1, at);
	store_bind_text(stmt, 2, digest);
	store_bind_text(stmt, 3, at);
	char territory[3] = "";
	int64_t invite = 0;
	bool admin = false;
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		invite = store_col_int(stmt, 0);
		store_col_copy(stmt, 1, territory, sizeof(territory));
		admin = store_col_int(stmt, 2) != 0;
		rc = BG_OK;
	} else if (rc == BG_DONE) {
		rc = unusable(st);
	}
	store_finalize(stmt);
	int64_t profile;
	if (!rc)
		rc = account_store_add_user(st, r->name, r->hash, admin, territory, at, &r->user);
	if (!rc)
		rc = account_store_add_profile(st, r->user, r->name, 18, false, NULL, &profile);
	if (!rc)
		rc = store_run(st, NULL, "UPDATE invite SET used_by = ? WHERE id = ?", "ii", r->user,
		               invite);
	return rc;
}

enum bg_err invite_redeem(struct store *st, const char *token, const char *name,
                          const char *password_hash, int64_t now, int64_t *user_out)
{
	struct redeem r = {token, name, password_hash, now, 0};
	enum bg_err rc = store_transact(st, redeem_tx, &r);
	*user_out = r.user;
	return rc;
}
