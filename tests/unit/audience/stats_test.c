/*
 * stats_test.c - the analytics against answers worked out by hand on a
 * small log (comments show the working), with ties, a viewer with a single
 * event, a viewer outside the titles asked about, and windows that exclude.
 */
#include "../test_util.h"

#include "audience/stats.h"

#define D   86400
#define H   3600
#define NO  STATS_NONE
#define JJ  1
#define DD  2
#define LC  3
#define IF_ 4

/*
 * profile: title start / finish / last (days)
 * P1: JJ 1/2/2, DD 5/-/6, LC 10/-/10
 * P2: DD 1/-/1, JJ 2/4/4, LC 6/-/6
 * P3: JJ 3/-/3, DD 4/-/4, LC 7/-/7
 * P4: JJ 2/2/2                  (a single event)
 * P5: JJ 5/-/5, DD 5/-/5        (same start: a tie)
 * P6: title 9 only
 */
static struct title_view views[] = {
        {1, JJ, 1 * D, 2 * D, 2 * D}, {1, DD, 5 * D, NO, 6 * D},    {1, LC, 10 * D, NO, 10 * D},
        {2, DD, 1 * D, NO, 1 * D},    {2, JJ, 2 * D, 4 * D, 4 * D}, {2, LC, 6 * D, NO, 6 * D},
        {3, LC, 7 * D, NO, 7 * D},    {3, JJ, 3 * D, NO, 3 * D},    {3, DD, 4 * D, NO, 4 * D},
        {4, JJ, 2 * D, 2 * D, 2 * D}, {5, JJ, 5 * D, NO, 5 * D},    {5, DD, 5 * D, NO, 5 * D},
        {6, 9, 3 * D, NO, 3 * D},
};
#define VIEWS_N (sizeof(views) / sizeof(views[0]))

static int setup(void **state)
{
	(void)state;
	stats_sort_views(views, VIEWS_N);
	return 0;
}

static void test_watch_order(void **state)
{
	(void)state;
	const int64_t release_order[] = {DD, JJ, LC, IF_};
	long first[4];
	struct watch_order wo = {.first = first};
	stats_watch_order(views, VIEWS_N, release_order, 4, &wo);
	/* P1..P5; P6 started none of them */
	assert_int_equal(wo.viewers, 5);
	/* DD first: P2, P5 (tie broken by release order); JJ first: P1, P3, P4 */
	assert_int_equal(first[0], 2);
	assert_int_equal(first[1], 3);
	assert_int_equal(first[2], 0);
	assert_int_equal(first[3], 0);
	/* [JJ DD LC] x2 (P1, P3), then the ones seen once, ordered by the order itself */
	assert_int_equal(wo.orders_n, 4);
	assert_int_equal(wo.orders[0].viewers, 2);
	assert_int_equal(wo.orders[0].len, 3);
	assert_int_equal(wo.orders[0].titles[0], 1);
	assert_int_equal(wo.orders[0].titles[1], 0);
	assert_int_equal(wo.orders[0].titles[2], 2);
	assert_int_equal(wo.orders[1].len, 2); /* [DD JJ] (P5) before its extension */
	assert_int_equal(wo.orders[1].titles[0], 0);
	assert_int_equal(wo.orders[2].len, 3); /* [DD JJ LC] (P2) */
	assert_int_equal(wo.orders[2].titles[2], 2);
	assert_int_equal(wo.orders[3].len, 1); /* [JJ] (P4) */
	assert_int_equal(wo.orders[3].titles[0], 1);
	for (size_t i = 1; i < 4; i++)
		assert_int_equal(wo.orders[i].viewers, 1);
	free(wo.orders);
}

static void test_next_after_finish(void **state)
{
	(void)state;
	long viewers, moved_on;
	struct title_count *items;
	size_t n;
	stats_next(views, VIEWS_N, JJ, true, &viewers, &moved_on, &items, &n);
	/* finished JJ: P1 (day 2 -> DD day 5), P2 (day 4 -> LC day 6), P4 (nothing after) */
	assert_int_equal(viewers, 3);
	assert_int_equal(moved_on, 2);
	assert_int_equal(n, 2);
	/* a tie on count: by title id */
	assert_int_equal(items[0].title_id, DD);
	assert_int_equal(items[0].count, 1);
	assert_float_equal(items[0].value, 0.5, 1e-12);
	assert_int_equal(items[1].title_id, LC);
	free(items);
}

static void test_next_after_start(void **state)
{
	(void)state;
	long viewers, moved_on;
	struct title_count *items;
	size_t n;
	stats_next(views, VIEWS_N, JJ, false, &viewers, &moved_on, &items, &n);
	/* P1 -> DD, P2 -> LC (DD began earlier), P3 -> DD, P4 nothing, P5 DD at the same instant:
	 * not after */
	assert_int_equal(viewers, 5);
	assert_int_equal(moved_on, 3);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].title_id, DD);
	assert_int_equal(items[0].count, 2);
	assert_float_equal(items[0].value, 2.0 / 3.0, 1e-12);
	assert_int_equal(items[1].title_id, LC);
	assert_int_equal(items[1].count, 1);
	free(items);
	/* a title nobody watched */
	stats_next(views, VIEWS_N, 77, false, &viewers, &moved_on, &items, &n);
	assert_int_equal(viewers, 0);
	assert_int_equal(n, 0);
	free(items);
}

static void test_gateways(void **state)
{
	(void)state;
	long viewers;
	struct title_count *items;
	size_t n;
	/*
	 * LC's viewers: P1 (day 10), P2 (6), P3 (7). A week before:
	 *   P1: JJ last day 2 < 10 - 7 -> no; DD last 6 -> yes
	 *   P2: DD (last 1 >= -1) yes, JJ yes;  P3: JJ yes, DD yes
	 * JJ 2, DD 3. Base over 6 viewers: JJ 5, DD 4.
	 * lift DD = (3/3)/(4/6) = 1.5; JJ = (2/3)/(5/6) = 0.8
	 */
	stats_gateways(views, VIEWS_N, LC, 7 * D, 1, &viewers, &items, &n);
	assert_int_equal(viewers, 3);
	assert_int_equal(n, 2);
	assert_int_equal(items[0].title_id, DD);
	assert_int_equal(items[0].count, 3);
	assert_float_equal(items[0].value, 1.5, 1e-12);
	assert_int_equal(items[1].title_id, JJ);
	assert_int_equal(items[1].count, 2);
	assert_float_equal(items[1].value, 0.8, 1e-12);
	free(items);
	/* min_count drops JJ */
	stats_gateways(views, VIEWS_N, LC, 7 * D, 3, &viewers, &items, &n);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].title_id, DD);
	free(items);
	/* a wider window brings P1's JJ back: JJ 3 -> lift (3/3)/(5/6) = 1.2 */
	stats_gateways(views, VIEWS_N, LC, 8 * D, 1, &viewers, &items, &n);
	assert_int_equal(items[1].title_id, JJ);
	assert_int_equal(items[1].count, 3);
	assert_float_equal(items[1].value, 1.2, 1e-12);
	free(items);
}

/*
 * Season 1: 3 episodes released day 0; season 2: 2 episodes, release unknown.
 * P1: S1E1 d0+1h..+2h, E2 d0+3h..+4h, E3 d1..d1+1h: 3 eps on days {0,1},
 *     finished d1+1h, 1.0 days after starting, within the week.
 *     S2E1 d20 completed; no E2.
 * P2: E1 d2, E2 d10, E3 d10+2h completed d11: 3 eps, days {2,10}, 9.0 days.
 * P3: S1E1 d3, never completed (a single event).
 */
static void test_binge(void **state)
{
	(void)state;
	struct episode_view rows[] = {
	        {2, 1, 3, 10 * D + 2 * H, 11 * D},
	        {1, 1, 2, 3 * H, 4 * H},
	        {1, 1, 1, 1 * H, 2 * H},
	        {2, 1, 1, 2 * D, 2 * D},
	        {2, 1, 2, 10 * D, 10 * D},
	        {1, 1, 3, 1 * D, 1 * D + H},
	        {3, 1, 1, 3 * D, NO},
	        {1, 2, 1, 20 * D, 20 * D},
	};
	size_t n = sizeof(rows) / sizeof(rows[0]);
	struct stats_season seasons[] = {{1, 3, 0}, {2, 2, NO}};
	double work[8];
	struct season_binge out[2];
	stats_sort_episodes(rows, n);
	stats_binge(rows, n, seasons, 2, work, out);
	assert_int_equal(out[0].number, 1);
	assert_int_equal(out[0].viewers, 3);
	assert_int_equal(out[0].finished, 2);
	assert_float_equal(out[0].episodes_per_day, 7.0 / 5.0, 1e-12);
	assert_float_equal(out[0].completion_rate, 2.0 / 3.0, 1e-12);
	assert_float_equal(out[0].median_days_to_finish, 5.0, 1e-12);
	assert_float_equal(out[0].finished_within_week_share, 1.0 / 3.0, 1e-12);
	assert_int_equal(out[1].number, 2);
	assert_int_equal(out[1].viewers, 1);
	assert_int_equal(out[1].finished, 0);
	assert_float_equal(out[1].episodes_per_day, 1.0, 1e-12);
	assert_float_equal(out[1].completion_rate, 0.0, 1e-12);
	assert_true(out[1].median_days_to_finish < 0);
	assert_true(out[1].finished_within_week_share < 0);
}

static void test_starts_per_day(void **state)
{
	(void)state;
	const int64_t starts[] = {100 * D + 5, 100 * D + 80000, 102 * D, 99 * D, 105 * D};
	long counts[5];
	stats_starts_per_day(starts, 5, 100, 5, counts);
	assert_int_equal(counts[0], 2);
	assert_int_equal(counts[1], 0);
	assert_int_equal(counts[2], 1);
	assert_int_equal(counts[3], 0);
	assert_int_equal(counts[4], 0); /* day 105 is past the range, day 99 before it */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_watch_order),
	        cmocka_unit_test(test_next_after_finish),
	        cmocka_unit_test(test_next_after_start),
	        cmocka_unit_test(test_gateways),
	        cmocka_unit_test(test_binge),
	        cmocka_unit_test(test_starts_per_day),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
