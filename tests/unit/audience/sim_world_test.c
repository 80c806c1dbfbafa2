/*
 * sim_world_test.c - the simulator's in-memory visibility rule against the
 * SQL rule the service applies (catalog/visibility.h), on a simulated
 * catalogue plus the cases that once disagreed: a window of more than 16
 * territories, and a film whose release_at differs from its first_aired.
 * For every title, territory, ceiling and instant the simulator must say
 * "watchable" exactly when the service shows the title and (for a series)
 * its first episode. Part of the storage conformance suite.
 */
#include "../test_util.h"

#include "audience/sim_catalog.h"
#include "audience/sim_store.h"
#include "audience/sim_world.h"
#include "catalog/availability_store.h"
#include "catalog/catalog_view.h"
#include "catalog/visibility.h"
#include "core/date.h"

/* Twenty territories; a viewer in the last one is covered only past the 16th. */
static const char *const many[] = {"AD", "AE", "AF", "AG", "AL", "AM", "AO", "AR", "AT", "AU",
                                   "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "ZW"};

static int64_t first_film(struct sim_world *w, int64_t skip)
{
	for (size_t i = 0; i < w->titles_n; i++)
		if (w->titles[i].film && w->titles[i].id != skip)
			return w->titles[i].id;
	fail_msg("the simulated catalogue has no film");
	return 0;
}

static void add_many_territory_window(struct store *st, int64_t title_id)
{
	struct licence_window win = {0};
	char platform[] = "Netflix";
	win.platform = platform;
	for (size_t i = 0; i < sizeof(many) / sizeof(many[0]); i++)
		strlist_add(&win.territories, many[i], 2);
	snprintf(win.starts_at, sizeof(win.starts_at), "2010-01-01T00:00:00Z");
	assert_int_equal(store_begin(st), BG_OK);
	assert_int_equal(availability_store_add_window(st, title_id, &win), BG_OK);
	assert_int_equal(store_commit(st), BG_OK);
	strlist_release(&win.territories);
}

/* What the service says: the title is visible, and so is a series' first episode. */
static bool service_shows(struct store *st, const struct viewer *v, const struct sim_title *t)
{
	if (catalog_view_check(st, v, t->id) != BG_OK)
		return false;
	return t->film || catalog_view_check(st, v, t->seasons[0].episodes[0].id) == BG_OK;
}

static void test_simulator_agrees_with_sql(void **state)
{
	(void)state;
	struct test_db db;
	test_db_create(&db);
	struct store *st = test_open(db.target);
	struct sim_catalog_report report;
	assert_int_equal(sim_catalog(st, 12, 12, 7, NULL, &report), BG_OK);

	struct sim_world w;
	assert_int_equal(sim_store_load_world(st, &w), BG_OK);
	int64_t wide = first_film(&w, 0), early = first_film(&w, wide);
	sim_world_release(&w);
	add_many_territory_window(st, wide);
	/* Out on the service from 2012 whatever its first airing says. */
	assert_int_equal(store_run(st, NULL,
	                           "UPDATE title SET first_aired = '2031-01-01',"
	                           " release_at = '2012-06-01T00:00:00Z' WHERE id = ?",
	                           "i", early),
	                 BG_OK);
	assert_int_equal(sim_store_load_world(st, &w), BG_OK);

	static const char *const territories[] = {"US", "GB", "DE", "JP", "BR", "ZW"};
	static const int ceilings[] = {7, 13, 18};
	static const char *const instants[] = {"2011-03-01T20:00:00Z", "2016-07-15T20:00:00Z",
	                                       "2020-01-01T00:00:00Z", "2023-11-20T21:00:00Z",
	                                       "2026-12-05T20:00:00Z", "2032-01-01T00:00:00Z"};
	int shown = 0, hidden = 0;
	for (size_t a = 0; a < sizeof(instants) / sizeof(instants[0]); a++) {
		int64_t at;
		assert_int_equal(date_time_parse(instants[a], &at), BG_OK);
		for (size_t k = 0; k < sizeof(territories) / sizeof(territories[0]); k++)
			for (size_t c = 0; c < sizeof(ceilings) / sizeof(ceilings[0]); c++) {
				struct viewer v;
				viewer_init_profile(&v, ceilings[c], territories[k], at);
				for (size_t i = 0; i < w.titles_n; i++) {
					const struct sim_title *t = &w.titles[i];
					bool sim = sim_world_available(t, territories[k],
					                               ceilings[c], at);
					bool sql = service_shows(st, &v, t);
					if (sim != sql)
						fail_msg("title %lld in %s, ceiling %d, at %s: "
						         "simulator %d, service %d",
						         (long long)t->id, territories[k],
						         ceilings[c], instants[a], sim, sql);
					sql ? shown++ : hidden++;
				}
			}
	}
	/* Both answers occur, so the comparison proves something. */
	assert_true(shown > 50);
	assert_true(hidden > 50);

	/* The two cases that once disagreed are among them. */
	int64_t at, released;
	assert_int_equal(date_time_parse("2020-01-01T00:00:00Z", &at), BG_OK);
	assert_int_equal(date_time_parse("2012-06-01T00:00:00Z", &released), BG_OK);
	for (size_t i = 0; i < w.titles_n; i++) {
		if (w.titles[i].id == wide)
			assert_true(sim_world_available(&w.titles[i], "ZW", 18, at));
		if (w.titles[i].id == early)
			assert_int_equal(w.titles[i].release_s, released);
	}
	sim_world_release(&w);
	store_close(st);
	test_db_drop(&db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_simulator_agrees_with_sql),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
