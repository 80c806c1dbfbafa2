/*
 * home_media.h - DVD and Blu-ray releases per season, read from an
 * article's "Home media" table: a row of region headings ("Region 1",
 * "Region A", ...), then one row per season with a date (or nothing) under
 * each region. The format follows from the region code: DVD regions are
 * 1-6, Blu-ray regions A, B and C. An empty cell is unknown, not a date;
 * a cell that is no date is left out too. Pure functions.
 */
#ifndef BINGE_RECEPTION_HOME_MEDIA_H
#define BINGE_RECEPTION_HOME_MEDIA_H

#include <stddef.h>

#include "core/date.h"

struct home_media_release {
	int season;
	char format[8]; /* "DVD" or "Blu-ray" */
	char region[4]; /* "1".."6", "A".."C" */
	char date[DATE_ISO_LEN + 1];
};

/*
 * The releases in a Home media section's text, at most max of them, into
 * out; returns how many. A text without a region row yields none.
 */
size_t home_media_parse(const char *text, struct home_media_release *out, size_t max);

#endif
