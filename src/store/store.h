/*
 * store.h - the database handle: one narrow interface over the engines.
 *
 * Everything in binge that reads or writes data goes through this interface:
 * prepare a statement with '?' placeholders, bind parameters, step through
 * rows, read columns, and group writes in transactions. Only store/ sees the
 * engine (SQLite for a file path, PostgreSQL through libpq for a
 * postgres:// URI), so SQL written against it must stay in the subset both
 * engines share:
 * INSERT ... ON CONFLICT, RETURNING, no engine-only types. Migrations are
 * applied by store_open() (see migrate.h).
 *
 * Lifecycle: store_open() -> (store_prepare() -> bind -> step* ->
 * store_finalize())* -> store_close(). A store and its statements belong to
 * one thread at a time.
 *
 * Errors: functions return enum bg_err; the text of the last error is kept
 * on the handle and read with store_errmsg(). Engine errors map to
 * BG_CONFLICT (unique or foreign-key violation), BG_BUSY (locked, retry) or
 * BG_DB (anything else).
 */
#ifndef BINGE_STORE_STORE_H
#define BINGE_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct store;
struct store_stmt;

/* Where the default database lives when neither --db nor BINGE_DB is set. */
#define STORE_DEFAULT_PATH "binge-data/binge.db"

/*
 * Opens the database named by target -- a file path (SQLite; a missing file
 * is created with its directory) or a postgres:// or postgresql:// URI --
 * and brings its schema up to date. *out is NULL on error and
 * *errmsg_out (if given) holds a message the caller frees.
 * Errors: BG_IO (cannot open or create), BG_SCHEMA (the database was made by
 * a newer binge), BG_DB.
 */
enum bg_err store_open(const char *target, struct store **out, char **errmsg_out);

/* Same, but migrates only up to schema version max_version (for tests). */
enum bg_err store_open_at(const char *target, int max_version, struct store **out,
                          char **errmsg_out);

/* Closes the handle; NULL is a no-op. Statements must be finalized first. */
void store_close(struct store *st);

/* The last error's message on this handle; never NULL. */
const char *store_errmsg(const struct store *st);

/*
 * Records err with a message on the handle, for callers above the store
 * (account/, http/) that report their own failures through store_errmsg()
 * alongside the store's. Returns err.
 */
enum bg_err store_set_error(struct store *st, enum bg_err err, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* The engine name: "sqlite" or "postgres". */
const char *store_engine(const struct store *st);

/* The schema version the database is at. */
int store_schema_version(const struct store *st);

/*
 * Copies the database, consistent at one instant while others write, into
 * a new SQLite file at path. Errors: BG_INVALID on PostgreSQL (pg_dump is
 * its tool: docs/deploy.md), BG_IO.
 */
enum bg_err store_backup(struct store *st, const char *path);

/*
 * Transactions. Every public repository write is one transaction: it runs
 * through store_transact(), or is a single statement. store_begin() starts
 * one that takes the write lock at once (so a writer never fails half-way
 * with BG_BUSY). store_rollback() is safe
 * to call after any error and never fails.
 */
enum bg_err store_begin(struct store *st);
enum bg_err store_commit(struct store *st);
void store_rollback(struct store *st);

/*
 * A run of reads that belong together (one HTTP viewer read): on SQLite one
 * read transaction, so the run sees one snapshot and takes the file locks
 * once (per statement, the locks and the WAL snapshot were 15% of a title
 * page's server CPU); on PostgreSQL nothing, each statement keeping its own
 * snapshot (a BEGIN and COMMIT would cost two round trips). Only reads may
 * run inside: SQLite refuses a write's BEGIN IMMEDIATE there. Nothing
 * happens inside a transaction. store_reads_end() ends the run.
 */
enum bg_err store_reads_begin(struct store *st);

/*
 * For work a transaction needs once, however many of its writes ask (a
 * generation bump): true the first time bit (0-31) is asked for in the
 * current transaction, false after; always true outside a transaction.
 */
bool store_first_in_transaction(struct store *st, unsigned bit);
void store_reads_end(struct store *st);

/* Whether a transaction is open on st (store_begin() without commit or rollback yet). */
bool store_in_transaction(const struct store *st);

/*
 * Runs fn(st, ctx) in a transaction: commits if it returns BG_OK, rolls
 * back otherwise. Called inside an open transaction, fn simply runs as part
 * of it (the outer one commits, rolls back and retries), so a repository
 * write that is one transaction on its own also composes into a larger one. Transactions are
 * serializable on every engine (SQLite has one writer at a time; PostgreSQL runs them at
 * SERIALIZABLE), so a read-modify-write inside fn never loses a concurrent update: when the engine
 * reports BG_BUSY (lock timeout, serialization failure, deadlock), the whole transaction is
 * retried with a growing, jittered pause: at least STORE_TX_ATTEMPTS times, and for as long as
 * STORE_TX_RETRY_MS has not passed. So fn must have no effects outside the database, or effects
 * that are safe to repeat.
 */
#define STORE_TX_ATTEMPTS 10
#define STORE_TX_RETRY_MS 5000
enum bg_err store_transact(struct store *st, enum bg_err (*fn)(struct store *st, void *ctx),
                           void *ctx);

/*
 * Refreshes the query planner's statistics, for commands that have just
 * written much of the database (import, simulate, scan). SQLite samples
 * each index (ANALYZE with analysis_limit), and every connection that
 * closes runs PRAGMA optimize; PostgreSQL runs ANALYZE, on top of
 * autovacuum's. tables (NULL-terminated; NULL: every table) names those
 * the command wrote. Not inside a transaction.
 */
enum bg_err store_analyze(struct store *st, const char *const *tables);

/* Runs SQL without parameters or rows (may hold several statements). */
enum bg_err store_exec(struct store *st, const char *sql);

/*
 * Prepares one statement. Placeholders are '?', numbered from 1 in order.
 * The statement is freed with store_finalize().
 */
enum bg_err store_prepare(struct store *st, const char *sql, struct store_stmt **out);
void store_finalize(struct store_stmt *stmt);

/*
 * Binding never fails on its own: an error (bad index, too big) is kept on
 * the statement and returned by the next store_step(). Text is copied.
 * store_bind_text(stmt, i, NULL) binds SQL NULL.
 */
void store_bind_int(struct store_stmt *stmt, int idx, int64_t value);
void store_bind_text(struct store_stmt *stmt, int idx, const char *text);
void store_bind_null(struct store_stmt *stmt, int idx);

/*
 * Runs one statement with parameters given by types, one letter each:
 * 'i' int64_t, 'd' int, 't' const char * (NULL binds SQL NULL). If id_out is
 * not NULL, the statement must return a row (e.g. RETURNING id) whose first
 * column is stored there; BG_NOT_FOUND if it returned none.
 */
enum bg_err store_run(struct store *st, int64_t *id_out, const char *sql, const char *types, ...);

/*
 * Fault injection for tests: the nth prepare or step from now (1-based)
 * fails once with err (BG_DB, or BG_BUSY to exercise retries); nth 0 turns
 * injection off. Lets tests check that every failure point leaves the
 * database consistent (SQLite's own fault simulation does the same).
 */
void store_inject_fault(struct store *st, long nth, enum bg_err err);

/* BG_ROW when a row is ready, BG_DONE at the end, or an error. */
enum bg_err store_step(struct store_stmt *stmt);

/*
 * The step loop, written once (in the spirit of sqlite3_exec): steps stmt
 * to its end and hands each row to row(stmt, ctx). The first error, from
 * the engine or a non-BG_OK return of row, stops the loop and is returned;
 * the end of the rows is BG_OK. stmt is finalized in every case.
 */
typedef enum bg_err (*store_row_fn)(struct store_stmt *stmt, void *ctx);
enum bg_err store_rows(struct store_stmt *stmt, store_row_fn row, void *ctx);

/*
 * Collects every row of stmt into a heap array: items_out is the address of
 * the caller's element pointer (a T **, T being size bytes). For each row an
 * element is appended zeroed and read(stmt, element) fills it. On success
 * *items_out holds *n_out elements (NULL when none; the caller frees it with
 * free()). On error the elements are released with release(element) (if
 * not NULL), the array is freed, *items_out is NULL and *n_out 0. stmt is
 * finalized in every case.
 */
typedef void (*store_read_fn)(struct store_stmt *stmt, void *item);
enum bg_err store_collect(struct store_stmt *stmt, size_t size, store_read_fn read,
                          void (*release)(void *item), void *items_out, size_t *n_out);

/*
 * Prepares before + "?, ?, ..." (n placeholders) + after, for an "IN (...)"
 * list, and binds ids to those placeholders, the first of them being
 * parameter number first (parameters before it and after the list are the
 * caller's to bind). Errors: BG_TOO_LARGE (a statement past BUF_MAX_SMALL).
 */
enum bg_err store_prepare_in(struct store *st, const char *before, const int64_t *ids, size_t n,
                             int first, const char *after, struct store_stmt **out);

/* Rewinds the statement and clears its bindings, ready to run again. */
void store_reset(struct store_stmt *stmt);

/*
 * Columns of the current row, numbered from 0. Text stays valid until the
 * next step, reset or finalize; NULL for SQL NULL. Integers read 0 for NULL.
 */
int64_t store_col_int(struct store_stmt *stmt, int col);
/* Number and names of the result columns, once store_step() has run. */
int store_col_count(struct store_stmt *stmt);
/*
 * Rows the statement's last execution inserted, updated or deleted (after
 * store_step returned BG_DONE). Cheaper than RETURNING on SQLite, which
 * builds a temporary table per execution.
 */
int64_t store_changes(struct store_stmt *stmt);
const char *store_col_name(struct store_stmt *stmt, int col);
const char *store_col_text(struct store_stmt *stmt, int col);
/* Copies column col's text (NULL as "") into out[cap], truncated to fit. */
void store_col_copy(struct store_stmt *stmt, int col, char *out, size_t cap);
bool store_col_is_null(struct store_stmt *stmt, int col);

/*
 * How many rows a write of many rows should put in one statement: 1 on
 * SQLite (a statement costs no round trip, and its multi-row upserts
 * measured slower), 256 on PostgreSQL (one round trip per statement).
 */
int store_batch_rows(const struct store *st);

/*
 * How many of left rows to write in the next multi-row statement: the
 * largest power of two within left, store_batch_rows() and most, so that
 * a writer prepares few shapes of statement (at most log2(most) + 1).
 */
size_t store_rows_per_statement(const struct store *st, size_t left, size_t most);

/* head, then n copies of row joined by ", ", then tail; the caller frees it. */
char *store_rows_sql(const char *head, const char *row, size_t n, const char *tail);

/*
 * Whether the engine takes rows as a stream (PostgreSQL's COPY), and the
 * stream: copy_sql is "COPY table (columns) FROM STDIN", data rows in
 * COPY's text format (columns separated by tabs, rows ended by newlines,
 * backslash, tab, newline and carriage return escaped as \\ \t \n \r).
 * Inside a transaction; a bad row fails the whole COPY. SQLite has none:
 * BG_INVALID there.
 */
bool store_has_copy_in(const struct store *st);
enum bg_err store_copy_in(struct store *st, const char *copy_sql, const char *data, size_t len);

/*
 * What a work queue's claim appends to the subquery that picks the row:
 * " FOR UPDATE SKIP LOCKED" on PostgreSQL, so claimers running at once each
 * take another row without waiting; "" on SQLite, where one writer at a
 * time makes the claim atomic anyway.
 */
const char *store_skip_locked(const struct store *st);

/*
 * After rows were inserted with explicit ids into table's column (made by
 * @ID@), makes the engine hand out new ids above them.
 */
enum bg_err store_sync_ids(struct store *st, const char *table, const char *column);

#endif
