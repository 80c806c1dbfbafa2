/*
 * model.h - recommendation models behind one interface: fit on a user x
 * item matrix of positives, then score every item for a user's row.
 *
 *   popularity  score = how many users have the item (the baseline);
 *   itemknn     item-to-item cosine with shrinkage: S[i][j] = (X^T X)[i][j]
 *               / (sqrt(n_i n_j) + shrink), each item keeping its
 *               k most similar items; score = x_u S.
 *               Params "shrink", "k".
 *   ease        Steck 2019, "Embarrassingly Shallow Autoencoders": the
 *               closed form B = I - P diagMat(1/diag(P)) with
 *               P = (X^T X + lambda I)^-1 from a Cholesky factorisation
 *               (LAPACK dpotrf/dpotri), diag(B) = 0; score = x_u B.
 *               Param "lambda". O(items^3) to fit,
 *               items^2 doubles of memory.
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

enum reco_kind { RECO_POPULARITY, RECO_ITEMKNN, RECO_EASE, RECO_IALS, RECO_BLEND };

/*
 * Hyper-parameters, by the names `binge eval --param` and `binge train
 * --param` take. Each kind reads its own; reco_params_init() sets the
 * defaults (the values chosen on validation, docs/recommendations.md).
 */
struct reco_params {
	double lambda;  /* ease: L2 weight (default 500) */
	double shrink;  /* itemknn: cosine shrinkage (default 10) */
	double k;       /* itemknn: neighbours kept per item (default 100) */
	double reg;     /* ials: L2 weight, frequency-scaled (default 0.03) */
	double factors; /* ials: dimensions (default 64) */
	double alpha;   /* ials: weight of the unobserved pairs, alpha0 (default 0.1) */
	double iters;   /* ials: sweeps (default 12) */
	double nu;      /* ials: exponent of the frequency scaling, 0..2 (default 1) */
	double seeds;   /* ials: models from this many random starts, summed (default 1) */
	double cg;      /* ials: training solves by this many CG steps; 0: exact (default 0) */
	double weight;  /* blend: the iALS share of the mixed score (default 0.5) */
};

/* The most dimensions an iALS model may have, factors x seeds (stack-free solves are sized by it).
 */
#define RECO_IALS_MAX_FACTORS 512

/*
 * An iALS model's width: factors x seeds. Its weights are items rows of
 * that many, one block of factors per seed; its gram is seeds blocks of
 * factors x factors.
 */
size_t reco_ials_dims(const struct reco_params *p);

struct reco_model {
	enum reco_kind kind;
	size_t items;
	struct reco_params params;
	double *weights; /* popularity: items counts; ials: items x factors; else items x items */
	double *gram;    /* ials: factors x factors item Gram matrix V^T V */
	struct reco_model *parts; /* blend: [0] ials, [1] ease */
};

/*
 * Makes OpenBLAS use the calling thread only: a server scores many small
 * requests at once, where BLAS's own threads would only contend.
 */
void reco_blas_single_thread(void);

/* The kind named "popularity", "itemknn", "ease", "ials" or "blend"; false for anything else. */
bool reco_kind_parse(const char *name, enum reco_kind *out);
const char *reco_kind_name(enum reco_kind kind);

/* kind's defaults into p (every field set, whichever kind reads it). */
void reco_params_init(enum reco_kind kind, struct reco_params *p);

/*
 * Applies "NAME=VALUE" for kind to p. BG_INVALID with msg naming the
 * parameter kind takes, or the allowed range, otherwise.
 */
enum bg_err reco_params_set(enum reco_kind kind, struct reco_params *p, const char *assignment,
                            char *msg, size_t msg_len);

/* Whether every field of p is a number in its parameter's range (whole where it must be). */
bool reco_params_valid(const struct reco_params *p);

/* kind's parameter names, NULL-terminated (popularity: none). */
const char *const *reco_param_names(enum reco_kind kind);

/* The value of the parameter name (a field of struct reco_params) in p; 0 if unknown. */
double reco_param_get(const struct reco_params *p, const char *name);
/* Sets it, unchecked (for values from binge's own tables; users go through reco_params_set). */
void reco_param_put(struct reco_params *p, const char *name, double value);

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

/*
 * The k best items by score, excluding seen[0..n) (sorted), into top
 * (at most k; returns how many). Ties: the lower item index first.
 * workspace: items entries.
 */
size_t reco_top_k(const double *scores, size_t items, const uint32_t *seen, size_t n, size_t k,
                  uint32_t *top);

#endif
