/*
 * reco_store.h - what recommendations read from and write to the
 * database: the viewing summaries as (profile, title) views, which
 * candidate titles a viewer may see (the visibility rule, applied before
 * any list is cut to length), and the taste communities.
 * Arrays are allocated; the caller frees them with free().
 */
#ifndef BINGE_RECO_RECO_STORE_H
#define BINGE_RECO_RECO_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "reco/log_matrix.h"
#include "catalog/visibility.h"

struct store;

/*
 * Every profile's views of series and films (profile_id 0), or one
 * profile's, ordered by profile then title. One pass over episode_view.
 */
enum bg_err reco_store_views(struct store *st, int64_t profile_id, struct reco_view **out,
                             size_t *n);

/* A candidate title as shown in a list. */
struct reco_title {
	int64_t id;
	char kind[8];
	char name[256];
};

/*
 * Of ids[0..n) (series and films), those the viewer may see now, in the
 * order given, into out (n entries of room); their count in *kept.
 */
enum bg_err reco_store_visible(struct store *st, const struct viewer *v, const int64_t *ids,
                               size_t n, struct reco_title *out, size_t *kept);

/* A taste community as stored by `binge communities build`. */
#define COMMUNITY_TOP_TITLES 40 /* kept per community, most watched first */
struct community {
	int64_t id; /* 1..k */
	int64_t size;
	char label[256];
	int64_t model_version;
	size_t top_n;
	int64_t top_titles[COMMUNITY_TOP_TITLES];
	double top_lift[COMMUNITY_TOP_TITLES];
	/* the build's check of its home row (reco/community_validation.h) */
	int64_t held_out;
	double hit_rate, hit_rate_popularity;
};

/*
 * Replaces every community and membership with communities[0..k) and
 * profile_ids[i] -> member[i] (a community id) with affinity[i], in one
 * transaction.
 */
enum bg_err reco_store_save_communities(struct store *st, const struct community *communities,
                                        size_t k, const int64_t *profile_ids, const int64_t *member,
                                        const double *affinity, size_t profiles);

/* Every community, by id. */
enum bg_err reco_store_communities(struct store *st, struct community **out, size_t *n);

/*
 * A profile's community and affinity (cosine to the centre). BG_NOT_FOUND
 * when the profile has none (never watched, or joined after the build).
 */
enum bg_err reco_store_profile_community(struct store *st, int64_t profile_id,
                                         struct community *out, double *affinity);

/*
 * The planted taste group of every simulated profile (`binge simulate`,
 * table sim_viewer), by profile id: the truth communities are scored on.
 */
enum bg_err reco_store_planted(struct store *st, int64_t **profile_ids, int64_t **groups,
                               size_t *n);

#endif
