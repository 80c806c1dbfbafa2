/* migrate.c - applies embedded schema migrations; see migrate.h. */
#include "store/migrate.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/mem.h"
#include "store/store.h"
#include "store/store_int.h"
#include "core/banned.h"

int migrate_latest_version(void)
{
	return store_migration_count ? store_migrations[store_migration_count - 1].version : 0;
}

/* Appends the engine's form of @EPOCH(expr)@, expr being [open, close). */
static void render_epoch(const struct store *st, const char *open, const char *close,
                         struct buf *out)
{
	const char *tpl = st->ops->epoch_template, *slot = strstr(tpl, "%s");
	buf_add(out, tpl, (size_t)(slot - tpl));
	buf_add(out, open, (size_t)(close - open));
	buf_adds(out, slot + 2);
}

/*
 * An engine's own section, @ENGINE(sql)@ for ENGINE "sqlite" or
 * "postgres": *keep says whether it is this store's engine; *body and
 * *close bound sql. False when hit starts no section.
 */
static bool engine_section(const struct store *st, const char *hit, bool *keep, const char **body,
                           const char **close)
{
	static const char *const engines[] = {"sqlite", "postgres"};
	for (size_t i = 0; i < sizeof(engines) / sizeof(engines[0]); i++) {
		size_t n = strlen(engines[i]);
		if (strncmp(hit + 1, engines[i], n) != 0 || hit[1 + n] != '(')
			continue;
		*body = hit + n + 2;
		*close = strstr(*body, ")@");
		*keep = strcmp(st->ops->engine, engines[i]) == 0;
		return *close != NULL;
	}
	return false;
}

/*
 * The migration's SQL with engine fragments substituted: @ID@,
 * @EPOCH(expr)@, and the sections @sqlite(sql)@ and @postgres(sql)@,
 * kept on their engine only, for a schema one engine cannot share (expr
 * and sql must not contain ")@"; a section holds no fragment).
 */
static enum bg_err render_sql(const struct store *st, const char *sql, struct buf *out)
{
	const char *p = sql, *hit;
	while ((hit = strchr(p, '@')) != NULL) {
		buf_add(out, p, (size_t)(hit - p));
		const char *close, *body;
		bool keep;
		if (strncmp(hit, "@ID@", 4) == 0) {
			buf_adds(out, st->ops->id_column);
			p = hit + 4;
		} else if (strncmp(hit, "@EPOCH(", 7) == 0 && (close = strstr(hit, ")@")) != NULL) {
			render_epoch(st, hit + 7, close, out);
			p = close + 2;
		} else if (engine_section(st, hit, &keep, &body, &close)) {
			if (keep)
				buf_add(out, body, (size_t)(close - body));
			p = close + 2;
		} else {
			buf_add(out, "@", 1);
			p = hit + 1;
		}
	}
	buf_adds(out, p);
	return buf_error(out);
}

static enum bg_err read_version(struct store *st, int *out)
{
	struct store_stmt *stmt;
	enum bg_err rc =
	        store_prepare(st, "SELECT COALESCE(MAX(version), 0) FROM binge_schema", &stmt);
	if (rc)
		return rc;
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		*out = (int)store_col_int(stmt, 0);
		rc = BG_OK;
	} else if (rc == BG_DONE) {
		rc = store_fail(st, BG_DB, "cannot read schema version");
	}
	store_finalize(stmt);
	return rc;
}

static enum bg_err record_version(struct store *st, const struct migration *m)
{
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);

	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st, "INSERT INTO binge_schema (version, name, applied_at) VALUES (?, ?, ?)", &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, m->version);
	store_bind_text(stmt, 2, m->name);
	store_bind_text(stmt, 3, now);
	rc = store_step(stmt);
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

static enum bg_err apply_one(struct store *st, const struct migration *m)
{
	struct buf sql = BUF_INIT(BUF_MAX_LARGE);
	int current = 0;
	enum bg_err rc = store_begin(st);
	if (rc)
		goto out;
	/* Another process may have migrated while we waited for the lock. */
	rc = read_version(st, &current);
	if (rc || current >= m->version)
		goto out_end;
	rc = render_sql(st, m->sql, &sql);
	if (rc)
		goto out_end;
	rc = store_exec(st, sql.ptr);
	if (rc) {
		store_fail(st, rc, "migration %04d_%s failed: %s", m->version, m->name,
		           store_errmsg(st));
		goto out_end;
	}
	rc = record_version(st, m);
out_end:
	if (rc)
		store_rollback(st);
	else
		rc = store_commit(st);
out:
	buf_release(&sql);
	return rc;
}

static enum bg_err migrate_locked(struct store *st, int max_version);

enum bg_err migrate_apply(struct store *st, int max_version)
{
	if (!st->ops->lock_schema)
		return migrate_locked(st, max_version);
	enum bg_err rc = st->ops->lock_schema(st);
	if (rc)
		return rc;
	rc = migrate_locked(st, max_version);
	/* The lock is the session's: release it whatever happened. */
	char *msg = rc ? xstrdup(store_errmsg(st)) : NULL;
	enum bg_err unlock_rc = st->ops->unlock_schema(st);
	if (msg) {
		store_fail(st, rc, "%s", msg);
		free(msg);
	}
	return rc ? rc : unlock_rc;
}

static enum bg_err migrate_locked(struct store *st, int max_version)
{
	int latest = migrate_latest_version();
	if (max_version < 0 || max_version > latest)
		max_version = latest;

	enum bg_err rc = store_exec(st, "CREATE TABLE IF NOT EXISTS binge_schema ("
	                                "version INTEGER PRIMARY KEY, "
	                                "name TEXT NOT NULL, "
	                                "applied_at TEXT NOT NULL)");
	if (rc)
		return rc;
	int current = 0;
	rc = read_version(st, &current);
	if (rc)
		return rc;
	if (current > latest)
		return store_fail(st, BG_SCHEMA,
		                  "database schema version %d is newer than this binge supports "
		                  "(%d); use a newer binge",
		                  current, latest);
	for (size_t i = 0; i < store_migration_count; i++) {
		const struct migration *m = &store_migrations[i];
		if (m->version <= current || m->version > max_version)
			continue;
		rc = apply_one(st, m);
		if (rc)
			return rc;
	}
	rc = read_version(st, &current);
	if (!rc)
		st->schema_version = current;
	return rc;
}
