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
 *
 * The ranking is the territory's, the same for every viewer there: the
 * visibility rule (maturity ceiling, licence, release) is applied when the
 * row is filled (playback_store_titles), so one ranking serves a
 * territory's viewers (audience/popular_cache.h keeps it).
 */
#ifndef BINGE_AUDIENCE_POPULAR_STORE_H
#define BINGE_AUDIENCE_POPULAR_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"

struct store;

/* Titles ranked: a row shows the first 20 of them its viewer may see. */
#define POPULAR_MAX  200
#define POPULAR_DAYS 7

struct popular {
	int64_t ids[POPULAR_MAX];     /* series and films, most viewers first */
	int64_t viewers[POPULAR_MAX]; /* profiles in the territory that played each */
	size_t n;
	bool this_week;                   /* false: an earlier week, ending at week_end */
	char week_end[DATE_TIME_LEN + 1]; /* "" when the log is empty */
};

/*
 * The series and films most profiles of accounts in territory played in
 * the week up to now (an ISO 8601 UTC instant; see above). Ties go to the
 * lower id. Reads every event of the week: seconds at service scale.
 */
enum bg_err popular_store_week(struct store *st, const char *territory, const char *now,
                               struct popular *out);

#endif
