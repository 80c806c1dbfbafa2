/*
 * linalg.c - OpenBLAS and LAPACKE opened on first use; see linalg.h.
 * BINGE_OPENBLAS_SONAME and BINGE_LAPACKE_SONAME come from CMake.
 */
#include "reco/linalg.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/dynlib.h"
#include "core/banned.h"

static struct linalg routines;
static pthread_once_t open_once = PTHREAD_ONCE_INIT;
static bool opened, single_thread;

static void open_libraries(void)
{
	const struct dynlib_fn blas[] = {
	        {"cblas_daxpy", (void **)&routines.daxpy},
	        {"cblas_ddot", (void **)&routines.ddot},
	        {"cblas_dgemm", (void **)&routines.dgemm},
	        {"cblas_dgemv", (void **)&routines.dgemv},
	        {"cblas_dnrm2", (void **)&routines.dnrm2},
	        {"cblas_dscal", (void **)&routines.dscal},
	        {"cblas_dsymv", (void **)&routines.dsymv},
	        {"cblas_dsyrk", (void **)&routines.dsyrk},
	        {"cblas_sgemv", (void **)&routines.sgemv},
	        {"openblas_set_num_threads", (void **)&routines.set_num_threads},
	        {"openblas_get_num_threads", (void **)&routines.get_num_threads},
	};
	const struct dynlib_fn lapack[] = {
	        {"LAPACKE_dposv", (void **)&routines.dposv},
	        {"LAPACKE_dpotrf", (void **)&routines.dpotrf},
	        {"LAPACKE_dpotri", (void **)&routines.dpotri},
	        {"LAPACKE_spotrf", (void **)&routines.spotrf},
	        {"LAPACKE_spotri", (void **)&routines.spotri},
	        {"LAPACKE_dsyevd", (void **)&routines.dsyevd},
	        {"LAPACKE_set_nancheck", (void **)&routines.set_nancheck},
	};
	char msg[512];
	if (!dynlib_open(BINGE_OPENBLAS_SONAME, blas, sizeof(blas) / sizeof(blas[0]), msg,
	                 sizeof(msg)) ||
	    !dynlib_open(BINGE_LAPACKE_SONAME, lapack, sizeof(lapack) / sizeof(lapack[0]), msg,
	                 sizeof(msg))) {
		fprintf(stderr, "binge: %s\n", msg);
		abort();
	}
	if (single_thread)
		routines.set_num_threads(1);
	/* LAPACKE scans every input matrix for NaN before each call: 7.5% of
	 * tuning iALS, whose 64 x 64 solves are many and small. LAPACK's own
	 * Cholesky still stops at a NaN on the diagonal (info > 0). */
	routines.set_nancheck(0);
	opened = true;
}

const struct linalg *linalg(void)
{
	pthread_once(&open_once, open_libraries);
	return &routines;
}

void linalg_single_thread(void)
{
	single_thread = true;
	if (opened)
		routines.set_num_threads(1);
}

int linalg_threads(int n)
{
	const struct linalg *la = linalg();
	int had = la->get_num_threads();
	la->set_num_threads(single_thread || n < 1 ? 1 : n);
	return had;
}
