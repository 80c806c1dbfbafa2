/*
 * store_test.c - the storage conformance suite for the store interface:
 * opening, migrations (fresh, from an older schema, refusing a newer one),
 * transactions and retries, error mapping, binding, concurrent writers.
 * Runs on SQLite and on PostgreSQL (BINGE_TEST_ENGINE, see test_util.h);
 * a few cases check what only one engine has.
 */
#include "../test_util.h"

#include <pthread.h>
#include <sys/stat.h>

#include "store/generation.h"
#include "store/migrate.h"
#include "store/partition.h"
#include "store/store_pool.h"

static int setup(void **state)
{
	struct test_db *db = calloc(1, sizeof(*db));
	test_db_create(db);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	test_db_drop(*state);
	free(*state);
	return 0;
}

static void test_open_applies_all_migrations_once(void **state)
{
	struct test_db *db = *state;
	struct store *st = test_open(db->target);
	assert_string_equal(store_engine(st), test_is_postgres() ? "postgres" : "sqlite");
	assert_int_equal(store_schema_version(st), migrate_latest_version());
	assert_true(migrate_latest_version() >= 3);
	store_close(st);
	/* Opening again applies nothing new. */
	st = test_open(db->target);
	assert_int_equal(test_count(st, "binge_schema"), migrate_latest_version());
	store_close(st);
}

static void test_sqlite_file_settings(void **state)
{
	struct test_db *db = *state;
	char *nested = test_path(db->dir, "sub/dir/binge.db");
	struct store *st = test_open(nested);
	struct stat sb;
	assert_int_equal(stat(nested, &sb), 0); /* directories created */
	char *mode = test_query(st, "PRAGMA journal_mode", 1);
	assert_string_equal(mode, "wal\n");
	free(mode);
	char *fk = test_query(st, "PRAGMA foreign_keys", 1);
	assert_string_equal(fk, "1\n");
	free(fk);
	store_close(st);
	free(nested);
}

static void test_upgrade_from_older_schema_keeps_data(void **state)
{
	struct test_db *db = *state;
	struct store *st;
	assert_int_equal(store_open_at(db->target, 1, &st, NULL), BG_OK);
	assert_int_equal(store_schema_version(st), 1);
	assert_int_equal(store_run(st, NULL,
	                           "INSERT INTO title (kind, name, name_folded, source_key)"
	                           " VALUES ('film', 'Old', 'old', 'Old (film)')",
	                           ""),
	                 BG_OK);
	/* A version-2 table does not exist yet. */
	struct store_stmt *stmt;
	assert_int_not_equal(store_prepare(st, "SELECT * FROM title_section", &stmt), BG_OK);
	store_close(st);

	st = test_open(db->target);
	assert_int_equal(store_schema_version(st), migrate_latest_version());
	assert_int_equal(test_count(st, "title"), 1);
	assert_int_equal(test_count(st, "title_section"), 0);
	/* New ids continue after the old ones. */
	int64_t id;
	assert_int_equal(
	        store_run(st, &id,
	                  "INSERT INTO title (kind, name, name_folded) VALUES ('film', 'New',"
	                  " 'new') RETURNING id",
	                  ""),
	        BG_OK);
	assert_int_equal(id, 2);
	store_close(st);
}

static void test_newer_schema_is_refused(void **state)
{
	struct test_db *db = *state;
	struct store *st = test_open(db->target);
	assert_int_equal(store_run(st, NULL,
	                           "INSERT INTO binge_schema (version, name, applied_at)"
	                           " VALUES (999, 'future', '2030-01-01T00:00:00Z')",
	                           ""),
	                 BG_OK);
	store_close(st);
	char *msg = NULL;
	assert_int_equal(store_open(db->target, &st, &msg), BG_SCHEMA);
	assert_null(st);
	assert_non_null(strstr(msg, "schema version 999 is newer"));
	free(msg);
}

static void test_unopenable_targets(void **state)
{
	struct test_db *db = *state;
	struct store *st;
	char *msg = NULL;
	char *path = test_path(db->dir, "junk.db");
	FILE *fp = fopen(path, "w");
	fputs("this is not a database, just some text long enough to be a header......"
	      "................................................................",
	      fp);
	fclose(fp);
	assert_int_not_equal(store_open(path, &st, &msg), BG_OK);
	assert_non_null(strstr(msg, "junk.db"));
	free(msg);
	free(path);
	/* Nobody listens on port 1; the password must not be echoed. */
	assert_int_equal(store_open("postgres://me:s3cret@127.0.0.1:1/x", &st, &msg), BG_IO);
	assert_non_null(strstr(msg, "cannot connect to PostgreSQL"));
	assert_null(strstr(msg, "s3cret"));
	free(msg);
	assert_int_equal(store_open("", &st, &msg), BG_INVALID);
	free(msg);
}

static void test_rollback_discards_and_commit_keeps(void **state)
{
	struct test_db *db = *state;
	struct store *st = test_open(db->target);
	const char *ins = "INSERT INTO person (name, name_folded) VALUES (?, ?)";
	assert_int_equal(store_begin(st), BG_OK);
	assert_int_equal(store_run(st, NULL, ins, "tt", "A", "a"), BG_OK);
	store_rollback(st);
	assert_int_equal(test_count(st, "person"), 0);
	assert_int_equal(store_begin(st), BG_OK);
	assert_int_equal(store_run(st, NULL, ins, "tt", "A", "a"), BG_OK);
	assert_int_equal(store_commit(st), BG_OK);
	assert_int_equal(test_count(st, "person"), 1);
	/* A failed statement inside a transaction: rollback undoes the rest. */
	assert_int_equal(store_begin(st), BG_OK);
	assert_int_equal(store_run(st, NULL, ins, "tt", "B", "b"), BG_OK);
	assert_int_equal(store_run(st, NULL, ins, "tt", "A", "a"), BG_CONFLICT);
	store_rollback(st);
	assert_int_equal(test_count(st, "person"), 1);
	store_close(st);
}

static void test_error_mapping(void **state)
{
	struct test_db *db = *state;
	struct store *st = test_open(db->target);
	const char *ins = "INSERT INTO person (name, name_folded) VALUES (?, ?)";
	assert_int_equal(store_run(st, NULL, ins, "tt", "A", "a"), BG_OK);
	assert_int_equal(store_run(st, NULL, ins, "tt", "A", "a"), BG_CONFLICT);
	assert_true(strlen(store_errmsg(st)) > 0);
	/* NOT NULL and CHECK violations are invalid input. */
	assert_int_equal(store_run(st, NULL, ins, "tt", NULL, "x"), BG_INVALID);
	assert_int_equal(
	        store_run(st, NULL,
	                  "INSERT INTO title (kind, name, name_folded) VALUES ('opera', 'x', 'x')",
	                  ""),
	        BG_INVALID);
	/* A credit for a person that does not exist breaks a foreign key. */
	int64_t title;
	assert_int_equal(
	        store_run(st, &title,
	                  "INSERT INTO title (kind, name, name_folded) VALUES ('film', 'x', 'x')"
	                  " RETURNING id",
	                  ""),
	        BG_OK);
	assert_int_equal(store_run(st, NULL,
	                           "INSERT INTO credit (title_id, role, person_id, ord)"
	                           " VALUES (?, 'cast', 12345, 0)",
	                           "i", title),
	                 BG_CONFLICT);
	struct store_stmt *stmt;
	assert_int_equal(store_prepare(st, "SELEKT nonsense", &stmt), BG_DB);
	assert_null(stmt);
	assert_int_equal(store_prepare(st, "SELECT * FROM no_such_table", &stmt), BG_DB);
	/* A bind error surfaces at step. */
	assert_int_equal(store_prepare(st, "SELECT CAST(? AS INTEGER)", &stmt), BG_OK);
	store_bind_int(stmt, 5, 1);
	assert_int_not_equal(store_step(stmt), BG_ROW);
	store_finalize(stmt);
	int64_t id;
	assert_int_equal(store_run(st, &id, "SELECT id FROM person WHERE name = 'nobody'", ""),
	                 BG_NOT_FOUND);
	store_close(st);
}

static void test_statement_reuse_and_columns(void **state)
{
	struct test_db *db = *state;
	struct store *st = test_open(db->target);
	struct store_stmt *stmt;
	assert_int_equal(store_prepare(st,
	                               "SELECT CAST(? AS INTEGER) + 1 AS n, CAST(? AS TEXT) AS t",
	                               &stmt),
	                 BG_OK);
	for (int i = 0; i < 3; i++) {
		store_bind_int(stmt, 1, i);
		store_bind_text(stmt, 2, i == 1 ? "caf\xC3\xA9 '?' \"x\"" : NULL);
		assert_int_equal(store_step(stmt), BG_ROW);
		assert_int_equal(store_col_count(stmt), 2);
		assert_string_equal(store_col_name(stmt, 0), "n");
		assert_string_equal(store_col_name(stmt, 1), "t");
		assert_int_equal(store_col_int(stmt, 0), i + 1);
		if (i == 1) {
			assert_string_equal(store_col_text(stmt, 1), "caf\xC3\xA9 '?' \"x\"");
		} else {
			assert_true(store_col_is_null(stmt, 1));
			assert_null(store_col_text(stmt, 1));
		}
		assert_int_equal(store_step(stmt), BG_DONE);
		store_reset(stmt);
	}
	store_finalize(stmt);
	/* A '?' inside a quoted literal is text, not a placeholder. */
	char *q = test_query(st, "SELECT 'why?'", 1);
	assert_string_equal(q, "why?\n");
	free(q);
	/* 64-bit integers survive the round trip. */
	int64_t big;
	assert_int_equal(
	        store_run(st, &big, "SELECT CAST(? AS BIGINT)", "i", (int64_t)9007199254740993LL),
	        BG_OK);
	assert_int_equal(big, 9007199254740993LL);
	store_close(st);
}

struct increment {
	const char *target;
	int times;
};

/* Read-modify-write in a transaction: lost updates would show in the sum. */
static enum bg_err bump(struct store *st, void *ctx)
{
	(void)ctx;
	int64_t g;
	enum bg_err rc =
	        store_run(st, &g, "SELECT generation FROM binge_lock WHERE name = 'catalog'", "");
	if (!rc)
		rc = store_run(st, NULL,
		               "UPDATE binge_lock SET generation = ? WHERE name = 'catalog'", "i",
		               g + 1);
	return rc;
}

static void *increment_thread(void *arg)
{
	struct increment *inc = arg;
	struct store *st;
	if (store_open(inc->target, &st, NULL))
		return (void *)1;
	for (int i = 0; i < inc->times; i++)
		if (store_transact(st, bump, NULL)) {
			store_close(st);
			return (void *)1;
		}
	store_close(st);
	return NULL;
}

static void test_concurrent_writers_lose_no_update(void **state)
{
	struct test_db *db = *state;
	struct store *st = test_open(db->target); /* migrates before the threads start */
	store_close(st);
	enum { THREADS = 4, TIMES = 50 };
	pthread_t threads[THREADS];
	struct increment inc = {db->target, TIMES};
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&threads[i], NULL, increment_thread, &inc), 0);
	for (int i = 0; i < THREADS; i++) {
		void *ret;
		pthread_join(threads[i], &ret);
		assert_null(ret);
	}
	st = test_open(db->target);
	char *g = test_query(st, "SELECT generation FROM binge_lock WHERE name = 'catalog'", 1);
	assert_string_equal(g, "200\n");
	free(g);
	store_close(st);
}

static int64_t catalog_generation(struct store *st)
{
	int64_t g[GENERATION_COUNT];
	assert_int_equal(generation_read(st, g), BG_OK);
	return g[GENERATION_CATALOG];
}

/* A transaction bumps a generation once however many writes ask; each transaction does. */
static void test_generation_bumped_once_per_transaction(void **state)
{
	struct test_db *db = *state;
	struct store *st = test_open(db->target);
	int64_t before = catalog_generation(st);
	for (int tx = 0; tx < 2; tx++) {
		assert_int_equal(store_begin(st), BG_OK);
		for (int i = 0; i < 3; i++)
			assert_int_equal(generation_bump(st, GENERATION_CATALOG), BG_OK);
		assert_int_equal(generation_bump(st, GENERATION_ACCOUNT), BG_OK);
		assert_int_equal(store_commit(st), BG_OK);
	}
	assert_int_equal(catalog_generation(st), before + 2);
	/* outside a transaction every bump is its own */
	assert_int_equal(generation_bump(st, GENERATION_CATALOG), BG_OK);
	assert_int_equal(generation_bump(st, GENERATION_CATALOG), BG_OK);
	assert_int_equal(catalog_generation(st), before + 4);
	store_close(st);
}

static enum bg_err insert_person(struct store *st, void *ctx)
{
	(*(int *)ctx)++;
	return store_run(st, NULL, "INSERT INTO person (name, name_folded) VALUES ('P', 'p')", "");
}

static void test_transact_retries_busy_only(void **state)
{
	struct test_db *db = *state;
	struct store *st = test_open(db->target);
	int calls = 0;
	store_inject_fault(st, 1, BG_BUSY); /* the first attempt's step */
	assert_int_equal(store_transact(st, insert_person, &calls), BG_OK);
	assert_int_equal(calls, 2);
	assert_int_equal(test_count(st, "person"), 1);
	calls = 0;
	assert_int_equal(store_transact(st, insert_person, &calls), BG_CONFLICT);
	assert_int_equal(calls, 1); /* not retried */
	assert_int_equal(test_count(st, "person"), 1);
	store_close(st);
}

/*
 * A run of reads (store_reads_begin): on SQLite one snapshot, so another
 * connection's commit shows only after the run ends; on PostgreSQL each
 * statement its own snapshot. On both, the run ends cleanly and a write
 * afterwards works.
 */
static void test_reads_run(void **state)
{
	struct test_db *db = *state;
	struct store *reader = test_open(db->target), *writer = test_open(db->target);
	int calls = 0;
	assert_int_equal(store_reads_begin(reader), BG_OK);
	assert_int_equal(test_count(reader, "person"), 0);
	assert_int_equal(store_transact(writer, insert_person, &calls), BG_OK);
	assert_int_equal(test_count(reader, "person"), test_is_postgres() ? 1 : 0);
	store_reads_end(reader);
	assert_false(store_in_transaction(reader));
	assert_int_equal(test_count(reader, "person"), 1);
	store_reads_end(reader); /* a second end does nothing */
	calls = 0;
	assert_int_equal(store_run(reader, NULL, "DELETE FROM person", ""), BG_OK);
	assert_int_equal(test_count(writer, "person"), 0);
	store_close(reader);
	store_close(writer);
}

struct pool_worker {
	struct store_pool *pool;
	pthread_mutex_t *lock;
	int *borrowed, *most_borrowed;
	int failures;
};

static void *pool_thread(void *arg)
{
	struct pool_worker *w = arg;
	for (int i = 0; i < 25; i++) {
		struct store *st;
		if (store_pool_acquire(w->pool, 30000, &st, NULL)) {
			w->failures++;
			continue;
		}
		pthread_mutex_lock(w->lock);
		if (++*w->borrowed > *w->most_borrowed)
			*w->most_borrowed = *w->borrowed;
		pthread_mutex_unlock(w->lock);
		if (store_transact(st, bump, NULL))
			w->failures++;
		pthread_mutex_lock(w->lock);
		--*w->borrowed;
		pthread_mutex_unlock(w->lock);
		store_pool_release(w->pool, st);
	}
	return NULL;
}

static void test_pool_bounds_handles_and_serves_many_threads(void **state)
{
	struct test_db *db = *state;
	struct store_pool *pool;
	assert_int_equal(store_pool_open(db->target, 2, &pool, NULL), BG_OK);
	pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	int borrowed = 0, most = 0;
	enum { THREADS = 8 };
	pthread_t threads[THREADS];
	struct pool_worker w[THREADS];
	for (int i = 0; i < THREADS; i++) {
		w[i] = (struct pool_worker){pool, &lock, &borrowed, &most, 0};
		assert_int_equal(pthread_create(&threads[i], NULL, pool_thread, &w[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(threads[i], NULL);
		assert_int_equal(w[i].failures, 0);
	}
	assert_true(most <= 2);
	assert_true(store_pool_open_count(pool) <= 2);

	/* With every handle borrowed, acquire times out with BG_BUSY. */
	struct store *a, *b, *c;
	assert_int_equal(store_pool_acquire(pool, 1000, &a, NULL), BG_OK);
	assert_int_equal(store_pool_acquire(pool, 1000, &b, NULL), BG_OK);
	assert_int_equal(store_pool_acquire(pool, 50, &c, NULL), BG_BUSY);
	/* A released handle comes back without its open transaction. */
	assert_int_equal(store_begin(a), BG_OK);
	assert_int_equal(
	        store_run(a, NULL, "INSERT INTO person (name, name_folded) VALUES ('t', 't')", ""),
	        BG_OK);
	store_pool_release(pool, a);
	assert_int_equal(store_pool_acquire(pool, 1000, &c, NULL), BG_OK);
	assert_int_equal(test_count(c, "person"), 0);
	char *g = test_query(c, "SELECT generation FROM binge_lock WHERE name = 'catalog'", 1);
	assert_string_equal(g, "200\n");
	free(g);
	store_pool_release(pool, b);
	store_pool_release(pool, c);
	store_pool_close(pool);
}

static void test_postgres_reconnects_after_dropped_connection(void **state)
{
	struct test_db *db = *state;
	struct store *st = test_open(db->target);
	int64_t pid1, pid2;
	assert_int_equal(store_run(st, &pid1, "SELECT pg_backend_pid()", ""), BG_OK);
	/* Kill this session's server process from another connection. */
	struct store *killer = test_open(db->target);
	assert_int_equal(store_run(killer, NULL, "SELECT pg_terminate_backend(CAST(? AS INTEGER))",
	                           "i", pid1),
	                 BG_OK);
	store_close(killer);
	/* The next call reconnects transparently (no transaction was open). */
	assert_int_equal(store_run(st, &pid2, "SELECT pg_backend_pid()", ""), BG_OK);
	assert_int_not_equal(pid1, pid2);
	assert_int_equal(test_count(st, "person"), 0);
	/* Inside a transaction the loss is reported, not hidden. */
	assert_int_equal(store_begin(st), BG_OK);
	killer = test_open(db->target);
	store_run(killer, NULL, "SELECT pg_terminate_backend(CAST(? AS INTEGER))", "i", pid2);
	store_close(killer);
	assert_int_not_equal(store_run(st, NULL,
	                               "INSERT INTO person (name, name_folded)"
	                               " VALUES ('x', 'x')",
	                               ""),
	                     BG_OK);
	store_rollback(st);
	assert_int_equal(test_count(st, "person"), 0);
	store_close(st);
}

struct partition_maker {
	const char *target;
	pthread_barrier_t *start;
};

/* Gives the twelve months of 2030 their partitions of the event log. */
static void *partition_thread(void *arg)
{
	struct partition_maker *m = arg;
	struct store *st;
	bool opened = store_open(m->target, &st, NULL) == BG_OK;
	pthread_barrier_wait(m->start);
	if (!opened)
		return (void *)1;
	void *ret = NULL;
	for (int month = 1; month <= 12 && !ret; month++) {
		char text[24];
		snprintf(text, sizeof(text), "2030-%02d", month);
		if (partition_month_ensure(st, "viewing_event", "at", text) != BG_OK)
			ret = (void *)1;
	}
	store_close(st);
	return ret;
}

/*
 * Servers making the same months' partitions at once: each month is made
 * once and nobody fails (each looks again under the table's lock).
 */
static void test_postgres_partition_makers_race(void **state)
{
	struct test_db *db = *state;
	struct store *st = test_open(db->target);
	store_close(st);
	enum { THREADS = 4 };
	pthread_barrier_t start;
	pthread_barrier_init(&start, NULL, THREADS);
	struct partition_maker m = {db->target, &start};
	pthread_t threads[THREADS];
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&threads[i], NULL, partition_thread, &m), 0);
	for (int i = 0; i < THREADS; i++) {
		void *ret;
		pthread_join(threads[i], &ret);
		assert_null(ret);
	}
	pthread_barrier_destroy(&start);
	st = test_open(db->target);
	char *n = test_query(
	        st,
	        "SELECT COUNT(*) FROM pg_inherits WHERE inhparent = 'viewing_event'::regclass"
	        " AND inhrelid::regclass::text LIKE 'viewing_event_p2030_%'",
	        1);
	assert_string_equal(n, "12\n");
	free(n);
	store_close(st);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest common[] = {
	        T(test_open_applies_all_migrations_once),
	        T(test_upgrade_from_older_schema_keeps_data),
	        T(test_newer_schema_is_refused),
	        T(test_unopenable_targets),
	        T(test_rollback_discards_and_commit_keeps),
	        T(test_error_mapping),
	        T(test_statement_reuse_and_columns),
	        T(test_concurrent_writers_lose_no_update),
	        T(test_generation_bumped_once_per_transaction),
	        T(test_transact_retries_busy_only),
	        T(test_reads_run),
	        T(test_pool_bounds_handles_and_serves_many_threads),
	};
	/* What only one engine has runs only there: nothing is skipped. */
	const struct CMUnitTest sqlite_only[] = {
	        T(test_sqlite_file_settings),
	};
	const struct CMUnitTest postgres_only[] = {
	        T(test_postgres_reconnects_after_dropped_connection),
	        T(test_postgres_partition_makers_race),
	};
	int failed = cmocka_run_group_tests_name("store conformance", common, NULL, NULL);
	if (test_is_postgres())
		failed += cmocka_run_group_tests_name("postgres", postgres_only, NULL, NULL);
	else
		failed += cmocka_run_group_tests_name("sqlite", sqlite_only, NULL, NULL);
	return failed;
}
