/*
 * communities_eval.h - do taste communities say something real? Scored on
 * a viewing log without peeking: each profile's latest start (by first
 * event; ties: the later one in the log) is held out, iALS is fitted and
 * the profiles clustered on the rest. Then
 *   - NMI and ARI of the communities against planted taste groups (the
 *     simulator's), over the profiles that have both;
 *   - the hit rate of the held-out start in the top COMMUNITIES_EVAL_TOP of
 *     the profile's community (its members' counts, pulled toward the
 *     service's by a prior chosen on the members' own views:
 *     communities_smoothing), raw, and for global popularity, each leaving
 *     out what the profile had seen.
 * Profiles with one start keep it (nothing would be left to cluster on).
 */
#ifndef BINGE_RECO_COMMUNITIES_EVAL_H
#define BINGE_RECO_COMMUNITIES_EVAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "reco/log_matrix.h"

struct progress;

#define COMMUNITIES_EVAL_TOP 10

struct communities_score {
	double nmi, ari;
	double hit_rate;            /* community, smoothed */
	double hit_rate_raw;        /* community, raw counts */
	double smoothing;           /* the prior's strength, in views */
	double hit_rate_popularity; /* the baseline */
	size_t profiles;            /* rows clustered */
	size_t with_group;          /* of them, with a planted group */
	size_t k;
	size_t held_out; /* starts scored (a title nobody else watched cannot be) */
};

/*
 * Scores communities of k (0: communities_default_k of the profiles) on
 * views[0..n) (sorted by profile, as reco_store_views() gives them;
 * reordered in place) against planted[i], the group of profile
 * planted_ids[i]. Clustering progress on pg (may be NULL).
 * Errors: BG_INVALID (msg says why: k above the profiles, no log), or the
 * iALS fit's.
 */
enum bg_err communities_evaluate(struct reco_view *views, size_t n, const int64_t *planted_ids,
                                 const int64_t *planted, size_t planted_n, size_t k, uint64_t seed,
                                 struct progress *pg, struct communities_score *out, char *msg,
                                 size_t msg_len);

#endif
