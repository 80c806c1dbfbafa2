/*
 * model.h - recommendation models behind one interface: fit on a user x
 * item matrix of positives, then score every item for a user's row.
 *
 *   popularity  score = how many users have the item (the baseline);
 *   itemknn     item-to-item cosine with shrinkage: S[i][j] = (X^T X)[i][j]
 *               / (sqrt(n_i n_j) + shrink), each item keeping its
 *               RECO_KNN_NEIGHBOURS most similar items; score = x_u S.
 *               Param "shrink" (default 10).
 *   ease        Steck 2019, "Embarrassingly Shallow Autoencoders": the
 *               closed form B = I - P diagMat(1/diag(P)) with
 *               P = (X^T X + lambda I)^-1 from a Cholesky factorisation
 *               (LAPACK dpotrf/dpotri), diag(B) = 0; score = x_u B.
 *               Param "lambda" (default 500). O(items^3) to fit,
 *               items^2 doubles of memory.
 *
 * Only reco/ includes cblas.h and lapacke.h.
 */
#ifndef BINGE_RECO_MODEL_H
#define BINGE_RECO_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "reco/interactions.h"

enum reco_kind { RECO_POPULARITY, RECO_ITEMKNN, RECO_EASE };

#define RECO_KNN_NEIGHBOURS 100

struct reco_model {
	enum reco_kind kind;
	size_t items;
	double param;    /* ease: lambda; itemknn: shrink */
	double *weights; /* popularity: items counts; else items x items, row-major */
};

/* The kind named "popularity", "itemknn" or "ease"; false for anything else. */
bool reco_kind_parse(const char *name, enum reco_kind *out);

/* The name of kind's hyper-parameter ("lambda", "shrink"), or NULL (popularity). */
const char *reco_param_name(enum reco_kind kind);

/*
 * Fits a model of kind on train. BG_INVALID when the matrix cannot be
 * factorised (lambda too small for a singular X^T X). Free with
 * reco_model_release().
 */
enum bg_err reco_model_fit(enum reco_kind kind, double param, const struct csr *train,
                           struct reco_model *out);
void reco_model_release(struct reco_model *m);

/* Scores every item for the user whose positives are seen[0..n) into scores[items]. */
void reco_model_score(const struct reco_model *m, const uint32_t *seen, size_t n, double *scores);

/*
 * The k best items by score, excluding seen[0..n) (sorted), into top
 * (at most k; returns how many). Ties: the lower item index first.
 * workspace: items entries.
 */
size_t reco_top_k(const double *scores, size_t items, const uint32_t *seen, size_t n, size_t k,
                  uint32_t *top);

#endif
