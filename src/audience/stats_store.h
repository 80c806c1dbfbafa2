/*
 * stats_store.h - loads what the audience analytics (audience/stats.h)
 * count: the viewing summaries kept by the event writer (migration 0008),
 * filtered by when viewers started and by their account's territory.
 * Arrays are allocated; the caller frees them with free().
 *
 * Cost: one pass over the summary rows of the titles asked about (an index
 * on top_id) or over all of title_view for the analytics that compare
 * titles (next, gateways): rows = viewers x titles each has started, which
 * grows with viewers and titles, not with events.
 */
#ifndef BINGE_AUDIENCE_STATS_STORE_H
#define BINGE_AUDIENCE_STATS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "audience/stats.h"
#include "core/err.h"

struct store;

/* Which viewers and starts count. */
struct stats_filter {
	int64_t since_s, until_s; /* starts in [since, until) */
	char territory[3];        /* the account's territory; "" = all */
};

/* A filter that keeps everything. */
void stats_filter_init(struct stats_filter *f);

/*
 * Title-level summaries (series and films) whose start is in the window,
 * of every title (tops_n 0) or of tops[0..tops_n) (at most 64).
 */
enum bg_err stats_store_views(struct store *st, const struct stats_filter *f, const int64_t *tops,
                              size_t tops_n, struct title_view **out, size_t *n);

/* Episode-level summaries of one series, with season and episode numbers. */
enum bg_err stats_store_episodes(struct store *st, const struct stats_filter *f, int64_t series_id,
                                 struct episode_view **out, size_t *n);

/*
 * The seasons of a series: number, episode count, release instant (the
 * season's release_at, else its first_aired, else STATS_NONE).
 */
enum bg_err stats_store_seasons(struct store *st, int64_t series_id, struct stats_season **out,
                                size_t *n);

/*
 * Each viewer's first start of a series' season (season > 0) as Unix
 * seconds, in no particular order.
 */
enum bg_err stats_store_season_starts(struct store *st, const struct stats_filter *f,
                                      int64_t series_id, int season, int64_t **out, size_t *n);

/*
 * A top-level title's name (into name, name_len) and its release instant:
 * first_aired, else STATS_NONE.
 */
enum bg_err stats_store_title(struct store *st, int64_t id, char *name, size_t name_len,
                              int64_t *released_s);

#endif
