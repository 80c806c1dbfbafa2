/* log_matrix.c - the viewing log as a confidence-weighted matrix; see log_matrix.h. */
#include "reco/log_matrix.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/banned.h"

float reco_confidence(const struct reco_view *v, int64_t now_s, int64_t half_life_s)
{
	uint32_t partial = v->started > v->completed ? v->started - v->completed : 0;
	double c = 1.0 + log2(1.0 + (double)v->completed + 0.5 * (double)partial);
	if (half_life_s > 0 && now_s > v->last_s)
		c *= exp2(-(double)(now_s - v->last_s) / (double)half_life_s);
	return (float)c;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The distinct values of ids[0..n) ascending, into a new array; count in *out_n. */
static int64_t *distinct(int64_t *ids, size_t n, size_t *out_n)
{
	qsort(ids, n, sizeof(*ids), cmp_i64);
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || ids[i] != ids[i - 1])
			ids[w++] = ids[i];
	*out_n = w;
	return ids;
}

long reco_index_of(const int64_t *ids, size_t n, int64_t id)
{
	const int64_t *hit = bsearch(&id, ids, n, sizeof(*ids), cmp_i64);
	return hit ? (long)(hit - ids) : -1;
}

void log_matrix_build_over(const struct reco_view *views, size_t n, const int64_t *title_ids,
                           size_t titles, int64_t now_s, int64_t half_life_s,
                           struct log_matrix *out)
{
	memset(out, 0, sizeof(*out));
	size_t cap = n ? n : 1, profiles, kept = 0;
	int64_t *p = xmalloc(cap * sizeof(*p));
	for (size_t i = 0; i < n; i++)
		p[i] = views[i].profile_id;
	out->profile_ids = distinct(p, n, &profiles);
	out->title_ids = xmalloc((titles ? titles : 1) * sizeof(*out->title_ids));
	memcpy(out->title_ids, title_ids, titles * sizeof(*title_ids));
	uint32_t *row = xmalloc(cap * sizeof(*row)), *col = xmalloc(cap * sizeof(*col));
	float *val = xmalloc(cap * sizeof(*val));
	for (size_t i = 0; i < n; i++) {
		long c = reco_index_of(title_ids, titles, views[i].title_id);
		if (c < 0)
			continue;
		row[kept] =
		        (uint32_t)reco_index_of(out->profile_ids, profiles, views[i].profile_id);
		col[kept] = (uint32_t)c;
		val[kept++] = reco_confidence(&views[i], now_s, half_life_s);
	}
	csr_from_triples(profiles, titles, row, col, val, kept, &out->m);
	free(row);
	free(col);
	free(val);
}

void log_matrix_build(const struct reco_view *views, size_t n, int64_t now_s, int64_t half_life_s,
                      struct log_matrix *out)
{
	size_t titles;
	int64_t *t = xmalloc((n ? n : 1) * sizeof(*t));
	for (size_t i = 0; i < n; i++)
		t[i] = views[i].title_id;
	distinct(t, n, &titles);
	log_matrix_build_over(views, n, t, titles, now_s, half_life_s, out);
	free(t);
}

void log_matrix_release(struct log_matrix *lm)
{
	csr_release(&lm->m);
	free(lm->profile_ids);
	free(lm->title_ids);
	memset(lm, 0, sizeof(*lm));
}
