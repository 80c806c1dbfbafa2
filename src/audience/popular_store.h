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

/* One territory's ranking, as popular_store_weeks() gives them. */
#define POPULAR_TERRITORY_LEN   8
#define POPULAR_TERRITORIES_MAX 256 /* ISO 3166-1 has 249 codes */
struct popular_territory {
	char territory[POPULAR_TERRITORY_LEN];
	struct popular week;
};

/*
 * The series and films most profiles of accounts in each territory played
 * in the week up to now (an ISO 8601 UTC instant; see above), every
 * territory in one read of the week's events (seconds at service scale):
 * out[*n] (at most POPULAR_TERRITORIES_MAX, by code; free()), and in
 * window the week read (n 0), which a territory without viewing shares.
 * Ties go to the lower id.
 */
enum bg_err popular_store_weeks(struct store *st, const char *now, struct popular *window,
                                struct popular_territory **out, size_t *n);

/* territory's ranking out of weeks[n] (window's, empty, when absent). */
void popular_of(const struct popular_territory *weeks, size_t n, const struct popular *window,
                const char *territory, struct popular *out);

#endif
