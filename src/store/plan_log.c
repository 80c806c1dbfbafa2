/* plan_log.c - each distinct statement's plan, once, to BINGE_QUERY_PLANS; see plan_log.h. */
#include "store/plan_log.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/hash.h"
#include "core/mem.h"
#include "store/store_int.h"
#include "core/banned.h"

static pthread_once_t plan_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t plan_lock = PTHREAD_MUTEX_INITIALIZER;
static FILE *plan_file;
/* Hashes of the SQL already logged (core/hash.h); a few hundred at most. */
static uint64_t *seen;
static size_t seen_n, seen_cap;

static void plan_open(void)
{
	const char *path = getenv("BINGE_QUERY_PLANS");
	if (!path || !*path)
		return;
	plan_file = fopen(path, "a");
	if (!plan_file)
		fprintf(stderr, "binge: BINGE_QUERY_PLANS: cannot open %s for appending\n", path);
}

bool plan_log_enabled(void)
{
	pthread_once(&plan_once, plan_open);
	return plan_file != NULL;
}

/* Whether sql is new; marks it seen. Called under plan_lock. */
static bool first_sight(const char *sql)
{
	uint64_t h = hash_fnv1a_str(sql);
	for (size_t i = 0; i < seen_n; i++)
		if (seen[i] == h)
			return false;
	seen = xgrow(seen, sizeof(*seen), seen_n + 1, &seen_cap);
	seen[seen_n++] = h;
	return true;
}

/* The SQL on one line: runs of white space become one space. */
static void add_one_line(struct buf *b, const char *sql)
{
	bool space = false, any = false;
	for (const char *p = sql; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = true;
			continue;
		}
		if (space && any)
			buf_addch(b, ' ');
		space = false;
		any = true;
		buf_addch(b, *p);
	}
}

void plan_log_statement(struct store_stmt *stmt)
{
	const struct store_ops *ops = stmt->st->ops;
	const char *sql = ops->sql_text(stmt);
	pthread_mutex_lock(&plan_lock);
	bool fresh = first_sight(sql);
	pthread_mutex_unlock(&plan_lock);
	if (!fresh)
		return;
	/* Explained outside the lock: each thread has its own connection. */
	struct buf entry = BUF_INIT(BUF_MAX_LARGE);
	buf_addf(&entry, "-- engine: %s\n-- sql: ", ops->engine);
	add_one_line(&entry, sql);
	buf_addch(&entry, '\n');
	ops->explain(stmt, &entry);
	buf_addch(&entry, '\n');
	pthread_mutex_lock(&plan_lock);
	fwrite(entry.ptr, 1, entry.len, plan_file);
	fflush(plan_file);
	pthread_mutex_unlock(&plan_lock);
	buf_release(&entry);
}
