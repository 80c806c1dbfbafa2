/*
 * test_util.h - helpers shared by the unit tests: temporary directories,
 * fixture files, and reading query results as text. Header-only so each
 * test stays one executable.
 */
#ifndef BINGE_TEST_UTIL_H
#define BINGE_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/file.h"
#include "store/store.h"

/* A fresh directory under $TMPDIR; the caller frees the path. */
static inline char *test_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[4096];
	snprintf(tmpl, sizeof(tmpl), "%s/binge-test-XXXXXX", base && *base ? base : "/tmp");
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	return strdup(dir);
}

static inline char *test_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* The seed article (../shared/seeds) or a file of tests/data. */
static inline char *test_read(const char *env, const char *name, size_t *len)
{
	const char *dir = getenv(env);
	assert_non_null(dir);
	char *path = test_path(dir, name);
	char *data;
	assert_int_equal(file_read_all(path, 64u << 20, &data, len), BG_OK);
	free(path);
	return data;
}

#define SEED_FILE "000_f2570689c6d03885.txt"

static inline char *test_read_seed(size_t *len)
{
	return test_read("BINGE_SEEDS", SEED_FILE, len);
}

/*
 * Runs sql and returns every row as text: columns joined by '|', rows by
 * '\n'. ncols says how many columns the query has.
 */
static inline char *test_query(struct store *st, const char *sql, int ncols)
{
	struct store_stmt *stmt;
	assert_int_equal(store_prepare(st, sql, &stmt), BG_OK);
	struct buf b = BUF_INIT(BUF_MAX_LARGE);
	enum bg_err rc;
	while ((rc = store_step(stmt)) == BG_ROW) {
		for (int c = 0; c < ncols; c++) {
			const char *t = store_col_text(stmt, c);
			buf_addf(&b, "%s%s", c ? "|" : "", t ? t : "NULL");
		}
		buf_addch(&b, '\n');
	}
	assert_int_equal(rc, BG_DONE);
	store_finalize(stmt);
	return buf_detach(&b, NULL);
}

static inline int64_t test_count(struct store *st, const char *table)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s", table);
	struct store_stmt *stmt;
	assert_int_equal(store_prepare(st, sql, &stmt), BG_OK);
	assert_int_equal(store_step(stmt), BG_ROW);
	int64_t n = store_col_int(stmt, 0);
	store_finalize(stmt);
	return n;
}

#endif
