/*
 * fuzz_check.h - CHECK(cond): aborts with the condition's text when it is
 * false, in every build type (unlike assert(), which NDEBUG removes).
 */
#ifndef BINGE_FUZZ_CHECK_H
#define BINGE_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                   \
	do {                                                          \
		if (!(cond)) {                                        \
			fprintf(stderr, "check failed: %s\n", #cond); \
			abort();                                      \
		}                                                     \
	} while (0)

#endif
