/*
 * log_matrix.h - binge's own viewing as implicit feedback: the profile x
 * title matrix the models are trained on, built from the viewing
 * summaries (reco/reco_store.h), one entry per (profile, series or film).
 *
 * Confidence of an entry, from the episodes (a film is one) the profile
 * started and completed:
 *   c = 1 + log2(1 + completed + (started - completed) / 2)
 * so a film started and left is 1.58, a film finished 2, a series with a
 * whole 13-episode season finished 4.81: more watching, more confidence,
 * with diminishing returns. With a half-life h, c is multiplied by
 * 2^(-age / h), age being the time since the profile's last event on the
 * title (recency weighting; off by default).
 */
#ifndef BINGE_RECO_LOG_MATRIX_H
#define BINGE_RECO_LOG_MATRIX_H

#include <stddef.h>
#include <stdint.h>

#include "reco/interactions.h"

/* One profile's viewing of one series or film. */
struct reco_view {
	int64_t profile_id, title_id;
	uint32_t started, completed; /* episodes (a film: 0 or 1 completed of 1) */
	int64_t first_s, last_s;     /* first and last event, Unix seconds */
};

/* The confidence of a view; half_life_s 0 = no recency weighting. */
float reco_confidence(const struct reco_view *v, int64_t now_s, int64_t half_life_s);

struct log_matrix {
	struct csr m;         /* profiles x titles, val = confidence */
	int64_t *profile_ids; /* row -> profile id, ascending */
	int64_t *title_ids;   /* column -> title id, ascending */
};

/* Builds the matrix from views[0..n) in any order. Free with log_matrix_release(). */
void log_matrix_build(const struct reco_view *views, size_t n, int64_t now_s, int64_t half_life_s,
                      struct log_matrix *out);

/*
 * The same with the columns fixed to title_ids[0..titles) (ascending, as a
 * trained model's): views of other titles are left out; profiles with
 * none left still get their (empty) row.
 */
void log_matrix_build_over(const struct reco_view *views, size_t n, const int64_t *title_ids,
                           size_t titles, int64_t now_s, int64_t half_life_s,
                           struct log_matrix *out);
void log_matrix_release(struct log_matrix *lm);

/* The index of id in ids[0..n) (ascending), or -1. */
long reco_index_of(const int64_t *ids, size_t n, int64_t id);

#endif
