/*
 * as_of.h - the catalogue as it stood when a viewer was watching, for
 * replaying a random split offline. A random holdout scores every viewer
 * as if "now" were the end of the data, so a model may offer a viewer who
 * watched in September a title that first appeared in March. Here a title
 * entered the catalogue at its earliest view among the pairs the model is
 * given, and a viewer's time is their latest view there; only titles that
 * had entered by the viewer's time plus a horizon are ranked. binge's
 * serving does the same with release dates and licence windows
 * (avail/visibility.h). docs/recommendations.md gives the figures.
 */
#ifndef BINGE_RECO_AS_OF_H
#define BINGE_RECO_AS_OF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reco/interactions.h"

struct as_of {
	size_t users, items;
	int64_t horizon;      /* seconds after a viewer's time that a title may have entered */
	int64_t *viewer_time; /* per user: latest time of their scored pairs, INT64_MIN if none */
	int64_t *entered;     /* per item: earliest time of its given pairs, INT64_MAX if none */
};

/* Whether in has a time on any pair (a CSV file without times reads as 0 everywhere). */
bool as_of_has_times(const struct interactions *in);

/*
 * The catalogue as of each viewer: items enter at their earliest pair of in
 * that is in train or scored; a user's time is their latest pair in
 * scored (the rows the model ranks from). horizon_days >= 0. Free with
 * as_of_release().
 */
void as_of_build(const struct interactions *in, const struct csr *train, const struct csr *scored,
                 int64_t horizon_days, struct as_of *out);

/* Whether item had entered the catalogue by user's time plus the horizon. */
bool as_of_available(const struct as_of *a, size_t user, uint32_t item);

/*
 * Writes to out (room for a->items) the items user must not be offered,
 * ascending: seen[seen_n] (ascending) and every item not yet available.
 * Returns how many.
 */
size_t as_of_exclusions(const struct as_of *a, size_t user, const uint32_t *seen, size_t seen_n,
                        uint32_t *out);
void as_of_release(struct as_of *a);

#endif
