/* communities_eval.c - communities scored on a held-out start; see communities_eval.h. */
#include "reco/communities_eval.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "reco/communities.h"
#include "reco/model.h"
#include "core/banned.h"

/* The prior strengths, in views, among which communities_smoothing() chooses. */
static const double smoothing_grid[] = COMMUNITIES_SMOOTHING_GRID;

/* Each profile's latest start leaves views (n shrinks); held[] names them. */
static void hold_out_latest(struct reco_view *views, size_t *n, int64_t *held_profile,
                            int64_t *held_title, size_t *held_n)
{
	size_t w = 0;
	*held_n = 0;
	for (size_t i = 0; i < *n;) {
		size_t j = i, latest = i;
		while (j < *n && views[j].profile_id == views[i].profile_id) {
			if (views[j].first_s >= views[latest].first_s)
				latest = j;
			j++;
		}
		bool hold = j - i >= 2;
		if (hold) {
			held_profile[*held_n] = views[latest].profile_id;
			held_title[(*held_n)++] = views[latest].title_id;
		}
		for (size_t x = i; x < j; x++)
			if (!hold || x != latest)
				views[w++] = views[x];
		i = j;
	}
	*n = w;
}

/* Is target among the top COMMUNITIES_EVAL_TOP of scores outside row's seen items? */
static bool hit(const double *scores, size_t items, const struct csr *m, size_t row, long target)
{
	uint32_t top[COMMUNITIES_EVAL_TOP];
	size_t got = reco_top_k(scores, items, m->idx + m->ptr[row], m->ptr[row + 1] - m->ptr[row],
	                        COMMUNITIES_EVAL_TOP, top);
	for (size_t i = 0; i < got; i++)
		if ((long)top[i] == target)
			return true;
	return false;
}

/* NMI and ARI over the rows whose profile has a planted group. */
static void agreement(const struct log_matrix *lm, const struct clustering *c,
                      const int64_t *planted_ids, const int64_t *planted, size_t planted_n,
                      struct communities_score *out)
{
	int64_t *a = xmalloc((lm->m.rows + 1) * sizeof(*a)),
	        *t = xmalloc((lm->m.rows + 1) * sizeof(*t));
	size_t both = 0;
	for (size_t r = 0; r < lm->m.rows; r++) {
		long at = reco_index_of(planted_ids, planted_n, lm->profile_ids[r]);
		if (at >= 0) {
			a[both] = c->assign[r];
			t[both++] = planted[at];
		}
	}
	out->nmi = clustering_nmi(a, t, both);
	out->ari = clustering_ari(a, t, both);
	out->with_group = both;
	free(a);
	free(t);
}

/* Hit rates of the held-out starts: community counts, raw and smoothed, and global counts. */
static void hit_rates(const struct log_matrix *lm, const struct clustering *c,
                      const int64_t *held_profile, const int64_t *held_title, size_t held_n,
                      struct communities_score *out)
{
	size_t k = c->k, items = lm->m.cols;
	double *counts = xcalloc(k * items + 1, sizeof(*counts)),
	       *global = xcalloc(items + 1, sizeof(*global)),
	       *smoothed = xcalloc(k * items + 1, sizeof(*smoothed)), all = 0;
	for (size_t r = 0; r < lm->m.rows; r++)
		for (size_t e = lm->m.ptr[r]; e < lm->m.ptr[r + 1]; e++) {
			counts[(size_t)c->assign[r] * items + lm->m.idx[e]] += 1;
			global[lm->m.idx[e]] += 1;
			all += 1;
		}
	double m = communities_smoothing(counts, global, k, items, smoothing_grid,
	                                 sizeof(smoothing_grid) / sizeof(smoothing_grid[0]));
	for (size_t x = 0; x < k * items; x++)
		smoothed[x] = counts[x] + m * global[x % items] / (all > 0 ? all : 1);
	size_t tried = 0, hits_c = 0, hits_raw = 0, hits_p = 0;
	for (size_t h = 0; h < held_n; h++) {
		long row = reco_index_of(lm->profile_ids, lm->m.rows, held_profile[h]);
		long target = reco_index_of(lm->title_ids, items, held_title[h]);
		if (row < 0 || target < 0)
			continue; /* a title nobody else watched: no method can name it */
		size_t community = (size_t)c->assign[row] * items;
		tried++;
		hits_c += hit(smoothed + community, items, &lm->m, (size_t)row, target);
		hits_raw += hit(counts + community, items, &lm->m, (size_t)row, target);
		hits_p += hit(global, items, &lm->m, (size_t)row, target);
	}
	free(counts);
	free(smoothed);
	free(global);
	out->smoothing = m;
	out->held_out = tried;
	out->hit_rate = tried ? (double)hits_c / (double)tried : 0;
	out->hit_rate_raw = tried ? (double)hits_raw / (double)tried : 0;
	out->hit_rate_popularity = tried ? (double)hits_p / (double)tried : 0;
}

enum bg_err communities_evaluate(struct reco_view *views, size_t n, const int64_t *planted_ids,
                                 const int64_t *planted, size_t planted_n, size_t k, uint64_t seed,
                                 struct progress *pg, struct communities_score *out, char *msg,
                                 size_t msg_len)
{
	memset(out, 0, sizeof(*out));
	int64_t *held_profile = xmalloc((n + 1) * sizeof(int64_t)),
	        *held_title = xmalloc((n + 1) * sizeof(int64_t));
	size_t held_n;
	hold_out_latest(views, &n, held_profile, held_title, &held_n);
	struct log_matrix lm;
	log_matrix_build(views, n, 0, 0, &lm);
	enum bg_err rc = BG_OK;
	if (!k)
		k = communities_default_k(lm.m.rows);
	if (lm.m.rows < 2 || k > lm.m.rows) {
		snprintf(msg, msg_len, "%zu is more than the %zu profiles with viewing", k,
		         lm.m.rows);
		rc = BG_INVALID;
		goto out;
	}
	struct reco_params p;
	reco_params_init(RECO_IALS, &p);
	struct reco_model ials;
	if ((rc = reco_model_fit(RECO_IALS, &p, &lm.m, &ials))) {
		snprintf(msg, msg_len, "cannot fit iALS on the log");
		goto out;
	}
	struct clustering c;
	communities_cluster_profiles(&ials, &lm.m, k, seed, COMMUNITIES_ITERS, pg, &c);
	reco_model_release(&ials);
	out->k = k;
	out->profiles = lm.m.rows;
	agreement(&lm, &c, planted_ids, planted, planted_n, out);
	hit_rates(&lm, &c, held_profile, held_title, held_n, out);
	clustering_release(&c);
out:
	log_matrix_release(&lm);
	free(held_profile);
	free(held_title);
	return rc;
}
