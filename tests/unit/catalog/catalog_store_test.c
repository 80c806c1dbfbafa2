/*
 * catalog_store_test.c - the catalogue aggregate: round trip, idempotent
 * re-import, shared people, orphan clean-up, resolve, list, search, and
 * fault injection at every store call of a write. Part of the storage
 * conformance suite: runs on SQLite and PostgreSQL (see test_util.h).
 */
#include "../test_util.h"

#include "catalog/import_wiki.h"
#include "catalog/catalog_store.h"
#include "catalog/catalog_view.h"

struct fixture {
	struct test_db db;
	struct store *st;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->st = test_db_create_open(&f->db);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	return test_fixture_release(&f->db, f->st, f);
}

static void parse_file(const char *env, const char *name, struct title_doc *doc)
{
	size_t len;
	char *data = test_read(env, name, &len);
	struct import_error err;
	title_doc_init(doc);
	if (import_wiki_parse(data, len, doc, &err))
		fail_msg("%s:%zu: %s", name, err.line, err.message);
	free(data);
}

static void put_in_tx(struct store *st, struct title_doc *doc)
{
	assert_int_equal(store_begin(st), BG_OK);
	if (catalog_store_put(st, doc))
		fail_msg("put: %s", store_errmsg(st));
	assert_int_equal(store_commit(st), BG_OK);
}

static void import(struct store *st, const char *env, const char *name, int64_t *id)
{
	struct title_doc doc;
	parse_file(env, name, &doc);
	put_in_tx(st, &doc);
	if (id)
		*id = doc.id;
	title_doc_release(&doc);
}

/* Every catalogue row, in a fixed order, as text. */
static char *dump(struct store *st)
{
	static const struct {
		const char *sql;
		int ncols;
	} q[] = {
	        {"SELECT id, kind, parent_id, number, name, name_folded, source_key, synopsis,"
	         " first_aired, status, status_date, runtime_min, runtime_max, rating_system,"
	         " rating_value, episode_count FROM title ORDER BY id",
	         16},
	        {"SELECT title_id, kind, ord, value FROM title_tag ORDER BY 1, 2, 3", 4},
	        {"SELECT id, name, name_folded FROM person ORDER BY id", 3},
	        {"SELECT title_id, role, person_id, ord, character_name, character_folded,"
	         " description FROM credit ORDER BY 1, 2, 3",
	         7},
	        {"SELECT id, kind, name FROM organisation ORDER BY id", 3},
	        {"SELECT title_id, organisation_id, ord FROM title_organisation ORDER BY 1, 2", 3},
	        {"SELECT title_id, ord, name FROM title_related ORDER BY 1, 2", 3},
	        {"SELECT title_id, ord, attr_key, attr_value FROM title_extra ORDER BY 1, 2", 4},
	        {"SELECT title_id, ord, level, heading, body FROM title_section ORDER BY 1, 2", 5},
	};
	struct buf b = BUF_INIT(BUF_MAX_LARGE);
	for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		char *part = test_query(st, q[i].sql, q[i].ncols);
		buf_adds(&b, part);
		buf_adds(&b, "--\n");
		free(part);
	}
	return buf_detach(&b, NULL);
}

/* Removes every credit of person from doc. */
static void drop_credits_of(struct title_doc *doc, const char *person)
{
	size_t kept = 0;
	for (size_t i = 0; i < doc->credit_count; i++) {
		struct credit *c = &doc->credits[i];
		if (strcmp(c->person, person) == 0) {
			free(c->person);
			free(c->character);
			free(c->description);
			continue;
		}
		doc->credits[kept++] = *c;
	}
	doc->credit_count = kept;
}

static void test_round_trip(void **state)
{
	struct fixture *f = *state;
	struct title_doc in, out;
	parse_file("BINGE_SEEDS", SEED_FILE, &in);
	put_in_tx(f->st, &in);
	assert_true(in.id > 0);
	title_doc_init(&out);
	assert_int_equal(catalog_store_load(f->st, in.id, &out), BG_OK);
	assert_string_equal(out.name, "Jessica Jones");
	assert_int_equal(out.kind, TITLE_SERIES);
	assert_string_equal(out.first_aired, "2015-11-20");
	assert_string_equal(out.status, "cancelled");
	assert_string_equal(out.synopsis, in.synopsis);
	assert_int_equal(out.season_count, 3);
	assert_int_equal(title_doc_episode_count(&out), 39);
	assert_int_equal(out.credit_count, in.credit_count);
	/* Loaded credits are grouped by role, billing order kept. */
	for (size_t i = 1; i < out.credit_count; i++)
		assert_true(out.credits[i - 1].role <= out.credits[i].role);
	size_t cast = 0;
	for (size_t i = 0; i < out.credit_count; i++) {
		if (out.credits[i].role != ROLE_CAST)
			continue;
		if (cast++ == 0)
			assert_string_equal(out.credits[i].person, "Krysten Ritter");
		if (strcmp(out.credits[i].person, "David Tennant") == 0)
			assert_string_equal(out.credits[i].character, "Kilgrave");
	}
	assert_int_equal(cast, 16);
	assert_int_equal(out.genres.n, 4);
	assert_string_equal(out.genres.items[0], "Detective");
	assert_int_equal(out.platforms.n, 1);
	assert_int_equal(out.companies.n, 3);
	assert_int_equal(out.section_count, in.section_count);
	title_doc_release(&in);
	title_doc_release(&out);
}

static void test_reimport_changes_nothing(void **state)
{
	struct fixture *f = *state;
	int64_t id1, id2;
	import(f->st, "BINGE_SEEDS", SEED_FILE, &id1);
	char *before = dump(f->st);
	import(f->st, "BINGE_SEEDS", SEED_FILE, &id2);
	char *after = dump(f->st);
	assert_int_equal(id1, id2);
	assert_string_equal(before, after);
	assert_int_equal(test_count(f->st, "title"), 43); /* series, 3 seasons, 39 episodes */
	free(before);
	free(after);
}

static void test_people_are_shared_and_orphans_dropped(void **state)
{
	struct fixture *f = *state;
	import(f->st, "BINGE_SEEDS", SEED_FILE, NULL);
	import(f->st, "BINGE_TEST_DATA", "daredevil_crlf_bom.txt", NULL);
	import(f->st, "BINGE_TEST_DATA", "example_film.txt", NULL);
	char *loeb = test_query(f->st,
	                        "SELECT COUNT(DISTINCT p.id), COUNT(*) FROM person p"
	                        " JOIN credit c ON c.person_id = p.id WHERE p.name = 'Jeph Loeb'",
	                        2);
	assert_string_equal(loeb, "1|2\n"); /* one person, credited on two series */
	free(loeb);
	char *netflix =
	        test_query(f->st, "SELECT COUNT(*) FROM organisation WHERE name = 'Netflix'", 1);
	assert_string_equal(netflix, "1\n");
	free(netflix);

	/* Re-import the film without Tomás Rivera and Sean Callery. */
	struct title_doc film;
	parse_file("BINGE_TEST_DATA", "example_film.txt", &film);
	drop_credits_of(&film, "Tomás Rivera");
	drop_credits_of(&film, "Sean Callery");
	put_in_tx(f->st, &film);
	title_doc_release(&film);
	/* Credited nowhere any more: removed. */
	char *tomas =
	        test_query(f->st, "SELECT COUNT(*) FROM person WHERE name = 'Tomás Rivera'", 1);
	assert_string_equal(tomas, "0\n");
	free(tomas);
	/* Still the composer of Jessica Jones: kept, with one credit left. */
	char *callery =
	        test_query(f->st,
	                   "SELECT COUNT(*) FROM person p JOIN credit c ON c.person_id = p.id"
	                   " WHERE p.name = 'Sean Callery'",
	                   1);
	assert_string_equal(callery, "1\n");
	free(callery);
}

static void test_resolve(void **state)
{
	struct fixture *f = *state;
	int64_t jj, got;
	import(f->st, "BINGE_SEEDS", SEED_FILE, &jj);
	assert_int_equal(catalog_store_resolve(f->st, "JESSICA JONES", &got), BG_OK);
	assert_int_equal(got, jj);
	char idtext[32];
	snprintf(idtext, sizeof(idtext), "%lld", (long long)jj);
	assert_int_equal(catalog_store_resolve(f->st, idtext, &got), BG_OK);
	assert_int_equal(got, jj);
	assert_int_equal(catalog_store_resolve(f->st, "Nope", &got), BG_NOT_FOUND);
	assert_int_equal(catalog_store_resolve(f->st, "999999", &got), BG_NOT_FOUND);
	/* A season is not a top-level title. */
	assert_int_equal(catalog_store_resolve(f->st, "Season 1", &got), BG_NOT_FOUND);

	/* A second title of the same name (another article) makes the name ambiguous. */
	struct title_doc other;
	title_doc_init(&other);
	other.name = strdup("Jessica Jones");
	other.source_key = strdup("Jessica Jones (2030 film)");
	other.kind = TITLE_FILM;
	put_in_tx(f->st, &other);
	assert_int_equal(catalog_store_resolve(f->st, "jessica jones", &got), BG_CONFLICT);
	assert_non_null(strstr(store_errmsg(f->st), "names 2 titles"));
	title_doc_release(&other);
}

static void test_list(void **state)
{
	struct fixture *f = *state;
	import(f->st, "BINGE_SEEDS", SEED_FILE, NULL);
	import(f->st, "BINGE_TEST_DATA", "example_film.txt", NULL);
	struct title_rows rows = TITLE_ROWS_INIT;
	struct title_filter all = {0};
	char *next = NULL;
	assert_int_equal(catalog_view_list(f->st, NULL, &all, &rows, &next), BG_OK);
	assert_null(next);
	assert_int_equal(rows.n, 2);
	assert_string_equal(rows.items[0].name, "Jessica Jones");
	assert_int_equal(rows.items[0].season_count, 3);
	assert_int_equal(rows.items[0].episode_count, 39);
	assert_string_equal(rows.items[1].name, "The Quiet Harbour");
	title_rows_release(&rows);
	enum title_kind season = TITLE_SEASON;
	struct title_filter seasons = {.kind = &season};
	assert_int_equal(catalog_view_list(f->st, NULL, &seasons, &rows, &next), BG_OK);
	assert_int_equal(rows.n, 3);
	assert_int_equal(rows.items[0].episode_count, 13);
	title_rows_release(&rows);
}

static const struct search_hit *find_hit(const struct search_hits *h, enum search_hit_kind kind)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->items[i].kind == kind)
			return &h->items[i];
	return NULL;
}

static void test_search(void **state)
{
	struct fixture *f = *state;
	import(f->st, "BINGE_SEEDS", SEED_FILE, NULL);
	import(f->st, "BINGE_TEST_DATA", "daredevil_crlf_bom.txt", NULL);
	struct search_hits h = SEARCH_HITS_INIT;

	assert_int_equal(catalog_view_search(f->st, NULL, "trey ordonez", 20, &h), BG_OK);
	const struct search_hit *p = find_hit(&h, HIT_PERSON);
	assert_non_null(p);
	assert_string_equal(p->person, "Trey Ordoñez");
	assert_string_equal(p->title, "Jessica Jones");
	search_hits_release(&h);

	assert_int_equal(catalog_view_search(f->st, NULL, "KILGRAVE", 20, &h), BG_OK);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.items[0].kind, HIT_CHARACTER);
	assert_string_equal(h.items[0].character, "Kilgrave");
	assert_string_equal(h.items[0].person, "David Tennant");
	assert_string_equal(h.items[0].title, "Jessica Jones");
	search_hits_release(&h);

	assert_int_equal(catalog_view_search(f->st, NULL, "daredevil", 20, &h), BG_OK);
	assert_non_null(find_hit(&h, HIT_TITLE));
	assert_non_null(find_hit(&h, HIT_CHARACTER)); /* Matt Murdock / Daredevil */
	search_hits_release(&h);

	/* LIKE wildcards in the query are literal, not patterns: no character
	 * "Kilgrave" for "k_lgrave" (characters are matched as typed). */
	assert_int_equal(catalog_view_search(f->st, NULL, "k_lgrave", 20, &h), BG_OK);
	assert_null(find_hit(&h, HIT_CHARACTER));
	search_hits_release(&h);
	/* A title is found by a name close to its own, as a near title only. */
	assert_int_equal(catalog_view_search(f->st, NULL, "jesica jones", 20, &h), BG_OK);
	assert_true(h.n >= 1);
	assert_int_equal(h.items[0].kind, HIT_TITLE);
	assert_string_equal(h.items[0].title, "Jessica Jones");
	search_hits_release(&h);
	assert_int_equal(catalog_view_search(f->st, NULL, "%%", 20, &h), BG_INVALID);
	search_hits_release(&h);
	assert_int_equal(catalog_view_search(f->st, NULL, "zzzz", 20, &h), BG_OK);
	assert_int_equal(h.n, 0);
	search_hits_release(&h);
}

/*
 * Fails the Nth store call of a write, for every N until the write
 * succeeds; after each failure and rollback the database must be exactly as
 * before the write.
 */
static void test_fault_injection_leaves_database_unchanged(void **state)
{
	struct fixture *f = *state;
	import(f->st, "BINGE_TEST_DATA", "example_film.txt", NULL);
	char *before = dump(f->st);
	struct title_doc doc;
	parse_file("BINGE_SEEDS", SEED_FILE, &doc);
	long n;
	for (n = 1; n < 100000; n++) {
		assert_int_equal(store_begin(f->st), BG_OK);
		store_inject_fault(f->st, n, BG_DB);
		enum bg_err rc = catalog_store_put(f->st, &doc);
		store_inject_fault(f->st, 0, BG_OK);
		if (rc == BG_OK) {
			assert_int_equal(store_commit(f->st), BG_OK);
			break;
		}
		assert_int_equal(rc, BG_DB);
		store_rollback(f->st);
		char *now = dump(f->st);
		assert_string_equal(before, now);
		free(now);
	}
	assert_true(n > 50); /* the write really has that many failure points */
	assert_int_equal(test_count(f->st, "title"), 44); /* the film and the series' 43 */
	title_doc_release(&doc);
	free(before);
}

/* (season number, episode number) of an episode id, as "s/e". */
static char *placement(struct store *st, int64_t episode)
{
	char sql[256];
	snprintf(sql, sizeof(sql),
	         "SELECT p.number || '/' || e.number || ' ' || s.name FROM title e"
	         " JOIN title p ON p.id = e.parent_id JOIN title s ON s.id = p.parent_id"
	         " WHERE e.id = %lld",
	         (long long)episode);
	return test_query(st, sql, 1);
}

static enum bg_err ensure_run(struct store *st, void *ctx)
{
	struct catalog_season_memo *memo = ctx;
	static const struct {
		const char *show;
		int season, episode;
	} want[] = {{"Alpha", 1, 1}, {"Alpha", 1, 2}, {"Alpha", 2, 1},
	            {"Beta", 1, 1},  {"Alpha", 1, 3}, {"Beta", 1, 2}};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		int64_t id;
		enum bg_err rc =
		        catalog_store_ensure_episode(st, memo, want[i].show, 0, want[i].season,
		                                     want[i].episode, NULL, &id, NULL);
		if (rc)
			return rc;
		char expect[64];
		snprintf(expect, sizeof(expect), "%d/%d %s\n", want[i].season, want[i].episode,
		         want[i].show);
		char *got = placement(st, id);
		assert_string_equal(got, expect);
		free(got);
	}
	return BG_OK;
}

/*
 * A second transaction: the memo reads a season's episodes with it (the
 * same ids again, nothing made), and an episode made behind its back is
 * found rather than made twice.
 */
static enum bg_err ensure_again(struct store *st, void *ctx)
{
	struct catalog_season_memo *memo = ctx;
	int64_t before = test_count(st, "title"), behind, again;
	enum bg_err rc = ensure_run(st, memo);
	if (!rc)
		rc = catalog_store_ensure_episode(st, memo, "Alpha", 0, 1, 2, NULL, &again, NULL);
	assert_int_equal(test_count(st, "title"), before);
	assert_int_equal(memo->episodes_n, 3); /* Alpha's season 1 */
	if (!rc)
		rc = catalog_store_ensure_episode(st, NULL, "Alpha", 0, 1, 9, NULL, &behind, NULL);
	if (!rc)
		rc = catalog_store_ensure_episode(st, memo, "Alpha", 0, 1, 9, NULL, &again, NULL);
	assert_int_equal(again, behind);
	assert_int_equal(test_count(st, "title"), before + 1);
	return rc;
}

/* The season memo follows the show and season it is asked for, and is ignored outside a
 * transaction. */
static void test_ensure_episode_memo(void **state)
{
	struct fixture *f = *state;
	struct catalog_season_memo memo = CATALOG_SEASON_MEMO_INIT;
	assert_int_equal(store_transact(f->st, ensure_run, &memo), BG_OK);
	catalog_season_memo_release(&memo);
	char *n = test_query(f->st, "SELECT COUNT(*) FROM title WHERE kind = 'series'", 1);
	assert_string_equal(n, "2\n");
	free(n);
	memo = (struct catalog_season_memo)CATALOG_SEASON_MEMO_INIT;
	assert_int_equal(store_transact(f->st, ensure_again, &memo), BG_OK);
	catalog_season_memo_release(&memo);
	/* a memo from elsewhere (ids that may be gone) is not trusted outside one */
	memo = (struct catalog_season_memo){
	        .show = strdup("Alpha"), .season = 1, .series = 999999, .season_id = 999998};
	int64_t id;
	assert_int_equal(
	        catalog_store_ensure_episode(f->st, &memo, "Alpha", 0, 1, 4, NULL, &id, NULL),
	        BG_OK);
	char *got = placement(f->st, id);
	assert_string_equal(got, "1/4 Alpha\n");
	free(got);
	catalog_season_memo_release(&memo);
}

static void test_put_rejects_incomplete_doc(void **state)
{
	struct fixture *f = *state;
	struct title_doc doc;
	title_doc_init(&doc);
	doc.name = strdup("No key");
	assert_int_equal(catalog_store_put(f->st, &doc), BG_INVALID);
	title_doc_release(&doc);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	        T(test_round_trip),
	        T(test_reimport_changes_nothing),
	        T(test_people_are_shared_and_orphans_dropped),
	        T(test_resolve),
	        T(test_list),
	        T(test_search),
	        T(test_fault_injection_leaves_database_unchanged),
	        T(test_put_rejects_incomplete_doc),
	        T(test_ensure_episode_memo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
