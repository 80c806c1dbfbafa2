/* ials.c - implicit ALS with frequency-scaled regularisation; see ials.h and model.h. */
#include "reco/ials.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audience/rng.h"
#include "core/mem.h"
#include "reco/linalg.h"
#include "core/progress.h"
#include "core/banned.h"

/*
 * The solve's settings: dimensions, unobserved weight, regularisation and
 * its exponent, and the distance between rows of the other side's factors
 * (a model from several seeds keeps one block of d per seed in each row).
 */
struct solve {
	size_t d;
	double alpha, reg, nu;
	size_t stride;
	int cg; /* conjugate-gradient steps from the row's last value; 0: exact */
};

/* The row's regularisation reg_n (see solve_row). */
static double row_reg(const struct solve *sv, size_t n, size_t m)
{
	/* (alpha m)^(1 - nu) keeps an empty row's weight at reg alpha m whatever nu */
	double unobserved = sv->alpha * (double)m;
	return sv->reg * pow((double)n + unobserved, sv->nu) * pow(unobserved, 1.0 - sv->nu);
}

/*
 * Solves one row x from the other side's factors f (rows stride apart, d
 * used) for the columns cols[0..n) with confidences conf (NULL: 1):
 * (alpha G + sum c f_c f_c^T + reg_n I) x = sum c f_c, where G = f^T f over
 * all m rows, reg_n = reg (n + alpha m)^nu (alpha m)^(1 - nu). a: d x d
 * workspace.
 */
static int solve_row(const struct solve *sv, const double *f, const double *gram, size_t m,
                     const uint32_t *cols, const float *conf, size_t n, double *a, double *x)
{
	size_t D = sv->d;
	for (size_t k = 0; k < D * D; k++)
		a[k] = sv->alpha * gram[k];
	memset(x, 0, D * sizeof(*x));
	/* plain loops: at d = 64 a BLAS call costs more in thread hand-off than it saves */
	for (size_t c = 0; c < n; c++) {
		const double *row = f + (size_t)cols[c] * sv->stride;
		double w = conf ? conf[c] : 1.0;
		for (size_t i = 0; i < D; i++) {
			double ri = w * row[i];
			for (size_t j = i; j < D; j++)
				a[i * D + j] += ri * row[j];
			x[i] += ri;
		}
	}
	double reg = row_reg(sv, n, m);
	for (size_t k = 0; k < D; k++)
		a[k * D + k] += reg;
	/* a's upper triangle by rows is the lower one by columns: column-major
	 * spares LAPACKE a transposed copy of a per row (tuning iALS at
	 * ml-latest-small's shape: 108 -> 75 s) */
	return linalg()->dposv(LAPACK_COL_MAJOR, 'L', (lapack_int)D, 1, a, (lapack_int)D, x,
	                       (lapack_int)D);
}

/* out = A v for the row's matrix A of solve_row, without forming A: O(d^2 + n d). */
static void row_times(const struct solve *sv, const double *f, const double *gram, double reg,
                      const uint32_t *cols, const float *conf, size_t n, const double *v,
                      double *out)
{
	size_t D = sv->d;
	memcpy(out, v, D * sizeof(*out));
	linalg()->dsymv(CblasRowMajor, CblasUpper, (int)D, sv->alpha, gram, (int)D, v, 1, reg, out, 1);
	for (size_t c = 0; c < n; c++) {
		const double *row = f + (size_t)cols[c] * sv->stride;
		double dot = 0.0;
		for (size_t i = 0; i < D; i++)
			dot += row[i] * v[i];
		dot *= conf ? conf[c] : 1.0;
		for (size_t i = 0; i < D; i++)
			out[i] += dot * row[i];
	}
}

/*
 * The same system as solve_row, by sv->cg conjugate-gradient steps from
 * x's current value (the row's solution of the last sweep), as Rendle et
 * al. 2021 train: each step costs O(d^2 + n d) against Cholesky's O(d^3),
 * and a warm start needs few. work: 3 d.
 */
static void solve_row_cg(const struct solve *sv, const double *f, const double *gram, size_t m,
                         const uint32_t *cols, const float *conf, size_t n, double *work, double *x)
{
	size_t D = sv->d;
	double *r = work, *p = work + D, *ap = work + 2 * D, reg = row_reg(sv, n, m);
	row_times(sv, f, gram, reg, cols, conf, n, x, ap);
	for (size_t i = 0; i < D; i++)
		r[i] = -ap[i];
	for (size_t c = 0; c < n; c++) { /* r = b - A x, b = sum c f_c */
		const double *row = f + (size_t)cols[c] * sv->stride;
		double w = conf ? conf[c] : 1.0;
		for (size_t i = 0; i < D; i++)
			r[i] += w * row[i];
	}
	memcpy(p, r, D * sizeof(*p));
	double rr = linalg()->ddot((int)D, r, 1, r, 1);
	for (int step = 0; step < sv->cg && rr > 1e-20; step++) {
		row_times(sv, f, gram, reg, cols, conf, n, p, ap);
		double pap = linalg()->ddot((int)D, p, 1, ap, 1);
		if (!(pap > 0))
			break;
		double a = rr / pap;
		for (size_t i = 0; i < D; i++) {
			x[i] += a * p[i];
			r[i] -= a * ap[i];
		}
		double next = linalg()->ddot((int)D, r, 1, r, 1);
		for (size_t i = 0; i < D; i++)
			p[i] = r[i] + next / rr * p[i];
		rr = next;
	}
}

/* G = f^T f for rows x D factors (full symmetric). */
static void gram_of(const double *f, size_t rows, size_t D, double *g)
{
	linalg()->dsyrk(CblasRowMajor, CblasUpper, CblasTrans, (int)D, (int)rows, 1.0, f, (int)D, 0.0,
	            g, (int)D);
	for (size_t i = 0; i < D; i++)
		for (size_t j = 0; j < i; j++)
			g[i * D + j] = g[j * D + i];
}

/* One side's rows solved from the other side's factors. */
static enum bg_err sweep(const struct solve *sv, const struct csr *m, const double *other,
                         size_t other_rows, double *mine, double *gram, double *a)
{
	gram_of(other, other_rows, sv->d, gram);
	for (size_t r = 0; r < m->rows; r++) {
		const uint32_t *cols = m->idx + m->ptr[r];
		const float *conf = m->val ? m->val + m->ptr[r] : NULL;
		size_t n = m->ptr[r + 1] - m->ptr[r];
		if (sv->cg)
			solve_row_cg(sv, other, gram, other_rows, cols, conf, n, a,
			             mine + r * sv->d);
		else if (solve_row(sv, other, gram, other_rows, cols, conf, n, a, mine + r * sv->d))
			return BG_INVALID;
	}
	return BG_OK;
}

/* One model from the random start seed: its item factors into vf (items x D). */
static enum bg_err fit_one(const struct csr *train, const struct csr *by_item,
                           const struct reco_params *p, uint64_t seed, struct progress *pg,
                           int sweeps_before, double *vf)
{
	size_t users = train->rows, items = train->cols, D = (size_t)p->factors;
	struct solve sv = {D, p->alpha, p->reg, p->nu, D, (int)p->cg};
	double *uf = xcalloc(users * D + 1, sizeof(*uf));
	double *gram = xmalloc(D * D * sizeof(*gram)),
	       *a = xmalloc((D * D + 3 * D) * sizeof(*a)); /* Cholesky's matrix or CG's vectors */
	struct rng r;
	rng_seed(&r, seed);
	for (size_t k = 0; k < items * D; k++) /* uniform in +-0.1/sqrt(D) */
		vf[k] = ((double)(rng_next(&r) >> 11) / 9007199254740992.0 - 0.5) * 0.2 /
		        sqrt((double)D);
	enum bg_err rc = BG_OK;
	for (int s = 0; s < (int)p->iters && !rc; s++) {
		if (pg) {
			char label[32];
			snprintf(label, sizeof(label), "sweep %d of %d", sweeps_before + s + 1,
			         (int)(p->iters * p->seeds));
			progress_update(pg, (size_t)(sweeps_before + s) + 1, label);
		}
		rc = sweep(&sv, train, vf, items, uf, gram, a);
		if (!rc)
			rc = sweep(&sv, by_item, uf, users, vf, gram, a);
	}
	free(uf);
	free(a);
	free(gram);
	return rc;
}

enum bg_err ials_fit(const struct csr *train, const struct reco_params *p, struct progress *pg,
                     struct reco_model *m)
{
	size_t items = train->cols, D = (size_t)p->factors, S = (size_t)p->seeds,
	       W = reco_ials_dims(p);
	struct csr by_item;
	csr_transpose(train, &by_item);
	double *weights = xmalloc((items * W + 1) * sizeof(*weights)),
	       *gram = xmalloc(S * D * D * sizeof(*gram)),
	       *vf = xmalloc((items * D + 1) * sizeof(*vf));
	enum bg_err rc = BG_OK;
	for (size_t s = 0; s < S && !rc; s++) {
		/* seed 42 first: a one-seed model is the model binge always fitted */
		rc = fit_one(train, &by_item, p, 42 + s, pg, (int)(s * (size_t)p->iters), vf);
		for (size_t i = 0; i < items && !rc; i++)
			memcpy(weights + i * W + s * D, vf + i * D, D * sizeof(*vf));
		if (!rc)
			gram_of(vf, items, D, gram + s * D * D);
	}
	free(vf);
	csr_release(&by_item);
	if (rc) {
		free(weights);
		free(gram);
		return rc;
	}
	m->weights = weights;
	m->gram = gram;
	return BG_OK;
}

bool ials_fold_in(const struct reco_model *m, const uint32_t *seen, const float *conf, size_t n,
                  double *x)
{
	size_t D = (size_t)m->params.factors, W = reco_ials_dims(&m->params);
	struct solve sv = {D, m->params.alpha, m->params.reg, m->params.nu, W, 0}; /* exact */
	double *a = xmalloc(D * D * sizeof(*a));
	bool ok = true;
	for (size_t s = 0; ok && s < (size_t)m->params.seeds; s++)
		ok = solve_row(&sv, m->weights + s * D, m->gram + s * D * D, m->items, seen, conf,
		               n, a, x + s * D) == 0;
	free(a);
	if (!ok)
		memset(x, 0, W * sizeof(*x));
	return ok;
}

void ials_score(const struct reco_model *m, const uint32_t *seen, const float *conf, size_t n,
                double *scores)
{
	size_t D = reco_ials_dims(&m->params);
	double x[RECO_IALS_MAX_FACTORS];
	if (!ials_fold_in(m, seen, conf, n, x)) {
		memset(scores, 0, m->items * sizeof(*scores));
		return;
	}
	linalg()->dgemv(CblasRowMajor, CblasNoTrans, (int)m->items, (int)D, 1.0, m->weights, (int)D, x,
	            1, 0.0, scores, 1);
}
