/*
 * playback_store.h - where each profile is in what it watches, and the
 * home rows built from it (continue watching, next up, new).
 *
 * A progress report stores the position; reaching PLAYBACK_WATCHED_PERCENT
 * of the duration marks the title watched. Home rows only ever hold what
 * the viewer may see now (VIS_VISIBLE), so a weekly release's next episode
 * appears in "next up" on its release day, not before.
 */
#ifndef BINGE_PLAYBACK_PLAYBACK_STORE_H
#define BINGE_PLAYBACK_PLAYBACK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "catalog/visibility.h"

struct store;

#define PLAYBACK_WATCHED_PERCENT 90
#define HOME_ROW_MAX             20

/* Records position_ms of duration_ms for profile in title (via media). */
enum bg_err playback_store_progress(struct store *st, int64_t profile_id, int64_t title_id,
                                    int64_t media_id, int64_t position_ms, int64_t duration_ms,
                                    const char *now, bool *watched_out);

/* Marks a title watched or not (position kept; unwatched resets it to 0). */
enum bg_err playback_store_mark(struct store *st, int64_t profile_id, int64_t title_id,
                                bool watched, const char *now);

/* The saved state; zeros when none. */
enum bg_err playback_store_get(struct store *st, int64_t profile_id, int64_t title_id,
                               int64_t *position_ms, bool *watched);

/* One item of a home row: an episode or film. */
struct home_item {
	int64_t id; /* the episode or film */
	char kind[8];
	char title[256];
	char series[256]; /* episodes: their series' name */
	int64_t series_id;
	int season, number;
	int64_t position_ms; /* resume point, 0 if none */
};

struct home_row {
	struct home_item items[HOME_ROW_MAX];
	size_t n;
};

enum bg_err playback_store_continue(struct store *st, const struct viewer *v, int64_t profile_id,
                                    struct home_row *out);
enum bg_err playback_store_next_up(struct store *st, const struct viewer *v, int64_t profile_id,
                                   struct home_row *out);
/*
 * "New on binge": the series and films v may see, by their arrival in v's
 * territory, newest first: the later of the start of the window that made
 * them available there and their latest release (a new season counts).
 */
enum bg_err playback_store_new(struct store *st, const struct viewer *v, struct home_row *out);

/*
 * My List: adds (or, with add false, removes) series or film title_id to
 * profile_id's list. The caller checks that the profile may see it.
 * Errors: BG_CONFLICT (the list holds MY_LIST_MAX titles already).
 */
enum bg_err playback_store_my_list_set(struct store *st, int64_t profile_id, int64_t title_id,
                                       bool add, const char *now);

/* Whether title_id is on profile_id's list. */
enum bg_err playback_store_in_my_list(struct store *st, int64_t profile_id, int64_t title_id,
                                      bool *out);

/*
 * profile_id's list as v may see it now, most recently added first: *items
 * (caller frees) holds *n. A list holds at most MY_LIST_MAX titles.
 */
#define MY_LIST_MAX 500
enum bg_err playback_store_my_list(struct store *st, const struct viewer *v, int64_t profile_id,
                                   struct home_item **items, size_t *n);

/*
 * The series and films ids[0..n-1] as a home row, in that order, leaving
 * out what v may not see (a row ranked elsewhere: audience/popular_store.h).
 */
enum bg_err playback_store_titles(struct store *st, const struct viewer *v, const int64_t *ids,
                                  size_t n, struct home_row *out);

#endif
