/*
 * plan_log.h - the query plan of every distinct statement, written once per
 * process to the file named by BINGE_QUERY_PLANS (unset: off, at the cost of
 * one flag test per statement).
 *
 * The engine's own words are kept: EXPLAIN QUERY PLAN on SQLite (with the
 * statement's bindings inlined by sqlite3_expanded_sql), EXPLAIN on
 * PostgreSQL with the bound values. Each entry reads
 *
 *   -- engine: sqlite
 *   -- sql: SELECT ... (binge's text, one line)
 *   <plan, a line per step, indented two spaces per level>
 *   <blank line>
 *
 * tests/integration/query_plan_test.sh reads it to fail on a full scan; an
 * operator can use it the way PostgreSQL's auto_explain is used.
 */
#ifndef BINGE_STORE_PLAN_LOG_H
#define BINGE_STORE_PLAN_LOG_H

#include <stdbool.h>

struct store_stmt;

/* Whether plans are being logged (reads BINGE_QUERY_PLANS once). */
bool plan_log_enabled(void);

/* Logs stmt's plan, with its current bindings, unless its SQL was logged already. */
void plan_log_statement(struct store_stmt *stmt);

#endif
