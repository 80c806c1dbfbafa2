/* community_model.c - a community's smoothed popularity as a recommender; see community_model.h. */
#include "reco/community_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "reco/communities.h"
#include "reco/ials.h"
#include "reco/linalg.h"
#include "core/banned.h"

#define COMMUNITY_SEED 42

enum bg_err community_fit(const struct csr *train, const struct reco_params *p,
                          struct reco_model *m)
{
	size_t items = train->cols, k = (size_t)p->communities, d;
	m->parts = xcalloc(2, sizeof(*m->parts));
	struct reco_params ials = *p;
	ials.seeds = 1;
	/* ials_fit rather than reco_model_fit: model.c dispatches here, so calling back would loop
	 * the modules */
	m->parts[0].kind = RECO_IALS;
	m->parts[0].items = items;
	m->parts[0].params = ials;
	enum bg_err rc = ials_fit(train, &ials, NULL, &m->parts[0]);
	if (rc)
		return rc;
	if (k > train->rows)
		k = train->rows ? train->rows : 1;
	struct clustering c;
	communities_cluster_profiles(&m->parts[0], train, k, COMMUNITY_SEED, COMMUNITIES_ITERS,
	                             NULL, &c);
	d = reco_ials_dims(&ials);
	m->communities = k;
	m->centres = xmalloc((k * d + 1) * sizeof(*m->centres));
	memcpy(m->centres, c.centres, k * d * sizeof(*m->centres));
	/* rows 0..k-1: members having each title; row k: everyone; then each row's sum */
	m->weights = xcalloc((k + 1) * (items + 1), sizeof(*m->weights));
	double *sums = m->weights + (k + 1) * items;
	for (size_t r = 0; r < train->rows; r++)
		for (size_t at = train->ptr[r]; at < train->ptr[r + 1]; at++) {
			m->weights[(size_t)c.assign[r] * items + train->idx[at]] += 1.0;
			m->weights[k * items + train->idx[at]] += 1.0;
			sums[c.assign[r]] += 1.0;
			sums[k] += 1.0;
		}
	clustering_release(&c);
	return BG_OK;
}

/* Weights of the communities for a user at x: their nearest alone when spread is 0. */
static void community_weights(const struct reco_model *m, const double *x, double *w)
{
	size_t k = m->communities, d = reco_ials_dims(&m->parts[0].params), best = 0;
	for (size_t c = 0; c < k; c++) { /* centres are unit length: the dot ranks as cosine */
		w[c] = linalg()->ddot((int)d, x, 1, m->centres + c * d, 1);
		if (w[c] > w[best])
			best = c;
	}
	double spread = m->params.spread, top = w[best], sum = 0;
	for (size_t c = 0; c < k; c++) {
		w[c] = spread > 0 ? exp((w[c] - top) / spread) : c == best;
		sum += w[c];
	}
	for (size_t c = 0; c < k; c++)
		w[c] /= sum;
}

/*
 * sum_c w_c (n_ci + s p_i) / (N_c + s), p_i = all_i / everyone, as one
 * axpy a community and one for everyone's share (the mix reads every
 * community's row, so each is one pass).
 */
void community_score(const struct reco_model *m, const uint32_t *seen, const float *conf, size_t n,
                     double *scores)
{
	const struct reco_model *ials = &m->parts[0];
	size_t items = m->items, k = m->communities;
	double x[RECO_IALS_MAX_FACTORS];
	double *w = xcalloc(k + 1, sizeof(*w));
	if (n && ials_fold_in(ials, seen, conf, n, x))
		community_weights(m, x, w);
	else
		w[k] = 1.0; /* no community: everyone's popularity */
	const double *sums = m->weights + (k + 1) * items, *all = m->weights + k * items;
	double s = m->params.smoothing, pull = 0; /* pull: the weight of everyone's share */
	memset(scores, 0, items * sizeof(*scores));
	for (size_t c = 0; c <= k; c++) {
		if (w[c] < 1e-9 || sums[c] + s <= 0) /* too far to move a score; or nothing */
			continue;
		double coef = w[c] / (sums[c] + s);
		linalg()->daxpy((int)items, coef, m->weights + c * items, 1, scores, 1);
		pull += coef * s;
	}
	if (pull > 0 && sums[k] > 0)
		linalg()->daxpy((int)items, pull / sums[k], all, 1, scores, 1);
	free(w);
}
