/* ease_dual.c - EASE through the users' kernel; see ease_dual.h. */
#include "reco/ease_dual.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "reco/linalg.h"
#include "core/banned.h"

struct ease_dual {
	size_t users, items, scored;
	double *eig; /* users: K's eigenvalues */
	double *r;   /* users x items: Q^T X */
	double *t;   /* scored x users: A X^T Q */
	double *a;   /* scored x items: A */
};

bool ease_dual_pays(const struct csr *train)
{
	return train->rows * 4 <= train->cols;
}

/* m as a dense 0/1 matrix, rows x cols. */
static double *dense(const struct csr *m)
{
	double *d = xcalloc(m->rows * m->cols + 1, sizeof(*d));
	for (size_t r = 0; r < m->rows; r++)
		for (size_t k = m->ptr[r]; k < m->ptr[r + 1]; k++)
			d[r * m->cols + m->idx[k]] = 1.0;
	return d;
}

struct ease_dual *ease_dual_new(const struct csr *train, const struct csr *input)
{
	const struct linalg *la = linalg();
	struct ease_dual *d = xcalloc(1, sizeof(*d));
	size_t u = train->rows, n = train->cols, ua = input->rows;
	d->users = u, d->items = n, d->scored = ua;
	double *x = dense(train), *k = xcalloc(u * u + 1, sizeof(*k)),
	       *ax = xmalloc((ua * u + 1) * sizeof(*ax));
	d->a = dense(input);
	d->eig = xcalloc(u + 1, sizeof(*d->eig));
	d->r = xmalloc((u * n + 1) * sizeof(*d->r));
	d->t = xmalloc((ua * u + 1) * sizeof(*d->t));
	la->dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, (int)u, (int)n, 1.0, x, (int)n, 0.0, k,
	          (int)u);
	/* K is positive semi-definite: dsyevd does not fail on it but for want of memory */
	if (u &&
	    la->dsyevd(LAPACK_ROW_MAJOR, 'V', 'U', (lapack_int)u, k, (lapack_int)u, d->eig) != 0)
		abort();
	la->dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)u, (int)n, (int)u, 1.0, k, (int)u,
	          x, (int)n, 0.0, d->r, (int)n);
	la->dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)ua, (int)u, (int)n, 1.0, d->a,
	          (int)n, x, (int)n, 0.0, ax, (int)u);
	la->dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)ua, (int)u, (int)u, 1.0, ax,
	          (int)u, k, (int)u, 0.0, d->t, (int)u);
	free(ax);
	free(k);
	free(x);
	return d;
}

void ease_dual_scores(const struct ease_dual *d, double lambda, double *scores)
{
	size_t u = d->users, n = d->items, ua = d->scored;
	double *inv = xmalloc((u + 1) * sizeof(*inv)), *ts = xmalloc((ua * u + 1) * sizeof(*ts)),
	       *p = xcalloc(n + 1, sizeof(*p));
	for (size_t i = 0; i < u; i++)
		inv[i] = 1.0 / (d->eig[i] + lambda);
	for (size_t r = 0; r < ua; r++)
		for (size_t i = 0; i < u; i++)
			ts[r * u + i] = d->t[r * u + i] * inv[i];
	for (size_t i = 0; i < u; i++)
		for (size_t j = 0; j < n; j++)
			p[j] += d->r[i * n + j] * d->r[i * n + j] * inv[i];
	for (size_t j = 0; j < n; j++)
		p[j] = (1.0 - p[j]) / lambda;
	/* scores = A - (A - ts R) / lambda / P[j][j] */
	memcpy(scores, d->a, ua * n * sizeof(*scores));
	linalg()->dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)ua, (int)n, (int)u, -1.0,
	                ts, (int)u, d->r, (int)n, 1.0, scores, (int)n);
	for (size_t r = 0; r < ua; r++)
		for (size_t j = 0; j < n; j++)
			scores[r * n + j] = d->a[r * n + j] - scores[r * n + j] / lambda / p[j];
	free(p);
	free(ts);
	free(inv);
}

void ease_dual_free(struct ease_dual *d)
{
	if (!d)
		return;
	free(d->eig);
	free(d->r);
	free(d->t);
	free(d->a);
	free(d);
}
