/*
 * communities.h - taste communities: profiles clustered by what they
 * watch, and the measures that check clusters against a known truth.
 *
 * A profile is its iALS factor vector (folded in from its views, the
 * same solve the server uses for a new profile). Spherical k-means groups
 * them: vectors are scaled to unit length, a profile joins the centre of
 * highest cosine, a centre is its members' normalised mean. Seeding is
 * k-means++ (Arthur and Vassilvitskii 2007) over a seeded sample of at
 * most 50 k profiles, with 1 - cosine as the distance; a centre left
 * without members is re-seeded from the profile farthest from its own.
 * Assignment is one matrix product per block of profiles (OpenBLAS dgemm),
 * so a pass costs O(profiles x k x factors).
 */
#ifndef BINGE_RECO_COMMUNITIES_H
#define BINGE_RECO_COMMUNITIES_H

#include <stddef.h>
#include <stdint.h>

#include "reco/interactions.h"
#include "reco/model_spec.h"

struct progress;

/* Each row of m folded into the iALS model's factor space: out[rows x factors]. */
void communities_profile_factors(const struct reco_model *ials, const struct csr *m, double *out);

struct clustering {
	size_t k, iterations;
	uint32_t *assign; /* per profile: 0..k-1 */
	double *affinity; /* per profile: cosine to its centre */
	double *centres;  /* k x d, unit length */
	size_t *sizes;    /* per community */
};

/*
 * Clusters x[n x d] into k (1 <= k <= n) communities, at most max_iter
 * passes (stops early when no profile moves), deterministic for seed.
 * pg (may be NULL) shows the passes. Free with clustering_release().
 */
void communities_cluster(const double *x, size_t n, size_t d, size_t k, uint64_t seed,
                         size_t max_iter, struct progress *pg, struct clustering *out);
void clustering_release(struct clustering *c);

/*
 * Each row of x[n x d] to its nearest of centres[k x d] (unit length) by
 * cosine, into assign[n]: how a profile left out of the clustering joins.
 */
void communities_nearest(const double *x, size_t n, size_t d, const double *centres, size_t k,
                         uint32_t *assign);

/* The most communities, and the default: sqrt(profiles / 2), from 2 to the most. */
#define COMMUNITIES_MAX_K 1300
size_t communities_default_k(size_t profiles);

/* Passes of k-means when clustering profiles. */
#define COMMUNITIES_ITERS 20

/*
 * Folds every row of m into the iALS model's factor space and clusters the
 * rows into k (communities_profile_factors, then communities_cluster).
 */
void communities_cluster_profiles(const struct reco_model *ials, const struct csr *m, size_t k,
                                  uint64_t seed, size_t iters, struct progress *pg,
                                  struct clustering *out);

/* A community's titles: the most watched by its members first. */
#define COMMUNITY_TITLES_MAX 40
struct community_titles {
	size_t n;
	uint32_t item[COMMUNITY_TITLES_MAX];
	double member_share[COMMUNITY_TITLES_MAX]; /* share of members who watched it */
	double lift[COMMUNITY_TITLES_MAX]; /* member_share / share of all profiles who did */
};

/*
 * For each community, its up-to-max (<= COMMUNITY_TITLES_MAX) most watched items and their
 * lift, into out[k]; label_items[k x 3] gets the three of highest lift
 * among those watched by at least a tenth of the members (and at least 3,
 * or all of a smaller community),
 * UINT32_MAX where fewer qualify.
 */
void communities_describe(const struct csr *m, const struct clustering *c, size_t max,
                          struct community_titles *out, uint32_t *label_items);

/* The prior strengths, in views, communities_smoothing() is offered. */
#define COMMUNITIES_SMOOTHING_GRID                                       \
	{                                                                \
		1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000 \
	}

/*
 * How far a community's title counts are pulled toward the whole service's
 * when predicting what its members start next: a community with counts
 * n_ci (total N_c) predicts title i in proportion to n_ci + m p_i, p_i
 * being i's share of all views (a Dirichlet prior of m pseudo-views). m is
 * the value of grid[0..grid_n) under which the views themselves are best
 * predicted, each from the rest of its community's (leave-one-out
 * log-likelihood: sum n_ci log((n_ci - 1 + m p_i) / (N_c - 1 + m))), so
 * no held-out data chooses it. counts: k x items; global: items.
 */
double communities_smoothing(const double *counts, const double *global, size_t k, size_t items,
                             const double *grid, size_t grid_n);

/*
 * Agreement of two labellings a[n] and b[n] (any integer labels):
 * normalised mutual information, I(A;B) / sqrt(H(A) H(B)) (1 when equal,
 * 0 when independent; 1 if both are constant), and the adjusted Rand
 * index (Hubert and Arabie 1985: 1 when equal, about 0 by chance).
 */
double clustering_nmi(const int64_t *a, const int64_t *b, size_t n);
double clustering_ari(const int64_t *a, const int64_t *b, size_t n);

#endif
