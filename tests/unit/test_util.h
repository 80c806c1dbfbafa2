/*
 * test_util.h - helpers shared by the unit tests: temporary directories,
 * fixture files, and reading query results as text. Header-only so each
 * test stays one executable.
 */
#ifndef BINGE_TEST_UTIL_H
#define BINGE_TEST_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <unistd.h>
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

/* The directories test_tmpdir() made, removed when the test program exits. */
static char *test_tmpdirs[256];
static int test_tmpdir_count;

static inline void test_tmpdirs_remove(void)
{
	for (int i = 0; i < test_tmpdir_count; i++) {
		file_remove_tree(test_tmpdirs[i]);
		free(test_tmpdirs[i]);
	}
	test_tmpdir_count = 0;
}

/* A fresh directory under $TMPDIR, gone at exit; the caller frees the path. */
static inline char *test_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[4096];
	snprintf(tmpl, sizeof(tmpl), "%s/binge-test-XXXXXX", base && *base ? base : "/tmp");
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	if (test_tmpdir_count == 0)
		atexit(test_tmpdirs_remove);
	if (test_tmpdir_count < (int)(sizeof(test_tmpdirs) / sizeof(test_tmpdirs[0])))
		test_tmpdirs[test_tmpdir_count++] = strdup(dir);
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

/*
 * The database a storage test runs against. The engine comes from
 * $BINGE_TEST_ENGINE: "sqlite" (default; a file in a fresh directory) or
 * "postgres" (a fresh database on the throwaway server whose URL is in
 * the file $BINGE_TEST_PG_URL_FILE, written by scripts/pg-test-server.sh).
 * The same tests run on both: the storage conformance suite.
 */
struct test_db {
	char *target; /* what store_open() takes */
	char *dir;    /* scratch directory, both engines */
	char *pg_admin;
	char *pg_name;
};

static inline bool test_is_postgres(void)
{
	const char *e = getenv("BINGE_TEST_ENGINE");
	return e && strcmp(e, "postgres") == 0;
}

static inline char *test_pg_base_url(void)
{
	const char *file = getenv("BINGE_TEST_PG_URL_FILE");
	if (!file)
		fail_msg("BINGE_TEST_PG_URL_FILE is not set");
	char *url;
	size_t len;
	if (file_read_all(file, 4096, &url, &len))
		fail_msg("cannot read '%s': is the PostgreSQL test server running?", file);
	while (len && (url[len - 1] == '\n' || url[len - 1] == ' '))
		url[--len] = '\0';
	return url;
}

/* url with its database name replaced by name. */
static inline char *test_pg_url_for(const char *url, const char *name)
{
	const char *slash = strrchr(url, '/');
	size_t n = (size_t)(slash - url) + strlen(name) + 2;
	char *out = malloc(n);
	snprintf(out, n, "%.*s/%s", (int)(slash - url), url, name);
	return out;
}

static inline void test_db_create(struct test_db *db)
{
	static unsigned counter;
	memset(db, 0, sizeof(*db));
	db->dir = test_tmpdir();
	if (!test_is_postgres()) {
		db->target = test_path(db->dir, "binge.db");
		return;
	}
	/* The server's own 'binge' database serves to create the others. */
	db->pg_admin = test_pg_base_url();
	char name[64], sql[128];
	snprintf(name, sizeof(name), "binge_t%ld_%u", (long)getpid(), ++counter);
	db->pg_name = strdup(name);
	struct store *admin;
	char *msg = NULL;
	if (store_open(db->pg_admin, &admin, &msg))
		fail_msg("cannot open the admin database: %s", msg);
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", name);
	store_exec(admin, sql);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
	if (store_exec(admin, sql))
		fail_msg("%s: %s", sql, store_errmsg(admin));
	store_close(admin);
	db->target = test_pg_url_for(db->pg_admin, name);
}

static inline void test_db_drop(struct test_db *db)
{
	if (db->pg_name) {
		struct store *admin;
		if (store_open(db->pg_admin, &admin, NULL) == BG_OK) {
			char sql[128];
			snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)",
			         db->pg_name);
			store_exec(admin, sql);
			store_close(admin);
		}
	}
	free(db->target);
	free(db->dir);
	free(db->pg_admin);
	free(db->pg_name);
	memset(db, 0, sizeof(*db));
}

static inline struct store *test_open(const char *target)
{
	struct store *st;
	char *msg = NULL;
	if (store_open(target, &st, &msg))
		fail_msg("store_open: %s", msg);
	return st;
}

/* A fixture's own database, created and opened (both engines). */
static inline struct store *test_db_create_open(struct test_db *db)
{
	test_db_create(db);
	return test_open(db->target);
}

/* A cmocka teardown's work for a fixture holding db and st: closed, dropped, freed. */
static inline int test_fixture_release(struct test_db *db, struct store *st, void *fixture)
{
	store_close(st);
	test_db_drop(db);
	free(fixture);
	return 0;
}

#endif
