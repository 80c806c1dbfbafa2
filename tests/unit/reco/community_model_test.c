/*
 * community_model_test.c - taste communities as a recommender: on two
 * planted tastes, a user is offered their own taste's popular titles; with
 * heavy smoothing, everyone's; and a user with nothing seen, everyone's.
 * Spread: near 0 it is the user's own community's list, wide it is every
 * community's alike, so both tastes are offered the same.
 */
#include <math.h>
#include <string.h>

#include "../test_util.h"

#include "reco/model.h"

enum { USERS = 60, ITEMS = 20 };

/*
 * Users 0..29 have titles 0..9, the rest 10..19, each title j of a block
 * with probability falling with j; title 9 (block A's least popular) is
 * also had by every user of block B, so it is the most popular overall.
 */
static void planted(struct csr *x)
{
	uint32_t rows[USERS * ITEMS], cols[USERS * ITEMS];
	size_t n = 0;
	unsigned seed = 3;
	for (uint32_t u = 0; u < USERS; u++) {
		uint32_t base = u < USERS / 2 ? 0 : 10;
		for (uint32_t j = 0; j < 10; j++) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 10 >= j)
				rows[n] = u, cols[n++] = base + j;
		}
		if (base == 10)
			rows[n] = u, cols[n++] = 9;
	}
	csr_from_pairs(USERS, ITEMS, rows, cols, n, x);
}

static void fit(const struct csr *x, double smoothing, struct reco_model *m)
{
	struct reco_params p;
	reco_params_init(RECO_COMMUNITY, &p);
	p.communities = 2, p.smoothing = smoothing, p.factors = 8, p.reg = 0.01;
	assert_int_equal(reco_model_fit(RECO_COMMUNITY, &p, x, m), BG_OK);
	assert_int_equal(m->communities, 2);
}

static void test_own_taste_first(void **state)
{
	(void)state;
	struct csr x;
	planted(&x);
	struct reco_model m;
	fit(&x, 0, &m);
	const uint32_t seen_b[] = {12, 13}, seen_a[] = {2, 3};
	double scores[ITEMS];
	uint32_t top[4];
	reco_model_score(&m, seen_b, NULL, 2, scores);
	assert_int_equal(reco_top_k(scores, ITEMS, seen_b, 2, 4, top), 4);
	for (int k = 0; k < 4; k++) /* block B's titles, and 9 which all of B have */
		assert_true(top[k] >= 9);
	assert_int_equal(top[0], 9);
	reco_model_score(&m, seen_a, NULL, 2, scores);
	assert_int_equal(reco_top_k(scores, ITEMS, seen_a, 2, 4, top), 4);
	for (int k = 0; k < 4; k++)
		assert_true(top[k] < 10);
	assert_int_equal(top[0], 0); /* block A's most popular, not 9 */
	/* nothing seen: everyone's popularity, 9 first */
	reco_model_score(&m, NULL, NULL, 0, scores);
	assert_int_equal(reco_top_k(scores, ITEMS, NULL, 0, 1, top), 1);
	assert_int_equal(top[0], 9);
	reco_model_release(&m);
	csr_release(&x);
}

static void test_heavy_smoothing_is_popularity(void **state)
{
	(void)state;
	struct csr x;
	planted(&x);
	struct reco_model m;
	fit(&x, 1e9, &m);
	const uint32_t seen_a[] = {2, 3};
	double scores[ITEMS];
	uint32_t top[1];
	reco_model_score(&m, seen_a, NULL, 2, scores);
	reco_top_k(scores, ITEMS, seen_a, 2, 1, top);
	assert_int_equal(top[0], 9);
	reco_model_release(&m);
	csr_release(&x);
}

static void test_spread_mixes_communities(void **state)
{
	(void)state;
	struct csr x;
	planted(&x);
	struct reco_model m;
	fit(&x, 0, &m);
	const uint32_t seen_a[] = {2, 3}, seen_b[] = {12, 13};
	double own[ITEMS], near[ITEMS], wide_a[ITEMS], wide_b[ITEMS];
	reco_model_score(&m, seen_a, NULL, 2, own);
	m.params.spread = 1e-6; /* the other centre is far: exp(-gap / 1e-6) is 0 */
	reco_model_score(&m, seen_a, NULL, 2, near);
	for (int i = 0; i < ITEMS; i++)
		assert_true(fabs(own[i] - near[i]) < 1e-12);
	m.params.spread = 10; /* both communities weigh about half */
	reco_model_score(&m, seen_a, NULL, 2, wide_a);
	reco_model_score(&m, seen_b, NULL, 2, wide_b);
	/* block B's favourite, which no one of A has, now beats A's rarer titles */
	assert_true(own[10] < own[6]);
	assert_true(wide_a[10] > wide_a[6]);
	double gap = 0;
	for (int i = 0; i < ITEMS; i++) {
		assert_true(wide_a[i] > 0);
		gap = fmax(gap, fabs(wide_a[i] - wide_b[i]));
	}
	assert_true(gap < 0.02); /* one list for both tastes (weights 0.45-0.55) */
	reco_model_release(&m);
	csr_release(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_own_taste_first),
	                                   cmocka_unit_test(test_heavy_smoothing_is_popularity),
	                                   cmocka_unit_test(test_spread_mixes_communities)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
