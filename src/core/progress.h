/*
 * progress.h - a one-line progress display for long work, on stderr, shown
 * only when stderr is a terminal (scripts and logs get nothing).
 */
#ifndef BINGE_CORE_PROGRESS_H
#define BINGE_CORE_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

struct progress {
	bool enabled;
	size_t total;
	const char *what;
};

/* Starts a display of total steps described by what ("importing"). */
void progress_start(struct progress *p, const char *what, size_t total);
/* Shows step done (1-based) with a short label such as a file name. */
void progress_update(struct progress *p, size_t done, const char *label);
/* Clears the line. */
void progress_end(struct progress *p);

#endif
