/*
 * evaluate.h - offline evaluation of recommendation models: the random
 * holdout split and the ranking metrics, with full ranking over all items
 * (never sampled negatives).
 *
 * Holdout (protocol "holdout"): for every user with at least 2 positives,
 * round(20%) of them (at least 1), drawn by a generator seeded with (seed,
 * user), go to test; the rest is train, and the model scores users from
 * their train rows. Strong generalisation (protocol "strong", Liang et al.
 * 2018): a seeded 10% of the users is held out of training altogether;
 * each held-out user's positives are split 80/20 as above into the input
 * the model scores from and the test set. Leave-last-out (protocol
 * "last"): every user's latest positive by time (a tie: the later line)
 * is the test item, for users with at least 2 positives; validation holds
 * out the one before it. The same split of train gives
 * the validation set that hyper-parameters are chosen on.
 *
 * Metrics for one user with test set T and ranked list L (seen excluded):
 *   Recall@K = |L[0..K) n T| / min(K, |T|)          (Liang et al. 2018)
 *   NDCG@K   = sum_{i<K, L[i] in T} 1/log2(i+2) / sum_{i<min(K,|T|)} 1/log2(i+2)
 *   Precision@K = |L[0..K) n T| / K
 * averaged over users with a test set; coverage@K = distinct items in any
 * user's top K / all items; effective catalogue size@K (Gomez-Uribe and
 * Hunt 2015) = 2 sum_i p_i rank(i) - 1, with p_i item i's share of all
 * top-K slots and rank 1 the most shown: 1 when every list is the same
 * single item, the number of items when all are shown equally.
 */
#ifndef BINGE_RECO_EVALUATE_H
#define BINGE_RECO_EVALUATE_H

#include <stddef.h>
#include <stdint.h>

#include "reco/as_of.h"
#include "reco/interactions.h"
#include "reco/model.h"

/* A split of (user, item) pairs: what to fit on, what to score from, what to find. */
struct split {
	uint32_t *train_user, *train_item, *input_user, *input_item, *test_user, *test_item;
	size_t train_n, input_n, test_n;
};

/* The holdout split of m's positives (input = train); free with split_release(). */
void split_holdout(const struct csr *m, uint64_t seed, struct split *out);

/* The strong-generalisation split, heldout_share of the users held out. */
void split_strong(const struct csr *m, uint64_t seed, double heldout_share, struct split *out);

/*
 * Leave-last-out over in's pairs: per user ordered latest first, the pair
 * at position depth is test (depth 0: the last; 1: the one before, for
 * validation) and those after it train and input, for users with more
 * than depth + 1 positives; other users' pairs are all train. Every
 * occurrence of the test item leaves train.
 */
void split_last(const struct interactions *in, size_t depth, struct split *out);
void split_release(struct split *s);

/* Recall@k and NDCG@k of one ranked list against a sorted test set. */
double metric_recall(const uint32_t *ranked, size_t ranked_n, const uint32_t *test, size_t test_n,
                     size_t k);
double metric_ndcg(const uint32_t *ranked, size_t ranked_n, const uint32_t *test, size_t test_n,
                   size_t k);

double metric_precision(const uint32_t *ranked, size_t ranked_n, const uint32_t *test,
                        size_t test_n, size_t k);
/* The effective catalogue size of counts[items] (times each item was shown); sorts counts. */
double metric_effective_catalogue_size(uint32_t *counts, size_t items);

#define EVAL_CUTOFFS 4 /* K = 10, 20, 50, 100 */
extern const size_t eval_cutoffs[EVAL_CUTOFFS];

struct eval_result {
	size_t users; /* with a test set */
	double recall[EVAL_CUTOFFS], ndcg[EVAL_CUTOFFS], precision[EVAL_CUTOFFS];
	double coverage[EVAL_CUTOFFS], effective_catalogue[EVAL_CUTOFFS];
};

/*
 * Scores every user of input that has a test row, ranks all items (only
 * those available as of the user's time when catalogue is not NULL),
 * averages the metrics.
 */
void evaluate(const struct reco_model *model, const struct csr *input, const struct csr *test,
              const struct as_of *catalogue, struct eval_result *out);

/*
 * The same with the scores from score(ctx, user, seen, conf, n, scores):
 * for a scorer that is not a fitted model (reco/ease_dual.h).
 */
typedef void (*eval_score_fn)(void *ctx, size_t user, const uint32_t *seen, const float *conf,
                              size_t n, double *scores);
void evaluate_by(eval_score_fn score, void *ctx, const struct csr *input, const struct csr *test,
                 const struct as_of *catalogue, struct eval_result *out);

#endif
