/* ials.c - implicit ALS with frequency-scaled regularisation; see ials.h and model.h. */
#include "reco/ials.h"

#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audience/rng.h"
#include "core/mem.h"
#include "core/banned.h"

#define D RECO_IALS_FACTORS

/*
 * Solves one row x from the other side's factors f (rows of D) for the
 * columns cols[0..n): (ALPHA0 G + sum f_c f_c^T + lambda (n + ALPHA0 m) I) x
 * = sum f_c, where G = f^T f over all m rows. a: D x D workspace.
 */
static int solve_row(const double *f, const double *gram, size_t m, const uint32_t *cols, size_t n,
                     double lambda, double *a, double *x)
{
	for (size_t k = 0; k < (size_t)D * D; k++)
		a[k] = RECO_IALS_ALPHA0 * gram[k];
	memset(x, 0, D * sizeof(*x));
	/* plain loops: at D = 64 a BLAS call costs more in thread hand-off than it saves */
	for (size_t c = 0; c < n; c++) {
		const double *row = f + (size_t)cols[c] * D;
		for (size_t i = 0; i < D; i++) {
			double ri = row[i];
			for (size_t j = i; j < D; j++)
				a[i * D + j] += ri * row[j];
			x[i] += ri;
		}
	}
	double reg = lambda * ((double)n + RECO_IALS_ALPHA0 * (double)m);
	for (size_t k = 0; k < D; k++)
		a[k * D + k] += reg;
	return LAPACKE_dposv(LAPACK_ROW_MAJOR, 'U', D, 1, a, D, x, 1);
}

/* G = f^T f for rows x D factors (full symmetric). */
static void gram_of(const double *f, size_t rows, double *g)
{
	cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, D, (int)rows, 1.0, f, D, 0.0, g, D);
	for (size_t i = 0; i < D; i++)
		for (size_t j = 0; j < i; j++)
			g[i * D + j] = g[j * D + i];
}

/* One side's rows solved from the other side's factors. */
static enum bg_err sweep(const struct csr *m, const double *other, size_t other_rows, double lambda,
                         double *mine, double *gram, double *a)
{
	gram_of(other, other_rows, gram);
	for (size_t r = 0; r < m->rows; r++)
		if (solve_row(other, gram, other_rows, m->idx + m->ptr[r],
		              m->ptr[r + 1] - m->ptr[r], lambda, a, mine + r * D) != 0)
			return BG_INVALID;
	return BG_OK;
}

enum bg_err ials_fit(const struct csr *train, double lambda, struct reco_model *m)
{
	size_t users = train->rows, items = train->cols;
	struct csr by_item;
	/* the transposed matrix: items x users */
	size_t nnz = train->ptr[users];
	uint32_t *rows = xmalloc((nnz ? nnz : 1) * sizeof(*rows));
	for (size_t u = 0; u < users; u++)
		for (size_t k = train->ptr[u]; k < train->ptr[u + 1]; k++)
			rows[k] = (uint32_t)u;
	csr_from_pairs(items, users, train->idx, rows, nnz, &by_item);
	free(rows);

	double *uf = xcalloc(users * D + 1, sizeof(*uf)),
	       *vf = xmalloc((items * D + 1) * sizeof(*vf));
	double *gram = xmalloc(D * D * sizeof(*gram)), *a = xmalloc(D * D * sizeof(*a));
	struct rng r;
	rng_seed(&r, 42);
	for (size_t k = 0; k < items * D; k++) /* uniform in +-0.1/sqrt(D) */
		vf[k] = ((double)(rng_next(&r) >> 11) / 9007199254740992.0 - 0.5) * 0.2 / sqrt(D);
	enum bg_err rc = BG_OK;
	for (int s = 0; s < RECO_IALS_SWEEPS && !rc; s++) {
		rc = sweep(train, vf, items, lambda, uf, gram, a);
		if (!rc)
			rc = sweep(&by_item, uf, users, lambda, vf, gram, a);
	}
	free(uf);
	free(a);
	csr_release(&by_item);
	if (rc) {
		free(vf);
		free(gram);
		return rc;
	}
	gram_of(vf, items, gram);
	m->weights = vf;
	m->gram = gram;
	return BG_OK;
}

void ials_score(const struct reco_model *m, const uint32_t *seen, size_t n, double *scores)
{
	double a[D * D], x[D];
	if (solve_row(m->weights, m->gram, m->items, seen, n, m->param, a, x) != 0) {
		memset(scores, 0, m->items * sizeof(*scores));
		return;
	}
	cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)m->items, D, 1.0, m->weights, D, x, 1, 0.0,
	            scores, 1);
}
