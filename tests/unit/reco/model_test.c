/*
 * model_test.c - EASE against its closed form worked by hand, popularity,
 * and top-k with ties and seen items excluded.
 */
#include <math.h>
#include <string.h>

#include "../test_util.h"

#include "reco/model.h"

/*
 * X (4 users x 3 items): [1 1 0], [1 0 1], [1 1 1], [0 0 1].
 * X^T X + I = [[4 2 2] [2 3 1] [2 1 4]], det 24,
 * P = 1/24 [[11 -6 -4] [-6 12 0] [-4 0 8]],
 * B[i][j] = -P[i][j] / P[j][j]: B = [[0 1/2 1/2] [6/11 0 0] [4/11 0 0]].
 */
static void test_ease_closed_form(void **state)
{
	(void)state;
	const uint32_t rows[] = {0, 0, 1, 1, 2, 2, 2, 3};
	const uint32_t cols[] = {0, 1, 0, 2, 0, 1, 2, 2};
	struct csr x;
	csr_from_pairs(4, 3, rows, cols, 8, &x);
	struct reco_model m;
	struct reco_params p;
	reco_params_init(RECO_EASE, &p);
	p.lambda = 1.0;
	assert_int_equal(reco_model_fit(RECO_EASE, &p, &x, &m), BG_OK);
	const double want[9] = {0, 0.5, 0.5, 6.0 / 11, 0, 0, 4.0 / 11, 0, 0};
	for (int i = 0; i < 9; i++) /* single precision */
		assert_float_equal(m.dense[i], want[i], 1e-6);
	/* a user who has item 1: scores are row 1 of B */
	const uint32_t seen[] = {1};
	double scores[3];
	reco_model_score(&m, seen, NULL, 1, scores);
	assert_float_equal(scores[0], 6.0 / 11, 1e-6);
	assert_float_equal(scores[2], 0.0, 1e-12);
	reco_model_release(&m);
	csr_release(&x);
}

/* The same X: X^T X = [[3 2 2] [2 2 1] [2 1 3]]; cosine with shrink 1. */
static void test_itemknn_cosine(void **state)
{
	(void)state;
	const uint32_t rows[] = {0, 0, 1, 1, 2, 2, 2, 3};
	const uint32_t cols[] = {0, 1, 0, 2, 0, 1, 2, 2};
	struct csr x;
	csr_from_pairs(4, 3, rows, cols, 8, &x);
	struct reco_model m;
	struct reco_params p;
	reco_params_init(RECO_ITEMKNN, &p);
	p.shrink = 1.0;
	assert_int_equal(reco_model_fit(RECO_ITEMKNN, &p, &x, &m), BG_OK);
	double s01 = 2 / (sqrt(6.0) + 1), s02 = 2 / (3.0 + 1), s12 = 1 / (sqrt(6.0) + 1);
	const double want[9] = {0, s01, s02, s01, 0, s12, s02, s12, 0};
	for (uint32_t i = 0; i < 3; i++) /* row i: a user who has item i */
		for (uint32_t j = 0; j < 3; j++) {
			double scores[3];
			reco_model_score(&m, &i, NULL, 1, scores);
			assert_float_equal(scores[j], want[i * 3 + j], 1e-6);
		}
	assert_int_equal(m.similar.ptr[3], 6); /* no entry for an item and itself */
	reco_model_release(&m);
	csr_release(&x);
}

/*
 * Item-kNN keeping k = 5 of 40 items on a seeded random 0/1 matrix, against
 * S worked out densely here: every column's 5 most similar items (the lower
 * index first on ties, which whole-number counts make common), the rest 0.
 */
static void test_itemknn_keeps_k_per_item(void **state)
{
	(void)state;
	enum { USERS = 60, ITEMS = 40, KEEP = 5 };
	uint32_t rows[USERS * ITEMS], cols[USERS * ITEMS];
	size_t n = 0;
	unsigned seed = 7;
	static double g[ITEMS][ITEMS], want[ITEMS][ITEMS];
	memset(g, 0, sizeof(g));
	static bool has[USERS][ITEMS];
	for (uint32_t u = 0; u < USERS; u++)
		for (uint32_t i = 0; i < ITEMS; i++) {
			seed = seed * 1103515245u + 12345u;
			has[u][i] = (seed >> 16) % 4 == 0;
			if (has[u][i])
				rows[n] = u, cols[n++] = i;
		}
	for (int u = 0; u < USERS; u++)
		for (int i = 0; i < ITEMS; i++)
			for (int j = 0; j < ITEMS; j++)
				g[i][j] += has[u][i] && has[u][j];
	for (int j = 0; j < ITEMS; j++) {
		for (int kept = 0; kept < KEEP; kept++) {
			int pick = -1;
			for (int i = 0; i < ITEMS; i++) {
				double s = i == j ? 0 : g[i][j] / (sqrt(g[i][i] * g[j][j]) + 2.0);
				if (want[i][j] == 0 && s > 0 &&
				    (pick < 0 ||
				     s > g[pick][j] / (sqrt(g[pick][pick] * g[j][j]) + 2.0)))
					pick = i;
			}
			if (pick >= 0)
				want[pick][j] = g[pick][j] / (sqrt(g[pick][pick] * g[j][j]) + 2.0);
		}
	}
	struct csr x;
	csr_from_pairs(USERS, ITEMS, rows, cols, n, &x);
	struct reco_model m;
	struct reco_params p;
	reco_params_init(RECO_ITEMKNN, &p);
	p.shrink = 2.0, p.k = KEEP;
	assert_int_equal(reco_model_fit(RECO_ITEMKNN, &p, &x, &m), BG_OK);
	assert_int_equal(m.similar.ptr[ITEMS], ITEMS * KEEP);
	for (uint32_t i = 0; i < ITEMS; i++) {
		double scores[ITEMS];
		reco_model_score(&m, &i, NULL, 1, scores);
		for (int j = 0; j < ITEMS; j++)
			assert_float_equal(scores[j], want[i][j], 1e-6);
	}
	reco_model_release(&m);
	csr_release(&x);
}

/*
 * A rank-1 block: six users who all have items 0-3 of 6; and iALS
 * parameters for it (reg 0.001, the given factors).
 */
static void rank_one_block(struct csr *x, struct reco_params *p, double factors)
{
	uint32_t rows[24], cols[24];
	for (int k = 0; k < 24; k++)
		rows[k] = (uint32_t)(k / 4), cols[k] = (uint32_t)(k % 4);
	csr_from_pairs(6, 6, rows, cols, 24, x);
	reco_params_init(RECO_IALS, p);
	p->reg = 0.001, p->factors = factors;
}

/* scores: a user of the block who saw items 0 and 1; items 2 and 3 must come first. */
static void assert_block_first(const double *scores)
{
	const uint32_t seen[] = {0, 1};
	uint32_t top[2];
	assert_int_equal(reco_top_k(scores, 6, seen, 2, 2, top), 2);
	assert_true((top[0] == 2 && top[1] == 3) || (top[0] == 3 && top[1] == 2));
}

/*
 * iALS on a rank-1 block: six users who all have items 0-3, items 4 and 5
 * never seen. A user folded in from items 0 and 1 gets items 2 and 3 near
 * 1 and the unseen items near 0.
 */
static void test_ials_rank_one(void **state)
{
	(void)state;
	struct csr x;
	struct reco_params p;
	rank_one_block(&x, &p, 64);
	struct reco_model m;
	assert_int_equal(reco_model_fit(RECO_IALS, &p, &x, &m), BG_OK);
	const uint32_t seen[] = {0, 1};
	double scores[6];
	reco_model_score(&m, seen, NULL, 2, scores);
	assert_true(scores[2] > 0.7 && scores[2] < 1.1);
	assert_float_equal(scores[2], scores[3], 0.05);
	assert_true(fabs(scores[4]) < 0.05 && fabs(scores[5]) < 0.05);
	assert_block_first(scores);
	reco_model_release(&m);
	csr_release(&x);
}

/*
 * Several random starts: a two-seed model holds the one-seed model (seed
 * 42) as its first block, and its score is the sum of both blocks' scores,
 * so on the rank-1 block of test_ials_rank_one it still ranks items 2 and
 * 3 first, at about twice the one-seed score.
 */
static void test_ials_seeds(void **state)
{
	(void)state;
	struct csr x;
	struct reco_params p;
	rank_one_block(&x, &p, 8);
	struct reco_model one, two;
	assert_int_equal(reco_model_fit(RECO_IALS, &p, &x, &one), BG_OK);
	p.seeds = 2;
	assert_int_equal(reco_model_fit(RECO_IALS, &p, &x, &two), BG_OK);
	assert_int_equal(reco_ials_dims(&two.params), 16);
	for (size_t i = 0; i < 6; i++)
		for (size_t k = 0; k < 8; k++)
			assert_float_equal(two.weights[i * 16 + k], one.weights[i * 8 + k], 0);
	const uint32_t seen[] = {0, 1};
	double s1[6], s2[6];
	reco_model_score(&one, seen, NULL, 2, s1);
	reco_model_score(&two, seen, NULL, 2, s2);
	assert_float_equal(s2[2], 2 * s1[2], 0.1);
	assert_true(s2[2] != 2 * s1[2]); /* the second start is a different model */
	assert_block_first(s2);
	char msg[160];
	assert_int_equal(reco_params_set(RECO_IALS, &p, "factors=300", msg, sizeof(msg)),
	                 BG_INVALID);
	assert_non_null(strstr(msg, "factors x seeds may be at most 512"));
	assert_float_equal(p.factors, 8, 0); /* refused, unchanged */
	reco_model_release(&one);
	reco_model_release(&two);
	csr_release(&x);
}

/*
 * Conjugate-gradient training: with as many steps as dimensions each
 * solve is exact, so the factors match the Cholesky fit; with one step
 * they do not, yet still rank the rank-1 block's items 2 and 3 first.
 */
static void test_ials_cg(void **state)
{
	(void)state;
	struct csr x;
	struct reco_params p;
	rank_one_block(&x, &p, 4);
	struct reco_model exact, full, one;
	assert_int_equal(reco_model_fit(RECO_IALS, &p, &x, &exact), BG_OK);
	p.cg = 4;
	assert_int_equal(reco_model_fit(RECO_IALS, &p, &x, &full), BG_OK);
	p.cg = 1;
	assert_int_equal(reco_model_fit(RECO_IALS, &p, &x, &one), BG_OK);
	double most = 0.0, most_one = 0.0;
	for (size_t k = 0; k < 6 * 4; k++) {
		most = fmax(most, fabs(full.weights[k] - exact.weights[k]));
		most_one = fmax(most_one, fabs(one.weights[k] - exact.weights[k]));
	}
	assert_true(most < 1e-6);
	assert_true(most_one > 1e-4);
	const uint32_t seen[] = {0, 1};
	double scores[6];
	reco_model_score(&one, seen, NULL, 2, scores);
	assert_block_first(scores);
	reco_model_release(&exact);
	reco_model_release(&full);
	reco_model_release(&one);
	csr_release(&x);
}

/*
 * Confidence and fold-in: users 0-5 have items 0 and 1, users 6-11 items
 * 2 and 3. A new profile (never trained on) who saw items 0 and 2 is
 * folded in; the item it watched with more confidence pulls its partner
 * up.
 */
static void test_ials_confidence_fold_in(void **state)
{
	(void)state;
	uint32_t rows[24], cols[24];
	for (int k = 0; k < 24; k++)
		rows[k] = (uint32_t)(k / 2), cols[k] = (uint32_t)((k / 12) * 2 + k % 2);
	struct csr x;
	csr_from_pairs(12, 4, rows, cols, 24, &x);
	struct reco_params p;
	reco_params_init(RECO_IALS, &p);
	p.factors = 4;
	struct reco_model m;
	assert_int_equal(reco_model_fit(RECO_IALS, &p, &x, &m), BG_OK);
	const uint32_t seen[] = {0, 2};
	const float more_first[] = {5, 1}, more_second[] = {1, 5};
	double scores[4];
	reco_model_score(&m, seen, more_first, 2, scores);
	assert_true(scores[1] > scores[3] + 0.1);
	reco_model_score(&m, seen, more_second, 2, scores);
	assert_true(scores[3] > scores[1] + 0.1);
	reco_model_release(&m);
	csr_release(&x);
}

/*
 * The frequency exponent nu, worked by hand on a one-factor model with
 * item factors 1 and 2 (G = 5), alpha 0.1, reg 0.5. A user who saw item 0
 * (n = 1, m = 2, alpha m = 0.2) solves x (alpha G + 1 + reg_n) = 1 with
 * reg_n = 0.5 (1 + 0.2)^nu 0.2^(1 - nu): nu = 1 gives 0.6, nu = 0 gives
 * 0.1 whatever n is, nu = 0.5 gives 0.5 sqrt(0.24).
 */
static void test_ials_nu(void **state)
{
	(void)state;
	const double nus[] = {1.0, 0.0, 0.5}, reg_n[] = {0.6, 0.1, 0.5 * sqrt(0.24)};
	for (size_t k = 0; k < 3; k++) {
		struct reco_model m = {.kind = RECO_IALS, .items = 2};
		reco_params_init(RECO_IALS, &m.params);
		m.params.factors = 1, m.params.alpha = 0.1, m.params.reg = 0.5,
		m.params.nu = nus[k];
		double weights[] = {1, 2}, gram[] = {5};
		m.weights = weights, m.gram = gram;
		const uint32_t seen[] = {0};
		double scores[2];
		reco_model_score(&m, seen, NULL, 1, scores);
		double x = 1.0 / (0.1 * 5 + 1 + reg_n[k]);
		assert_float_equal(scores[0], x, 1e-12);
		assert_float_equal(scores[1], 2 * x, 1e-12);
	}
}

/* The blend at weight 0 ranks as EASE does; at 1 as iALS does. */
static void test_blend_ends(void **state)
{
	(void)state;
	uint32_t rows[40], cols[40];
	size_t n = 0;
	for (uint32_t u = 0; u < 10; u++)
		for (uint32_t i = 0; i < 6; i++)
			if ((u * 7 + i * 3) % 5 < 2 && n < 40)
				rows[n] = u, cols[n++] = i;
	struct csr x;
	csr_from_pairs(10, 6, rows, cols, n, &x);
	struct reco_params p;
	reco_params_init(RECO_BLEND, &p);
	p.lambda = 1.0;
	p.factors = 3;
	struct reco_model blend, part;
	assert_int_equal(reco_model_fit(RECO_BLEND, &p, &x, &blend), BG_OK);
	const uint32_t seen[] = {1};
	double b[6], e[6];
	for (int end = 0; end < 2; end++) {
		blend.params.weight = end;
		assert_int_equal(reco_model_fit(end ? RECO_IALS : RECO_EASE, &p, &x, &part), BG_OK);
		reco_model_score(&blend, seen, NULL, 1, b);
		reco_model_score(&part, seen, NULL, 1, e);
		for (int i = 0; i < 6; i++)
			for (int j = 0; j < 6; j++)
				if (e[i] > e[j] + 1e-9)
					assert_true(b[i] > b[j]);
		reco_model_release(&part);
	}
	reco_model_release(&blend);
	csr_release(&x);
}

static void test_params(void **state)
{
	(void)state;
	struct reco_params p;
	char msg[160];
	reco_params_init(RECO_IALS, &p);
	assert_float_equal(p.factors, 64, 0);
	assert_int_equal(reco_params_set(RECO_IALS, &p, "factors=16", msg, sizeof(msg)), BG_OK);
	assert_float_equal(p.factors, 16, 0);
	assert_int_equal(reco_params_set(RECO_IALS, &p, "factors=0", msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, "factors: '0'"));
	assert_int_equal(reco_params_set(RECO_IALS, &p, "lambda=1", msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, "ials takes reg, nu, factors, alpha, iters, seeds, cg"));
	assert_int_equal(reco_params_set(RECO_IALS, &p, "nu=2.5", msg, sizeof(msg)), BG_INVALID);
	assert_int_equal(reco_params_set(RECO_EASE, &p, "lambda", msg, sizeof(msg)), BG_INVALID);
	assert_int_equal(reco_params_set(RECO_BLEND, &p, "weight=1.5", msg, sizeof(msg)),
	                 BG_INVALID);
	assert_int_equal(reco_params_set(RECO_POPULARITY, &p, "k=3", msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, "no parameters"));
}

static void test_popularity_and_repeats(void **state)
{
	(void)state;
	/* a repeated pair counts once */
	const uint32_t rows[] = {0, 0, 1, 2, 2};
	const uint32_t cols[] = {1, 1, 1, 0, 1};
	struct csr x;
	csr_from_pairs(3, 2, rows, cols, 5, &x);
	assert_int_equal(x.ptr[3], 4);
	struct reco_model m;
	struct reco_params p;
	reco_params_init(RECO_POPULARITY, &p);
	assert_int_equal(reco_model_fit(RECO_POPULARITY, &p, &x, &m), BG_OK);
	assert_float_equal(m.weights[0], 1.0, 0);
	assert_float_equal(m.weights[1], 3.0, 0);
	reco_model_release(&m);
	csr_release(&x);
	enum reco_kind k;
	assert_true(reco_kind_parse("ease", &k) && k == RECO_EASE);
	assert_true(reco_kind_parse("itemknn", &k) && k == RECO_ITEMKNN);
	assert_string_equal(reco_param_names(RECO_ITEMKNN)[0], "shrink");
	assert_null(reco_param_names(RECO_POPULARITY)[0]);
	assert_false(reco_kind_parse("slim", &k));
}

static void test_top_k(void **state)
{
	(void)state;
	const double scores[] = {0.1, 0.5, 0.5, 0.9, 0.3};
	const uint32_t seen[] = {3};
	uint32_t top[3];
	assert_int_equal(reco_top_k(scores, 5, seen, 1, 3, top), 3);
	assert_int_equal(top[0], 1); /* a tie: the lower index first */
	assert_int_equal(top[1], 2);
	assert_int_equal(top[2], 4);
	uint32_t all[10];
	assert_int_equal(reco_top_k(scores, 5, seen, 1, 10, all), 4);
	assert_int_equal(all[3], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_ease_closed_form),
	                                   cmocka_unit_test(test_itemknn_cosine),
	                                   cmocka_unit_test(test_itemknn_keeps_k_per_item),
	                                   cmocka_unit_test(test_ials_rank_one),
	                                   cmocka_unit_test(test_ials_confidence_fold_in),
	                                   cmocka_unit_test(test_ials_nu),
	                                   cmocka_unit_test(test_ials_seeds),
	                                   cmocka_unit_test(test_ials_cg),
	                                   cmocka_unit_test(test_blend_ends),
	                                   cmocka_unit_test(test_params),
	                                   cmocka_unit_test(test_popularity_and_repeats),
	                                   cmocka_unit_test(test_top_k)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
