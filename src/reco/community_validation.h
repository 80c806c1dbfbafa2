/*
 * community_validation.h - does a taste community's home-page row beat
 * "Popular in your country"? Measured when the communities are built, per
 * community, on its own members, without refitting anything:
 *   - each profile with two or more titles holds out its latest start (by
 *     first event; ties: the later in the log);
 *   - what is left is folded into the model's factor space and joins the
 *     nearest centre (communities_nearest);
 *   - the held-out title is a hit for that community when it is among the
 *     top COMMUNITY_ROW_TOP of the community's counts pulled toward the
 *     service's (n_ci + m p_i, m from communities_smoothing), and a hit for
 *     popularity when it is among the top of the service's counts; both
 *     leave out what the profile has seen and its own view of the held-out
 *     title (leave-one-out counts).
 * The centres were found with the held-out title in the profile's vector:
 * one profile moves its community's mean little, and that is what keeps
 * the check to one fold-in a profile.
 */
#ifndef BINGE_RECO_COMMUNITY_VALIDATION_H
#define BINGE_RECO_COMMUNITY_VALIDATION_H

#include <stdbool.h>
#include <stddef.h>

#include "reco/communities.h"
#include "reco/log_matrix.h"

#define COMMUNITY_ROW_TOP 10
/* Fewer held-out starts than this decide nothing: the row is not shown. */
#define COMMUNITY_ROW_MIN_HELD_OUT 10

struct community_rate {
	size_t held_out;        /* members' latest starts scored */
	size_t hits;            /* in the community's top COMMUNITY_ROW_TOP */
	size_t hits_popularity; /* in the service's */
};

/*
 * rates[c->k] for the clustering c of lm's rows (built from views[0..n)
 * over the ials model's titles); *smoothing gets the prior used.
 */
void community_validate(const struct reco_model *ials, const struct log_matrix *lm,
                        const struct reco_view *views, size_t n, const struct clustering *c,
                        struct community_rate *rates, double *smoothing);

/* The rule the home page applies: enough held-out starts, and more hits than popularity. */
bool community_row_earned(size_t held_out, double hit_rate, double hit_rate_popularity);

#endif
