/* evaluate.c - holdout split and ranking metrics; see evaluate.h. */
#include "reco/evaluate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audience/rng.h"
#include "core/mem.h"
#include "core/banned.h"

const size_t eval_cutoffs[EVAL_CUTOFFS] = {10, 20, 50, 100};

struct pairs {
	uint32_t *user, *item;
	size_t n, cap_u, cap_i;
};

static void pairs_add(struct pairs *p, uint32_t u, uint32_t i)
{
	p->user = xgrow(p->user, sizeof(*p->user), p->n + 1, &p->cap_u);
	p->item = xgrow(p->item, sizeof(*p->item), p->n + 1, &p->cap_i);
	p->user[p->n] = u;
	p->item[p->n++] = i;
}

/*
 * Shuffles user u's positives (a generator seeded by (seed, u)) into row
 * and returns how many of the first go to test: round(20%), at least 1,
 * none for a user with fewer than 2.
 */
static size_t shuffle_user(const struct csr *m, size_t u, uint64_t seed, uint32_t *row)
{
	size_t n = m->ptr[u + 1] - m->ptr[u];
	memcpy(row, m->idx + m->ptr[u], n * sizeof(*row));
	if (n < 2)
		return 0;
	struct rng r;
	rng_seed(&r, seed * 0x9E3779B97F4A7C15ULL + u);
	for (size_t i = n; i > 1; i--) { /* Fisher-Yates */
		size_t j = (size_t)(rng_next(&r) % i);
		uint32_t t = row[i - 1];
		row[i - 1] = row[j];
		row[j] = t;
	}
	size_t held = (size_t)((double)n * 0.2 + 0.5);
	return held ? held : 1;
}

static void finish(struct pairs *train, struct pairs *input, struct pairs *test, struct split *out)
{
	*out = (struct split){train->user, train->item, input->user, input->item, test->user,
	                      test->item,  train->n,    input->n,    test->n};
}

void split_holdout(const struct csr *m, uint64_t seed, struct split *out)
{
	struct pairs train = {0}, input = {0}, test = {0};
	uint32_t *row = xmalloc((m->cols ? m->cols : 1) * sizeof(*row));
	for (size_t u = 0; u < m->rows; u++) {
		size_t n = m->ptr[u + 1] - m->ptr[u], held = shuffle_user(m, u, seed, row);
		for (size_t k = 0; k < n; k++) {
			pairs_add(k < held ? &test : &train, (uint32_t)u, row[k]);
			if (k >= held)
				pairs_add(&input, (uint32_t)u, row[k]);
		}
	}
	free(row);
	finish(&train, &input, &test, out);
}

void split_strong(const struct csr *m, uint64_t seed, double heldout_share, struct split *out)
{
	struct pairs train = {0}, input = {0}, test = {0};
	/* the held-out users: a seeded shuffle of those with positives */
	size_t *users = xmalloc((m->rows ? m->rows : 1) * sizeof(*users)), active = 0;
	for (size_t u = 0; u < m->rows; u++)
		if (m->ptr[u + 1] > m->ptr[u])
			users[active++] = u;
	struct rng r;
	rng_seed(&r, seed ^ 0x5157A7C5ULL);
	for (size_t i = active; i > 1; i--) {
		size_t j = (size_t)(rng_next(&r) % i), t = users[i - 1];
		users[i - 1] = users[j];
		users[j] = t;
	}
	size_t heldout = (size_t)((double)active * heldout_share + 0.5);
	unsigned char *is_heldout = xcalloc(m->rows ? m->rows : 1, 1);
	for (size_t i = 0; i < heldout; i++)
		is_heldout[users[i]] = 1;
	uint32_t *row = xmalloc((m->cols ? m->cols : 1) * sizeof(*row));
	for (size_t u = 0; u < m->rows; u++) {
		size_t n = m->ptr[u + 1] - m->ptr[u];
		size_t held = is_heldout[u] ? shuffle_user(m, u, seed, row) : 0;
		if (!is_heldout[u])
			memcpy(row, m->idx + m->ptr[u], n * sizeof(*row));
		for (size_t k = 0; k < n; k++)
			pairs_add(!is_heldout[u] ? &train
			          : k < held     ? &test
			                         : &input,
			          (uint32_t)u, row[k]);
	}
	free(row);
	free(users);
	free(is_heldout);
	finish(&train, &input, &test, out);
}

/* A pair of one user, to order latest first: by time, then by line. */
struct stamp {
	int64_t user, time;
	size_t k;
};

static int cmp_stamp(const void *pa, const void *pb)
{
	const struct stamp *a = pa, *b = pb;
	if (a->user != b->user)
		return a->user < b->user ? -1 : 1;
	if (a->time != b->time)
		return a->time > b->time ? -1 : 1;
	return (a->k < b->k) - (a->k > b->k);
}

void split_last(const struct interactions *in, size_t depth, struct split *out)
{
	struct pairs train = {0}, input = {0}, test = {0};
	struct stamp *st = xmalloc((in->n ? in->n : 1) * sizeof(*st));
	for (size_t k = 0; k < in->n; k++)
		st[k] = (struct stamp){in->user[k], in->time[k], k};
	qsort(st, in->n, sizeof(*st), cmp_stamp);
	for (size_t a = 0, b; a < in->n; a = b) {
		for (b = a + 1; b < in->n && st[b].user == st[a].user; b++)
			;
		uint32_t u = (uint32_t)st[a].user;
		bool held = b - a > depth + 1;
		uint32_t test_item = held ? in->item[st[a + depth].k] : UINT32_MAX;
		if (held)
			pairs_add(&test, u, test_item);
		for (size_t k = a + (held ? depth + 1 : 0); k < b; k++) {
			uint32_t item = in->item[st[k].k];
			if (item == test_item)
				continue;
			pairs_add(&train, u, item);
			pairs_add(&input, u, item);
		}
	}
	free(st);
	finish(&train, &input, &test, out);
}

void split_release(struct split *s)
{
	free(s->train_user);
	free(s->train_item);
	free(s->input_user);
	free(s->input_item);
	free(s->test_user);
	free(s->test_item);
	memset(s, 0, sizeof(*s));
}

double metric_recall(const uint32_t *ranked, size_t ranked_n, const uint32_t *test, size_t test_n,
                     size_t k)
{
	if (!test_n)
		return 0.0;
	size_t hits = 0;
	for (size_t i = 0; i < k && i < ranked_n; i++)
		hits += sorted_has(test, test_n, ranked[i]);
	return (double)hits / (double)(k < test_n ? k : test_n);
}

double metric_precision(const uint32_t *ranked, size_t ranked_n, const uint32_t *test,
                        size_t test_n, size_t k)
{
	size_t hits = 0;
	for (size_t i = 0; i < k && i < ranked_n; i++)
		hits += sorted_has(test, test_n, ranked[i]);
	return k ? (double)hits / (double)k : 0.0;
}

double metric_ndcg(const uint32_t *ranked, size_t ranked_n, const uint32_t *test, size_t test_n,
                   size_t k)
{
	double dcg = 0.0, ideal = 0.0;
	for (size_t i = 0; i < k && i < ranked_n; i++)
		if (sorted_has(test, test_n, ranked[i]))
			dcg += 1.0 / log2((double)i + 2.0);
	for (size_t i = 0; i < k && i < test_n; i++)
		ideal += 1.0 / log2((double)i + 2.0);
	return ideal > 0 ? dcg / ideal : 0.0;
}

static int cmp_u32_desc(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x < y) - (x > y);
}

double metric_effective_catalogue_size(uint32_t *counts, size_t items)
{
	qsort(counts, items, sizeof(*counts), cmp_u32_desc);
	double total = 0, ecs = 0;
	for (size_t i = 0; i < items; i++)
		total += counts[i];
	if (total <= 0)
		return 0.0;
	for (size_t i = 0; i < items; i++)
		ecs += (double)counts[i] / total * (double)(i + 1);
	return 2.0 * ecs - 1.0;
}

static void score_model(void *ctx, size_t user, const uint32_t *seen, const float *conf, size_t n,
                        double *scores)
{
	(void)user;
	reco_model_score(ctx, seen, conf, n, scores);
}

void evaluate(const struct reco_model *model, const struct csr *input, const struct csr *test,
              const struct as_of *catalogue, struct eval_result *out)
{
	evaluate_by(score_model, (void *)model, input, test, catalogue, out);
}

void evaluate_by(eval_score_fn score, void *ctx, const struct csr *input, const struct csr *test,
                 const struct as_of *catalogue, struct eval_result *out)
{
	size_t items = input->cols, kmax = eval_cutoffs[EVAL_CUTOFFS - 1];
	double *scores = xmalloc((items ? items : 1) * sizeof(*scores));
	uint32_t *top = xmalloc(kmax * sizeof(*top));
	uint32_t *shown = xcalloc(EVAL_CUTOFFS * (items ? items : 1), sizeof(*shown));
	uint32_t *excluded = catalogue ? xmalloc((items ? items : 1) * sizeof(*excluded)) : NULL;
	memset(out, 0, sizeof(*out));
	for (size_t u = 0; u < test->rows && u < input->rows; u++) {
		const uint32_t *t = test->idx + test->ptr[u];
		size_t tn = test->ptr[u + 1] - test->ptr[u];
		if (!tn)
			continue;
		const uint32_t *seen = input->idx + input->ptr[u];
		size_t sn = input->ptr[u + 1] - input->ptr[u];
		score(ctx, u, seen, input->val ? input->val + input->ptr[u] : NULL, sn, scores);
		const uint32_t *skip = seen;
		size_t skip_n = sn;
		if (catalogue) {
			skip_n = as_of_exclusions(catalogue, u, seen, sn, excluded);
			skip = excluded;
		}
		size_t got = reco_top_k(scores, items, skip, skip_n, kmax, top);
		for (int c = 0; c < EVAL_CUTOFFS; c++) {
			out->recall[c] += metric_recall(top, got, t, tn, eval_cutoffs[c]);
			out->ndcg[c] += metric_ndcg(top, got, t, tn, eval_cutoffs[c]);
			out->precision[c] += metric_precision(top, got, t, tn, eval_cutoffs[c]);
			for (size_t i = 0; i < eval_cutoffs[c] && i < got; i++)
				shown[(size_t)c * items + top[i]]++;
		}
		out->users++;
	}
	double users = out->users ? (double)out->users : 1.0;
	for (int c = 0; c < EVAL_CUTOFFS; c++) {
		uint32_t *counts = shown + (size_t)c * items;
		size_t distinct = 0;
		for (size_t i = 0; i < items; i++)
			distinct += counts[i] > 0;
		out->recall[c] /= users;
		out->ndcg[c] /= users;
		out->precision[c] /= users;
		out->coverage[c] = items ? (double)distinct / (double)items : 0.0;
		out->effective_catalogue[c] = metric_effective_catalogue_size(counts, items);
	}
	free(scores);
	free(top);
	free(shown);
	free(excluded);
}
