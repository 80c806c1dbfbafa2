/*
 * store_test.c - the store interface on SQLite: opening, pragmas,
 * migrations (fresh, from an older schema, refusing a newer one),
 * transactions, error mapping and binding.
 */
#include "../test_util.h"

#include <sys/stat.h>

#include "store/migrate.h"

struct fixture {
	char *dir;
	char *db;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->dir = test_tmpdir();
	f->db = test_path(f->dir, "sub/dir/binge.db");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	free(f->dir);
	free(f->db);
	free(f);
	return 0;
}

static struct store *open_ok(const char *path)
{
	struct store *st;
	char *msg = NULL;
	enum bg_err rc = store_open(path, &st, &msg);
	if (rc)
		fail_msg("store_open: %s", msg);
	return st;
}

static void test_open_creates_file_and_applies_all_migrations(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_ok(f->db);
	struct stat sb;
	assert_int_equal(stat(f->db, &sb), 0);
	assert_string_equal(store_engine(st), "sqlite");
	assert_int_equal(store_schema_version(st), migrate_latest_version());
	assert_true(migrate_latest_version() >= 2);
	char *mode = test_query(st, "PRAGMA journal_mode", 1);
	assert_string_equal(mode, "wal\n");
	free(mode);
	char *fk = test_query(st, "PRAGMA foreign_keys", 1);
	assert_string_equal(fk, "1\n");
	free(fk);
	store_close(st);
	/* Opening again applies nothing new. */
	st = open_ok(f->db);
	assert_int_equal(test_count(st, "binge_schema"), migrate_latest_version());
	store_close(st);
}

static void test_upgrade_from_older_schema_keeps_data(void **state)
{
	struct fixture *f = *state;
	struct store *st;
	assert_int_equal(store_open_at(f->db, 1, &st, NULL), BG_OK);
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

	st = open_ok(f->db);
	assert_int_equal(store_schema_version(st), migrate_latest_version());
	assert_int_equal(test_count(st, "title"), 1);
	assert_int_equal(test_count(st, "title_section"), 0);
	store_close(st);
}

static void test_newer_schema_is_refused(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_ok(f->db);
	assert_int_equal(store_run(st, NULL,
	                           "INSERT INTO binge_schema (version, name, applied_at)"
	                           " VALUES (999, 'future', '2030-01-01T00:00:00Z')",
	                           ""),
	                 BG_OK);
	store_close(st);
	char *msg = NULL;
	assert_int_equal(store_open(f->db, &st, &msg), BG_SCHEMA);
	assert_null(st);
	assert_non_null(strstr(msg, "schema version 999 is newer"));
	free(msg);
}

static void test_not_a_database(void **state)
{
	struct fixture *f = *state;
	char *path = test_path(f->dir, "junk.db");
	FILE *fp = fopen(path, "w");
	fputs("this is not a database, just some text long enough to be a header......"
	      "................................................................",
	      fp);
	fclose(fp);
	struct store *st;
	char *msg = NULL;
	assert_int_not_equal(store_open(path, &st, &msg), BG_OK);
	assert_non_null(strstr(msg, "junk.db"));
	free(msg);
	free(path);
	assert_int_equal(store_open("postgres://nobody@127.0.0.1:1/x", &st, &msg), BG_INVALID);
	free(msg);
}

static void test_rollback_discards_and_commit_keeps(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_ok(f->db);
	const char *ins = "INSERT INTO person (name, name_folded) VALUES (?, ?)";
	assert_int_equal(store_begin(st), BG_OK);
	assert_int_equal(store_run(st, NULL, ins, "tt", "A", "a"), BG_OK);
	store_rollback(st);
	assert_int_equal(test_count(st, "person"), 0);
	assert_int_equal(store_begin(st), BG_OK);
	assert_int_equal(store_run(st, NULL, ins, "tt", "A", "a"), BG_OK);
	assert_int_equal(store_commit(st), BG_OK);
	assert_int_equal(test_count(st, "person"), 1);
	store_close(st);
}

static void test_error_mapping(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_ok(f->db);
	const char *ins = "INSERT INTO person (name, name_folded) VALUES (?, ?)";
	assert_int_equal(store_run(st, NULL, ins, "tt", "A", "a"), BG_OK);
	assert_int_equal(store_run(st, NULL, ins, "tt", "A", "a"), BG_CONFLICT);
	assert_non_null(strstr(store_errmsg(st), "UNIQUE"));
	/* NOT NULL and CHECK violations are invalid input. */
	assert_int_equal(store_run(st, NULL, ins, "tt", NULL, "x"), BG_INVALID);
	assert_int_equal(
	        store_run(st, NULL,
	                  "INSERT INTO title (kind, name, name_folded) VALUES ('opera', 'x', 'x')",
	                  ""),
	        BG_INVALID);
	/* A credit for a person that does not exist breaks a foreign key. */
	assert_int_equal(
	        store_run(st, NULL,
	                  "INSERT INTO title (kind, name, name_folded) VALUES ('film', 'x', 'x')",
	                  ""),
	        BG_OK);
	assert_int_equal(store_run(st, NULL,
	                           "INSERT INTO credit (title_id, role, person_id, ord)"
	                           " VALUES (1, 'cast', 12345, 0)",
	                           ""),
	                 BG_CONFLICT);
	struct store_stmt *stmt;
	assert_int_equal(store_prepare(st, "SELEKT nonsense", &stmt), BG_DB);
	/* A bind error surfaces at step. */
	assert_int_equal(store_prepare(st, "SELECT ?", &stmt), BG_OK);
	store_bind_int(stmt, 5, 1);
	assert_int_not_equal(store_step(stmt), BG_ROW);
	store_finalize(stmt);
	int64_t id;
	assert_int_equal(store_run(st, &id, "SELECT id FROM person WHERE name = 'nobody'", ""),
	                 BG_NOT_FOUND);
	store_close(st);
}

static void test_statement_reuse(void **state)
{
	struct fixture *f = *state;
	struct store *st = open_ok(f->db);
	struct store_stmt *stmt;
	assert_int_equal(store_prepare(st, "SELECT ? + 1, ?", &stmt), BG_OK);
	for (int i = 0; i < 3; i++) {
		store_bind_int(stmt, 1, i);
		store_bind_text(stmt, 2, NULL);
		assert_int_equal(store_step(stmt), BG_ROW);
		assert_int_equal(store_col_int(stmt, 0), i + 1);
		assert_true(store_col_is_null(stmt, 1));
		assert_null(store_col_text(stmt, 1));
		assert_int_equal(store_step(stmt), BG_DONE);
		store_reset(stmt);
	}
	store_finalize(stmt);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_open_creates_file_and_applies_all_migrations,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_upgrade_from_older_schema_keeps_data, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_newer_schema_is_refused, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_not_a_database, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_rollback_discards_and_commit_keeps, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_error_mapping, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_statement_reuse, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
