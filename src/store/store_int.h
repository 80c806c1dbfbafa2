/*
 * store_int.h - private to store/: the engine vtable and handle layout.
 *
 * Each engine (store_sqlite.c, store_pg.c) fills a struct store_ops.
 * store.c dispatches the public functions through it and owns the shared
 * part, the error message buffer; migrate.c applies the schema through the
 * same table and store_open.c joins the two. Nothing here knows a domain.
 */
#ifndef BINGE_STORE_STORE_INT_H
#define BINGE_STORE_STORE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/strmap.h"

struct store;
struct store_stmt;

struct store_ops {
	const char *engine;
	/* Opens the connection; on failure sets the message and returns. */
	enum bg_err (*open)(struct store *st, const char *target);
	void (*close)(struct store *st);
	enum bg_err (*exec)(struct store *st, const char *sql);
	enum bg_err (*begin)(struct store *st);
	/* Starts a read-only run of statements (store_reads_begin); NULL: nothing to do. */
	enum bg_err (*begin_reads)(struct store *st);
	enum bg_err (*prepare)(struct store *st, const char *sql, struct store_stmt **out);
	void (*finalize)(struct store_stmt *stmt);
	void (*bind_int)(struct store_stmt *stmt, int idx, int64_t value);
	void (*bind_text)(struct store_stmt *stmt, int idx, const char *text);
	void (*bind_null)(struct store_stmt *stmt, int idx);
	enum bg_err (*step)(struct store_stmt *stmt);
	void (*reset)(struct store_stmt *stmt);
	int64_t (*col_int)(struct store_stmt *stmt, int col);
	const char *(*col_text)(struct store_stmt *stmt, int col);
	bool (*col_is_null)(struct store_stmt *stmt, int col);
	int (*col_count)(struct store_stmt *stmt);
	/* Rows the statement's last execution inserted, updated or deleted. */
	int64_t (*changes)(struct store_stmt *stmt);
	const char *(*col_name)(struct store_stmt *stmt, int col);
	/* Streams rows in COPY's text format (store_copy_in); NULL: the engine has none. */
	enum bg_err (*copy_in)(struct store *st, const char *copy_sql, const char *data,
	                       size_t len);
	/* Moves table's id counter past its largest id (after explicit ids). */
	enum bg_err (*sync_ids)(struct store *st, const char *table, const char *column);
	/*
	 * Holds off other processes' migrations for the whole run, where the
	 * engine's write lock does not (PostgreSQL: DDL is outside serializable
	 * isolation). NULL when the transaction's own lock suffices (SQLite).
	 */
	enum bg_err (*lock_schema)(struct store *st);
	enum bg_err (*unlock_schema)(struct store *st);
	/*
	 * Copies the whole database, consistent at one instant while others
	 * write, into a new file at path (SQLite's online backup). NULL where
	 * the engine has its own tools (PostgreSQL: pg_dump).
	 */
	enum bg_err (*backup)(struct store *st, const char *path);
	/* Refreshes the planner's statistics (store_analyze()). */
	enum bg_err (*analyze)(struct store *st, const char *const *tables);
	/* binge's SQL text of stmt, as prepared. */
	const char *(*sql_text)(struct store_stmt *stmt);
	/*
	 * Appends the engine's plan for stmt with its current bindings, a line
	 * per step (plan_log.h); an error is appended as a line too.
	 */
	void (*explain)(struct store_stmt *stmt, struct buf *plan);
	/* SQL spelling of engine-specific fragments used in migrations. */
	const char *id_column; /* @ID@: an auto-assigned integer primary key */
	/* Appended to a queue's claim subquery (store_skip_locked()). */
	const char *skip_locked;
	/* Rows a multi-row write should carry per statement (store_batch_rows). */
	int batch_rows;
	/* @EPOCH(expr)@: Unix seconds of a "YYYY-MM-DDTHH:MM:SSZ" text; %s is expr */
	const char *epoch_template;
};

struct store {
	const struct store_ops *ops;
	void *engine; /* the engine's connection */
	struct buf errmsg;
	int schema_version;
	bool in_transaction;  /* between store_begin() and commit or rollback */
	bool in_reads;        /* between store_reads_begin() and store_reads_end() */
	unsigned done_once;   /* store_first_in_transaction()'s bits, cleared at begin */
	long fault_countdown; /* store_inject_fault(); 0 = off */
	enum bg_err fault_err;
	struct strmap partitions; /* names of partitions seen to exist (partition.c) */
};

/* Every engine's statement starts with this header. */
struct store_stmt {
	struct store *st;
	bool started; /* stepped since prepare or reset (plan_log.h) */
};

extern const struct store_ops store_sqlite_ops;
extern const struct store_ops store_pg_ops;

/*
 * Connects to target with the engine its form names, without touching the
 * schema (store_open() in store_open.c adds the migrations). On error *out is
 * NULL and *errmsg_out (if given) holds a message the caller frees.
 */
enum bg_err store_connect(const char *target, struct store **out, char **errmsg_out);

/* Sets the handle's error message (printf-style) and returns err. */
enum bg_err store_fail(struct store *st, enum bg_err err, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

#endif
