/*
 * model.h - recommendation models behind one interface: fit on a user x
 * item matrix of positives, then score every item for a user's row.
 *
 *   popularity  score = how many users have the item (the baseline);
 *   itemknn     item-to-item cosine with shrinkage: S[i][j] = (X^T X)[i][j]
 *               / (sqrt(n_i n_j) + shrink), each item j keeping exactly
 *               its k most similar items i (the lower index on ties), the
 *               rest 0; score = x_u S. At most items x k entries, found
 *               from the sparse rows without an items^2 matrix.
 *               Params "shrink", "k".
 *   ease        Steck 2019, "Embarrassingly Shallow Autoencoders": the
 *               closed form B = I - P diagMat(1/diag(P)) with
 *               P = (X^T X + lambda I)^-1 from a Cholesky factorisation
 *               (LAPACK spotrf/spotri), diag(B) = 0; score = x_u B.
 *               Param "lambda". O(items^3) to fit, items^2 floats of
 *               memory: single precision ranks as double did.
 *   ials        implicit ALS (Hu, Koren, Volinsky 2008) as Rendle et al.
 *               2021 revisit it: minimise sum over positives (1 - <u,i>)^2
 *               + ALPHA0 * sum over all pairs <u,i>^2 + lambda-terms, with
 *               the regularisation of a row scaled by its frequency,
 *               reg (n_u + alpha * items)^nu (alpha * items)^(1 - nu),
 *               Rendle et al.'s exponent nu normalised so that reg's
 *               best value barely moves with nu; each row solved exactly
 *               by Cholesky (LAPACK dposv) from a seeded start. A
 *               positive of confidence c weighs c in its row's solve. A
 *               user is scored by solving their row from what they have
 *               seen (fold-in: no refit). With "cg" k > 0, training
 *               solves each row by k conjugate-gradient steps from its
 *               last value instead (fold-in stays exact). With "seeds" S > 1, S models
 *               from different random starts are fitted and a user's
 *               score is their sum, which removes most of the spread
 *               that one start's luck gives. Params "reg", "nu",
 *               "factors", "alpha", "iters", "seeds", "cg".
 *   blend       iALS and EASE fitted side by side; a user's score is
 *               weight * z(iALS) + (1 - weight) * z(EASE), z standardising
 *               each model's scores over all items for that user. Params
 *               "weight" and the parts' "reg", "nu" and "lambda".
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
#include "reco/model_spec.h"
#include "reco/top_k.h"

/*
 * Makes OpenBLAS use the calling thread only: a server scores many small
 * requests at once, where BLAS's own threads would only contend.
 */
void reco_blas_single_thread(void);

/*
 * Fits a model of kind on train. BG_INVALID when the matrix cannot be
 * factorised (lambda too small for a singular X^T X). Free with
 * reco_model_release().
 */
enum bg_err reco_model_fit(enum reco_kind kind, const struct reco_params *params,
                           const struct csr *train, struct reco_model *out);
/* The same, showing iALS sweeps on pg (started by the caller; may be NULL). */
struct progress;
enum bg_err reco_model_fit_shown(enum reco_kind kind, const struct reco_params *params,
                                 const struct csr *train, struct progress *pg,
                                 struct reco_model *out);
void reco_model_release(struct reco_model *m);

/*
 * Scores every item for the user whose positives are seen[0..n) (sorted)
 * into scores[items]. conf: each positive's confidence (>= 1), or NULL
 * for all 1; only iALS reads it, the others see 0/1.
 */
void reco_model_score(const struct reco_model *m, const uint32_t *seen, const float *conf, size_t n,
                      double *scores);

#endif
