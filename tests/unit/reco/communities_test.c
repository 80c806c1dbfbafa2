/*
 * communities_test.c - spherical k-means finds well-separated groups and
 * is deterministic; NMI and ARI against hand-computed values; the
 * description's top titles and lift.
 */
#include <math.h>
#include <string.h>

#include "../test_util.h"

#include "reco/communities.h"

/* Three directions in 3-D, 20 noisy points each, scaled at random. */
static void test_kmeans_separated(void **state)
{
	(void)state;
	enum { N = 60, D = 3 };
	double x[N * D];
	int64_t truth[N], got[N];
	unsigned seed = 7;
	for (int i = 0; i < N; i++) {
		int g = i % 3;
		double scale = 0.5 + (i % 7);
		for (int k = 0; k < D; k++) {
			seed = seed * 1103515245u + 12345u;
			double noise = ((seed >> 16) % 1000) / 1000.0 * 0.2 - 0.1;
			x[i * D + k] = scale * ((k == g ? 1.0 : 0.0) + noise);
		}
		truth[i] = g;
	}
	struct clustering c;
	communities_cluster(x, N, D, 3, 42, 50, NULL, &c);
	for (int i = 0; i < N; i++)
		got[i] = c.assign[i];
	assert_float_equal(clustering_nmi(got, truth, N), 1.0, 1e-9);
	assert_float_equal(clustering_ari(got, truth, N), 1.0, 1e-9);
	for (int j = 0; j < 3; j++)
		assert_int_equal(c.sizes[j], 20);
	for (int i = 0; i < N; i++)
		assert_true(c.affinity[i] > 0.9);
	/* the same seed, the same answer */
	struct clustering again;
	communities_cluster(x, N, D, 3, 42, 50, NULL, &again);
	assert_memory_equal(again.assign, c.assign, N * sizeof(*c.assign));
	clustering_release(&again);
	clustering_release(&c);
}

/*
 * a = [0 0 0 1 1 1], b = [0 0 1 1 2 2]. Contingency [[2 1 0] [0 1 2]].
 * H(a) = ln 2; H(b) = ln 3; I = (4/6) ln 2 + (2/6) ln(1) ... worked:
 * I = sum p_ij ln(p_ij / (p_i p_j)) = 2 x (2/6) ln((2/6)/(1/2 x 1/3))
 *   + 2 x (1/6) ln((1/6)/(1/2 x 1/3)) = (2/3) ln 2.
 * NMI = (2/3) ln 2 / sqrt(ln 2 ln 3).
 * ARI: index = C(2,2) x 2 = 2; rows: 2 C(3,2) = 6; cols: 3 C(2,2) = 3;
 * expected = 6 x 3 / C(6,2) = 1.2; max = 4.5; ARI = 0.8 / 3.3.
 */
static void test_nmi_ari_by_hand(void **state)
{
	(void)state;
	const int64_t a[] = {0, 0, 0, 1, 1, 1}, b[] = {5, 5, 7, 7, 9, 9};
	assert_float_equal(clustering_nmi(a, b, 6), (2.0 / 3) * log(2) / sqrt(log(2) * log(3)),
	                   1e-12);
	assert_float_equal(clustering_ari(a, b, 6), 0.8 / 3.3, 1e-12);
	/* symmetric, and label names do not matter */
	const int64_t renamed[] = {9, 9, 9, 4, 4, 4};
	assert_float_equal(clustering_nmi(renamed, b, 6), clustering_nmi(a, b, 6), 1e-12);
	assert_float_equal(clustering_ari(b, a, 6), clustering_ari(a, b, 6), 1e-12);
	/* one cluster against a real split: no information */
	const int64_t one[] = {1, 1, 1, 1, 1, 1};
	assert_float_equal(clustering_nmi(one, a, 6), 0.0, 1e-12);
	assert_float_equal(clustering_ari(one, a, 6), 0.0, 1e-12);
}

/* Four profiles, two communities; titles 0 (everyone), 1 (community 0), 2 (community 1). */
static void test_describe(void **state)
{
	(void)state;
	const uint32_t rows[] = {0, 0, 1, 1, 2, 2, 3};
	const uint32_t cols[] = {0, 1, 0, 1, 0, 2, 2};
	struct csr m;
	csr_from_pairs(4, 3, rows, cols, 7, &m);
	uint32_t assign[] = {0, 0, 1, 1};
	size_t sizes[] = {2, 2};
	struct clustering c = {.k = 2, .assign = assign, .sizes = sizes};
	struct community_titles t[2];
	uint32_t label[6];
	communities_describe(&m, &c, 5, t, label);
	assert_int_equal(t[0].n, 2); /* 0 and 1, both watched by both members */
	assert_int_equal(t[0].item[0], 0);
	assert_int_equal(t[0].item[1], 1);
	assert_float_equal(t[0].member_share[1], 1.0, 1e-12);
	assert_float_equal(t[0].lift[1], 2.0, 1e-12); /* 1.0 / (2 of 4) */
	assert_float_equal(t[0].lift[0], 1.0 / 0.75, 1e-12);
	assert_int_equal(label[0], 1); /* the highest lift names the community */
	assert_int_equal(t[1].item[0], 2);
	assert_int_equal(label[3], 2);
	csr_release(&m);
}

/*
 * The prior's strength, from the views themselves. Two communities that
 * each watch only their own title: a view is best predicted by its
 * community's other views, so the weakest prior (1) wins, with
 * log-likelihood 4 log(1.5 / 2) against 4 log(6 / 11) at 10. Two that
 * each watch both titles once, as the service does: each view has no
 * other support in its community, log(0.5 m / (1 + m)) grows with m, and
 * the strongest (100) wins.
 */
static void test_smoothing(void **state)
{
	(void)state;
	const double grid[] = {1, 10, 100};
	const double apart[] = {2, 0, 0, 2}, alike[] = {1, 1, 1, 1}, global[] = {2, 2};
	assert_float_equal(communities_smoothing(apart, global, 2, 2, grid, 3), 1, 0);
	assert_float_equal(communities_smoothing(alike, global, 2, 2, grid, 3), 100, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_kmeans_separated), cmocka_unit_test(test_nmi_ari_by_hand),
	        cmocka_unit_test(test_describe), cmocka_unit_test(test_smoothing)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
