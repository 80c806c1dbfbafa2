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
 *   ials        implicit ALS (Hu, Koren, Volinsky 2008) as Rendle et al.
 *               2021 revisit it: minimise sum over positives (1 - <u,i>)^2
 *               + ALPHA0 * sum over all pairs <u,i>^2 + lambda-terms, with
 *               the regularisation of a row scaled by its frequency,
 *               lambda (n_u + ALPHA0 * items); each row solved exactly
 *               by Cholesky (LAPACK dposv); RECO_IALS_FACTORS dimensions,
 *               RECO_IALS_SWEEPS sweeps from a seeded start. A user is
 *               scored by solving their row from what they have seen
 *               (fold-in: no refit). Param "lambda".
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

enum reco_kind { RECO_POPULARITY, RECO_ITEMKNN, RECO_EASE, RECO_IALS };

/* iALS settings (Rendle et al. 2021): dimensions, sweeps, unobserved weight. */
#define RECO_IALS_FACTORS 64
#define RECO_IALS_SWEEPS  12
#define RECO_IALS_ALPHA0  0.1 /* chosen on validation, docs/recommendations.md */

#define RECO_KNN_NEIGHBOURS 100

struct reco_model {
	enum reco_kind kind;
	size_t items;
	double param;    /* ease, ials: lambda; itemknn: shrink */
	double *weights; /* popularity: items counts; ials: items x FACTORS; else items x items */
	double *gram;    /* ials: FACTORS x FACTORS item Gram matrix V^T V */
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
