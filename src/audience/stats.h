/*
 * stats.h - the audience analytics over per-viewer summaries: watch order,
 * next title, gateways, bingeing and starts per day. Pure: the caller loads
 * the rows (audience/stats_store.h) and owns every array; these functions
 * only count. Instants are Unix seconds; STATS_NONE marks "never".
 *
 * Definitions (docs/audience.md says the same for users):
 *   - a viewer *starts* a title at their first event on any of its
 *     episodes (or the film), and *finishes* it when they first complete a
 *     season's last episode (or the film);
 *   - ties in time are broken by the caller's title order (watch order:
 *     release order) or by title id (next title), so results never depend
 *     on row order;
 *   - shares are fractions 0..1 of the viewers named in each result.
 *
 * Costs: every function is O(rows) plus a sort of its result, except
 * stats_watch_order's O(viewers * k log k) for k titles, and the orders
 * table's O(distinct orders).
 */
#ifndef BINGE_AUDIENCE_STATS_H
#define BINGE_AUDIENCE_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STATS_NONE INT64_MAX

/* One viewer and one top-level title (series or film). */
struct title_view {
	int64_t profile_id, title_id;
	int64_t first_s, finished_s, last_s;
};

/*
 * Sorts views by profile, then start time, then title id: the order every
 * stats_ function below expects.
 */
void stats_sort_views(struct title_view *views, size_t n);

/* ---- watch order ---------------------------------------------------- */

struct watch_order_row {
	uint32_t titles[8]; /* indexes into the caller's title list, in start order */
	int len;
	long viewers;
};

struct watch_order {
	long viewers;                   /* viewers who started at least one of the titles */
	long *first;                    /* per title: viewers who started it first (caller-sized) */
	struct watch_order_row *orders; /* most common first; ties by the order itself */
	size_t orders_n;
};

#define STATS_WATCH_ORDER_MAX_TITLES 8

/*
 * For titles[0..k) (k <= STATS_WATCH_ORDER_MAX_TITLES, given in release
 * order), how each viewer ordered their first starts. out->first must
 * point at k longs; out->orders is allocated (free it with free()).
 */
void stats_watch_order(const struct title_view *views, size_t n, const int64_t *titles, size_t k,
                       struct watch_order *out);

/* ---- next title, gateways --------------------------------------------- */

struct title_count {
	int64_t title_id;
	long count;
	double value; /* share (next) or lift (gateways) */
};

/*
 * Which title viewers started next after starting (after_finish false) or
 * finishing target: for each viewer, the title with the earliest start
 * strictly later (ties: lowest id). *viewers = viewers who started or
 * finished target; *moved_on = those who started something after. Items
 * by count, then title id; value = count / moved_on. *items is allocated.
 */
void stats_next(const struct title_view *views, size_t n, int64_t target, bool after_finish,
                long *viewers, long *moved_on, struct title_count **items, size_t *items_n);

/*
 * Which titles viewers watched in the window_s seconds before starting
 * target: title Y counts for a viewer who starts target at t when they
 * started Y before t and were still watching it at t - window_s or later
 * (last_s). lift = (count / target viewers) / (Y's viewers / all viewers).
 * Items with count >= min_count, by lift, then count, then title id.
 * *viewers = target's viewers. *items is allocated.
 */
void stats_gateways(const struct title_view *views, size_t n, int64_t target, int64_t window_s,
                    long min_count, long *viewers, struct title_count **items, size_t *items_n);

/* ---- bingeing ----------------------------------------------------------- */

/* One viewer and one episode of a series. */
struct episode_view {
	int64_t profile_id;
	int season, episode;
	int64_t first_s, completed_s;
};

struct stats_season {
	int number;
	int episodes;      /* episodes the season has */
	int64_t release_s; /* STATS_NONE when unknown */
};

struct season_binge {
	int number;
	long viewers;                      /* started the season */
	long finished;                     /* completed every episode */
	double episodes_per_day;           /* episodes watched / distinct viewing days, pooled */
	double completion_rate;            /* finished / viewers */
	double median_days_to_finish;      /* first start to last completion; < 0 when none */
	double finished_within_week_share; /* of viewers; < 0 when release unknown */
};

/*
 * Per season of seasons[0..seasons_n). rows must be sorted by profile
 * (stats_sort_episodes does that). A viewing day is the UTC day of an
 * episode's first event. out has seasons_n entries. workspace: the
 * caller's array of at least n doubles (finishing times for the median).
 */
void stats_binge(const struct episode_view *rows, size_t n, const struct stats_season *seasons,
                 size_t seasons_n, double *workspace, struct season_binge *out);

/* Sorts episode rows by profile, season, episode. */
void stats_sort_episodes(struct episode_view *rows, size_t n);

/* ---- starts per day ------------------------------------------------------ */

/*
 * counts[d] = how many of starts[0..n) fall on UTC day from_day + d, for
 * d in [0, days). Days are Unix days (seconds / 86400).
 */
void stats_starts_per_day(const int64_t *starts, size_t n, int64_t from_day, int days,
                          long *counts);

#endif
