/*
 * stats_report.h - the audience analytics as JSON documents, the one form
 * shared by `binge stats` and /api/v1/stats/... (and drawn by
 * stats_svg.h). Each loads its rows through audience/stats_store.h, counts
 * with audience/stats.h and names titles. The documents are described in
 * docs/audience.md. On success *out is a new reference the caller
 * releases; errors carry the store's message (BG_NOT_FOUND for an unknown
 * title, BG_INVALID for a bad request).
 */
#ifndef BINGE_AUDIENCE_STATS_REPORT_H
#define BINGE_AUDIENCE_STATS_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "audience/stats_store.h"

struct store;

/*
 * Builds a filter from its outside form: since/until as YYYY-MM-DD or
 * YYYY-MM-DDTHH:MM:SSZ (NULL or "": open), territory an ISO 3166-1 alpha-2
 * code (NULL or "": all). BG_INVALID naming the bad one in msg.
 */
enum bg_err stats_filter_from_text(const char *since, const char *until, const char *territory,
                                   struct stats_filter *out, char *msg, size_t msg_len);

/* How many ranked rows a report lists by default. */
#define STATS_REPORT_LIMIT 10

/*
 * {"viewers", "release_order": [titles], "first_share": {title: share},
 *  "first_count": {title: n}, "orders": [{"order": [titles], "viewers", "share"}]}
 * for 1..8 titles (ids), the most common `limit` orders.
 */
enum bg_err stats_report_watch_order(struct store *st, const struct stats_filter *f,
                                     const int64_t *titles, size_t k, int limit, json_t **out);

/* {"title", "after", "viewers", "moved_on", "items": [{"id", "title", "count", "share"}]} */
enum bg_err stats_report_next(struct store *st, const struct stats_filter *f, int64_t title,
                              bool after_finish, int limit, json_t **out);

/* {"title", "viewers", "window_days", "items": [{"id", "title", "count", "lift"}]} */
enum bg_err stats_report_gateways(struct store *st, const struct stats_filter *f, int64_t title,
                                  int window_days, long min_count, int limit, json_t **out);

/*
 * {"title", "seasons": [{"number", "viewers", "finished", "episodes_per_day",
 *  "completion_rate", "median_days_to_finish", "finished_within_week_share"}]}
 * (null where there is nothing to measure).
 */
enum bg_err stats_report_binge(struct store *st, const struct stats_filter *f, int64_t title,
                               json_t **out);

/*
 * {"title", "season", "release", "days": [{"date", "starts"}]}: first
 * starts per UTC day from `before` days before the release (the season's,
 * or the title's first_aired when season is 0) to `after` days after.
 */
enum bg_err stats_report_starts(struct store *st, const struct stats_filter *f, int64_t title,
                                int season, int before, int after, json_t **out);

#endif
