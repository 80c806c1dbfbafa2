/*
 * store.c - engine-independent half of the store: picks the engine from the
 * target, owns the error message, and forwards the statement calls to the
 * engine's vtable. See store.h; opening with migrations is store_open.c.
 */
#include "store/store.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/mem.h"
#include "store/plan_log.h"
#include "store/store_int.h"
#include "core/banned.h"

enum bg_err store_fail(struct store *st, enum bg_err err, const char *fmt, ...)
{
	/* Format into a fresh buffer: the arguments may point into errmsg. */
	struct buf msg = BUF_INIT(BUF_MAX_SMALL);
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	buf_adds(&msg, tmp);
	buf_release(&st->errmsg);
	st->errmsg = msg;
	return err;
}

enum bg_err store_set_error(struct store *st, enum bg_err err, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return store_fail(st, err, "%s", msg);
}

static bool is_postgres_uri(const char *target)
{
	return strncmp(target, "postgres://", 11) == 0 || strncmp(target, "postgresql://", 13) == 0;
}

enum bg_err store_connect(const char *target, struct store **out, char **errmsg_out)
{
	*out = NULL;
	if (errmsg_out)
		*errmsg_out = NULL;
	struct store *st = xcalloc(1, sizeof(*st));
	buf_init(&st->errmsg, BUF_MAX_SMALL);
	st->ops = &store_sqlite_ops;

	enum bg_err rc;
	if (!target || !*target) {
		rc = store_fail(st, BG_INVALID, "empty database target");
		goto err;
	}
	if (is_postgres_uri(target))
		st->ops = &store_pg_ops;
	rc = st->ops->open(st, target);
	if (rc)
		goto err;
	*out = st;
	return BG_OK;
err:
	if (errmsg_out)
		*errmsg_out = xstrdup(st->errmsg.ptr);
	buf_release(&st->errmsg);
	free(st);
	return rc;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	st->ops->close(st);
	buf_release(&st->errmsg);
	strmap_release(&st->partitions);
	free(st);
}

const char *store_errmsg(const struct store *st)
{
	return st->errmsg.ptr;
}

const char *store_engine(const struct store *st)
{
	return st->ops->engine;
}

int store_schema_version(const struct store *st)
{
	return st->schema_version;
}

enum bg_err store_begin(struct store *st)
{
	enum bg_err rc = st->ops->begin(st);
	st->in_transaction = rc == BG_OK;
	st->done_once = 0;
	return rc;
}

bool store_first_in_transaction(struct store *st, unsigned bit)
{
	if (!st->in_transaction)
		return true;
	unsigned mask = 1u << bit;
	bool first = !(st->done_once & mask);
	st->done_once |= mask;
	return first;
}

enum bg_err store_commit(struct store *st)
{
	enum bg_err rc = st->ops->exec(st, "COMMIT");
	if (!rc)
		st->in_transaction = false;
	return rc;
}

void store_rollback(struct store *st)
{
	/* Keep the message of the error that caused the rollback. */
	struct buf saved = st->errmsg;
	buf_init(&st->errmsg, BUF_MAX_SMALL);
	st->ops->exec(st, "ROLLBACK");
	buf_release(&st->errmsg);
	st->errmsg = saved;
	st->in_transaction = false;
}

enum bg_err store_reads_begin(struct store *st)
{
	if (st->in_transaction || st->in_reads || !st->ops->begin_reads)
		return BG_OK;
	enum bg_err rc = st->ops->begin_reads(st);
	st->in_reads = rc == BG_OK;
	return rc;
}

void store_reads_end(struct store *st)
{
	if (!st->in_reads)
		return;
	st->in_reads = false;
	/* A read-only transaction: nothing to keep, and ROLLBACK cannot fail for want of a lock. */
	store_rollback(st);
}

bool store_in_transaction(const struct store *st)
{
	return st->in_transaction;
}

enum bg_err store_transact(struct store *st, enum bg_err (*fn)(struct store *st, void *ctx),
                           void *ctx)
{
	/* Inside a caller's transaction: part of it; the caller commits or retries. */
	if (st->in_transaction)
		return fn(st, ctx);
	enum bg_err rc = BG_BUSY;
	/*
	 * A time budget beside the count of attempts: twenty writers at once on
	 * PostgreSQL, on a loaded machine, still failed serialization after ten
	 * tries (about half a second of pauses), and the caller got a 503.
	 */
	int64_t give_up_at = monotonic_ms() + STORE_TX_RETRY_MS;
	for (int attempt = 0;
	     rc == BG_BUSY && (attempt < STORE_TX_ATTEMPTS || monotonic_ms() < give_up_at);
	     attempt++) {
		if (attempt) {
			/*
			 * 1-2, 2-4, ... up to 64-128 ms: the jitter keeps two
			 * retrying writers from colliding again in lockstep.
			 */
			long ms = 1L << (attempt < 7 ? attempt - 1 : 6);
			ms += rand() % ms + 1;
			struct timespec pause = {ms / 1000, (ms % 1000) * 1000000L};
			nanosleep(&pause, NULL);
		}
		rc = store_begin(st);
		if (rc)
			continue;
		rc = fn(st, ctx);
		if (!rc)
			rc = store_commit(st);
		if (rc)
			store_rollback(st);
	}
	return rc;
}

const char *store_skip_locked(const struct store *st)
{
	return st->ops->skip_locked ? st->ops->skip_locked : "";
}

int store_batch_rows(const struct store *st)
{
	return st->ops->batch_rows;
}

size_t store_rows_per_statement(const struct store *st, size_t left, size_t most)
{
	size_t cap = (size_t)st->ops->batch_rows < most ? (size_t)st->ops->batch_rows : most, k = 1;
	while (k * 2 <= cap && k * 2 <= left)
		k *= 2;
	return k;
}

char *store_rows_sql(const char *head, const char *row, size_t n, const char *tail)
{
	struct buf sql = BUF_INIT(BUF_MAX_SMALL);
	buf_adds(&sql, head);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_adds(&sql, ", ");
		buf_adds(&sql, row);
	}
	buf_adds(&sql, tail);
	return buf_detach(&sql, NULL);
}

enum bg_err store_sync_ids(struct store *st, const char *table, const char *column)
{
	return st->ops->sync_ids(st, table, column);
}

enum bg_err store_exec(struct store *st, const char *sql)
{
	return st->ops->exec(st, sql);
}

void store_inject_fault(struct store *st, long nth, enum bg_err err)
{
	st->fault_countdown = nth;
	st->fault_err = err ? err : BG_DB;
}

/* The injected error; never BG_OK, so callers see a failure. */
static enum bg_err injected(struct store *st)
{
	enum bg_err err = st->fault_err ? st->fault_err : BG_DB;
	store_fail(st, err, "injected fault");
	return err;
}

/* True (once) when an injected fault is due now. */
static bool fault_due(struct store *st)
{
	if (st->fault_countdown <= 0)
		return false;
	return --st->fault_countdown == 0;
}

bool store_has_copy_in(const struct store *st)
{
	return st->ops->copy_in != NULL;
}

enum bg_err store_copy_in(struct store *st, const char *copy_sql, const char *data, size_t len)
{
	if (!st->ops->copy_in)
		return store_fail(st, BG_INVALID, "%s has no COPY", st->ops->engine);
	if (fault_due(st))
		return injected(st);
	return st->ops->copy_in(st, copy_sql, data, len);
}

enum bg_err store_analyze(struct store *st, const char *const *tables)
{
	return st->ops->analyze(st, tables);
}

enum bg_err store_prepare(struct store *st, const char *sql, struct store_stmt **out)
{
	if (fault_due(st)) {
		*out = NULL;
		return injected(st);
	}
	return st->ops->prepare(st, sql, out);
}

void store_finalize(struct store_stmt *stmt)
{
	if (stmt)
		stmt->st->ops->finalize(stmt);
}

void store_bind_int(struct store_stmt *stmt, int idx, int64_t value)
{
	stmt->st->ops->bind_int(stmt, idx, value);
}

void store_bind_text(struct store_stmt *stmt, int idx, const char *text)
{
	if (text)
		stmt->st->ops->bind_text(stmt, idx, text);
	else
		stmt->st->ops->bind_null(stmt, idx);
}

void store_bind_null(struct store_stmt *stmt, int idx)
{
	stmt->st->ops->bind_null(stmt, idx);
}

enum bg_err store_run(struct store *st, int64_t *id_out, const char *sql, const char *types, ...)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, sql, &stmt);
	if (rc)
		return rc;
	va_list ap;
	va_start(ap, types);
	for (int i = 0; types[i]; i++) {
		if (types[i] == 'i')
			store_bind_int(stmt, i + 1, va_arg(ap, int64_t));
		else if (types[i] == 'd')
			store_bind_int(stmt, i + 1, va_arg(ap, int));
		else
			store_bind_text(stmt, i + 1, va_arg(ap, const char *));
	}
	va_end(ap);
	rc = store_step(stmt);
	if (rc == BG_ROW && id_out) {
		*id_out = store_col_int(stmt, 0);
		rc = BG_OK;
	} else if (rc == BG_ROW || rc == BG_DONE) {
		rc = id_out ? store_fail(st, BG_NOT_FOUND, "statement returned no row") : BG_OK;
	}
	store_finalize(stmt);
	return rc;
}

enum bg_err store_step(struct store_stmt *stmt)
{
	if (fault_due(stmt->st))
		return injected(stmt->st);
	if (!stmt->started) {
		stmt->started = true;
		if (plan_log_enabled())
			plan_log_statement(stmt);
	}
	return stmt->st->ops->step(stmt);
}

enum bg_err store_rows(struct store_stmt *stmt, store_row_fn row, void *ctx)
{
	enum bg_err rc;
	while ((rc = store_step(stmt)) == BG_ROW)
		if ((rc = row(stmt, ctx)) != BG_OK)
			break;
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

enum bg_err store_collect(struct store_stmt *stmt, size_t size, store_read_fn read,
                          void (*release)(void *item), void *items_out, size_t *n_out)
{
	char *items = NULL;
	size_t n = 0, cap = 0;
	enum bg_err rc;
	while ((rc = store_step(stmt)) == BG_ROW) {
		items = xgrow(items, size, n + 1, &cap);
		memset(items + n * size, 0, size);
		read(stmt, items + n++ * size);
	}
	store_finalize(stmt);
	if (rc != BG_DONE) {
		for (size_t i = 0; release && i < n; i++)
			release(items + i * size);
		free(items);
		items = NULL;
		n = 0;
	}
	void *out = items;
	memcpy(items_out, &out, sizeof(out)); /* a T * has a void *'s representation (POSIX) */
	*n_out = n;
	return rc == BG_DONE ? BG_OK : rc;
}

void store_reset(struct store_stmt *stmt)
{
	stmt->started = false;
	stmt->st->ops->reset(stmt);
}

int64_t store_changes(struct store_stmt *stmt)
{
	return stmt->st->ops->changes(stmt);
}

int64_t store_col_int(struct store_stmt *stmt, int col)
{
	assert(col >= 0 && col < store_col_count(stmt)); /* a query/reader mismatch */
	return stmt->st->ops->col_int(stmt, col);
}

const char *store_col_text(struct store_stmt *stmt, int col)
{
	assert(col >= 0 && col < store_col_count(stmt));
	return stmt->st->ops->col_text(stmt, col);
}

void store_col_copy(struct store_stmt *stmt, int col, char *out, size_t cap)
{
	const char *s = store_col_text(stmt, col);
	snprintf(out, cap, "%s", s ? s : "");
}

int store_col_count(struct store_stmt *stmt)
{
	return stmt->st->ops->col_count(stmt);
}

const char *store_col_name(struct store_stmt *stmt, int col)
{
	return stmt->st->ops->col_name(stmt, col);
}

bool store_col_is_null(struct store_stmt *stmt, int col)
{
	assert(col >= 0 && col < store_col_count(stmt));
	return stmt->st->ops->col_is_null(stmt, col);
}

enum bg_err store_backup(struct store *st, const char *path)
{
	if (!st->ops->backup)
		return store_set_error(st, BG_INVALID,
		                       "a %s database is backed up with its own tools (pg_dump: "
		                       "docs/deploy.md)",
		                       st->ops->engine);
	return st->ops->backup(st, path);
}

enum bg_err store_prepare_in(struct store *st, const char *before, const int64_t *ids, size_t n,
                             int first, const char *after, struct store_stmt **out)
{
	struct buf sql = BUF_INIT(BUF_MAX_SMALL);
	buf_adds(&sql, before);
	for (size_t i = 0; i < n; i++)
		buf_adds(&sql, i ? ", ?" : "?");
	buf_adds(&sql, after);
	enum bg_err rc = buf_error(&sql) ? store_set_error(st, BG_TOO_LARGE,
	                                                   "a list of %zu ids is too long", n)
	                                 : store_prepare(st, sql.ptr, out);
	buf_release(&sql);
	for (size_t i = 0; !rc && i < n; i++)
		store_bind_int(*out, first + (int)i, ids[i]);
	return rc;
}
