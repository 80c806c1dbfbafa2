/*
 * ease_dual_test.c - EASE through the users' kernel equals EASE's B from
 * the Cholesky (reco/model.c), at several lambdas, for the train rows
 * themselves and for rows that were not trained on.
 */
#include <math.h>
#include <stdlib.h>

#include "../test_util.h"

#include "reco/ease_dual.h"
#include "reco/model.h"

enum { USERS = 12, ITEMS = 60, OTHERS = 5 };

/* A seeded 0/1 matrix of rows x ITEMS, about a quarter of it 1. */
static void random_rows(size_t rows, unsigned seed, struct csr *out)
{
	uint32_t *r = calloc(rows * ITEMS, sizeof(*r)), *c = calloc(rows * ITEMS, sizeof(*c));
	size_t n = 0;
	for (uint32_t u = 0; u < rows; u++)
		for (uint32_t i = 0; i < ITEMS; i++) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 4 == 0)
				r[n] = u, c[n++] = i;
		}
	csr_from_pairs(rows, ITEMS, r, c, n, out);
	free(r);
	free(c);
}

static void check_equal(const struct csr *train, const struct csr *input, double lambda)
{
	struct reco_params p;
	reco_params_init(RECO_EASE, &p);
	p.lambda = lambda;
	struct reco_model m;
	assert_int_equal(reco_model_fit(RECO_EASE, &p, train, &m), BG_OK);
	struct ease_dual *d = ease_dual_new(train, input);
	double *dual = malloc(input->rows * ITEMS * sizeof(*dual)), primal[ITEMS];
	ease_dual_scores(d, lambda, dual);
	double most = 0, largest = 0;
	for (size_t u = 0; u < input->rows; u++) {
		reco_model_score(&m, input->idx + input->ptr[u], NULL, input->ptr[u + 1] - input->ptr[u],
		                 primal);
		for (size_t i = 0; i < ITEMS; i++) {
			most = fmax(most, fabs(dual[u * ITEMS + i] - primal[i]));
			largest = fmax(largest, fabs(primal[i]));
		}
	}
	/* the primal is single precision: equal to a thousandth of the largest score */
	if (!(most < 1e-3 * largest && largest > 0.01))
		fail_msg("lambda %g: largest difference %g (largest score %g)", lambda, most, largest);
	free(dual);
	ease_dual_free(d);
	reco_model_release(&m);
}

static void test_dual_equals_primal(void **state)
{
	(void)state;
	struct csr train, others;
	random_rows(USERS, 11, &train);
	random_rows(OTHERS, 97, &others);
	assert_true(ease_dual_pays(&train));
	const double lambdas[] = {0.5, 5, 50, 500};
	for (size_t k = 0; k < 4; k++) {
		check_equal(&train, &train, lambdas[k]);
		check_equal(&train, &others, lambdas[k]);
	}
	csr_release(&train);
	csr_release(&others);
}

static void test_pays_only_with_few_rows(void **state)
{
	(void)state;
	struct csr m = {.rows = 16, .cols = 60};
	assert_false(ease_dual_pays(&m));
	m.rows = 15;
	assert_true(ease_dual_pays(&m));
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_dual_equals_primal),
	                                   cmocka_unit_test(test_pays_only_with_few_rows)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
