/*
 * maturity.h - maturity ratings on one age scale.
 *
 * Titles are rated in their own system (US TV parental guidelines or MPA
 * film ratings); profiles have one ceiling. Both map onto the age scale
 * all (0), 7+, 13+, 16+, 18+, so a single ceiling governs series and films:
 *
 *     all  TV-Y  TV-G  G
 *     7+   TV-Y7 TV-Y7-FV TV-PG  PG
 *     13+  TV-14 PG-13
 *     16+  R
 *     18+  TV-MA NC-17, and every unrated title
 *
 * Pure functions.
 */
#ifndef BINGE_CATALOG_MATURITY_H
#define BINGE_CATALOG_MATURITY_H

#include <stdbool.h>

#define MATURITY_UNRATED 18

/* The age level of a rating ("TV-MA" -> 18); false if s is not a rating. */
bool maturity_of_rating(const char *s, int *level_out);

/* The rating system of a known rating: "US TV" or "MPA"; NULL otherwise. */
const char *maturity_system(const char *rating);

/*
 * Parses a profile ceiling: a rating ("TV-14") or an age level ("13+",
 * "all", "18"). False if s is neither.
 */
bool maturity_parse_ceiling(const char *s, int *level_out);

/* "all", "7+", "13+", "16+" or "18+". */
const char *maturity_label(int level);

#endif
