/*
 * community_model.h - taste communities as a recommender, to ask of any
 * rating file whether communities say something about what people watch
 * next (binge eval --model community).
 *
 * Fitting: iALS on train (its parameters as given), every train row
 * folded in and clustered into "communities" groups by the code the
 * service uses (reco/communities.h), then each community's title counts.
 * A user is folded in from what they have seen, joins the centre of
 * highest cosine, and is offered the community's smoothed popularity:
 * score_i = (n_ci + smoothing * p_i) / (N_c + smoothing), n_ci the members
 * who have title i, N_c their sum, p_i title i's share of everyone's.
 * Params "communities" and "smoothing", and iALS's. Not a model file
 * kind: the service's communities come from `binge communities build`.
 */
#ifndef BINGE_RECO_COMMUNITY_MODEL_H
#define BINGE_RECO_COMMUNITY_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "reco/model_spec.h"

/* Fits into m (kind RECO_COMMUNITY, parts[0] the iALS model). Errors: iALS's. */
enum bg_err community_fit(const struct csr *train, const struct reco_params *p,
                          struct reco_model *m);

/* The smoothed popularity of the community the user of seen[0..n) joins. */
void community_score(const struct reco_model *m, const uint32_t *seen, const float *conf, size_t n,
                     double *scores);

#endif
