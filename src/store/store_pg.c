/*
 * store_pg.c - the PostgreSQL engine behind store.h, on libpq.
 *
 * Statements: binge's SQL uses '?' placeholders; they are rewritten to $1,
 * $2, ... (outside quoted literals) and prepared once per connection. A
 * per-connection cache maps SQL text to the server-side statement name, so
 * a statement prepared again (every call of store_run(), say) costs one
 * round trip, not two. Parameters are always bound as text and typed by
 * the server from their context; results are read in text format.
 *
 * Connection: opened from a postgres:// URI; every session gets a
 * statement_timeout (STORE_PG_STATEMENT_TIMEOUT_MS) so a stuck query cannot
 * hold a server thread forever. When the connection has dropped and no
 * transaction is open, the next call reconnects (PQreset), forgets the
 * statement cache and retries once; inside a transaction the error is
 * returned, since the server has already rolled the transaction back.
 *
 * Errors map by SQLSTATE: 23505/23503 -> BG_CONFLICT, 23502/23514/22xxx ->
 * BG_INVALID, 40001/40P01/55P03 -> BG_BUSY (the caller may retry the whole
 * transaction, see store_transact()), 08xxx -> BG_IO, 57014 (timeout) ->
 * BG_BUSY, anything else BG_DB. The only file in binge that includes
 * libpq-fe.h.
 */
#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/dynlib.h"
#include "core/mem.h"
#include "store/store.h"
#include "store/store_int.h"
#include "core/banned.h"

#define STORE_PG_STATEMENT_TIMEOUT_MS 30000

/*
 * libpq, opened on the first PostgreSQL connection (core/dynlib.h) rather
 * than linked: with its 24 libraries (Kerberos, LDAP, TLS) every binge
 * process started 13-17 ms later, though most use SQLite. BINGE_PQ_SONAME
 * comes from CMake.
 */
static struct {
	__typeof__(PQclear) *clear;
	__typeof__(PQcmdTuples) *cmd_tuples;
	__typeof__(PQconnectdb) *connectdb;
	__typeof__(PQerrorMessage) *error_message;
	__typeof__(PQexec) *exec;
	__typeof__(PQexecParams) *exec_params;
	__typeof__(PQexecPrepared) *exec_prepared;
	__typeof__(PQfinish) *finish;
	__typeof__(PQfname) *fname;
	__typeof__(PQgetisnull) *getisnull;
	__typeof__(PQgetvalue) *getvalue;
	__typeof__(PQgetResult) *get_result;
	__typeof__(PQputCopyData) *put_copy_data;
	__typeof__(PQputCopyEnd) *put_copy_end;
	__typeof__(PQnfields) *nfields;
	__typeof__(PQntuples) *ntuples;
	__typeof__(PQprepare) *prepare;
	__typeof__(PQreset) *reset;
	__typeof__(PQresultErrorField) *result_error_field;
	__typeof__(PQresultErrorMessage) *result_error_message;
	__typeof__(PQresultStatus) *result_status;
	__typeof__(PQstatus) *status;
	__typeof__(PQtransactionStatus) *transaction_status;
} pq;

static pthread_once_t pq_once = PTHREAD_ONCE_INIT;
static char pq_error[256]; /* why libpq could not be opened; empty once opened */

static void pq_open(void)
{
	const struct dynlib_fn fns[] = {
	        {"PQclear", (void **)&pq.clear},
	        {"PQcmdTuples", (void **)&pq.cmd_tuples},
	        {"PQconnectdb", (void **)&pq.connectdb},
	        {"PQerrorMessage", (void **)&pq.error_message},
	        {"PQexec", (void **)&pq.exec},
	        {"PQexecParams", (void **)&pq.exec_params},
	        {"PQexecPrepared", (void **)&pq.exec_prepared},
	        {"PQfinish", (void **)&pq.finish},
	        {"PQfname", (void **)&pq.fname},
	        {"PQgetisnull", (void **)&pq.getisnull},
	        {"PQgetvalue", (void **)&pq.getvalue},
	        {"PQgetResult", (void **)&pq.get_result},
	        {"PQputCopyData", (void **)&pq.put_copy_data},
	        {"PQputCopyEnd", (void **)&pq.put_copy_end},
	        {"PQnfields", (void **)&pq.nfields},
	        {"PQntuples", (void **)&pq.ntuples},
	        {"PQprepare", (void **)&pq.prepare},
	        {"PQreset", (void **)&pq.reset},
	        {"PQresultErrorField", (void **)&pq.result_error_field},
	        {"PQresultErrorMessage", (void **)&pq.result_error_message},
	        {"PQresultStatus", (void **)&pq.result_status},
	        {"PQstatus", (void **)&pq.status},
	        {"PQtransactionStatus", (void **)&pq.transaction_status},
	};
	dynlib_open(BINGE_PQ_SONAME, fns, sizeof(fns) / sizeof(fns[0]), pq_error, sizeof(pq_error));
}

struct prepared {
	char *sql; /* binge's SQL text, the cache key */
	char name[24];
};

struct pg_conn {
	PGconn *conn;
	struct prepared *cache;
	size_t cache_n, cache_cap;
	unsigned long next_name;
};

struct pg_stmt {
	struct store_stmt base;
	char *sql;    /* binge's SQL, to find or re-prepare the statement */
	char *pg_sql; /* with $n placeholders */
	int nparams;
	char **values; /* text of each parameter; NULL for SQL NULL */
	PGresult *res;
	int row, nrows;
	bool executed;
	enum bg_err bind_err;
};

static struct pg_conn *pg_of(struct store *st)
{
	return st->engine;
}

static struct pg_stmt *pgs(struct store_stmt *stmt)
{
	return (struct pg_stmt *)stmt;
}

static enum bg_err map_sqlstate(const char *state)
{
	if (!state)
		return BG_IO; /* no server answer: connection trouble */
	if (strcmp(state, "23505") == 0 || strcmp(state, "23503") == 0)
		return BG_CONFLICT;
	if (strcmp(state, "23502") == 0 || strcmp(state, "23514") == 0 ||
	    strncmp(state, "22", 2) == 0)
		return BG_INVALID;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0 || strcmp(state, "57014") == 0)
		return BG_BUSY;
	if (strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0)
		return BG_IO;
	if (strcmp(state, "54000") == 0)
		return BG_TOO_LARGE;
	return BG_DB;
}

/* Records the error of res (or of the connection) and returns its code. */
static enum bg_err fail_result(struct store *st, PGresult *res)
{
	const char *state = res ? pq.result_error_field(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? pq.result_error_message(res) : "";
	if (!msg || !*msg)
		msg = pq.error_message(pg_of(st)->conn);
	size_t len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	return store_fail(st, map_sqlstate(state), "%.*s", (int)len, msg);
}

static void forget_prepared(struct pg_conn *pc)
{
	for (size_t i = 0; i < pc->cache_n; i++)
		free(pc->cache[i].sql);
	pc->cache_n = 0;
}

static bool in_transaction(struct pg_conn *pc)
{
	PGTransactionStatusType ts = pq.transaction_status(pc->conn);
	return ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR || ts == PQTRANS_ACTIVE;
}

/* Session settings every connection (and reconnection) gets. */
static enum bg_err configure_session(struct store *st)
{
	char sql[128];
	snprintf(sql, sizeof(sql),
	         "SET statement_timeout = %d; SET client_min_messages = warning; "
	         "SET client_encoding = 'UTF8'",
	         STORE_PG_STATEMENT_TIMEOUT_MS);
	PGresult *res = pq.exec(pg_of(st)->conn, sql);
	enum bg_err rc = pq.result_status(res) == PGRES_COMMAND_OK ? BG_OK : fail_result(st, res);
	pq.clear(res);
	return rc;
}

/*
 * After a failure: if the connection is gone and no transaction was open,
 * reconnect. True if the caller should retry its call once.
 */
static bool recover_connection(struct store *st, bool was_in_tx)
{
	struct pg_conn *pc = pg_of(st);
	if (pq.status(pc->conn) == CONNECTION_OK || was_in_tx)
		return false;
	pq.reset(pc->conn);
	forget_prepared(pc);
	return pq.status(pc->conn) == CONNECTION_OK && configure_session(st) == BG_OK;
}

static void pg_close(struct store *st)
{
	struct pg_conn *pc = pg_of(st);
	if (!pc)
		return;
	forget_prepared(pc);
	free(pc->cache);
	pq.finish(pc->conn);
	free(pc);
	st->engine = NULL;
}

static enum bg_err pg_open(struct store *st, const char *uri)
{
	pthread_once(&pq_once, pq_open);
	if (pq_error[0])
		return store_fail(st, BG_IO, "cannot connect to PostgreSQL: %s", pq_error);
	struct pg_conn *pc = xcalloc(1, sizeof(*pc));
	st->engine = pc;
	pc->conn = pq.connectdb(uri);
	if (pq.status(pc->conn) != CONNECTION_OK) {
		const char *msg = pq.error_message(pc->conn);
		size_t len = strlen(msg);
		while (len && msg[len - 1] == '\n')
			len--;
		/* Never echo the URI: it may hold a password. */
		enum bg_err rc =
		        store_fail(st, BG_IO, "cannot connect to PostgreSQL: %.*s", (int)len, msg);
		pg_close(st);
		return rc;
	}
	enum bg_err rc = configure_session(st);
	if (rc)
		pg_close(st);
	return rc;
}

static enum bg_err pg_exec(struct store *st, const char *sql)
{
	struct pg_conn *pc = pg_of(st);
	for (int attempt = 0;; attempt++) {
		bool was_in_tx = in_transaction(pc);
		PGresult *res = pq.exec(pc->conn, sql);
		ExecStatusType s = pq.result_status(res);
		if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY) {
			pq.clear(res);
			return BG_OK;
		}
		enum bg_err rc = fail_result(st, res);
		pq.clear(res);
		if (attempt > 0 || !recover_connection(st, was_in_tx))
			return rc;
	}
}

/* SERIALIZABLE: the same guarantees as SQLite's single writer. */
static enum bg_err pg_begin(struct store *st)
{
	return pg_exec(st, "BEGIN ISOLATION LEVEL SERIALIZABLE");
}

/* Rewrites '?' placeholders to $1, $2, ... outside quoted text. */
static char *number_placeholders(const char *sql, int *nparams)
{
	struct buf b = BUF_INIT(BUF_MAX_LARGE);
	char quote = 0;
	int n = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '?') {
			buf_addf(&b, "$%d", ++n);
			continue;
		}
		buf_addch(&b, *p);
	}
	*nparams = n;
	return buf_detach(&b, NULL);
}

/* The server-side name of sql's prepared statement, preparing it if needed. */
static enum bg_err ensure_prepared(struct store *st, const char *sql, const char *pg_sql,
                                   const char **name_out)
{
	struct pg_conn *pc = pg_of(st);
	for (size_t i = 0; i < pc->cache_n; i++) {
		if (strcmp(pc->cache[i].sql, sql) == 0) {
			*name_out = pc->cache[i].name;
			return BG_OK;
		}
	}
	for (int attempt = 0;; attempt++) {
		bool was_in_tx = in_transaction(pc);
		char name[24];
		snprintf(name, sizeof(name), "binge_%lu", ++pc->next_name);
		PGresult *res = pq.prepare(pc->conn, name, pg_sql, 0, NULL);
		if (pq.result_status(res) == PGRES_COMMAND_OK) {
			pq.clear(res);
			pc->cache = xgrow(pc->cache, sizeof(*pc->cache), pc->cache_n + 1,
			                  &pc->cache_cap);
			struct prepared *p = &pc->cache[pc->cache_n++];
			p->sql = xstrdup(sql);
			memcpy(p->name, name, sizeof(name));
			*name_out = p->name;
			return BG_OK;
		}
		enum bg_err rc = fail_result(st, res);
		pq.clear(res);
		if (attempt > 0 || !recover_connection(st, was_in_tx))
			return rc;
	}
}

static enum bg_err pg_prepare(struct store *st, const char *sql, struct store_stmt **out)
{
	*out = NULL;
	int nparams;
	char *pg_sql = number_placeholders(sql, &nparams);
	const char *name;
	/* Prepare now so that a bad statement fails here, as on SQLite. */
	enum bg_err rc = ensure_prepared(st, sql, pg_sql, &name);
	if (rc) {
		free(pg_sql);
		return rc;
	}
	struct pg_stmt *stmt = xcalloc(1, sizeof(*stmt));
	stmt->base.st = st;
	stmt->sql = xstrdup(sql);
	stmt->pg_sql = pg_sql;
	stmt->nparams = nparams;
	stmt->values = xcalloc((size_t)(nparams ? nparams : 1), sizeof(*stmt->values));
	*out = &stmt->base;
	return BG_OK;
}

static void clear_values(struct pg_stmt *s)
{
	for (int i = 0; i < s->nparams; i++) {
		free(s->values[i]);
		s->values[i] = NULL;
	}
}

static void pg_reset(struct store_stmt *stmt)
{
	struct pg_stmt *s = pgs(stmt);
	pq.clear(s->res);
	s->res = NULL;
	s->executed = false;
	s->row = s->nrows = 0;
	s->bind_err = BG_OK;
	clear_values(s);
}

static void pg_finalize(struct store_stmt *stmt)
{
	struct pg_stmt *s = pgs(stmt);
	pg_reset(stmt);
	free(s->values);
	free(s->sql);
	free(s->pg_sql);
	free(s);
}

static void set_value(struct store_stmt *stmt, int idx, char *value)
{
	struct pg_stmt *s = pgs(stmt);
	if (idx < 1 || idx > s->nparams) {
		free(value);
		if (!s->bind_err)
			s->bind_err = store_fail(stmt->st, BG_DB,
			                         "bind index %d out of range (statement has %d)",
			                         idx, s->nparams);
		return;
	}
	free(s->values[idx - 1]);
	s->values[idx - 1] = value;
}

static void pg_bind_int(struct store_stmt *stmt, int idx, int64_t value)
{
	char text[24];
	snprintf(text, sizeof(text), "%lld", (long long)value);
	set_value(stmt, idx, xstrdup(text));
}

static void pg_bind_text(struct store_stmt *stmt, int idx, const char *text)
{
	set_value(stmt, idx, xstrdup(text));
}

static void pg_bind_null(struct store_stmt *stmt, int idx)
{
	set_value(stmt, idx, NULL);
}

static enum bg_err execute(struct pg_stmt *s)
{
	struct store *st = s->base.st;
	struct pg_conn *pc = pg_of(st);
	for (int attempt = 0;; attempt++) {
		bool was_in_tx = in_transaction(pc);
		const char *name = NULL;
		enum bg_err rc = ensure_prepared(st, s->sql, s->pg_sql, &name);
		if (rc)
			return rc;
		PGresult *res = pq.exec_prepared(pc->conn, name, s->nparams,
		                                 (const char *const *)s->values, NULL, NULL, 0);
		ExecStatusType status = pq.result_status(res);
		if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
			s->res = res;
			s->nrows = status == PGRES_TUPLES_OK ? pq.ntuples(res) : 0;
			s->row = 0;
			s->executed = true;
			return BG_OK;
		}
		rc = fail_result(st, res);
		pq.clear(res);
		if (attempt > 0 || !recover_connection(st, was_in_tx))
			return rc;
	}
}

static enum bg_err pg_step(struct store_stmt *stmt)
{
	struct pg_stmt *s = pgs(stmt);
	if (s->bind_err)
		return s->bind_err;
	if (!s->executed) {
		enum bg_err rc = execute(s);
		if (rc)
			return rc;
	} else if (s->row < s->nrows) {
		s->row++;
	}
	return s->row < s->nrows ? BG_ROW : BG_DONE;
}

static int64_t pg_changes(struct store_stmt *stmt)
{
	struct pg_stmt *s = pgs(stmt);
	return s->res ? strtoll(pq.cmd_tuples(s->res), NULL, 10) : 0;
}

static int64_t pg_col_int(struct store_stmt *stmt, int col)
{
	struct pg_stmt *s = pgs(stmt);
	if (!s->res || s->row >= s->nrows || pq.getisnull(s->res, s->row, col))
		return 0;
	return strtoll(pq.getvalue(s->res, s->row, col), NULL, 10);
}

static const char *pg_col_text(struct store_stmt *stmt, int col)
{
	struct pg_stmt *s = pgs(stmt);
	if (!s->res || s->row >= s->nrows || pq.getisnull(s->res, s->row, col))
		return NULL;
	return pq.getvalue(s->res, s->row, col);
}

static bool pg_col_is_null(struct store_stmt *stmt, int col)
{
	struct pg_stmt *s = pgs(stmt);
	return !s->res || s->row >= s->nrows || pq.getisnull(s->res, s->row, col);
}

static int pg_col_count(struct store_stmt *stmt)
{
	struct pg_stmt *s = pgs(stmt);
	return s->res ? pq.nfields(s->res) : 0;
}

static const char *pg_col_name(struct store_stmt *stmt, int col)
{
	struct pg_stmt *s = pgs(stmt);
	return s->res ? pq.fname(s->res, col) : NULL;
}

/* Identity columns keep their own counter; move it past copied ids. */
/*
 * Several processes may open a fresh database at once (servers starting
 * together, parallel tests), and DDL is not covered by serializable
 * isolation, so migrations run under a session advisory lock. The key is
 * arbitrary but fixed: "binge" in ASCII.
 */
#define SCHEMA_LOCK_KEY "422675638117" /* 0x62696e6765 */

static enum bg_err pg_lock_schema(struct store *st)
{
	return pg_exec(st, "SELECT pg_advisory_lock(" SCHEMA_LOCK_KEY ")");
}

static enum bg_err pg_unlock_schema(struct store *st)
{
	return pg_exec(st, "SELECT pg_advisory_unlock(" SCHEMA_LOCK_KEY ")");
}

/*
 * COPY ... FROM STDIN: the statement, the rows in pieces of at most 1 MiB,
 * the end; then every result, so the connection is ready for the next.
 */
static enum bg_err pg_copy_in(struct store *st, const char *copy_sql, const char *data, size_t len)
{
	struct pg_conn *pc = pg_of(st);
	PGresult *res = pq.exec(pc->conn, copy_sql);
	if (pq.result_status(res) != PGRES_COPY_IN) {
		enum bg_err rc = fail_result(st, res);
		pq.clear(res);
		return rc;
	}
	pq.clear(res);
	bool sent = true;
	for (size_t at = 0; at < len && sent; at += 1 << 20) {
		size_t n = len - at < (size_t)1 << 20 ? len - at : (size_t)1 << 20;
		sent = pq.put_copy_data(pc->conn, data + at, (int)n) == 1;
	}
	pq.put_copy_end(pc->conn, sent ? NULL : "binge could not send the rows");
	enum bg_err rc = BG_OK;
	while ((res = pq.get_result(pc->conn)) != NULL) {
		if (!rc && pq.result_status(res) != PGRES_COMMAND_OK)
			rc = fail_result(st, res);
		pq.clear(res);
	}
	if (!rc && !sent)
		rc = store_fail(st, BG_IO, "cannot send rows to PostgreSQL: %s",
		                pq.error_message(pc->conn));
	return rc;
}

static enum bg_err pg_sync_ids(struct store *st, const char *table, const char *column)
{
	char sql[320];
	snprintf(sql, sizeof(sql),
	         "SELECT setval(pg_get_serial_sequence('%s', '%s'),"
	         " COALESCE((SELECT MAX(%s) FROM %s), 0) + 1, false)",
	         table, column, column, table);
	return pg_exec(st, sql);
}

static const char *pg_sql_text(struct store_stmt *stmt)
{
	return pgs(stmt)->sql;
}

/*
 * EXPLAIN with the bound values, so the planner sees what the statement
 * runs with. Inside a transaction a savepoint keeps a failed EXPLAIN from
 * aborting the caller's work.
 */
static void pg_explain(struct store_stmt *stmt, struct buf *plan)
{
	struct pg_stmt *s = pgs(stmt);
	struct pg_conn *pc = pg_of(stmt->st);
	bool in_tx = in_transaction(pc);
	if (in_tx)
		pq.clear(pq.exec(pc->conn, "SAVEPOINT binge_explain"));
	struct buf sql = BUF_INIT(BUF_MAX_LARGE);
	buf_addf(&sql, "EXPLAIN %s", s->pg_sql);
	PGresult *res = pq.exec_params(pc->conn, sql.ptr, s->nparams, NULL,
	                               (const char *const *)s->values, NULL, NULL, 0);
	buf_release(&sql);
	bool ok = pq.result_status(res) == PGRES_TUPLES_OK;
	for (int r = 0; ok && r < pq.ntuples(res); r++)
		buf_addf(plan, "%s\n", pq.getvalue(res, r, 0));
	if (!ok) {
		const char *msg = pq.result_error_message(res);
		buf_addf(plan, "(no plan: %.*s)\n", (int)strcspn(msg, "\n"), msg);
	}
	pq.clear(res);
	if (in_tx)
		pq.clear(pq.exec(pc->conn, ok ? "RELEASE SAVEPOINT binge_explain"
		                              : "ROLLBACK TO SAVEPOINT binge_explain"));
}

/* After a bulk load, rather than waiting for autovacuum's next analyse. */
static enum bg_err pg_analyze(struct store *st, const char *const *tables)
{
	struct buf sql = BUF_INIT(BUF_MAX_SMALL);
	buf_adds(&sql, "ANALYZE");
	for (size_t i = 0; tables && tables[i]; i++)
		buf_addf(&sql, "%s %s", i ? "," : "", tables[i]);
	enum bg_err rc = pg_exec(st, sql.ptr);
	buf_release(&sql);
	return rc;
}

const struct store_ops store_pg_ops = {
        .analyze = pg_analyze,
        .sql_text = pg_sql_text,
        .explain = pg_explain,
        .engine = "postgres",
        .open = pg_open,
        .close = pg_close,
        .exec = pg_exec,
        .begin = pg_begin,
        .prepare = pg_prepare,
        .finalize = pg_finalize,
        .bind_int = pg_bind_int,
        .bind_text = pg_bind_text,
        .bind_null = pg_bind_null,
        .step = pg_step,
        .reset = pg_reset,
        .col_int = pg_col_int,
        .col_text = pg_col_text,
        .col_is_null = pg_col_is_null,
        .col_count = pg_col_count,
        .changes = pg_changes,
        .col_name = pg_col_name,
        .copy_in = pg_copy_in,
        .sync_ids = pg_sync_ids,
        .lock_schema = pg_lock_schema,
        .unlock_schema = pg_unlock_schema,
        .id_column = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
        .epoch_template = "CAST(EXTRACT(EPOCH FROM CAST(%s AS TIMESTAMPTZ)) AS BIGINT)",
        .skip_locked = " FOR UPDATE SKIP LOCKED",
        .batch_rows = 256,
};
