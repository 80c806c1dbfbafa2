/*
 * lines.h - the lines of a text file in memory, for the importers: a
 * leading UTF-8 byte order mark is skipped, "\r\n" ends a line like "\n",
 * empty lines are passed over, and each line keeps its 1-based number for
 * error messages.
 */
#ifndef BINGE_CORE_LINES_H
#define BINGE_CORE_LINES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

struct lines {
	const char *data;
	size_t len, pos;
	size_t number; /* of the line last returned */
};

/* Starts reading data[0..len). */
void lines_init(struct lines *l, const char *data, size_t len);

/* The next non-empty line (without its end) into *out; false at the end. */
bool lines_next(struct lines *l, struct str *out);

#endif
