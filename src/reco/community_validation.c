/* community_validation.c - each community's row checked against popularity; see
 * community_validation.h. */
#include "reco/community_validation.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/banned.h"

/* Each row's latest title (column) by first event, or -1 for rows of fewer than two. */
static long *latest_columns(const struct log_matrix *lm, const struct reco_view *views, size_t n)
{
	size_t rows = lm->m.rows;
	long *latest = xmalloc((rows + 1) * sizeof(*latest));
	int64_t *when = xmalloc((rows + 1) * sizeof(*when));
	for (size_t r = 0; r < rows; r++)
		latest[r] = -1, when[r] = INT64_MIN;
	for (size_t i = 0; i < n; i++) {
		long r = reco_index_of(lm->profile_ids, rows, views[i].profile_id);
		long col = reco_index_of(lm->title_ids, lm->m.cols, views[i].title_id);
		if (r >= 0 && col >= 0 && views[i].first_s >= when[r])
			latest[r] = col, when[r] = views[i].first_s;
	}
	for (size_t r = 0; r < rows; r++)
		if (lm->m.ptr[r + 1] - lm->m.ptr[r] < 2)
			latest[r] = -1;
	free(when);
	return latest;
}

/* lm's rows without their latest title (rows of fewer than two keep theirs). */
static void without_latest(const struct csr *m, const long *latest, struct csr *out)
{
	out->rows = m->rows;
	out->cols = m->cols;
	out->ptr = xmalloc((m->rows + 1) * sizeof(*out->ptr));
	out->idx = xmalloc((m->ptr[m->rows] + 1) * sizeof(*out->idx));
	out->val = m->val ? xmalloc((m->ptr[m->rows] + 1) * sizeof(*out->val)) : NULL;
	size_t w = 0;
	for (size_t r = 0; r < m->rows; r++) {
		out->ptr[r] = w;
		for (size_t at = m->ptr[r]; at < m->ptr[r + 1]; at++) {
			if ((long)m->idx[at] == latest[r])
				continue;
			out->idx[w] = m->idx[at];
			if (out->val)
				out->val[w] = m->val[at];
			w++;
		}
	}
	out->ptr[m->rows] = w;
}

/*
 * Is target among the top COMMUNITY_ROW_TOP of scores, the row's other
 * titles (marked seen[i] == stamp) left out? target_score is its
 * leave-one-out score; ties go to the lower index, as reco_top_k's.
 */
static bool in_top(const double *scores, size_t items, const size_t *seen, size_t stamp,
                   size_t target, double target_score)
{
	size_t above = 0;
	for (size_t i = 0; i < items && above < COMMUNITY_ROW_TOP; i++)
		if (i != target && seen[i] != stamp &&
		    (scores[i] > target_score || (scores[i] == target_score && i < target)))
			above++;
	return above < COMMUNITY_ROW_TOP;
}

void community_validate(const struct reco_model *ials, const struct log_matrix *lm,
                        const struct reco_view *views, size_t n, const struct clustering *c,
                        struct community_rate *rates, double *smoothing)
{
	const struct csr *m = &lm->m;
	size_t k = c->k, items = m->cols, d = reco_ials_dims(&ials->params);
	memset(rates, 0, k * sizeof(*rates));
	double *counts = xcalloc(k * items + 1, sizeof(*counts)),
	       *global = xcalloc(items + 1, sizeof(*global)), all = 0;
	for (size_t r = 0; r < m->rows; r++)
		for (size_t at = m->ptr[r]; at < m->ptr[r + 1]; at++) {
			counts[(size_t)c->assign[r] * items + m->idx[at]] += 1;
			global[m->idx[at]] += 1;
			all += 1;
		}
	static const double grid[] = COMMUNITIES_SMOOTHING_GRID;
	double prior = communities_smoothing(counts, global, k, items, grid,
	                                     sizeof(grid) / sizeof(grid[0]));
	*smoothing = prior;
	double *smoothed = counts; /* in place: the raw counts are not needed again */
	for (size_t x = 0; x < k * items; x++)
		smoothed[x] += prior * global[x % items] / (all > 0 ? all : 1);

	long *latest = latest_columns(lm, views, n);
	struct csr rest;
	without_latest(m, latest, &rest);
	double *x = xmalloc((m->rows * d + 1) * sizeof(*x));
	communities_profile_factors(ials, &rest, x);
	uint32_t *joins = xmalloc((m->rows + 1) * sizeof(*joins));
	communities_nearest(x, m->rows, d, c->centres, k, joins);
	free(x);

	size_t *seen = xcalloc(items + 1, sizeof(*seen));
	for (size_t r = 0; r < m->rows; r++) {
		if (latest[r] < 0)
			continue;
		size_t t = (size_t)latest[r], home = c->assign[r], to = joins[r];
		if (global[t] < 2)
			continue; /* nobody else started it: no count can name it */
		for (size_t at = rest.ptr[r]; at < rest.ptr[r + 1]; at++)
			seen[rest.idx[at]] = r + 1;
		const double *row = smoothed + to * items;
		/* the profile's own start of t leaves the counts it was in */
		double own = to == home ? 1.0 : 0.0;
		double community_t = row[t] - own - prior / (all > 0 ? all : 1);
		struct community_rate *rate = &rates[to];
		rate->held_out++;
		rate->hits += in_top(row, items, seen, r + 1, t, community_t);
		rate->hits_popularity += in_top(global, items, seen, r + 1, t, global[t] - 1);
	}
	free(seen);
	free(joins);
	csr_release(&rest);
	free(latest);
	free(counts);
	free(global);
}

bool community_row_earned(size_t held_out, double hit_rate, double hit_rate_popularity)
{
	return held_out >= COMMUNITY_ROW_MIN_HELD_OUT && hit_rate > hit_rate_popularity;
}
