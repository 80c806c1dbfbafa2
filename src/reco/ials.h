/*
 * ials.h - implicit alternating least squares, the "ials" kind of
 * reco/model.h (which documents the objective). Area-private: called by
 * model.c only.
 */
#ifndef BINGE_RECO_IALS_H
#define BINGE_RECO_IALS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "reco/model.h"

/* Fits item factors on train into m (weights, gram). BG_INVALID if a solve fails. */
enum bg_err ials_fit(const struct csr *train, double lambda, struct reco_model *m);

/* Folds in a user from seen[0..n) and scores every item. */
void ials_score(const struct reco_model *m, const uint32_t *seen, size_t n, double *scores);

#endif
