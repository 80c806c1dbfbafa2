/* model.c - popularity, item-kNN, EASE and the blend behind one interface; see model.h. */
#include "reco/model.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "reco/linalg.h"
#include "reco/community_model.h"
#include "reco/ials.h"
#include "core/banned.h"

void reco_blas_single_thread(void)
{
	linalg_single_thread();
}

static void fit_popularity(const struct csr *train, struct reco_model *m)
{
	m->weights = xcalloc(train->cols ? train->cols : 1, sizeof(*m->weights));
	for (size_t k = 0; k < train->ptr[train->rows]; k++)
		m->weights[train->idx[k]] += 1.0;
}

/*
 * G = X^T X (upper triangle) of the 0/1 profile x title matrix, summed
 * from its sparse rows: each profile adds 1 to G[i][j] for every pair
 * i <= j of its titles, k(k+1)/2 additions for k titles. A dense X for one
 * symmetric rank-k update (dsyrk) took rows x titles doubles, 12.9 GB at
 * 99,000 x 16,000, and n^2 operations per profile, whatever it had seen.
 * Counts are whole numbers below 2^24 (one per profile), so the single
 * precision sums are exact and equal dsyrk's.
 */
static float *gram(const struct csr *train)
{
	size_t n = train->cols;
	float *g = xcalloc(n * n + 1, sizeof(*g));
	for (size_t r = 0; r < train->rows; r++) {
		const uint32_t *idx = train->idx + train->ptr[r];
		size_t k = train->ptr[r + 1] - train->ptr[r];
		for (size_t a = 0; a < k; a++) {
			float *row = g + (size_t)idx[a] * n;
			for (size_t b = a; b < k; b++) /* idx is sorted: idx[b] >= idx[a] */
				row[idx[b]] += 1.0f;
		}
	}
	return g;
}

/* A candidate neighbour of an item: its similarity and index. */
struct near {
	double s;
	uint32_t item;
};

/* Whether a ranks below b: less similar, or as similar with a higher index (the lower wins). */
static bool below(struct near a, struct near b)
{
	return a.s < b.s || (a.s == b.s && a.item > b.item);
}

/* Offers c to the best cap candidates so far, heap[0..*n), the weakest at the root. */
static void offer(struct near *heap, size_t *n, size_t cap, struct near c)
{
	size_t at;
	if (*n < cap) {
		for (at = (*n)++; at > 0 && below(c, heap[(at - 1) / 2]); at = (at - 1) / 2)
			heap[at] = heap[(at - 1) / 2];
		heap[at] = c;
		return;
	}
	if (!below(heap[0], c))
		return;
	for (at = 0;;) {
		size_t child = 2 * at + 1;
		if (child >= cap)
			break;
		if (child + 1 < cap && below(heap[child + 1], heap[child]))
			child++;
		if (!below(heap[child], c))
			break;
		heap[at] = heap[child];
		at = child;
	}
	heap[at] = c;
}

/*
 * The keep most similar items of each item j (column j of S), found
 * column by column from the sparse rows: the profiles who have j count
 * each item they also have, sum over profiles of k^2 steps for k titles,
 * and a heap of keep keeps the best. A dense S took items^2 doubles (3.2
 * GB at 20,000 titles) and a sort of every column.
 */
static void fit_itemknn(const struct csr *train, double shrink, size_t keep, struct reco_model *m)
{
	size_t n = train->cols;
	if (keep > n)
		keep = n;
	struct csr by_item;
	csr_transpose(train, &by_item);
	uint32_t *together = xcalloc(n + 1, sizeof(*together)),
	         *touched = xmalloc((n + 1) * sizeof(*touched));
	size_t *kept = xcalloc(n + 1, sizeof(*kept));
	struct near *best = xmalloc((n * keep + 1) * sizeof(*best));
	for (size_t j = 0; j < n; j++) {
		size_t nt = 0;
		for (size_t u = by_item.ptr[j]; u < by_item.ptr[j + 1]; u++) {
			size_t r = by_item.idx[u];
			for (size_t k = train->ptr[r]; k < train->ptr[r + 1]; k++)
				if (together[train->idx[k]]++ == 0)
					touched[nt++] = train->idx[k];
		}
		double nj = (double)(by_item.ptr[j + 1] - by_item.ptr[j]);
		for (size_t t = 0; t < nt; t++) {
			uint32_t i = touched[t];
			double ni = (double)(by_item.ptr[i + 1] - by_item.ptr[i]);
			double norm = sqrt(ni * nj) + shrink,
			       s = norm > 0 ? together[i] / norm : 0.0;
			together[i] = 0;
			if (i != j && s > 0)
				offer(best + j * keep, &kept[j], keep, (struct near){s, i});
		}
	}
	/* S by rows, for scoring: entry (i, j) for each j that kept i, j ascending */
	struct csr *sim = &m->similar;
	sim->rows = sim->cols = n;
	sim->ptr = xcalloc(n + 2, sizeof(*sim->ptr));
	for (size_t j = 0; j < n; j++)
		for (size_t k = 0; k < kept[j]; k++)
			sim->ptr[best[j * keep + k].item + 2]++;
	for (size_t i = 2; i <= n + 1; i++)
		sim->ptr[i] += sim->ptr[i - 1];
	sim->idx = xmalloc((sim->ptr[n + 1] + 1) * sizeof(*sim->idx));
	sim->val = xmalloc((sim->ptr[n + 1] + 1) * sizeof(*sim->val));
	for (size_t j = 0; j < n; j++) /* ptr[i + 1] is row i's next free entry until the end */
		for (size_t k = 0; k < kept[j]; k++) {
			size_t at = sim->ptr[best[j * keep + k].item + 1]++;
			sim->idx[at] = (uint32_t)j;
			sim->val[at] = (float)best[j * keep + k].s;
		}
	free(best);
	free(kept);
	free(touched);
	free(together);
	csr_release(&by_item);
}

/* Tiles of the B pass: two 64 x 64 blocks stay in the cache. */
#define EASE_TILE 64

/*
 * In single precision: half the memory of double (1.6 GB at 20,000
 * titles) and about half the time, with the same ranking quality on
 * ML-100K (docs/recommendations.md).
 */
static enum bg_err fit_ease(const struct csr *train, double lambda, struct reco_model *m)
{
	size_t n = train->cols;
	float *g = gram(train);
	for (size_t i = 0; i < n; i++)
		g[i * n + i] += (float)lambda;
	/*
	 * P = G^-1 through its Cholesky factor. G is symmetric, so its
	 * row-major upper triangle is the column-major lower one: LAPACK works
	 * on it in place. Through LAPACKE's row-major interface it copied and
	 * transposed all n^2 entries into a second matrix and back, twice.
	 */
	if (linalg()->spotrf(LAPACK_COL_MAJOR, 'L', (lapack_int)n, g, (lapack_int)n) != 0 ||
	    linalg()->spotri(LAPACK_COL_MAJOR, 'L', (lapack_int)n, g, (lapack_int)n) != 0) {
		free(g);
		return BG_INVALID;
	}
	/* B[i][j] = -P[i][j] / P[j][j], B[j][j] = 0, from P's upper triangle
	 * (row-major), in tiles so the lower triangle's column writes stay in
	 * the cache. */
	float *diag = xmalloc((n ? n : 1) * sizeof(*diag));
	for (size_t j = 0; j < n; j++)
		diag[j] = g[j * n + j];
	for (size_t ib = 0; ib < n; ib += EASE_TILE)
		for (size_t jb = ib; jb < n; jb += EASE_TILE) {
			size_t iend = ib + EASE_TILE < n ? ib + EASE_TILE : n;
			size_t jend = jb + EASE_TILE < n ? jb + EASE_TILE : n;
			for (size_t i = ib; i < iend; i++)
				for (size_t j = jb > i + 1 ? jb : i + 1; j < jend; j++) {
					float p = g[i * n + j];
					g[i * n + j] = -p / diag[j];
					g[j * n + i] = -p / diag[i];
				}
		}
	for (size_t j = 0; j < n; j++)
		g[j * n + j] = 0.0f;
	free(diag);
	m->dense = g;
	return BG_OK;
}

static enum bg_err fit_blend(const struct csr *train, const struct reco_params *p,
                             struct progress *pg, struct reco_model *m)
{
	m->parts = xcalloc(2, sizeof(*m->parts));
	enum bg_err rc = reco_model_fit_shown(RECO_IALS, p, train, pg, &m->parts[0]);
	if (!rc)
		rc = reco_model_fit(RECO_EASE, p, train, &m->parts[1]);
	return rc;
}

enum bg_err reco_model_fit(enum reco_kind kind, const struct reco_params *params,
                           const struct csr *train, struct reco_model *out)
{
	return reco_model_fit_shown(kind, params, train, NULL, out);
}

enum bg_err reco_model_fit_shown(enum reco_kind kind, const struct reco_params *params,
                                 const struct csr *train, struct progress *pg,
                                 struct reco_model *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = kind;
	out->items = train->cols;
	out->params = *params;
	enum bg_err rc = BG_OK;
	if (kind == RECO_POPULARITY)
		fit_popularity(train, out);
	else if (kind == RECO_ITEMKNN)
		fit_itemknn(train, params->shrink, (size_t)params->k, out);
	else if (kind == RECO_IALS)
		rc = ials_fit(train, params, pg, out);
	else if (kind == RECO_BLEND)
		rc = fit_blend(train, params, pg, out);
	else if (kind == RECO_COMMUNITY)
		rc = community_fit(train, params, out);
	else
		rc = fit_ease(train, params->lambda, out);
	if (rc)
		reco_model_release(out);
	return rc;
}

void reco_model_release(struct reco_model *m)
{
	if (m->parts) {
		reco_model_release(&m->parts[0]);
		reco_model_release(&m->parts[1]);
	}
	free(m->parts);
	free(m->weights);
	free(m->gram);
	free(m->dense);
	free(m->centres);
	csr_release(&m->similar);
	memset(m, 0, sizeof(*m));
}

/* scores standardised over all items: mean 0, deviation 1 (all 0 if constant). */
static void standardise(double *scores, size_t items)
{
	double sum = 0, sq = 0;
	for (size_t i = 0; i < items; i++)
		sum += scores[i];
	double mean = items ? sum / (double)items : 0;
	for (size_t i = 0; i < items; i++)
		sq += (scores[i] - mean) * (scores[i] - mean);
	double sd = items ? sqrt(sq / (double)items) : 0;
	for (size_t i = 0; i < items; i++)
		scores[i] = sd > 0 ? (scores[i] - mean) / sd : 0.0;
}

void reco_model_score(const struct reco_model *m, const uint32_t *seen, const float *conf, size_t n,
                      double *scores)
{
	size_t items = m->items;
	if (m->kind == RECO_POPULARITY) {
		memcpy(scores, m->weights, items * sizeof(*scores));
		return;
	}
	if (m->kind == RECO_IALS) {
		ials_score(m, seen, conf, n, scores);
		return;
	}
	if (m->kind == RECO_COMMUNITY) {
		community_score(m, seen, conf, n, scores);
		return;
	}
	if (m->kind == RECO_BLEND) {
		double *other = xmalloc((items ? items : 1) * sizeof(*other));
		reco_model_score(&m->parts[0], seen, conf, n, scores);
		reco_model_score(&m->parts[1], seen, conf, n, other);
		standardise(scores, items);
		standardise(other, items);
		double w = m->params.weight;
		for (size_t i = 0; i < items; i++)
			scores[i] = w * scores[i] + (1 - w) * other[i];
		free(other);
		return;
	}
	/* item-kNN and EASE: the sum of the rows of what the user has seen */
	memset(scores, 0, items * sizeof(*scores));
	const struct csr *sim = &m->similar;
	for (size_t k = 0; k < n; k++) {
		if (m->kind == RECO_ITEMKNN) {
			for (size_t at = sim->ptr[seen[k]]; at < sim->ptr[seen[k] + 1]; at++)
				scores[sim->idx[at]] += sim->val[at];
			continue;
		}
		const float *row = m->dense + (size_t)seen[k] * items;
		for (size_t i = 0; i < items; i++)
			scores[i] += row[i];
	}
}
