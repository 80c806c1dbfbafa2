/*
 * evaluate_test.c - Recall@K and NDCG@K against hand-computed values, the
 * holdout split (deterministic, 20% per user, nothing lost), and the
 * catalogue as of each viewer's time (reco/as_of.h).
 */
#include <math.h>

#include "../test_util.h"

#include "reco/evaluate.h"

static void test_metrics(void **state)
{
	(void)state;
	const uint32_t ranked[] = {5, 3, 9, 1};
	const uint32_t test[] = {1, 3, 7}; /* sorted */
	/* @2: one hit of min(2, 3) */
	assert_float_equal(metric_recall(ranked, 4, test, 3, 2), 0.5, 1e-12);
	/* @4: two hits of min(4, 3) */
	assert_float_equal(metric_recall(ranked, 4, test, 3, 4), 2.0 / 3.0, 1e-12);
	/* DCG = 1/log2(3) + 1/log2(5); ideal = 1 + 1/log2(3) + 1/log2(4) */
	double dcg = 1 / log2(3.0) + 1 / log2(5.0), ideal = 1 + 1 / log2(3.0) + 0.5;
	assert_float_equal(metric_ndcg(ranked, 4, test, 3, 4), dcg / ideal, 1e-12);
	assert_float_equal(metric_ndcg(ranked, 4, test, 0, 4), 0.0, 0);
	assert_float_equal(metric_recall(ranked, 0, test, 3, 4), 0.0, 0);
}

/*
 * Precision@3 of [4 9 2] against {2 4 7}: 2 hits / 3. Effective catalogue
 * size: shown {a: 6, b: 2, c: 2, d: 0} = shares .6 .2 .2 at ranks 1 2 3:
 * 2 (.6 + .4 + .6) - 1 = 2.2; one item only: 1; four equal: 4.
 */
static void test_precision_and_effective_catalogue(void **state)
{
	(void)state;
	const uint32_t ranked[] = {4, 9, 2}, test[] = {2, 4, 7};
	assert_float_equal(metric_precision(ranked, 3, test, 3, 3), 2.0 / 3, 1e-12);
	assert_float_equal(metric_precision(ranked, 3, test, 3, 10), 0.2, 1e-12);
	uint32_t shown[] = {2, 0, 6, 2};
	assert_float_equal(metric_effective_catalogue_size(shown, 4), 2.2, 1e-12);
	uint32_t one[] = {0, 5, 0};
	assert_float_equal(metric_effective_catalogue_size(one, 3), 1.0, 1e-12);
	uint32_t equal[] = {3, 3, 3, 3};
	assert_float_equal(metric_effective_catalogue_size(equal, 4), 4.0, 1e-12);
	uint32_t none[] = {0, 0};
	assert_float_equal(metric_effective_catalogue_size(none, 2), 0.0, 0);
}

static void test_holdout_split(void **state)
{
	(void)state;
	/* user 0: 10 positives, user 1: 1, user 2: 4 */
	uint32_t rows[15], cols[15];
	for (int i = 0; i < 10; i++)
		rows[i] = 0, cols[i] = (uint32_t)i;
	rows[10] = 1, cols[10] = 3;
	for (int i = 0; i < 4; i++)
		rows[11 + i] = 2, cols[11 + i] = (uint32_t)(2 * i);
	struct csr m;
	csr_from_pairs(3, 10, rows, cols, 15, &m);
	struct split a, b, c;
	split_holdout(&m, 42, &a);
	split_holdout(&m, 42, &b);
	split_holdout(&m, 43, &c);
	/* 2 of 10, none of 1, round(0.8) = 1 of 4 */
	assert_int_equal(a.test_n, 3);
	assert_int_equal(a.train_n, 12);
	assert_memory_equal(a.test_item, b.test_item, a.test_n * sizeof(uint32_t));
	size_t user0 = 0;
	for (size_t i = 0; i < a.test_n; i++)
		user0 += a.test_user[i] == 0;
	assert_int_equal(user0, 2);
	bool differs = false;
	for (size_t i = 0; i < a.test_n; i++)
		differs |= a.test_item[i] != c.test_item[i];
	assert_true(differs); /* another seed, another split (for this data) */
	split_release(&a);
	split_release(&b);
	split_release(&c);
	csr_release(&m);
}

/* 50 users with 5 positives each: 5 held out, their rows split 4 + 1. */
static void test_strong_split(void **state)
{
	(void)state;
	uint32_t rows[250], cols[250];
	for (int i = 0; i < 250; i++)
		rows[i] = (uint32_t)(i / 5), cols[i] = (uint32_t)(i % 7);
	struct csr m;
	csr_from_pairs(50, 7, rows, cols, 250, &m);
	struct split s;
	split_strong(&m, 7, 0.1, &s);
	assert_int_equal(s.input_n + s.test_n, 25);
	assert_int_equal(s.test_n, 5);
	assert_int_equal(s.train_n, 225);
	for (size_t i = 0; i < s.test_n; i++)
		for (size_t k = 0; k < s.train_n; k++)
			assert_int_not_equal(s.test_user[i],
			                     s.train_user[k]); /* never trained on */
	split_release(&s);
	/* holdout scores users from their train rows */
	split_holdout(&m, 7, &s);
	assert_int_equal(s.input_n, s.train_n);
	assert_memory_equal(s.input_item, s.train_item, s.train_n * sizeof(uint32_t));
	split_release(&s);
	csr_release(&m);
}

/* Leave-last-out: by time, a tie to the later line; a repeat of the test item leaves train. */
static void test_last_split(void **state)
{
	(void)state;
	/* user 0: items 5 (t 30), 6 (t 10), 7 (t 30, later line), 5 again (t 1); user 1: one item
	 */
	uint32_t user[] = {0, 0, 0, 1, 0}, item[] = {5, 6, 7, 9, 5};
	int64_t time[] = {30, 10, 30, 50, 1};
	struct interactions in = {
	        .users = 2, .items = 10, .n = 5, .user = user, .item = item, .time = time};
	struct split s;
	split_last(&in, 0, &s);
	assert_int_equal(s.test_n, 1);
	assert_int_equal(s.test_item[0], 7);
	assert_int_equal(s.train_n, 4); /* 5, 6, 5 of user 0 and user 1's only item */
	split_release(&s);
	split_last(&in, 1, &s); /* validation: the one before the last */
	assert_int_equal(s.test_n, 1);
	assert_int_equal(s.test_item[0], 5);
	for (size_t k = 0; k < s.train_n; k++)
		assert_true(s.train_user[k] == 1 || s.train_item[k] == 6); /* both 5s leave train */
	split_release(&s);
}

#define DAY 86400

/*
 * user 0 watched items 0 (day 0) and 1 (day 1), and item 2 on day 2 in the
 * test set; user 1 watched item 3 (day 3) and item 2 (day 10). Item 2 enters
 * on day 10: user 0's test pair is what the model must not know.
 */
static void dated_fixture(struct interactions *in, struct csr *train)
{
	static uint32_t user[] = {0, 0, 0, 1, 1}, item[] = {0, 1, 2, 3, 2};
	static int64_t time[] = {0, DAY, 2 * DAY, 3 * DAY, 10 * DAY};
	*in = (struct interactions){
	        .users = 2, .items = 4, .n = 5, .user = user, .item = item, .time = time};
	const uint32_t tu[] = {0, 0, 1, 1}, ti[] = {0, 1, 3, 2};
	csr_from_pairs(2, 4, tu, ti, 4, train);
}

static void test_as_of_catalogue(void **state)
{
	(void)state;
	struct interactions in;
	struct csr train;
	dated_fixture(&in, &train);
	assert_true(as_of_has_times(&in));
	struct as_of a;
	as_of_build(&in, &train, &train, 1, &a);
	assert_int_equal(a.entered[2], 10 * DAY);
	assert_int_equal(a.entered[3], 3 * DAY);
	assert_int_equal(a.viewer_time[0], DAY);
	assert_int_equal(a.viewer_time[1], 10 * DAY);
	/* user 0 at day 1, horizon 1 day: item 3 (day 3) and item 2 (day 10) not yet there */
	uint32_t out[4];
	const uint32_t seen0[] = {0, 1};
	assert_int_equal(as_of_exclusions(&a, 0, seen0, 2, out), 4);
	assert_false(as_of_available(&a, 0, 3));
	as_of_release(&a);
	as_of_build(&in, &train, &train, 2, &a); /* the horizon's end is included */
	assert_true(as_of_available(&a, 0, 3));
	assert_int_equal(as_of_exclusions(&a, 0, seen0, 2, out), 3);
	assert_int_equal(out[2], 2);
	const uint32_t seen1[] = {2, 3}; /* user 1 at day 10: everything had entered */
	assert_int_equal(as_of_exclusions(&a, 1, seen1, 2, out), 2);
	/* far-apart times neither overflow nor pass */
	a.entered[3] = INT64_MAX - 1;
	a.viewer_time[0] = INT64_MIN + 1;
	assert_false(as_of_available(&a, 0, 3));
	as_of_release(&a);
	int64_t none[5] = {0};
	in.time = none;
	assert_false(as_of_has_times(&in));
	csr_release(&train);
}

/*
 * Popularity ranks item 2 (two viewers) above item 1 and item 3 (one
 * each); as of user 0's day 1 with no horizon, item 2 has not entered,
 * so the held-out item 1 moves from rank 2 to rank 1.
 */
static void test_evaluate_as_of(void **state)
{
	(void)state;
	static uint32_t user[] = {0, 0, 1, 1, 2, 2}, item[] = {0, 1, 2, 3, 2, 1};
	static int64_t time[] = {0, DAY, 10 * DAY, 0, 10 * DAY, 0};
	struct interactions in = {
	        .users = 3, .items = 4, .n = 6, .user = user, .item = item, .time = time};
	const uint32_t tu[] = {0, 1, 1, 2, 2}, ti[] = {0, 2, 3, 2, 1}, xu[] = {0}, xi[] = {1};
	struct csr train, test;
	csr_from_pairs(3, 4, tu, ti, 5, &train);
	csr_from_pairs(3, 4, xu, xi, 1, &test);
	struct reco_params p;
	reco_params_init(RECO_POPULARITY, &p);
	struct reco_model m;
	assert_int_equal(reco_model_fit(RECO_POPULARITY, &p, &train, &m), BG_OK);
	/* user 0 is scored from item 0 only; item 1 is held out */
	const uint32_t iu[] = {0, 1, 1, 2}, ii[] = {0, 2, 3, 2};
	struct csr input;
	csr_from_pairs(3, 4, iu, ii, 4, &input);
	struct eval_result r;
	evaluate(&m, &input, &test, NULL, &r);
	assert_int_equal(r.users, 1);
	assert_float_equal(r.ndcg[0], 1.0 / log2(3.0), 1e-12);
	struct as_of a;
	as_of_build(&in, &train, &input, 0, &a);
	assert_int_equal(a.viewer_time[0], 0); /* the held-out day-1 view is not known */
	evaluate(&m, &input, &test, &a, &r);
	assert_float_equal(r.ndcg[0], 1.0, 1e-12);
	as_of_release(&a);
	reco_model_release(&m);
	csr_release(&train);
	csr_release(&input);
	csr_release(&test);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_metrics),
	                                   cmocka_unit_test(test_precision_and_effective_catalogue),
	                                   cmocka_unit_test(test_holdout_split),
	                                   cmocka_unit_test(test_strong_split),
	                                   cmocka_unit_test(test_last_split),
	                                   cmocka_unit_test(test_as_of_catalogue),
	                                   cmocka_unit_test(test_evaluate_as_of)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
