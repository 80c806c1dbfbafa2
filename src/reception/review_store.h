/*
 * review_store.h - critic reviews and outlet weights in the store.
 */
#ifndef BINGE_RECEPTION_REVIEW_STORE_H
#define BINGE_RECEPTION_REVIEW_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "reception/reception.h"
#include "reception/review.h"

struct store;

/*
 * Stores reviews[0..n) in one transaction: each title (name or id) and
 * season is resolved, and a review with the same title, season, outlet
 * and critic as a stored one replaces it. On BG_INVALID nothing is
 * stored and *bad_index names the review (its message in msg: an unknown
 * title, a season the series does not have, a season of a film).
 */
enum bg_err review_store_put(struct store *st, const struct review *reviews, size_t n,
                             size_t *added, size_t *replaced, size_t *bad_index, char *msg,
                             size_t msg_len);

/* A stored review with its season, as the aggregates read it. */
struct season_review {
	int season;
	struct scored_review r;
};

/* Every review of title_id (series or film), by season. */
enum bg_err review_store_of_title(struct store *st, int64_t title_id, struct season_review **out,
                                  size_t *n);

/* The season numbers of a series, ascending (a film: none). */
enum bg_err review_store_seasons(struct store *st, int64_t title_id, int **out, size_t *n);

/* The share of fresh verdicts over every review stored (0.6 when none). */
enum bg_err review_store_prior(struct store *st, double *out);

/* Sets an outlet's weight in the weighted score (> 0). */
enum bg_err review_store_set_weight(struct store *st, const char *outlet, double weight);

/*
 * A profile's rating of a series or film in half stars (1-10). Errors:
 * BG_FORBIDDEN (message) unless the profile finished at least one episode
 * of it (the film), BG_INVALID out of range.
 */
enum bg_err review_store_rate(struct store *st, int64_t profile_id, int64_t title_id,
                              int half_stars, const char *now);

/* How many profiles rated title_id, and how many of them 3.5 stars or more. */
enum bg_err review_store_audience(struct store *st, int64_t title_id, int64_t *ratings,
                                  int64_t *liked);

#endif
