/*
 * availability_store.h - what decides visibility, as admins manage it:
 * maturity ratings, licence windows per territory, and season release
 * schedules. The rule that reads them is in visibility.h.
 *
 * Windows: a title is licensed to a platform in a list of territories (or
 * worldwide) from a start instant until an optional end (exclusive).
 * Release schedules: a season is released all at once on a date, or weekly
 * from a date (episode n on start + 7(n - 1) days); the computed instant is
 * stored on each episode (release_at), so reads compare text and need no
 * date arithmetic in SQL. Writes run inside the caller's transaction.
 */
#ifndef BINGE_CATALOG_AVAILABILITY_STORE_H
#define BINGE_CATALOG_AVAILABILITY_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "catalog/maturity.h"
#include "core/err.h"
#include "catalog/availability.h"

struct store;

/* The windows of top-level title id, ordered by start. */
/*
 * The windows of titles ids[0..n-1] in one query, into out[0..n-1] (each
 * initialised by the caller with LICENCE_WINDOWS_INIT; release each).
 */
enum bg_err availability_store_windows_of(struct store *st, const int64_t *ids, size_t n,
                                          struct licence_windows *out);

enum bg_err availability_store_windows(struct store *st, int64_t title_id,
                                       struct licence_windows *out);

/* Adds one window to title id (a series or film). Errors: BG_NOT_FOUND. */
enum bg_err availability_store_add_window(struct store *st, int64_t title_id,
                                          const struct licence_window *w);

/* Replaces every window of title id. Errors: BG_NOT_FOUND. */
enum bg_err availability_store_set_windows(struct store *st, int64_t title_id,
                                           const struct licence_windows *windows);

/*
 * Sets the primary (US) maturity rating of a series or film ("TV-MA"; NULL =
 * none: the title then counts at the highest age of its certifications,
 * else 18). Errors: BG_INVALID (unknown rating), BG_NOT_FOUND.
 */
enum bg_err availability_store_set_rating(struct store *st, int64_t title_id, const char *rating);

/* A title's certification in one territory (catalog/maturity.h). */
struct certification {
	char territory[3];
	char board[16];
	char rating[MATURITY_RATING_LEN];
	int level;
};

/*
 * Sets title_id's rating from board (catalog/maturity.h) to rating, spelled
 * loosely ("FSK 16"); NULL removes it. A US board's rating is the primary
 * rating (availability_store_set_rating); another board's is the
 * certification in its territory. On success *out (may be NULL) holds what
 * was stored. Errors: BG_INVALID naming the board's ratings, BG_NOT_FOUND.
 */
enum bg_err availability_store_set_certification(struct store *st, int64_t title_id,
                                                 const struct rating_board *board,
                                                 const char *rating, struct certification *out);

/*
 * The certifications of title_id (not its primary rating), by territory.
 * *out (caller frees) holds *n.
 */
enum bg_err availability_store_certifications(struct store *st, int64_t title_id,
                                              struct certification **out, size_t *n);

/* Who may see a series or film now, as its windows and release decide. */
struct title_reach {
	int64_t id;
	bool worldwide;         /* an open window covers every territory */
	int territories;        /* else: territories open windows cover (0: no viewer) */
	int windows;            /* windows of any time */
	char opens_at[DATE_TIME_LEN + 1];  /* the next window's start, if none is open; "" */
	char ended_at[DATE_TIME_LEN + 1];  /* the last window's end, if all ended; "" */
	char release_at[DATE_TIME_LEN + 1]; /* set when not released yet; "" */
};

/*
 * The reach of the series and films ids[0..n-1] at instant now, into
 * out[0..n-1] in the same order (one query for them all: the admin's title
 * list). The reason no viewer sees one: title_reach_reason().
 */
enum bg_err availability_store_reach(struct store *st, const int64_t *ids, size_t n,
                                     const char *now, struct title_reach *out);

/*
 * Why no viewer sees r ("no licence window", "its licence windows ended on
 * 2022-03-01", "its licence window opens on 2027-01-01", "released on
 * 2027-01-01"), or "" when some viewers do. Written into out[len].
 */
void title_reach_reason(const struct title_reach *r, char *out, size_t len);

enum release_mode { RELEASE_ALL_AT_ONCE, RELEASE_WEEKLY };

/*
 * Sets the release schedule of season `number` of series_id, starting at
 * instant start, and recomputes its episodes' release instants.
 * Errors: BG_NOT_FOUND (no such season).
 */
enum bg_err availability_store_set_release(struct store *st, int64_t series_id, int number,
                                           enum release_mode mode, int64_t start);

/* Deletes a series or film with everything under it. Errors: BG_NOT_FOUND. */
enum bg_err availability_store_delete_title(struct store *st, int64_t title_id);

#endif
