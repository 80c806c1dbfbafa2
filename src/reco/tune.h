/*
 * tune.h - choosing a model's hyper-parameters on validation, never on the
 * test set (the protocol docs/recommendations.md describes).
 *
 * tune_splits_make() carves the outer split (train / input / test) from all
 * positives, then TUNE_SPLITS validation splits from the outer train part
 * (seeds S+1..S+3; by time, one: each user's positive before the last).
 * tune_choose() then chooses each tuned parameter of a kind on a fixed grid
 * by mean Recall@20 over the validation splits, walking the grid with early
 * stopping: from the value nearest the current one it steps to the better
 * neighbour until neither is better (ties: the lower value), one
 * parameter after another; with several to choose the round is
 * made twice, since a parameter's best value moves with the others' (iALS's
 * reg with alpha and nu). iALS is fitted from one random start while
 * choosing: "seeds" only averages out that start's luck.
 *
 * Cost: one fit per grid value tried (three to five of a grid of ten,
 * typically), split and round (score-only parameters such
 * as the blend's weight: one fit per split). EASE's lambda on a split with
 * a quarter as many profiles as titles or fewer costs one eigen-
 * decomposition of the profiles' kernel per split for the whole grid
 * (reco/ease_dual.h), not a Cholesky of items x items per value.
 */
#ifndef BINGE_RECO_TUNE_H
#define BINGE_RECO_TUNE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reco/as_of.h"
#include "reco/interactions.h"
#include "reco/model_spec.h"

/* Validation splits per run: one split's noise is as large as neighbouring grid values' gaps. */
#define TUNE_SPLITS 3

/* Share of users held out of training under the strong protocol. */
#define TUNE_HELDOUT_SHARE 0.1

enum tune_protocol { TUNE_HOLDOUT, TUNE_STRONG, TUNE_LAST };

/* One split as matrices (users x items): fit on train, score from input, find test. */
struct eval_split {
	struct csr train, input, test;
	struct as_of
	        catalogue; /* with a horizon (entered != NULL): what each user may be offered */
};

/* The catalogue a split ranks over, or NULL when every item is offered. */
const struct as_of *eval_split_catalogue(const struct eval_split *s);

/* The test split and the validation splits carved from its train part. */
struct tune_splits {
	struct eval_split outer;
	struct eval_split inner[TUNE_SPLITS];
	size_t inner_n;
};

/*
 * Makes the splits of in's positives (all is them as a matrix, with their
 * confidences as values if the file gave weights, which every train and
 * input matrix then carries) under protocol, from seed (ignored by TUNE_LAST). horizon_days >= 0
 * also dates the catalogue (as_of_build); in must then have times. Free with tune_splits_release().
 */
void tune_splits_make(const struct interactions *in, const struct csr *all,
                      enum tune_protocol protocol, uint64_t seed, long horizon_days,
                      struct tune_splits *out);
void tune_splits_release(struct tune_splits *s);

/* The values tried for kind's parameter name, ending with a negative; NULL if not tuned. */
const double *tune_grid(enum reco_kind kind, const char *name);

/*
 * Chooses kind's tuned parameters into p, except those named in
 * fixed[0..fixed_n) ("NAME" or "NAME=VALUE", as given on a command line),
 * which keep p's value. Returns the mean validation Recall@20 of the last
 * choice, or -1 when nothing was chosen.
 */
double tune_choose(enum reco_kind kind, const char *const *fixed, size_t fixed_n,
                   const struct tune_splits *splits, struct reco_params *p);
/* The same, each value tried shown on pg (a terminal's progress line; NULL: none). */
struct progress;
double tune_choose_shown(enum reco_kind kind, const char *const *fixed, size_t fixed_n,
                         const struct tune_splits *splits, struct reco_params *p,
                         struct progress *pg);

#endif
