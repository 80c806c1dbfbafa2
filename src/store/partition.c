/* partition.c - monthly partitions of a table; see partition.h. */
#include "store/partition.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mem.h"
#include "core/strmap.h"
#include "store/store.h"
#include "store/store_int.h"
#include "core/banned.h"

bool partition_by_month(const struct store *st)
{
	return strcmp(st->ops->engine, "postgres") == 0;
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool partition_month_of(const char *time, char month[PARTITION_MONTH_LEN + 1])
{
	if (strnlen(time, PARTITION_MONTH_LEN) < PARTITION_MONTH_LEN || !digits(time, 4) ||
	    time[4] != '-' || !digits(time + 5, 2))
		return false;
	int m = (time[5] - '0') * 10 + (time[6] - '0');
	if (m < 1 || m > 12)
		return false;
	memcpy(month, time, PARTITION_MONTH_LEN);
	month[PARTITION_MONTH_LEN] = '\0';
	return true;
}

/*
 * A month's partition: its name and its bounds, the month and the next.
 * Names come from binge's code and months are checked, so both can be
 * written into the SQL (DDL takes no parameters).
 */
struct month_part {
	char name[96];
	char from[PARTITION_MONTH_LEN + 1], to[16];
};

static enum bg_err month_part(struct store *st, const char *table, const char *month,
                              struct month_part *out)
{
	if (!partition_month_of(month, out->from) || month[PARTITION_MONTH_LEN] != '\0')
		return store_set_error(st, BG_INVALID, "'%s' is not a month (YYYY-MM)", month);
	int year = 0, m = (out->from[5] - '0') * 10 + (out->from[6] - '0');
	for (int i = 0; i < 4; i++)
		year = year * 10 + (out->from[i] - '0');
	if (year >= 9999 && m == 12)
		return store_set_error(st, BG_INVALID, "month '%s' has no next month", month);
	snprintf(out->to, sizeof(out->to), "%04d-%02d", m == 12 ? year + 1 : year,
	         m == 12 ? 1 : m + 1);
	if ((size_t)snprintf(out->name, sizeof(out->name), "%s_p%.4s_%.2s", table, out->from,
	                     out->from + 5) >= sizeof(out->name))
		return store_set_error(st, BG_INVALID, "table name '%s' is too long", table);
	return BG_OK;
}

static bool part_exists(struct store *st, const char *name, enum bg_err *rc)
{
	int64_t one;
	*rc = store_run(st, &one, "SELECT 1 WHERE to_regclass(?) IS NOT NULL", "t", name);
	if (*rc == BG_NOT_FOUND) {
		*rc = BG_OK;
		return false;
	}
	return !*rc;
}

/* Runs one statement, printf-style; every piece is written by this file or checked. */
__attribute__((format(printf, 2, 3))) static enum bg_err run_sql(struct store *st, const char *fmt,
                                                                 ...)
{
	char sql[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(sql))
		return store_set_error(st, BG_INVALID, "partition statement too long");
	return store_exec(st, sql);
}

enum bg_err partition_month_create_locked(struct store *st, const char *table, const char *column,
                                          const char *month)
{
	if (!partition_by_month(st))
		return BG_OK;
	struct month_part p;
	enum bg_err rc = month_part(st, table, month, &p);
	if (rc || part_exists(st, p.name, &rc) || rc)
		return rc;
	/* The month's rows in the default partition forbid the new one: they
	 * are set aside, then routed into it once it exists. Triggers that
	 * follow a row's deletion skip these while binge.moving_rows is on
	 * (the event log's forgets its id: migration 0044). */
	char sql[512];
	snprintf(sql, sizeof(sql),
	         "SELECT 1 FROM %s_default WHERE %s >= '%s' AND %s < '%s' LIMIT 1", table, column,
	         p.from, column, p.to);
	int64_t any;
	rc = store_run(st, &any, sql, "");
	if (rc && rc != BG_NOT_FOUND)
		return rc;
	bool move = rc == BG_OK;
	rc = BG_OK;
	if (move)
		rc = run_sql(st,
		             "SELECT set_config('binge.moving_rows', 'on', true);"
		             " CREATE TEMP TABLE binge_partition_moving AS"
		             " SELECT * FROM %s_default WHERE %s >= '%s' AND %s < '%s';"
		             " DELETE FROM %s_default WHERE %s >= '%s' AND %s < '%s'",
		             table, column, p.from, column, p.to, table, column, p.from, column,
		             p.to);
	if (!rc)
		rc = run_sql(st, "CREATE TABLE %s PARTITION OF %s FOR VALUES FROM ('%s') TO ('%s')",
		             p.name, table, p.from, p.to);
	if (!rc && move)
		rc = run_sql(st,
		             "INSERT INTO %s SELECT * FROM binge_partition_moving;"
		             " DROP TABLE binge_partition_moving;"
		             " SELECT set_config('binge.moving_rows', 'off', true)",
		             table);
	return rc;
}

/* The longest a maker waits for the table, and how long it then leaves the month alone. */
#define PARTITION_LOCK_WAIT_MS   1000
#define PARTITION_RETRY_AFTER_MS 60000

static int64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static enum bg_err ensure_locked(struct store *st, const char *table, const char *column,
                                 const char *month)
{
	enum bg_err rc =
	        run_sql(st, "SET LOCAL lock_timeout = %d; LOCK TABLE %s IN ACCESS EXCLUSIVE MODE",
	                PARTITION_LOCK_WAIT_MS, table);
	return rc ? rc : partition_month_create_locked(st, table, column, month);
}

enum bg_err partition_month_ensure(struct store *st, const char *table, const char *column,
                                   const char *month)
{
	if (!partition_by_month(st))
		return BG_OK;
	if (store_in_transaction(st)) /* it would wait for its own transaction's locks */
		return store_set_error(st, BG_INVALID,
		                       "a partition is made outside a transaction (%s of %s)",
		                       month, table);
	struct month_part p;
	enum bg_err rc = month_part(st, table, month, &p);
	int64_t retry_at; /* in st->partitions: 0 = made, else when to try again */
	if (rc)
		return rc;
	if (strmap_get(&st->partitions, p.name, &retry_at)) {
		if (retry_at == 0)
			return BG_OK;
		if (monotonic_ms() < retry_at)
			return store_set_error(st, BG_BUSY, "%s is busy; %s waits in %s_default",
			                       table, month, table);
	}
	/* Looked up without a lock first: once made, a partition stays. One
	 * attempt, not store_transact()'s retries: a long reader holding the
	 * table would stall every writer queued behind the lock request. */
	if (!part_exists(st, p.name, &rc) && !rc && !(rc = store_begin(st))) {
		rc = ensure_locked(st, table, column, month);
		if (rc)
			store_rollback(st);
		else
			rc = store_commit(st);
	}
	if (!rc)
		strmap_put(&st->partitions, p.name, 0);
	else if (rc == BG_BUSY)
		strmap_put(&st->partitions, p.name, monotonic_ms() + PARTITION_RETRY_AFTER_MS);
	return rc;
}

static void read_month(struct store_stmt *stmt, void *item)
{
	const char *m = store_col_text(stmt, 0);
	snprintf(item, PARTITION_MONTH_LEN + 1, "%s", m ? m : "");
}

/* Every month with rows in from_table of source (whose months are checked) gets its own in st. */
static enum bg_err ensure_months_of(struct store *st, struct store *source, const char *from_table,
                                    const char *table, const char *column, long *made)
{
	char sql[160];
	snprintf(sql, sizeof(sql), "SELECT DISTINCT substr(%s, 1, 7) FROM %s", column, from_table);
	struct store_stmt *stmt;
	char(*months)[PARTITION_MONTH_LEN + 1] = NULL;
	size_t n = 0;
	enum bg_err rc = store_prepare(source, sql, &stmt);
	if (!rc)
		rc = store_collect(stmt, sizeof(*months), read_month, NULL, &months, &n);
	if (rc && source != st) /* the message goes with the store the caller asked */
		return store_set_error(st, rc, "reading the months of %s: %s", from_table,
		                       store_errmsg(source));
	char month[PARTITION_MONTH_LEN + 1];
	for (size_t i = 0; i < n && !rc; i++) {
		if (!partition_month_of(months[i], month))
			continue; /* not a time: it stays where the engine put it */
		rc = partition_month_ensure(st, table, column, month);
		if (!rc && made)
			(*made)++;
		else if (rc == BG_BUSY)
			rc = BG_OK; /* its rows wait in the default partition */
	}
	free(months);
	return rc;
}

enum bg_err partition_settle(struct store *st, const char *table, const char *column, long *moved)
{
	if (moved)
		*moved = 0;
	if (!partition_by_month(st))
		return BG_OK;
	char from_table[128];
	snprintf(from_table, sizeof(from_table), "%s_default", table);
	return ensure_months_of(st, st, from_table, table, column, moved);
}

enum bg_err partition_prepare_like(struct store *st, struct store *source, const char *table,
                                   const char *column)
{
	if (!partition_by_month(st))
		return BG_OK;
	return ensure_months_of(st, source, table, table, column, NULL);
}
