/*
 * communities_bench.c - taste communities at the scale the article gives
 * Netflix: 1,300 communities over 1,000,000 profiles of 64 factors.
 * Profiles are drawn around 1,300 planted directions (noise of the same
 * size as the signal), clustered by binge's spherical k-means, and the
 * time and the agreement with the planted truth (NMI, ARI) are printed.
 * The peer measured in the same run: one assignment pass done naively
 * (a dot product per profile and centre, no dgemm), extrapolated to the
 * passes binge ran.
 *
 *   communities_bench [PROFILES] [K]
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "audience/rng.h"
#include "reco/communities.h"

#define D 64

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double gaussian(struct rng *r)
{
	/* the sum of 12 uniforms, less 6: close enough to N(0, 1) for a benchmark */
	double s = 0;
	for (int i = 0; i < 12; i++)
		s += (double)(rng_next(r) >> 11) / 9007199254740992.0;
	return s - 6.0;
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	size_t k = argc > 2 ? strtoul(argv[2], NULL, 10) : 1300;
	struct rng r;
	rng_seed(&r, 1);
	double *dir = malloc(k * D * sizeof(*dir)), *x = malloc(n * D * sizeof(*x));
	int64_t *truth = malloc(n * sizeof(*truth)), *got = malloc(n * sizeof(*got));
	for (size_t j = 0; j < k * D; j++)
		dir[j] = gaussian(&r);
	for (size_t i = 0; i < n; i++) {
		size_t g = (size_t)(rng_next(&r) % k);
		truth[i] = (int64_t)g;
		for (size_t d = 0; d < D; d++)
			x[i * D + d] = dir[g * D + d] + 0.9 * gaussian(&r);
	}
	printf("communities benchmark: %zu profiles x %d factors, %zu planted groups, K = %zu\n", n,
	       D, k, k);
	double t0 = now_s();
	struct clustering c;
	communities_cluster(x, n, D, k, 42, 20, NULL, &c);
	double secs = now_s() - t0;
	for (size_t i = 0; i < n; i++)
		got[i] = c.assign[i];
	printf("binge spherical k-means: %.1f s for seeding + %zu passes (%.2f s a pass)\n", secs,
	       c.iterations, secs / (double)(c.iterations + 1));
	printf("agreement with the planted groups: NMI %.4f, ARI %.4f\n",
	       clustering_nmi(got, truth, n), clustering_ari(got, truth, n));

	/* the peer: one naive pass over a tenth of the profiles, scaled up */
	size_t sample = n / 10 ? n / 10 : n;
	t0 = now_s();
	double checksum = 0;
	for (size_t i = 0; i < sample; i++) {
		double best = -2;
		for (size_t j = 0; j < k; j++) {
			double s = cblas_ddot(D, x + i * D, 1, c.centres + j * D, 1);
			if (s > best)
				best = s;
		}
		checksum += best;
	}
	double naive = (now_s() - t0) * (double)n / (double)sample;
	printf("peer, one assignment pass with a dot product per profile and centre: %.2f s "
	       "(binge's pass is %.2fx faster; checksum %.1f)\n",
	       naive, naive / (secs / (double)(c.iterations + 1)), checksum);
	clustering_release(&c);
	free(dir);
	free(x);
	free(truth);
	free(got);
	return 0;
}
