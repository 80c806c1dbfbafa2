/*
 * model_spec.h - what a recommendation model is: its kind, its
 * hyper-parameters (one table of names, defaults and ranges) and the fitted
 * data every kind fills. The kinds themselves are documented in model.h;
 * model.c and the kinds it dispatches to (ials.c) both build on this file,
 * which includes neither.
 */
#ifndef BINGE_RECO_MODEL_SPEC_H
#define BINGE_RECO_MODEL_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "reco/interactions.h"

enum reco_kind {
	RECO_POPULARITY,
	RECO_ITEMKNN,
	RECO_EASE,
	RECO_IALS,
	RECO_BLEND,
	RECO_COMMUNITY, /* binge eval only (reco/community_model.h) */
};

/*
 * Hyper-parameters, by the names `binge eval --param` and `binge train
 * --param` take. Each kind reads its own; reco_params_init() sets the
 * defaults (the values chosen on validation, docs/recommendations.md).
 */
struct reco_params {
	double lambda;      /* ease: L2 weight (default 500) */
	double shrink;      /* itemknn: cosine shrinkage (default 10) */
	double k;           /* itemknn: neighbours kept per item (default 100) */
	double reg;         /* ials: L2 weight, frequency-scaled (default 0.03) */
	double factors;     /* ials: dimensions (default 64) */
	double alpha;       /* ials: weight of the unobserved pairs, alpha0 (default 0.1) */
	double iters;       /* ials: sweeps (default 12) */
	double nu;          /* ials: exponent of the frequency scaling, 0..2 (default 1) */
	double seeds;       /* ials: models from this many random starts, summed (default 1) */
	double cg;          /* ials: training solves by this many CG steps; 0: exact (default 0) */
	double weight;      /* blend: the iALS share of the mixed score (default 0.5) */
	double communities; /* community: how many (default 20) */
	double smoothing;   /* community: pseudo-views of everyone's popularity (default 10) */
	/* community: 0 offers a user their own community's list; above, a mix of the communities
	 * near them, each weighted exp((cosine - best cosine) / spread) (default 0). Last: a model
	 * file keeps the fields before it (bundle.c), and community models are never stored. */
	double spread;
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
	double *weights; /* popularity: items counts; ials: items x factors */
	double *gram;    /* ials: factors x factors item Gram matrix V^T V */
	/* ease: B, items x items in single precision; row i is what having seen i adds to each item
	 */
	float *dense;
	/* itemknn: S, items x items, row i holding S[i][j] for each item j that keeps i among its k
	 * nearest: at most items x k entries, where a dense S held items^2 */
	struct csr similar;
	/* community: parts[0] its iALS model; weights (communities + 1) x items, how many members
	 * of each community have each item, then everyone; centres communities x factors, unit */
	size_t communities;
	double *centres;
	struct reco_model *parts; /* blend: [0] ials, [1] ease */
};

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

#endif
