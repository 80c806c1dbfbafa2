/*
 * ials.h - implicit alternating least squares, the "ials" kind of
 * reco/model.h (which documents the objective). Area-private: called by
 * model.c, and by communities.c for profile factors.
 */
#ifndef BINGE_RECO_IALS_H
#define BINGE_RECO_IALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "reco/interactions.h"
#include "reco/model_spec.h"

struct progress;
/* Fits item factors on train into m (weights, gram), each sweep shown on pg (may be NULL; its total
 * is iters x seeds). */
enum bg_err ials_fit(const struct csr *train, const struct reco_params *p, struct progress *pg,
                     struct reco_model *m);

/*
 * The user's factors x[reco_ials_dims()] solved from seen[0..n) with the
 * item factors held fixed (fold-in), one block per seed. false (x all 0)
 * if a solve fails.
 */
bool ials_fold_in(const struct reco_model *m, const uint32_t *seen, const float *conf, size_t n,
                  double *x);
/* Folds in a user from seen[0..n) and scores every item. */
void ials_score(const struct reco_model *m, const uint32_t *seen, const float *conf, size_t n,
                double *scores);

#endif
