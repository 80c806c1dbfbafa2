/* tune.c - hyper-parameters chosen on validation splits; see tune.h. */
#include "reco/tune.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/progress.h"
#include "reco/ease_dual.h"
#include "reco/evaluate.h"
#include "reco/linalg.h"
#include "reco/model.h"
#include "core/banned.h"

static const double ease_grid[] = {10, 50, 100, 200, 300, 500, 800, 1200, 2000, -1};
static const double knn_grid[] = {1, 5, 10, 20, 50, 100, 200, -1};
static const double ials_grid[] = {0.003, 0.01, 0.015, 0.02, 0.025, 0.03,
                                   0.035, 0.04, 0.05,  0.1,  -1};
static const double alpha_grid[] = {0.05, 0.07, 0.1, 0.14, 0.2, -1};
static const double nu_grid[] = {1, 0.75, 0.5, 0.25, -1};
static const double weight_grid[] = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, -1};
static const double communities_grid[] = {5, 10, 20, 40, 80, 160, -1};
static const double smoothing_grid[] = {0, 1, 3, 10, 30, 100, 300, 1000, 3000, -1};
static const double spread_grid[] = {0, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, -1};
#define TUNE_GRID_MAX 16 /* values in the longest grid, and room */

/*
 * A parameter chosen on validation: each value of grid is tried with a
 * model of kind fit_as; a score_only one (the blend's weight) changes
 * scoring, not fitting, so its model is fitted once.
 */
struct tuning {
	const char *name;
	const double *grid;
	enum reco_kind fit_as;
	bool score_only;
};

#define TUNED_MAX 5 /* the most parameters a kind has chosen on validation */
static const struct tuning tunings[][TUNED_MAX] = {
        [RECO_POPULARITY] = {{0}},
        [RECO_ITEMKNN] = {{"shrink", knn_grid, RECO_ITEMKNN, false}},
        [RECO_EASE] = {{"lambda", ease_grid, RECO_EASE, false}},
        [RECO_IALS] = {{"reg", ials_grid, RECO_IALS, false},
                       {"alpha", alpha_grid, RECO_IALS, false},
                       {"nu", nu_grid, RECO_IALS, false}},
        [RECO_BLEND] = {{"reg", ials_grid, RECO_IALS, false},
                        {"alpha", alpha_grid, RECO_IALS, false},
                        {"nu", nu_grid, RECO_IALS, false},
                        {"lambda", ease_grid, RECO_EASE, false},
                        {"weight", weight_grid, RECO_BLEND, true}},
        [RECO_COMMUNITY] = {{"communities", communities_grid, RECO_COMMUNITY, false},
                            {"spread", spread_grid, RECO_COMMUNITY, true},
                            {"smoothing", smoothing_grid, RECO_COMMUNITY, true}},
};

static const struct tuning *tuning_of(enum reco_kind kind, const char *name, size_t len)
{
	for (size_t t = 0; t < TUNED_MAX && tunings[kind][t].name; t++)
		if (strlen(tunings[kind][t].name) == len &&
		    strncmp(tunings[kind][t].name, name, len) == 0)
			return &tunings[kind][t];
	return NULL;
}

const double *tune_grid(enum reco_kind kind, const char *name)
{
	const struct tuning *tu = tuning_of(kind, name, strlen(name));
	return tu ? tu->grid : NULL;
}

const struct as_of *eval_split_catalogue(const struct eval_split *s)
{
	return s->catalogue.entered ? &s->catalogue : NULL;
}

/* The three matrices of a split of pairs (which is released). */
static void split_to_csr(size_t rows, size_t cols, struct split *s, struct eval_split *out)
{
	csr_from_pairs(rows, cols, s->train_user, s->train_item, s->train_n, &out->train);
	csr_from_pairs(rows, cols, s->input_user, s->input_item, s->input_n, &out->input);
	csr_from_pairs(rows, cols, s->test_user, s->test_item, s->test_n, &out->test);
	split_release(s);
}

static void split_csr(const struct csr *m, uint64_t seed, bool strong, struct eval_split *out)
{
	struct split s;
	if (strong)
		split_strong(m, seed, TUNE_HELDOUT_SHARE, &s);
	else
		split_holdout(m, seed, &s);
	split_to_csr(m->rows, m->cols, &s, out);
}

void tune_splits_make(const struct interactions *in, const struct csr *all,
                      enum tune_protocol protocol, uint64_t seed, long horizon_days,
                      struct tune_splits *out)
{
	memset(out, 0, sizeof(*out));
	if (protocol == TUNE_LAST) { /* by time: no seed, one validation split */
		struct split s;
		split_last(in, 0, &s);
		split_to_csr(in->users, in->items, &s, &out->outer);
		split_last(in, 1, &s);
		split_to_csr(in->users, in->items, &s, &out->inner[0]);
		out->inner_n = 1;
	} else {
		bool strong = protocol == TUNE_STRONG;
		split_csr(all, seed, strong, &out->outer);
		out->inner_n = TUNE_SPLITS;
		for (size_t v = 0; v < out->inner_n; v++)
			split_csr(&out->outer.train, seed + 1 + v, strong, &out->inner[v]);
	}
	struct eval_split *each[1 + TUNE_SPLITS] = {&out->outer};
	for (size_t v = 0; v < out->inner_n; v++)
		each[1 + v] = &out->inner[v];
	for (size_t i = 0; i < 1 + out->inner_n; i++) { /* a weight file's confidences */
		csr_copy_values(&each[i]->train, all);
		csr_copy_values(&each[i]->input, all);
	}
	if (horizon_days < 0)
		return;
	for (size_t i = 0; i < 1 + out->inner_n; i++)
		as_of_build(in, &each[i]->train, &each[i]->input, horizon_days,
		            &each[i]->catalogue);
}

static void eval_split_release(struct eval_split *s)
{
	csr_release(&s->train);
	csr_release(&s->input);
	csr_release(&s->test);
	as_of_release(&s->catalogue); /* free(NULL) when not dated */
}

void tune_splits_release(struct tune_splits *s)
{
	eval_split_release(&s->outer);
	for (size_t v = 0; v < s->inner_n; v++)
		eval_split_release(&s->inner[v]);
	memset(s, 0, sizeof(*s));
}

/* One split's scores, rows x items, as evaluate_by() asks for them. */
struct score_rows {
	const double *rows;
	size_t items;
};

static void score_row(void *ctx, size_t user, const uint32_t *seen, const float *conf, size_t n,
                      double *scores)
{
	(void)seen, (void)conf, (void)n;
	const struct score_rows *sr = ctx;
	memcpy(scores, sr->rows + user * sr->items, sr->items * sizeof(*scores));
}

/* EASE on a validation split through the users' kernel (dual), at p's lambda. */
static void evaluate_dual(const struct ease_dual *dual, const struct eval_split *valid,
                          const struct reco_params *p, struct eval_result *r)
{
	size_t items = valid->input.cols;
	double *rows = xmalloc((valid->input.rows * items + 1) * sizeof(*rows));
	ease_dual_scores(dual, p->lambda, rows);
	struct score_rows sr = {rows, items};
	evaluate_by(score_row, &sr, &valid->input, &valid->test, eval_split_catalogue(valid), r);
	free(rows);
}

/* One validation split's part of a value's trial, run on its own thread. */
struct split_trial {
	const struct tuning *tu;
	const struct reco_params *p;
	const struct eval_split *valid;
	struct reco_model *m;
	bool *fitted;
	const struct ease_dual *dual;
	double recall; /* -1: the fit failed */
};

static void *run_trial(void *arg)
{
	struct split_trial *t = arg;
	struct eval_result r;
	t->recall = -1.0;
	if (t->dual) {
		evaluate_dual(t->dual, t->valid, t->p, &r);
		t->recall = r.recall[1];
		return NULL;
	}
	if (!*t->fitted || !t->tu->score_only) {
		reco_model_release(t->m);
		*t->fitted = reco_model_fit(t->tu->fit_as, t->p, &t->valid->train, t->m) == BG_OK;
		if (!*t->fitted)
			return NULL;
	}
	t->m->params = *t->p;
	evaluate(t->m, &t->valid->input, &t->valid->test, eval_split_catalogue(t->valid), &r);
	t->recall = r.recall[1];
	return NULL;
}

/*
 * Mean validation Recall@20 of p; m[] are (re)fitted as tu needs, or the
 * splits with a dual[] are scored through it. -1 if a fit fails. The
 * splits are independent and run one thread each, BLAS on one thread
 * meanwhile (OpenBLAS's own pool would serialise them): iALS's fit is
 * small solves, so the splits in turn left the other cores idle. Not
 * EASE's Cholesky (or a blend holding one): it takes items^2 floats a
 * split, and its LAPACK already uses every core.
 */
static double validation_recall(const struct tuning *tu, const struct reco_params *p,
                                const struct tune_splits *splits, struct reco_model *m,
                                bool *fitted, struct ease_dual *const *dual)
{
	struct split_trial trials[TUNE_SPLITS];
	pthread_t tid[TUNE_SPLITS];
	bool started[TUNE_SPLITS] = {false}, cholesky = false;
	for (size_t v = 0; v < splits->inner_n; v++)
		cholesky |= !dual[v] && (tu->fit_as == RECO_EASE || tu->fit_as == RECO_BLEND);
	int blas_threads = cholesky ? 0 : linalg_threads(1);
	for (size_t v = 0; v < splits->inner_n; v++) {
		trials[v] = (struct split_trial){tu,      p,   &splits->inner[v], &m[v], &fitted[v],
		                                 dual[v], -1.0};
		started[v] = v > 0 && !cholesky &&
		             pthread_create(&tid[v], NULL, run_trial, &trials[v]) == 0;
	}
	run_trial(&trials[0]);
	double sum = 0.0;
	bool failed = false;
	for (size_t v = 0; v < splits->inner_n; v++) {
		if (started[v])
			pthread_join(tid[v], NULL);
		else if (v > 0)
			run_trial(&trials[v]);
		failed |= trials[v].recall < 0;
		sum += trials[v].recall;
	}
	if (blas_threads)
		linalg_threads(blas_threads);
	return failed ? -1.0 : sum / (double)splits->inner_n;
}

static bool is_fixed(const struct tuning *tu, const char *const *fixed, size_t fixed_n)
{
	size_t len = strlen(tu->name);
	for (size_t i = 0; i < fixed_n; i++)
		if (strncmp(fixed[i], tu->name, len) == 0 &&
		    (!fixed[i][len] || fixed[i][len] == '='))
			return true;
	return false;
}

/* Progress over every value tried: steps done of the whole choice. */
struct tune_progress {
	struct progress *pg;
	size_t done;
};

/* The grid index nearest value (the parameter's default, or the last round's choice). */
static size_t nearest(const double *grid, double value)
{
	size_t at = 0;
	for (size_t g = 1; grid[g] >= 0; g++)
		if (fabs(grid[g] - value) < fabs(grid[at] - value))
			at = g;
	return at;
}

/*
 * Chooses tu's value on its grid by a walk with early stopping: from the
 * grid value nearest p's, it steps to whichever neighbour scores better
 * until neither does (ties keep the lower value), so a grid of ten costs
 * three to five values rather than ten. Recall moves smoothly along these
 * grids (log-spaced); a walk can stop on a local best that a full sweep
 * would pass, which the second round, from the others' new values, may
 * still leave. p keeps the best; returns
 * its recall. EASE's lambda on a split with far fewer rows than columns is
 * scored through the users' kernel, decomposed once for the whole grid.
 */
static double choose_one(const struct tuning *tu, const struct tune_splits *splits,
                         struct reco_params *p, struct tune_progress *tp)
{
	struct reco_model m[TUNE_SPLITS] = {0};
	bool fitted[TUNE_SPLITS] = {false};
	struct ease_dual *dual[TUNE_SPLITS] = {NULL};
	for (size_t v = 0; v < splits->inner_n && tu->fit_as == RECO_EASE && !tu->score_only; v++)
		if (ease_dual_pays(&splits->inner[v].train))
			dual[v] = ease_dual_new(&splits->inner[v].train, &splits->inner[v].input);
	size_t values = 0;
	while (tu->grid[values] >= 0)
		values++;
	double recall[TUNE_GRID_MAX];
	for (size_t g = 0; g < values; g++)
		recall[g] = -2.0; /* not tried; -1 is a failed fit */
	size_t at = nearest(tu->grid, reco_param_get(p, tu->name));
	for (;;) {
		/* at and its neighbours, each tried once */
		for (size_t g = at ? at - 1 : 0; g <= at + 1 && g < values; g++) {
			if (recall[g] > -2.0)
				continue;
			reco_param_put(p, tu->name, tu->grid[g]);
			recall[g] = validation_recall(tu, p, splits, m, fitted, dual);
			if (tp->pg) {
				char label[96];
				snprintf(label, sizeof(label), "%s %g: Recall@20 %.4f", tu->name,
				         tu->grid[g], recall[g]);
				progress_update(tp->pg, ++tp->done, label);
			}
		}
		size_t next = at;
		if (at > 0 && recall[at - 1] >= recall[next])
			next = at - 1;
		if (at + 1 < values && recall[at + 1] > recall[next])
			next = at + 1;
		if (next == at)
			break;
		at = next;
	}
	for (size_t v = 0; v < splits->inner_n; v++) {
		reco_model_release(&m[v]);
		ease_dual_free(dual[v]);
	}
	reco_param_put(p, tu->name, tu->grid[at]);
	return recall[at];
}

double tune_choose(enum reco_kind kind, const char *const *fixed, size_t fixed_n,
                   const struct tune_splits *splits, struct reco_params *p)
{
	return tune_choose_shown(kind, fixed, fixed_n, splits, p, NULL);
}

double tune_choose_shown(enum reco_kind kind, const char *const *fixed, size_t fixed_n,
                         const struct tune_splits *splits, struct reco_params *p,
                         struct progress *pg)
{
	double best_recall = -1.0, seeds = p->seeds;
	p->seeds = 1;
	size_t open = 0, steps = 0;
	for (size_t t = 0; t < TUNED_MAX && tunings[kind][t].name; t++)
		if (!is_fixed(&tunings[kind][t], fixed, fixed_n)) {
			open++;
			for (size_t g = 0; tunings[kind][t].grid[g] >= 0; g++)
				steps++;
		}
	int rounds = open > 1 ? 2 : 1;
	struct tune_progress tp = {pg, 0};
	if (pg && steps)
		progress_start(pg, "tuning on validation", steps * (size_t)rounds);
	for (int round = 0; round < rounds; round++)
		for (size_t t = 0; t < TUNED_MAX && tunings[kind][t].name; t++)
			if (!is_fixed(&tunings[kind][t], fixed, fixed_n))
				best_recall = choose_one(&tunings[kind][t], splits, p, &tp);
	if (pg && steps)
		progress_end(pg);
	p->seeds = seeds;
	return best_recall;
}
