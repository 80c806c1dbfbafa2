/*
 * linalg.h - the BLAS and LAPACK routines reco/ calls, from OpenBLAS and
 * LAPACKE opened on first use (core/dynlib.h) rather than linked.
 *
 * Linked, OpenBLAS and LAPACKE (with reference LAPACK and gfortran behind
 * it) made every binge process start about 12 ms later, though only
 * training, scoring and communities use them. The table's types come from
 * cblas.h and lapacke.h, so every call stays checked. Only reco/ includes
 * this header (the area that owns cblas.h and lapacke.h).
 */
#ifndef BINGE_RECO_LINALG_H
#define BINGE_RECO_LINALG_H

#include <cblas.h>
#include <lapacke.h>

struct linalg {
	__typeof__(cblas_daxpy) *daxpy;
	__typeof__(cblas_ddot) *ddot;
	__typeof__(cblas_dgemm) *dgemm;
	__typeof__(cblas_dgemv) *dgemv;
	__typeof__(cblas_dnrm2) *dnrm2;
	__typeof__(cblas_dscal) *dscal;
	__typeof__(cblas_dsymv) *dsymv;
	__typeof__(cblas_dsyrk) *dsyrk;
	__typeof__(cblas_sgemv) *sgemv;
	__typeof__(LAPACKE_dposv) *dposv;
	__typeof__(LAPACKE_dpotrf) *dpotrf;
	__typeof__(LAPACKE_dpotri) *dpotri;
	__typeof__(LAPACKE_spotrf) *spotrf;
	__typeof__(LAPACKE_spotri) *spotri;
	__typeof__(LAPACKE_dsyevd) *dsyevd;
	__typeof__(LAPACKE_set_nancheck) *set_nancheck;
	__typeof__(openblas_set_num_threads) *set_num_threads;
	__typeof__(openblas_get_num_threads) *get_num_threads;
};

/*
 * The routines, the libraries opened on the first call (thread-safe). If
 * they can't be opened the process stops with a message naming the missing
 * library or function, as the dynamic linker would have at start had they
 * been linked: both are dependencies of the binge package.
 */
const struct linalg *linalg(void);

/*
 * Keeps BLAS on the calling thread from now on: at once if the libraries
 * are open, else as they open, so a server that never scores never loads
 * them. Call before starting threads.
 */
void linalg_single_thread(void);

/*
 * Sets how many threads BLAS uses (at least 1) and returns the count it
 * had: work that runs its own threads, each calling BLAS, sets 1 while
 * they run (OpenBLAS's pool serialises callers from several threads) and
 * restores the count after. Call with no BLAS call in flight. In single-
 * thread mode it stays 1.
 */
int linalg_threads(int n);

#endif
