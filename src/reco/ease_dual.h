/*
 * ease_dual.h - EASE's scores for one split at many lambdas without an
 * items x items factorisation, when the split has far fewer profiles
 * than titles (tuning lambda on validation; reco/tune.c).
 *
 * With X the train rows (users x items) and K = X X^T (users x users), the
 * push-through identity gives
 *     P = (X^T X + lambda I)^-1 = (I - X^T (K + lambda I)^-1 X) / lambda.
 * K is decomposed once, K = Q diag(k) Q^T (LAPACK dsyevd). Then for any
 * lambda, with A the rows scored and R = Q^T X,
 *     A P     = (A - (A X^T Q) diag(1 / (k + lambda)) R) / lambda,
 *     P[j][j] = (1 - sum_i R[i][j]^2 / (k[i] + lambda)) / lambda,
 *     A B     = A - (A P) diag(1 / P[j][j])          (diag(B) = 0),
 * which is EASE's B applied to A, exactly, in O(users^2 items) a lambda
 * rather than O(items^3). In double precision, as the subtraction in
 * P[j][j] needs.
 */
#ifndef BINGE_RECO_EASE_DUAL_H
#define BINGE_RECO_EASE_DUAL_H

#include <stdbool.h>
#include <stddef.h>

#include "reco/interactions.h"

struct ease_dual;

/*
 * Whether train is worth it: at most a quarter as many rows as columns,
 * where the dense copies (4 x users x items doubles) stay within what the
 * Cholesky's items^2 floats take.
 */
bool ease_dual_pays(const struct csr *train);

/* Prepares train's kernel and input's rows (0/1; values ignored, as EASE does). */
struct ease_dual *ease_dual_new(const struct csr *train, const struct csr *input);

/* EASE's scores at lambda (> 0) of every row of input, rows x items, into scores. */
void ease_dual_scores(const struct ease_dual *d, double lambda, double *scores);

void ease_dual_free(struct ease_dual *d);

#endif
