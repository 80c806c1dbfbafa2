/*
 * store_sqlite.c - the SQLite engine behind store.h.
 *
 * The connection runs in WAL mode with foreign keys on and a 5 s busy
 * timeout; transactions start with BEGIN IMMEDIATE so a writer takes the
 * lock up front instead of failing with SQLITE_BUSY half-way. The only file
 * in binge that includes sqlite3.h.
 */
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/mem.h"
#include "store/store.h"
#include "store/store_int.h"
#include "core/banned.h"

/*
 * Compiled statements are kept per connection, keyed by their SQL text, and
 * reused: binge runs the same few dozen statements over and over, and
 * compiling one (the visibility rule is long) costs more than running it.
 */
#define STMT_CACHE_SIZE 96

struct cached_stmt {
	char *sql;
	const char *seen_at; /* the caller's text last time: usually a literal */
	sqlite3_stmt *s;
	bool in_use;
};

/*
 * The transaction statements, run around nearly every request: prepared
 * once per connection. sqlite3_exec() parsed "BEGIN" and "ROLLBACK" anew
 * each time, 5% of a title page's server CPU (its parser's allocations).
 */
static const char *const kept_sql[] = {"BEGIN", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"};
#define KEPT_SQL_N (sizeof(kept_sql) / sizeof(kept_sql[0]))

struct sqlite_conn {
	sqlite3 *db;
	struct cached_stmt cache[STMT_CACHE_SIZE];
	size_t cached;
	sqlite3_stmt *kept[KEPT_SQL_N]; /* kept_sql's, prepared when first run */
};

struct sqlite_stmt {
	struct store_stmt base;
	sqlite3_stmt *s;
	struct cached_stmt *slot; /* NULL when not cached */
	enum bg_err bind_err;
};

static struct sqlite_conn *conn_of(struct store *st)
{
	return st->engine;
}

static sqlite3 *db_of(struct store *st)
{
	return conn_of(st)->db;
}

static enum bg_err map_error(int rc)
{
	switch (rc & 0xFF) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return BG_BUSY;
	case SQLITE_NOMEM:
		return BG_NOMEM;
	case SQLITE_TOOBIG:
		return BG_TOO_LARGE;
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_CHECK || rc == SQLITE_CONSTRAINT_NOTNULL)
			return BG_INVALID;
		return BG_CONFLICT;
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
	case SQLITE_READONLY:
	case SQLITE_FULL:
		return BG_IO;
	default:
		return BG_DB;
	}
}

static enum bg_err fail_db(struct store *st, int rc)
{
	return store_fail(st, map_error(rc), "%s", sqlite3_errmsg(db_of(st)));
}

/* mkdir -p for the directory part of path. */
static enum bg_err make_parent_dirs(struct store *st, const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	enum bg_err rc = BG_OK;
	if (!slash || slash == dir)
		goto out;
	*slash = '\0';
	for (char *p = dir + 1;; p++) {
		bool end = *p == '\0';
		if (*p == '/' || end) {
			*p = '\0';
			if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
				rc = store_fail(st, BG_IO, "cannot create directory '%s': %s", dir,
				                strerror(errno));
				goto out;
			}
			if (end)
				break;
			*p = '/';
		}
	}
out:
	free(dir);
	return rc;
}

/* One of kept_sql, on its prepared statement. */
static enum bg_err exec_kept(struct store *st, size_t i)
{
	struct sqlite_conn *c = conn_of(st);
	int rc = c->kept[i] ? SQLITE_OK
	                    : sqlite3_prepare_v2(c->db, kept_sql[i], -1, &c->kept[i], NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(c->kept[i]);
	enum bg_err out =
	        rc == SQLITE_DONE ? BG_OK : fail_db(st, rc); /* the message before reset */
	if (c->kept[i])
		sqlite3_reset(c->kept[i]);
	return out;
}

static enum bg_err sq_exec(struct store *st, const char *sql)
{
	for (size_t i = 0; i < KEPT_SQL_N; i++)
		if (strcmp(sql, kept_sql[i]) == 0)
			return exec_kept(st, i);
	int rc = sqlite3_exec(db_of(st), sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? BG_OK : fail_db(st, rc);
}

static void sq_close(struct store *st)
{
	struct sqlite_conn *c = conn_of(st);
	/*
	 * SQLite's advice for every connection that closes: statistics for the
	 * tables whose indexes this connection's queries used and that were
	 * never analysed or have grown 25-fold since (a no-op otherwise).
	 */
	if (c->db) {
		/* Never waits: with another writer busy, the next close does it. */
		sqlite3_busy_timeout(c->db, 0);
		sqlite3_exec(c->db, "PRAGMA optimize", NULL, NULL, NULL);
	}
	for (size_t i = 0; i < c->cached; i++) {
		sqlite3_finalize(c->cache[i].s);
		free(c->cache[i].sql);
	}
	for (size_t i = 0; i < KEPT_SQL_N; i++)
		sqlite3_finalize(c->kept[i]);
	sqlite3_close(c->db);
	free(c);
	st->engine = NULL;
}

/*
 * Once per process, before SQLite starts: no memory statistics. With them
 * every sqlite3_malloc takes one process-wide mutex, on which the server's
 * threads queued (12% of a title-page benchmark in that lock). binge reads
 * no SQLite memory counters.
 */
static pthread_once_t sq_configured = PTHREAD_ONCE_INIT;
static void sq_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static enum bg_err sq_open(struct store *st, const char *path)
{
	pthread_once(&sq_configured, sq_configure);
	enum bg_err rc = make_parent_dirs(st, path);
	if (rc)
		return rc;
	sqlite3 *db = NULL;
	int src = sqlite3_open_v2(
	        path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (src != SQLITE_OK) {
		rc = store_fail(st, BG_IO, "cannot open '%s': %s", path,
		                db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return rc;
	}
	struct sqlite_conn *conn = xcalloc(1, sizeof(*conn));
	conn->db = db;
	st->engine = conn;
	sqlite3_busy_timeout(db, 5000);
	sqlite3_extended_result_codes(db, 1);
	/* The first statement reads the header: a non-database fails here.
	 * threads=2: a sort larger than the cache (CREATE INDEX after a bulk
	 * load) uses a second thread, 1.28 s to 0.87 s for a million rows. */
	src = sqlite3_exec(db,
	                   "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
	                   "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; "
	                   "PRAGMA threads=2;",
	                   NULL, NULL, NULL);
	if (src != SQLITE_OK) {
		rc = store_fail(st, map_error(src) == BG_DB ? BG_IO : map_error(src),
		                "cannot open '%s': %s", path, sqlite3_errmsg(db));
		sq_close(st);
		return rc;
	}
	return BG_OK;
}

static enum bg_err sq_begin(struct store *st)
{
	return sq_exec(st, "BEGIN IMMEDIATE");
}

/* A deferred transaction: a read snapshot for the statements that follow. */
static enum bg_err sq_begin_reads(struct store *st)
{
	return sq_exec(st, "BEGIN");
}

static enum bg_err sq_prepare(struct store *st, const char *sql, struct store_stmt **out)
{
	struct sqlite_conn *c = conn_of(st);
	struct cached_stmt *slot = NULL;
	/*
	 * SQL is mostly string literals, so the pointer seen last time finds
	 * the entry with one comparison; the text is still compared, since a
	 * reused buffer can hold other SQL at the same address.
	 */
	for (size_t i = 0; i < c->cached && !slot; i++)
		if (!c->cache[i].in_use && c->cache[i].seen_at == sql &&
		    strcmp(c->cache[i].sql, sql) == 0)
			slot = &c->cache[i];
	for (size_t i = 0; i < c->cached && !slot; i++)
		if (!c->cache[i].in_use && strcmp(c->cache[i].sql, sql) == 0)
			slot = &c->cache[i];
	sqlite3_stmt *s = slot ? slot->s : NULL;
	if (!slot) {
		int rc = sqlite3_prepare_v2(c->db, sql, -1, &s, NULL);
		if (rc != SQLITE_OK) {
			*out = NULL;
			return fail_db(st, rc);
		}
		if (c->cached < STMT_CACHE_SIZE) {
			slot = &c->cache[c->cached++];
			*slot = (struct cached_stmt){xstrdup(sql), sql, s, false};
		}
	}
	if (slot) {
		slot->in_use = true;
		slot->seen_at = sql;
	}
	struct sqlite_stmt *stmt = xcalloc(1, sizeof(*stmt));
	stmt->base.st = st;
	stmt->s = s;
	stmt->slot = slot;
	*out = &stmt->base;
	return BG_OK;
}

static struct sqlite_stmt *sq(struct store_stmt *stmt)
{
	return (struct sqlite_stmt *)stmt;
}

static void sq_finalize(struct store_stmt *stmt)
{
	struct sqlite_stmt *x = sq(stmt);
	if (x->slot) {
		sqlite3_reset(x->s);
		sqlite3_clear_bindings(x->s);
		x->slot->in_use = false;
	} else {
		sqlite3_finalize(x->s);
	}
	free(stmt);
}

static void note_bind(struct store_stmt *stmt, int rc)
{
	if (rc != SQLITE_OK && !sq(stmt)->bind_err)
		sq(stmt)->bind_err = fail_db(stmt->st, rc);
}

static void sq_bind_int(struct store_stmt *stmt, int idx, int64_t value)
{
	note_bind(stmt, sqlite3_bind_int64(sq(stmt)->s, idx, value));
}

static void sq_bind_text(struct store_stmt *stmt, int idx, const char *text)
{
	note_bind(stmt, sqlite3_bind_text(sq(stmt)->s, idx, text, -1, SQLITE_TRANSIENT));
}

static void sq_bind_null(struct store_stmt *stmt, int idx)
{
	note_bind(stmt, sqlite3_bind_null(sq(stmt)->s, idx));
}

static enum bg_err sq_step(struct store_stmt *stmt)
{
	if (sq(stmt)->bind_err)
		return sq(stmt)->bind_err;
	int rc = sqlite3_step(sq(stmt)->s);
	if (rc == SQLITE_ROW)
		return BG_ROW;
	if (rc == SQLITE_DONE)
		return BG_DONE;
	return fail_db(stmt->st, rc);
}

static void sq_reset(struct store_stmt *stmt)
{
	sqlite3_reset(sq(stmt)->s);
	sqlite3_clear_bindings(sq(stmt)->s);
	sq(stmt)->bind_err = BG_OK;
}

static int64_t sq_changes(struct store_stmt *stmt)
{
	return sqlite3_changes64(sqlite3_db_handle(sq(stmt)->s));
}

static int64_t sq_col_int(struct store_stmt *stmt, int col)
{
	return sqlite3_column_int64(sq(stmt)->s, col);
}

static const char *sq_col_text(struct store_stmt *stmt, int col)
{
	return (const char *)sqlite3_column_text(sq(stmt)->s, col);
}

static bool sq_col_is_null(struct store_stmt *stmt, int col)
{
	return sqlite3_column_type(sq(stmt)->s, col) == SQLITE_NULL;
}

static int sq_col_count(struct store_stmt *stmt)
{
	return sqlite3_column_count(sq(stmt)->s);
}

static const char *sq_col_name(struct store_stmt *stmt, int col)
{
	return sqlite3_column_name(sq(stmt)->s, col);
}

/* INTEGER PRIMARY KEY already continues after the largest id. */
static enum bg_err sq_sync_ids(struct store *st, const char *table, const char *column)
{
	(void)st;
	(void)table;
	(void)column;
	return BG_OK;
}

/*
 * One backup step over every page, under one read transaction: with WAL,
 * writers go on meanwhile, and the copy is the database at that instant.
 */
static enum bg_err sq_backup(struct store *st, const char *path)
{
	sqlite3 *dest = NULL;
	int rc = sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	sqlite3_backup *b =
	        rc == SQLITE_OK ? sqlite3_backup_init(dest, "main", db_of(st), "main") : NULL;
	if (b) {
		do
			rc = sqlite3_backup_step(b, -1);
		while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
		rc = sqlite3_backup_finish(b) == SQLITE_OK && rc == SQLITE_DONE ? SQLITE_OK
		                                                                : SQLITE_ERROR;
	} else if (rc == SQLITE_OK) {
		rc = SQLITE_ERROR;
	}
	enum bg_err out = BG_OK;
	if (rc != SQLITE_OK)
		out = store_set_error(st, BG_IO, "cannot back up into '%s': %s", path,
		                      dest ? sqlite3_errmsg(dest) : "out of memory");
	sqlite3_close(dest);
	return out;
}

static const char *sq_sql_text(struct store_stmt *stmt)
{
	return sqlite3_sql(sq(stmt)->s);
}

/* EXPLAIN QUERY PLAN's rows as an indented tree: each row names its parent. */
static void sq_explain(struct store_stmt *stmt, struct buf *plan)
{
	sqlite3 *db = sqlite3_db_handle(sq(stmt)->s);
	char *expanded = sqlite3_expanded_sql(sq(stmt)->s);
	struct buf sql = BUF_INIT(BUF_MAX_LARGE);
	buf_addf(&sql, "EXPLAIN QUERY PLAN %s", expanded ? expanded : sqlite3_sql(sq(stmt)->s));
	sqlite3_free(expanded);
	sqlite3_stmt *e = NULL;
	int rc = sqlite3_prepare_v2(db, sql.ptr, -1, &e, NULL);
	buf_release(&sql);
	struct node {
		int id, depth;
	} *nodes = NULL;
	size_t n = 0, cap = 0;
	while (rc == SQLITE_OK && sqlite3_step(e) == SQLITE_ROW) {
		int id = sqlite3_column_int(e, 0), parent = sqlite3_column_int(e, 1), depth = 0;
		for (size_t i = 0; i < n; i++)
			if (nodes[i].id == parent)
				depth = nodes[i].depth + 1;
		nodes = xgrow(nodes, sizeof(*nodes), n + 1, &cap);
		nodes[n++] = (struct node){id, depth};
		buf_addf(plan, "%*s%s\n", depth * 2, "", (const char *)sqlite3_column_text(e, 3));
	}
	if (rc != SQLITE_OK)
		buf_addf(plan, "(no plan: %s)\n", sqlite3_errmsg(db));
	sqlite3_finalize(e);
	free(nodes);
}

/* After a bulk load: statistics of the tables (or all), each from a sample (fast at any size). */
static enum bg_err sq_analyze(struct store *st, const char *const *tables)
{
	struct buf sql = BUF_INIT(BUF_MAX_SMALL);
	buf_adds(&sql, "PRAGMA analysis_limit = 1000;");
	for (size_t i = 0; tables && tables[i]; i++)
		buf_addf(&sql, " ANALYZE %s;", tables[i]);
	if (!tables)
		buf_adds(&sql, " ANALYZE;");
	enum bg_err rc = sq_exec(st, sql.ptr);
	buf_release(&sql);
	return rc;
}

const struct store_ops store_sqlite_ops = {
        .analyze = sq_analyze,
        .sql_text = sq_sql_text,
        .explain = sq_explain,
        .backup = sq_backup,
        .engine = "sqlite",
        .open = sq_open,
        .close = sq_close,
        .exec = sq_exec,
        .begin = sq_begin,
        .begin_reads = sq_begin_reads,
        .prepare = sq_prepare,
        .finalize = sq_finalize,
        .bind_int = sq_bind_int,
        .bind_text = sq_bind_text,
        .bind_null = sq_bind_null,
        .step = sq_step,
        .reset = sq_reset,
        .col_int = sq_col_int,
        .col_text = sq_col_text,
        .col_is_null = sq_col_is_null,
        .col_count = sq_col_count,
        .changes = sq_changes,
        .col_name = sq_col_name,
        .sync_ids = sq_sync_ids,
        .id_column = "INTEGER PRIMARY KEY",
        .epoch_template = "unixepoch(%s)",
        .skip_locked = "",
        .batch_rows = 1,
};
