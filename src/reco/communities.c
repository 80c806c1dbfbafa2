/* communities.c - spherical k-means over profile factors, and NMI / ARI; see communities.h. */
#include "reco/communities.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audience/rng.h"
#include "core/mem.h"
#include "reco/linalg.h"
#include "core/progress.h"
#include "reco/ials.h"
#include "reco/top_k.h"
#include "core/banned.h"

#define SEED_SAMPLE_PER_K 50
#define SEED_SAMPLE_MIN   50000
#define BLOCK_ROWS        4096

void communities_profile_factors(const struct reco_model *ials, const struct csr *m, double *out)
{
	size_t d = reco_ials_dims(&ials->params);
	for (size_t r = 0; r < m->rows; r++)
		ials_fold_in(ials, m->idx + m->ptr[r], m->val ? m->val + m->ptr[r] : NULL,
		             m->ptr[r + 1] - m->ptr[r], out + r * d);
}

static void normalise(double *v, size_t d)
{
	double norm = linalg()->dnrm2((int)d, v, 1);
	if (norm > 0)
		linalg()->dscal((int)d, 1.0 / norm, v, 1);
}

static double uniform(struct rng *r)
{
	return (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

/* k-means++ over a sample of the unit rows u[n x d]: k centres into c. */
static void seed_centres(const double *u, size_t n, size_t d, size_t k, uint64_t seed, double *c)
{
	struct rng r;
	rng_seed(&r, seed);
	size_t want =
	        k * SEED_SAMPLE_PER_K > SEED_SAMPLE_MIN ? k * SEED_SAMPLE_PER_K : SEED_SAMPLE_MIN;
	size_t m = n < want ? n : want;
	size_t *sample = xmalloc(m * sizeof(*sample));
	for (size_t i = 0; i < m; i++) /* every n/m-th row, from a random offset */
		sample[i] =
		        m == n ? i : (size_t)(((double)i + uniform(&r)) * (double)n / (double)m);
	double *dist = xmalloc(m * sizeof(*dist));
	size_t first = (size_t)(uniform(&r) * (double)m);
	memcpy(c, u + sample[first < m ? first : m - 1] * d, d * sizeof(*c));
	for (size_t i = 0; i < m; i++)
		dist[i] = 1.0 - linalg()->ddot((int)d, u + sample[i] * d, 1, c, 1);
	for (size_t j = 1; j < k; j++) {
		double total = 0;
		for (size_t i = 0; i < m; i++)
			total += dist[i] > 0 ? dist[i] : 0;
		size_t pick = 0;
		if (total > 0) {
			double at = uniform(&r) * total;
			for (pick = 0; pick + 1 < m; pick++) {
				at -= dist[pick] > 0 ? dist[pick] : 0;
				if (at < 0)
					break;
			}
		} else {
			pick = (size_t)(uniform(&r) * (double)m);
			pick = pick < m ? pick : m - 1;
		}
		double *cj = c + j * d;
		memcpy(cj, u + sample[pick] * d, d * sizeof(*cj));
		for (size_t i = 0; i < m; i++) {
			double dj = 1.0 - linalg()->ddot((int)d, u + sample[i] * d, 1, cj, 1);
			if (dj < dist[i])
				dist[i] = dj;
		}
	}
	free(dist);
	free(sample);
}

/* Assigns every row to its nearest centre; returns how many moved. */
static size_t assign_all(const double *u, size_t n, size_t d, const double *c, size_t k,
                         double *sims, uint32_t *assign, double *affinity)
{
	size_t moved = 0;
	for (size_t at = 0; at < n; at += BLOCK_ROWS) {
		size_t rows = n - at < BLOCK_ROWS ? n - at : BLOCK_ROWS;
		linalg()->dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)rows, (int)k, (int)d,
		                1.0, u + at * d, (int)d, c, (int)d, 0.0, sims, (int)k);
		for (size_t r = 0; r < rows; r++) {
			const double *s = sims + r * k;
			uint32_t best = 0;
			for (size_t j = 1; j < k; j++)
				if (s[j] > s[best])
					best = (uint32_t)j;
			moved += assign[at + r] != best;
			assign[at + r] = best;
			if (affinity)
				affinity[at + r] = s[best];
		}
	}
	return moved;
}

/* Centres = normalised member sums; an empty one takes the worst-fitting profile. */
static void update_centres(const double *u, size_t n, size_t d, struct clustering *out)
{
	size_t k = out->k;
	memset(out->centres, 0, k * d * sizeof(*out->centres));
	memset(out->sizes, 0, k * sizeof(*out->sizes));
	for (size_t i = 0; i < n; i++) {
		linalg()->daxpy((int)d, 1.0, u + i * d, 1,
		                out->centres + (size_t)out->assign[i] * d, 1);
		out->sizes[out->assign[i]]++;
	}
	for (size_t j = 0; j < k; j++) {
		if (!out->sizes[j]) {
			size_t worst = 0;
			for (size_t i = 1; i < n; i++)
				if (out->affinity[i] < out->affinity[worst])
					worst = i;
			memcpy(out->centres + j * d, u + worst * d, d * sizeof(double));
			out->affinity[worst] = 2.0; /* not chosen twice */
		}
		normalise(out->centres + j * d, d);
	}
}

void communities_cluster(const double *x, size_t n, size_t d, size_t k, uint64_t seed,
                         size_t max_iter, struct progress *pg, struct clustering *out)
{
	memset(out, 0, sizeof(*out));
	out->k = k;
	out->assign = xmalloc((n ? n : 1) * sizeof(*out->assign));
	out->affinity = xmalloc((n ? n : 1) * sizeof(*out->affinity));
	out->centres = xmalloc((k * d + 1) * sizeof(*out->centres));
	out->sizes = xcalloc(k ? k : 1, sizeof(*out->sizes));
	memset(out->assign, 0xff, (n ? n : 1) * sizeof(*out->assign));
	if (!n || !k)
		return;
	double *u = xmalloc((n * d + 1) * sizeof(*u));
	memcpy(u, x, n * d * sizeof(*u));
	for (size_t i = 0; i < n; i++)
		normalise(u + i * d, d);
	seed_centres(u, n, d, k, seed, out->centres);
	double *sims = xmalloc(((size_t)BLOCK_ROWS * k + 1) * sizeof(*sims));
	for (size_t it = 0; it < max_iter; it++) {
		if (pg) {
			char label[32];
			snprintf(label, sizeof(label), "pass %zu", it + 1);
			progress_update(pg, it + 1, label);
		}
		size_t moved =
		        assign_all(u, n, d, out->centres, k, sims, out->assign, out->affinity);
		out->iterations = it + 1;
		update_centres(u, n, d, out);
		if (!moved)
			break;
	}
	/* final memberships against the final centres */
	assign_all(u, n, d, out->centres, k, sims, out->assign, out->affinity);
	memset(out->sizes, 0, k * sizeof(*out->sizes));
	for (size_t i = 0; i < n; i++)
		out->sizes[out->assign[i]]++;
	free(sims);
	free(u);
}

void communities_nearest(const double *x, size_t n, size_t d, const double *centres, size_t k,
                         uint32_t *assign)
{
	double *sims = xmalloc(((size_t)BLOCK_ROWS * k + 1) * sizeof(*sims));
	memset(assign, 0, n * sizeof(*assign)); /* assign_all counts moves from it */
	assign_all(x, n, d, centres, k, sims, assign, NULL);
	free(sims);
}

void clustering_release(struct clustering *c)
{
	free(c->assign);
	free(c->affinity);
	free(c->centres);
	free(c->sizes);
	memset(c, 0, sizeof(*c));
}

void communities_describe(const struct csr *m, const struct clustering *c, size_t max,
                          struct community_titles *out, uint32_t *label_items)
{
	size_t k = c->k, items = m->cols;
	if (max > COMMUNITY_TITLES_MAX)
		max = COMMUNITY_TITLES_MAX;
	double *base = xcalloc(items ? items : 1, sizeof(*base));
	uint32_t *count = xcalloc(items ? items : 1, sizeof(*count));
	for (size_t e = 0; e < m->ptr[m->rows]; e++)
		base[m->idx[e]] += 1.0 / (double)m->rows;
	/* members of each community, in profile order */
	size_t *start = xcalloc(k + 1, sizeof(*start)),
	       *members = xmalloc((m->rows + 1) * sizeof(*members));
	for (size_t r = 0; r < m->rows; r++)
		start[c->assign[r] + 1]++;
	for (size_t j = 0; j < k; j++)
		start[j + 1] += start[j];
	size_t *fill = xmalloc((k + 1) * sizeof(*fill));
	memcpy(fill, start, (k + 1) * sizeof(*fill));
	for (size_t r = 0; r < m->rows; r++)
		members[fill[c->assign[r]]++] = r;
	free(fill);
	double *score = xmalloc((items ? items : 1) * sizeof(*score));
	uint32_t *top = xmalloc((max + 3) * sizeof(*top));
	for (size_t j = 0; j < k; j++) {
		size_t size = start[j + 1] - start[j];
		for (size_t i = start[j]; i < start[j + 1]; i++)
			for (size_t e = m->ptr[members[i]]; e < m->ptr[members[i] + 1]; e++)
				count[m->idx[e]]++;
		struct community_titles *t = &out[j];
		memset(t, 0, sizeof(*t));
		for (size_t it = 0; it < items; it++)
			score[it] = count[it];
		t->n = reco_top_k(score, items, NULL, 0, max, t->item);
		while (t->n && count[t->item[t->n - 1]] == 0)
			t->n--;
		for (size_t i = 0; i < t->n; i++) {
			t->member_share[i] = (double)count[t->item[i]] / (double)size;
			t->lift[i] = t->member_share[i] / base[t->item[i]];
		}
		/* the label: highest lift among titles enough members watched */
		double few = size < 3 ? (double)size : 3.0,
		       floor_count = (double)size / 10 > few ? (double)size / 10 : few;
		for (size_t it = 0; it < items; it++)
			score[it] = count[it] >= floor_count && count[it] > 0
			                    ? count[it] / (double)size / base[it]
			                    : -1.0;
		size_t got = reco_top_k(score, items, NULL, 0, 3, top);
		for (size_t l = 0; l < 3; l++)
			label_items[j * 3 + l] = l < got && score[top[l]] > 0 ? top[l] : UINT32_MAX;
		for (size_t i = start[j]; i < start[j + 1]; i++)
			for (size_t e = m->ptr[members[i]]; e < m->ptr[members[i] + 1]; e++)
				count[m->idx[e]] = 0;
	}
	free(score);
	free(top);
	free(start);
	free(members);
	free(base);
	free(count);
}

/* ---- agreement with a known truth ---- */

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Dense labels 0..*k-1 for v[n]. */
static uint32_t *dense_labels(const int64_t *v, size_t n, size_t *k)
{
	int64_t *sorted = xmalloc((n ? n : 1) * sizeof(*sorted));
	memcpy(sorted, v, n * sizeof(*v));
	qsort(sorted, n, sizeof(*sorted), cmp_i64);
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (!i || sorted[i] != sorted[i - 1])
			sorted[w++] = sorted[i];
	*k = w;
	uint32_t *out = xmalloc((n ? n : 1) * sizeof(*out));
	for (size_t i = 0; i < n; i++)
		out[i] = (uint32_t)((int64_t *)bsearch(&v[i], sorted, w, sizeof(*sorted), cmp_i64) -
		                    sorted);
	free(sorted);
	return out;
}

/* The contingency table of a and b: ka x kb counts, with row and column sums. */
struct table {
	size_t ka, kb;
	double *cell, *row, *col;
};

static void table_of(const int64_t *a, const int64_t *b, size_t n, struct table *t)
{
	uint32_t *da = dense_labels(a, n, &t->ka), *db = dense_labels(b, n, &t->kb);
	t->cell = xcalloc(t->ka * t->kb + 1, sizeof(*t->cell));
	t->row = xcalloc(t->ka + 1, sizeof(*t->row));
	t->col = xcalloc(t->kb + 1, sizeof(*t->col));
	for (size_t i = 0; i < n; i++) {
		t->cell[(size_t)da[i] * t->kb + db[i]]++;
		t->row[da[i]]++;
		t->col[db[i]]++;
	}
	free(da);
	free(db);
}

static void table_release(struct table *t)
{
	free(t->cell);
	free(t->row);
	free(t->col);
}

static double entropy(const double *counts, size_t k, double n)
{
	double h = 0;
	for (size_t i = 0; i < k; i++)
		if (counts[i] > 0)
			h -= counts[i] / n * log(counts[i] / n);
	return h;
}

double clustering_nmi(const int64_t *a, const int64_t *b, size_t n)
{
	if (!n)
		return 0.0;
	struct table t;
	table_of(a, b, n, &t);
	double N = (double)n, mi = 0;
	for (size_t i = 0; i < t.ka; i++)
		for (size_t j = 0; j < t.kb; j++) {
			double c = t.cell[i * t.kb + j];
			if (c > 0)
				mi += c / N * log(c * N / (t.row[i] * t.col[j]));
		}
	double ha = entropy(t.row, t.ka, N), hb = entropy(t.col, t.kb, N);
	table_release(&t);
	if (ha <= 0 && hb <= 0)
		return 1.0;
	if (ha <= 0 || hb <= 0)
		return 0.0;
	return mi / sqrt(ha * hb);
}

static double pairs(double x)
{
	return x * (x - 1) / 2;
}

double clustering_ari(const int64_t *a, const int64_t *b, size_t n)
{
	if (n < 2)
		return 1.0;
	struct table t;
	table_of(a, b, n, &t);
	double index = 0, sa = 0, sb = 0;
	for (size_t i = 0; i < t.ka * t.kb; i++)
		index += pairs(t.cell[i]);
	for (size_t i = 0; i < t.ka; i++)
		sa += pairs(t.row[i]);
	for (size_t j = 0; j < t.kb; j++)
		sb += pairs(t.col[j]);
	table_release(&t);
	double expected = sa * sb / pairs((double)n), max = (sa + sb) / 2;
	if (max == expected)
		return 1.0;
	return (index - expected) / (max - expected);
}

double communities_smoothing(const double *counts, const double *global, size_t k, size_t items,
                             const double *grid, size_t grid_n)
{
	double all = 0.0;
	for (size_t i = 0; i < items; i++)
		all += global[i];
	double best = grid[0], best_ll = -INFINITY;
	for (size_t g = 0; g < grid_n && all > 0; g++) {
		double m = grid[g], ll = 0.0;
		for (size_t c = 0; c < k; c++) {
			const double *row = counts + c * items;
			double total = 0.0;
			for (size_t i = 0; i < items; i++)
				total += row[i];
			for (size_t i = 0; i < items; i++)
				if (row[i] > 0) /* a view with no other support is -inf at m = 0 */
					ll += row[i] * log((row[i] - 1 + m * global[i] / all) /
					                   (total - 1 + m));
		}
		if (ll > best_ll) {
			best_ll = ll;
			best = m;
		}
	}
	return best;
}

size_t communities_default_k(size_t profiles)
{
	double k = round(sqrt((double)profiles / 2));
	return k < 2 ? 2 : k > COMMUNITIES_MAX_K ? COMMUNITIES_MAX_K : (size_t)k;
}

void communities_cluster_profiles(const struct reco_model *ials, const struct csr *m, size_t k,
                                  uint64_t seed, size_t iters, struct progress *pg,
                                  struct clustering *out)
{
	size_t d = reco_ials_dims(&ials->params);
	double *x = xmalloc((m->rows * d + 1) * sizeof(*x));
	communities_profile_factors(ials, m, x);
	communities_cluster(x, m->rows, d, k, seed, iters, pg, out);
	free(x);
}
