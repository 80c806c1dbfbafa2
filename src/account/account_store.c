/* account_store.c - users, profiles, sessions, throttling; see account_store.h. */
#include "account/account_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "store/store.h"
#include "store/generation.h"
#include "core/banned.h"

enum bg_err account_store_add_user(struct store *st, const char *name, const char *password_hash,
                                   bool admin, const char *territory, const char *now,
                                   int64_t *id_out)
{
	enum bg_err rc =
	        store_run(st, id_out,
	                  "INSERT INTO app_user (name, password_hash, role, territory, created_at)"
	                  " VALUES (?, ?, ?, ?, ?) RETURNING id",
	                  "ttttt", name, password_hash, admin ? "admin" : "viewer", territory, now);
	if (rc == BG_CONFLICT)
		return store_set_error(st, BG_CONFLICT, "a user named '%s' already exists", name);
	return rc;
}

#define USER_COLUMNS                                                                    \
	"SELECT id, name, role, territory, password_hash, max_kbps, disabled,"          \
	" must_change_password FROM app_user "

static void read_user(struct store_stmt *stmt, void *item)
{
	struct user *u = item;
	u->id = store_col_int(stmt, 0);
	store_col_copy(stmt, 1, u->name, sizeof(u->name));
	const char *role = store_col_text(stmt, 2);
	u->admin = role && strcmp(role, "admin") == 0;
	store_col_copy(stmt, 3, u->territory, sizeof(u->territory));
	u->max_kbps = (int)store_col_int(stmt, 5);
	u->disabled = store_col_int(stmt, 6) != 0;
	u->must_change_password = store_col_int(stmt, 7) != 0;
}

enum bg_err account_store_users(struct store *st, struct user **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, USER_COLUMNS "ORDER BY name", &stmt);
	if (rc)
		return rc;
	return store_collect(stmt, sizeof(struct user), read_user, NULL, out, count);
}

static enum bg_err one_user(struct store *st, const char *sql, const char *name, int64_t id,
                            struct user *out, char **hash_out)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, sql, &stmt);
	if (rc)
		return rc;
	if (name)
		store_bind_text(stmt, 1, name);
	else
		store_bind_int(stmt, 1, id);
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		read_user(stmt, out);
		if (hash_out)
			*hash_out = xstrdup(store_col_text(stmt, 4));
		rc = BG_OK;
	} else if (rc == BG_DONE) {
		rc = name ? store_set_error(st, BG_NOT_FOUND, "no user named '%s'", name)
		          : store_set_error(st, BG_NOT_FOUND, "no user with id %lld",
		                            (long long)id);
	}
	store_finalize(stmt);
	return rc;
}

enum bg_err account_store_user_by_name(struct store *st, const char *name, struct user *out,
                                       char **hash_out)
{
	return one_user(st, USER_COLUMNS "WHERE name = ?", name, 0, out, hash_out);
}

enum bg_err account_store_user(struct store *st, int64_t id, struct user *out)
{
	return one_user(st, USER_COLUMNS "WHERE id = ?", NULL, id, out, NULL);
}

enum bg_err account_store_add_profile(struct store *st, int64_t user_id, const char *name,
                                      int ceiling, bool kids, const char *pin_hash, int64_t *id_out)
{
	int64_t n = 0;
	enum bg_err rc =
	        store_run(st, &n, "SELECT COUNT(*) FROM profile WHERE user_id = ?", "i", user_id);
	if (rc)
		return rc;
	if (n >= ACCOUNT_MAX_PROFILES)
		return store_set_error(st, BG_CONFLICT, "an account has at most %d profiles",
		                       ACCOUNT_MAX_PROFILES);
	rc = store_run(st, id_out,
	               "INSERT INTO profile (user_id, name, ceiling, kids, pin_hash)"
	               " VALUES (?, ?, ?, ?, ?) RETURNING id",
	               "itddt", user_id, name, ceiling, kids ? 1 : 0, pin_hash);
	if (rc == BG_CONFLICT)
		return store_set_error(st, BG_CONFLICT,
		                       "this account already has a profile named '%s'", name);
	return rc;
}

#define PROFILE_COLUMNS                                                                 \
	"SELECT id, user_id, name, ceiling, kids, pin_hash, max_kbps,"                  \
	" COALESCE(still_watching_after, " STILL_WATCHING_DEFAULT_SQL "),"              \
	" COALESCE(avatar, -1) FROM profile "

/* Reads PROFILE_COLUMNS' nine columns starting at column first. */
static void read_profile(struct store_stmt *stmt, int first, struct profile *p)
{
	p->id = store_col_int(stmt, first);
	p->user_id = store_col_int(stmt, first + 1);
	store_col_copy(stmt, first + 2, p->name, sizeof(p->name));
	p->ceiling = (int)store_col_int(stmt, first + 3);
	p->kids = store_col_int(stmt, first + 4) != 0;
	p->has_pin = !store_col_is_null(stmt, first + 5);
	p->max_kbps = (int)store_col_int(stmt, first + 6);
	p->still_watching_after = (int)store_col_int(stmt, first + 7);
	p->avatar = (int)store_col_int(stmt, first + 8);
}

static void read_profile_item(struct store_stmt *stmt, void *item)
{
	read_profile(stmt, 0, item);
}

struct update_profile_args {
	const struct profile *p;
	const char *pin_hash;
	bool clear_pin;
};

static enum bg_err update_profile_tx(struct store *st, void *ctx)
{
	const struct update_profile_args *a = ctx;
	const struct profile *p = a->p;
	int64_t id;
	enum bg_err rc = store_run(
	        st, &id,
	        "UPDATE profile SET name = ?, ceiling = ?, kids = ?, avatar = NULLIF(?, -1),"
	        " pin_hash = CASE WHEN ? = 1 THEN NULL ELSE COALESCE(?, pin_hash) END"
	        " WHERE id = ? RETURNING id",
	        "tddddti", p->name, p->ceiling, p->kids ? 1 : 0, p->avatar, a->clear_pin ? 1 : 0,
	        a->pin_hash, p->id);
	if (rc == BG_CONFLICT)
		return store_set_error(st, BG_CONFLICT,
		                       "this account already has a profile named '%s'", p->name);
	if (rc == BG_NOT_FOUND)
		return store_set_error(st, BG_NOT_FOUND, "no profile with id %lld", (long long)p->id);
	return rc ? rc : generation_bump(st, GENERATION_ACCOUNT); /* the ceiling may have changed */
}

enum bg_err account_store_update_profile(struct store *st, const struct profile *p,
                                         const char *pin_hash, bool clear_pin)
{
	struct update_profile_args a = {p, pin_hash, clear_pin};
	return store_transact(st, update_profile_tx, &a);
}

struct delete_profile_args {
	int64_t user_id, id;
};

static enum bg_err delete_profile_tx(struct store *st, void *ctx)
{
	struct delete_profile_args *a = ctx;
	int64_t owner = 0, count = 0;
	enum bg_err rc = store_run(st, &owner, "SELECT user_id FROM profile WHERE id = ?", "i", a->id);
	if (rc == BG_NOT_FOUND || (!rc && owner != a->user_id))
		return store_set_error(st, BG_NOT_FOUND, "no profile with id %lld on this account",
		                       (long long)a->id);
	if (!rc)
		rc = store_run(st, &count, "SELECT COUNT(*) FROM profile WHERE user_id = ?", "i",
		               a->user_id);
	if (!rc && count <= 1)
		return store_set_error(st, BG_CONFLICT,
		                       "an account keeps at least one profile: add another first");
	if (!rc)
		rc = store_run(st, NULL, "DELETE FROM profile WHERE id = ?", "i", a->id);
	if (!rc)
		rc = generation_bump(st, GENERATION_ACCOUNT);
	return rc;
}

enum bg_err account_store_delete_profile(struct store *st, int64_t user_id, int64_t id)
{
	struct delete_profile_args a = {user_id, id};
	return store_transact(st, delete_profile_tx, &a);
}

enum bg_err account_store_profiles(struct store *st, int64_t user_id, struct profile **out,
                                   size_t *count)
{
	*out = NULL;
	*count = 0;
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, PROFILE_COLUMNS "WHERE user_id = ? ORDER BY id", &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, user_id);
	return store_collect(stmt, sizeof(struct profile), read_profile_item, NULL, out, count);
}

enum bg_err account_store_profile(struct store *st, int64_t id, struct profile *out,
                                  char **pin_hash_out)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, PROFILE_COLUMNS "WHERE id = ?", &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, id);
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		read_profile(stmt, 0, out);
		if (pin_hash_out) {
			const char *h = store_col_text(stmt, 5);
			*pin_hash_out = h ? xstrdup(h) : NULL;
		}
		rc = BG_OK;
	} else if (rc == BG_DONE) {
		rc = store_set_error(st, BG_NOT_FOUND, "no profile with id %lld", (long long)id);
	}
	store_finalize(stmt);
	return rc;
}

enum bg_err account_store_profile_ref(struct store *st, const char *ref, int64_t *id_out)
{
	const char *slash = strchr(ref, '/');
	bool digits = *ref && strlen(ref) < 19 && strspn(ref, "0123456789") == strlen(ref);
	enum bg_err rc = BG_NOT_FOUND;
	if (digits) {
		rc = store_run(st, id_out, "SELECT id FROM profile WHERE id = ?", "t", ref);
	} else if (slash && slash != ref && slash[1]) {
		char user[256];
		snprintf(user, sizeof(user), "%.*s", (int)(slash - ref), ref);
		rc = store_run(st, id_out,
		               "SELECT p.id FROM profile p JOIN app_user u ON u.id = p.user_id"
		               " WHERE u.name = ? AND p.name = ?",
		               "tt", user, slash + 1);
	}
	if (rc == BG_NOT_FOUND)
		return store_set_error(st, BG_NOT_FOUND,
		                       "no profile '%.100s' (an id or USER/PROFILE)", ref);
	return rc;
}

enum bg_err account_store_add_session(struct store *st, const char *digest, const char *login,
                                      int64_t user_id, int64_t profile_id, const char *now,
                                      const char *expires, const char *device,
                                      const char *address)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "INSERT INTO auth_session (token_hash, login_hash, user_id,"
	                               " profile_id, created_at, expires_at, device, address,"
	                               " last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                               &stmt);
	if (rc)
		return rc;
	store_bind_text(stmt, 1, digest);
	store_bind_text(stmt, 2, login ? login : digest);
	store_bind_int(stmt, 3, user_id);
	if (profile_id)
		store_bind_int(stmt, 4, profile_id);
	else
		store_bind_null(stmt, 4);
	store_bind_text(stmt, 5, now);
	store_bind_text(stmt, 6, expires);
	store_bind_text(stmt, 7, device);
	store_bind_text(stmt, 8, address);
	store_bind_text(stmt, 9, now);
	rc = store_step(stmt);
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

enum bg_err account_store_principal(struct store *st, const char *digest, const char *now,
                                    struct user *user, struct profile *profile, bool *has_profile,
                                    char *login, size_t login_len,
                                    char last_seen[DATE_TIME_LEN + 1])
{
	struct store_stmt *stmt;
	enum bg_err rc =
	        store_prepare(st,
	                      "SELECT u.id, u.name, u.role, u.territory, u.password_hash, u.max_kbps,"
	                      " u.disabled, u.must_change_password,"
	                      " p.id, p.user_id, p.name, p.ceiling, p.kids, p.pin_hash, p.max_kbps,"
	                      " COALESCE(p.still_watching_after, " STILL_WATCHING_DEFAULT_SQL "),"
	                      " COALESCE(p.avatar, -1), s.login_hash, COALESCE(s.last_seen, '')"
	                      " FROM auth_session s JOIN app_user u ON u.id = s.user_id"
	                      " LEFT JOIN profile p ON p.id = s.profile_id"
	                      " WHERE s.token_hash = ? AND s.revoked = 0 AND s.expires_at > ?"
	                      " AND u.disabled = 0",
	                      &stmt);
	if (rc)
		return rc;
	store_bind_text(stmt, 1, digest);
	store_bind_text(stmt, 2, now);
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		read_user(stmt, user);
		*has_profile = !store_col_is_null(stmt, 8);
		if (*has_profile)
			read_profile(stmt, 8, profile);
		store_col_copy(stmt, 17, login, login_len);
		store_col_copy(stmt, 18, last_seen, DATE_TIME_LEN + 1);
		rc = BG_OK;
	} else if (rc == BG_DONE) {
		rc = store_set_error(st, BG_UNAUTHORIZED,
		                     "the token is unknown, expired or revoked");
	}
	store_finalize(stmt);
	return rc;
}

enum bg_err account_store_revoke_login(struct store *st, const char *login)
{
	return store_run(st, NULL, "UPDATE auth_session SET revoked = 1 WHERE login_hash = ?", "t",
	                 login);
}

struct new_password {
	int64_t user_id;
	const char *hash;
	bool must_change;
};

static enum bg_err set_password(struct store *st, void *ctx)
{
	const struct new_password *np = ctx;
	enum bg_err rc = store_run(st, NULL,
	                           "UPDATE app_user SET password_hash = ?, must_change_password = ?"
	                           " WHERE id = ?",
	                           "tdi", np->hash, np->must_change ? 1 : 0, np->user_id);
	if (!rc)
		rc = store_run(st, NULL, "UPDATE auth_session SET revoked = 1 WHERE user_id = ?",
		               "i", np->user_id);
	return rc;
}

enum bg_err account_store_set_stream_kbps(struct store *st, int64_t user_id, int64_t profile_id,
                                          int kbps)
{
	int64_t id = profile_id ? profile_id : user_id;
	const char *sql = profile_id ? "UPDATE profile SET max_kbps = ? WHERE id = ?"
	                             : "UPDATE app_user SET max_kbps = ? WHERE id = ?";
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, sql, &stmt);
	if (rc)
		return rc;
	if (kbps > 0)
		store_bind_int(stmt, 1, kbps);
	else
		store_bind_null(stmt, 1);
	store_bind_int(stmt, 2, id);
	rc = store_step(stmt);
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

enum bg_err account_store_set_password(struct store *st, int64_t user_id, const char *hash)
{
	struct new_password np = {user_id, hash, false};
	return store_transact(st, set_password, &np);
}

enum bg_err account_store_reset_password(struct store *st, int64_t user_id, const char *hash)
{
	struct new_password np = {user_id, hash, true};
	return store_transact(st, set_password, &np);
}

struct user_change {
	int64_t id;
	const char *territory;
	int admin, disabled; /* -1: unchanged */
};

static enum bg_err update_user_tx(struct store *st, void *ctx)
{
	const struct user_change *c = ctx;
	int64_t id;
	enum bg_err rc = store_run(
	        st, &id,
	        "UPDATE app_user SET territory = COALESCE(?, territory),"
	        " role = CASE WHEN ? = 1 THEN 'admin' WHEN ? = 0 THEN 'viewer' ELSE role END,"
	        " disabled = CASE WHEN ? < 0 THEN disabled ELSE ? END WHERE id = ? RETURNING id",
	        "tddddi", c->territory, c->admin, c->admin, c->disabled, c->disabled, c->id);
	if (rc == BG_NOT_FOUND)
		return store_set_error(st, BG_NOT_FOUND, "no user with id %lld", (long long)c->id);
	/* Disabled: every login of the account ends now. */
	if (!rc && c->disabled == 1)
		rc = store_run(st, NULL, "UPDATE auth_session SET revoked = 1 WHERE user_id = ?", "i",
		               c->id);
	if (!rc)
		rc = generation_bump(st, GENERATION_ACCOUNT);
	return rc;
}

enum bg_err account_store_update_user(struct store *st, int64_t id, const char *territory,
                                      int admin, int disabled)
{
	struct user_change c = {id, territory, admin, disabled};
	return store_transact(st, update_user_tx, &c);
}

static enum bg_err delete_user_tx(struct store *st, void *ctx)
{
	const int64_t *id = ctx;
	int64_t gone;
	enum bg_err rc =
	        store_run(st, &gone, "DELETE FROM app_user WHERE id = ? RETURNING id", "i", *id);
	if (rc == BG_NOT_FOUND)
		return store_set_error(st, BG_NOT_FOUND, "no user with id %lld", (long long)*id);
	return rc ? rc : generation_bump(st, GENERATION_ACCOUNT);
}

enum bg_err account_store_delete_user(struct store *st, int64_t id)
{
	return store_transact(st, delete_user_tx, &id);
}

static void read_activity(struct store_stmt *stmt, void *item)
{
	struct user_activity *a = item;
	read_user(stmt, &a->user);
	store_col_copy(stmt, 8, a->created_at, sizeof(a->created_at));
	store_col_copy(stmt, 9, a->last_active, sizeof(a->last_active));
	a->profiles = (int)store_col_int(stmt, 10);
	a->streams = (int)store_col_int(stmt, 11);
	a->max_streams = (int)store_col_int(stmt, 12);
}

enum bg_err account_store_user_activity(struct store *st, const char *since,
                                        struct user_activity **out, size_t *count)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT u.id, u.name, u.role, u.territory, u.password_hash, u.max_kbps, u.disabled,"
	        " u.must_change_password, u.created_at,"
	        " (SELECT MAX(s.created_at) FROM auth_session s WHERE s.user_id = u.id),"
	        " (SELECT COUNT(*) FROM profile p WHERE p.user_id = u.id),"
	        " (SELECT COUNT(*) FROM active_stream a WHERE a.user_id = u.id AND a.stopped = 0"
	        "  AND a.seen_at > ?), COALESCE(u.max_streams, 0)"
	        " FROM app_user u ORDER BY u.name",
	        &stmt);
	if (rc)
		return rc;
	store_bind_text(stmt, 1, since);
	return store_collect(stmt, sizeof(**out), read_activity, NULL, out, count);
}

enum bg_err account_store_throttle_check(struct store *st, const char *subject, int free_failures,
                                         int64_t now, int *retry_after)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st, "SELECT failures, last_failure_at FROM login_throttle WHERE subject = ?",
	        &stmt);
	if (rc)
		return rc;
	store_bind_text(stmt, 1, subject);
	int64_t failures = 0, last = 0;
	if ((rc = store_step(stmt)) == BG_ROW) {
		failures = store_col_int(stmt, 0);
		if (date_time_parse(store_col_text(stmt, 1), &last))
			last = 0;
	}
	store_finalize(stmt);
	if (rc != BG_ROW && rc != BG_DONE)
		return rc;
	*retry_after = 0;
	if (failures < free_failures || now - last >= THROTTLE_FORGET_AFTER)
		return BG_OK;
	int64_t extra = failures - free_failures;
	int64_t wait = extra >= 10 ? THROTTLE_MAX_WAIT : (int64_t)1 << extra;
	if (wait > THROTTLE_MAX_WAIT)
		wait = THROTTLE_MAX_WAIT;
	if (now - last >= wait)
		return BG_OK;
	*retry_after = (int)(wait - (now - last));
	return store_set_error(st, BG_RATE_LIMITED, "too many failed attempts; retry in %d s",
	                       *retry_after);
}

struct account_store_throttle_fail_args {
	const char *subject;
	int64_t now;
};

static enum bg_err account_store_throttle_fail_tx(struct store *st, void *ctx)
{
	struct account_store_throttle_fail_args *args = ctx;
	char at[DATE_TIME_LEN + 1], forget[DATE_TIME_LEN + 1];
	date_time_format(args->now, at);
	date_time_format(args->now - THROTTLE_FORGET_AFTER, forget);
	/* Rows expire here, so guessing at unknown names cannot grow the table without end. */
	enum bg_err rc = store_run(
	        st, NULL, "DELETE FROM login_throttle WHERE last_failure_at <= ?", "t", forget);
	if (rc)
		return rc;
	return store_run(st, NULL,
	                 "INSERT INTO login_throttle (subject, failures, last_failure_at)"
	                 " VALUES (?, 1, ?) ON CONFLICT (subject) DO UPDATE SET"
	                 " failures = login_throttle.failures + 1,"
	                 " last_failure_at = excluded.last_failure_at",
	                 "tt", args->subject, at);
}

enum bg_err account_store_throttle_fail(struct store *st, const char *subject, int64_t now)
{
	struct account_store_throttle_fail_args args = {subject, now};
	return store_transact(st, account_store_throttle_fail_tx, &args);
}

enum bg_err account_store_throttle_clear(struct store *st, const char *subject)
{
	return store_run(st, NULL, "DELETE FROM login_throttle WHERE subject = ?", "t", subject);
}

enum bg_err account_store_set_still_watching(struct store *st, int64_t profile_id, int after)
{
	int64_t id = 0;
	enum bg_err rc = store_run(st, &id,
	                           "UPDATE profile SET still_watching_after = ? WHERE id = ? RETURNING id",
	                           "di", after, profile_id);
	if (rc == BG_NOT_FOUND)
		return store_set_error(st, BG_NOT_FOUND, "no profile %lld", (long long)profile_id);
	return rc;
}

enum bg_err account_store_touch_session(struct store *st, const char *digest, const char *now)
{
	return store_run(st, NULL, "UPDATE auth_session SET last_seen = ? WHERE token_hash = ?", "tt",
	                 now, digest);
}

static void read_login(struct store_stmt *stmt, void *item)
{
	struct login_info *l = item;
	store_col_copy(stmt, 0, l->login, sizeof(l->login));
	store_col_copy(stmt, 1, l->created_at, sizeof(l->created_at));
	store_col_copy(stmt, 2, l->last_seen, sizeof(l->last_seen));
	store_col_copy(stmt, 3, l->device, sizeof(l->device));
	store_col_copy(stmt, 4, l->address, sizeof(l->address));
}

enum bg_err account_store_logins(struct store *st, int64_t user_id, const char *now,
                                 struct login_info **out, size_t *n)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT login_hash, MIN(created_at), MAX(COALESCE(last_seen, created_at)),"
	        " MAX(device), MAX(address) FROM auth_session"
	        " WHERE user_id = ? AND revoked = 0 AND expires_at > ?"
	        " GROUP BY login_hash ORDER BY 3 DESC, 1",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, user_id);
	store_bind_text(stmt, 2, now);
	return store_collect(stmt, sizeof(**out), read_login, NULL, out, n);
}
