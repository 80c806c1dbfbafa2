/*
 * popular_store.h - "Popular in your country this week": the series and
 * films most viewers in a territory played in the last seven days, from
 * the event log, under the visibility rule.
 *
 * A viewer counts once per title whatever they played of it (a series
 * counts its episodes' viewers once each). When nobody played anything in
 * the last seven days (a quiet service, or a demo of past viewing), the
 * seven days up to the latest event are ranked instead, and the row says
 * which week it is.
 */
#ifndef BINGE_AUDIENCE_POPULAR_STORE_H
#define BINGE_AUDIENCE_POPULAR_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog/visibility.h"
#include "core/date.h"
#include "core/err.h"

struct store;

#define POPULAR_MAX  20
#define POPULAR_DAYS 7

struct popular {
	int64_t ids[POPULAR_MAX];     /* series and films, most viewers first */
	int64_t viewers[POPULAR_MAX]; /* profiles in the territory that played each */
	size_t n;
	bool this_week;                  /* false: an earlier week, ending at week_end */
	char week_end[DATE_TIME_LEN + 1]; /* "" when the log is empty */
};

/*
 * The titles v may see that most profiles of accounts in v's territory
 * played in the week up to v->now (see above). Ties go to the lower id.
 */
enum bg_err popular_store_week(struct store *st, const struct viewer *v, struct popular *out);

#endif
