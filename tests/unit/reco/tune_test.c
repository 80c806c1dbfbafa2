/*
 * tune_test.c - hyper-parameters chosen on validation: the splits carve
 * validation from the training part only (nothing of the test set is
 * seen), the chosen value is the grid's best by a naive re-computation of
 * every candidate, and a parameter given by the user is never changed.
 */
#include "../test_util.h"

#include "reco/ease_dual.h"
#include "reco/evaluate.h"
#include "reco/model.h"
#include "reco/tune.h"

#define USERS 80
#define ITEMS 30
#define PER   9

/* Two tastes: the first half of the users watch in items 0..14, the rest in 15..29. */
static void synthetic(struct interactions *in, struct csr *all)
{
	memset(in, 0, sizeof(*in));
	in->users = USERS;
	in->items = ITEMS;
	in->n = USERS * PER;
	in->user = calloc(in->n, sizeof(uint32_t));
	in->item = calloc(in->n, sizeof(uint32_t));
	uint64_t x = 88172645463325252ULL;
	for (size_t u = 0; u < USERS; u++) {
		uint32_t base = u < USERS / 2 ? 0 : ITEMS / 2;
		for (size_t k = 0; k < PER; k++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			/* favour the block's first items, so popularity within a taste matters */
			uint32_t off = (uint32_t)((x % 15) * (x % 15) / 15);
			in->user[u * PER + k] = (uint32_t)u;
			in->item[u * PER + k] = base + off;
		}
	}
	csr_from_pairs(USERS, ITEMS, in->user, in->item, in->n, all);
}

/* The synthetic positives split under seed, and what to free after. */
struct data {
	struct interactions in;
	struct csr all;
	struct tune_splits s;
};

static void data_make(struct data *d, uint64_t seed)
{
	synthetic(&d->in, &d->all);
	tune_splits_make(&d->in, &d->all, TUNE_HOLDOUT, seed, -1, &d->s);
}

static void data_release(struct data *d)
{
	tune_splits_release(&d->s);
	csr_release(&d->all);
	free(d->in.user);
	free(d->in.item);
}

static size_t nnz(const struct csr *m)
{
	return m->ptr[m->rows];
}

static void test_validation_comes_from_training_only(void **state)
{
	(void)state;
	struct data d;
	data_make(&d, 42);
	const struct tune_splits s = d.s;
	assert_int_equal(s.inner_n, TUNE_SPLITS);
	assert_int_equal(nnz(&s.outer.train) + nnz(&s.outer.test), nnz(&d.all));
	assert_true(nnz(&s.outer.test) > 0);
	for (size_t v = 0; v < s.inner_n; v++) {
		const struct eval_split *in_v = &s.inner[v];
		assert_int_equal(nnz(&in_v->train) + nnz(&in_v->test), nnz(&s.outer.train));
		/* no test pair of the outer split appears anywhere in validation */
		for (size_t u = 0; u < USERS; u++)
			for (size_t k = s.outer.test.ptr[u]; k < s.outer.test.ptr[u + 1]; k++) {
				assert_false(csr_has(&in_v->train, u, s.outer.test.idx[k]));
				assert_false(csr_has(&in_v->test, u, s.outer.test.idx[k]));
			}
	}
	/* different seeds make different validation sets */
	assert_int_not_equal(memcmp(s.inner[0].test.idx, s.inner[1].test.idx,
	                            nnz(&s.inner[0].test) < nnz(&s.inner[1].test)
	                                    ? nnz(&s.inner[0].test) * sizeof(uint32_t)
	                                    : nnz(&s.inner[1].test) * sizeof(uint32_t)),
	                     0);
	data_release(&d);
}

/* The naive reference: mean validation Recall@20 of one candidate, fitted afresh. */
static double reference_recall(enum reco_kind kind, const struct reco_params *p,
                               const struct tune_splits *s)
{
	double sum = 0;
	for (size_t v = 0; v < s->inner_n; v++) {
		struct reco_model m;
		assert_int_equal(reco_model_fit(kind, p, &s->inner[v].train, &m), BG_OK);
		struct eval_result r;
		evaluate(&m, &s->inner[v].input, &s->inner[v].test, NULL, &r);
		sum += r.recall[1];
		reco_model_release(&m);
	}
	return sum / (double)s->inner_n;
}

static void check_chooses_best(enum reco_kind kind, const char *name)
{
	struct data d;
	data_make(&d, 7);
	struct reco_params p;
	reco_params_init(kind, &p);
	double got = tune_choose(kind, NULL, 0, &d.s, &p);

	const double *grid = tune_grid(kind, name);
	assert_non_null(grid);
	double best = -1, best_value = -1;
	for (size_t g = 0; grid[g] >= 0; g++) {
		struct reco_params q = p;
		reco_param_put(&q, name, grid[g]);
		double r = reference_recall(kind, &q, &d.s);
		if (r > best) {
			best = r;
			best_value = grid[g];
		}
	}
	assert_float_equal(got, best, 1e-12);
	assert_float_equal(reco_param_get(&p, name), best_value, 0);
	assert_true(best > 0);
	data_release(&d);
}

/*
 * Few profiles, many titles (24 x 120, three overlapping tastes): EASE's lambda is
 * tuned through the users' kernel (reco/ease_dual.h), and the recall it
 * reports for its choice is what fitting B by Cholesky gives there, and
 * within 0.01 of the grid's best.
 */
static void test_ease_dual_tuning_agrees_with_cholesky(void **state)
{
	(void)state;
	enum { U = 24, I = 120, K = 20 };
	struct interactions in = {.users = U, .items = I, .n = U * K};
	in.user = calloc(in.n, sizeof(uint32_t));
	in.item = calloc(in.n, sizeof(uint32_t));
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	for (size_t u = 0; u < U; u++)
		for (size_t k = 0; k < K; k++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			uint32_t off = (uint32_t)((x % 40) * (x % 40) / 40);
			in.user[u * K + k] = (uint32_t)u;
			in.item[u * K + k] = (uint32_t)((u % 3) * 30 + off + (x >> 20) % 20);
		}
	struct csr all;
	csr_from_pairs(U, I, in.user, in.item, in.n, &all);
	struct tune_splits s;
	tune_splits_make(&in, &all, TUNE_HOLDOUT, 5, -1, &s);
	assert_true(ease_dual_pays(&s.inner[0].train));
	struct reco_params p;
	reco_params_init(RECO_EASE, &p);
	double got = tune_choose(RECO_EASE, NULL, 0, &s, &p);
	/* the scores agree to about 1e-7 (ease_dual_test); exact ties among columns that the
	 * same users share fall either way, here a rank or two */
	assert_float_equal(got, reference_recall(RECO_EASE, &p, &s), 0.01);
	double best = 0;
	const double *grid = tune_grid(RECO_EASE, "lambda");
	for (size_t g = 0; grid[g] >= 0; g++) {
		struct reco_params q = p;
		q.lambda = grid[g];
		double r = reference_recall(RECO_EASE, &q, &s);
		best = r > best ? r : best;
	}
	assert_true(got > 0.1 && got >= best - 0.01);
	tune_splits_release(&s);
	csr_release(&all);
	free(in.user);
	free(in.item);
}

static void test_ease_lambda_is_the_best_on_validation(void **state)
{
	(void)state;
	check_chooses_best(RECO_EASE, "lambda");
}

static void test_itemknn_shrink_is_the_best_on_validation(void **state)
{
	(void)state;
	check_chooses_best(RECO_ITEMKNN, "shrink");
}

static void test_given_parameters_are_kept(void **state)
{
	(void)state;
	struct data d;
	data_make(&d, 42);
	struct reco_params p;
	reco_params_init(RECO_EASE, &p);
	p.lambda = 77;
	const char *fixed[] = {"lambda=77"};
	assert_float_equal(tune_choose(RECO_EASE, fixed, 1, &d.s, &p), -1.0, 0);
	assert_float_equal(p.lambda, 77, 0);
	/* a name that only starts like a tuned one fixes nothing */
	const char *other[] = {"lambdas=1"};
	assert_true(tune_choose(RECO_EASE, other, 1, &d.s, &p) >= 0);
	assert_non_null(tune_grid(RECO_IALS, "nu"));
	assert_null(tune_grid(RECO_IALS, "factors"));
	assert_null(tune_grid(RECO_POPULARITY, "lambda"));
	data_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_validation_comes_from_training_only),
	        cmocka_unit_test(test_ease_lambda_is_the_best_on_validation),
	        cmocka_unit_test(test_ease_dual_tuning_agrees_with_cholesky),
	        cmocka_unit_test(test_itemknn_shrink_is_the_best_on_validation),
	        cmocka_unit_test(test_given_parameters_are_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
