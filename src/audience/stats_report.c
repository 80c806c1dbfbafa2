/* stats_report.c - audience analytics as JSON; see stats_report.h. */
#include "audience/stats_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/mem.h"
#include "core/territory.h"
#include "store/store.h"
#include "core/banned.h"

#define DAY_S     86400
#define NAME_MAX_ 512

enum bg_err stats_filter_from_text(const char *since, const char *until, const char *territory,
                                   struct stats_filter *out, char *msg, size_t msg_len)
{
	stats_filter_init(out);
	if (since && *since && date_time_parse(since, &out->since_s)) {
		snprintf(msg, msg_len, "since: '%.40s' is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ",
		         since);
		return BG_INVALID;
	}
	if (until && *until && date_time_parse(until, &out->until_s)) {
		snprintf(msg, msg_len, "until: '%.40s' is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ",
		         until);
		return BG_INVALID;
	}
	if (territory && *territory) {
		if (!territory_is_valid(territory)) {
			snprintf(msg, msg_len,
			         "territory: '%.20s' is not an ISO 3166-1 alpha-2 code", territory);
			return BG_INVALID;
		}
		snprintf(out->territory, sizeof(out->territory), "%s", territory);
	}
	return BG_OK;
}

/* A ranked title as {"id", "title", key: value...}; NULL on a store error. */
static json_t *named(struct store *st, int64_t id, enum bg_err *rc)
{
	char name[NAME_MAX_];
	int64_t released;
	*rc = stats_store_title(st, id, name, sizeof(name), &released);
	return *rc ? NULL : json_pack("{s:I,s:s}", "id", (json_int_t)id, "title", name);
}

/* Round to 4 decimals so documents read well and compare exactly. */
static double r4(double x)
{
	return (double)(long long)(x * 10000.0 + (x < 0 ? -0.5 : 0.5)) / 10000.0;
}

struct titled {
	int64_t id, released;
	char name[NAME_MAX_];
};

static int cmp_release(const void *pa, const void *pb)
{
	const struct titled *a = pa, *b = pb;
	if (a->released != b->released)
		return a->released < b->released ? -1 : 1;
	int c = strcmp(a->name, b->name);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

enum bg_err stats_report_watch_order(struct store *st, const struct stats_filter *f,
                                     const int64_t *titles, size_t k, int limit, json_t **out)
{
	if (k < 1 || k > STATS_WATCH_ORDER_MAX_TITLES)
		return store_set_error(st, BG_INVALID, "titles: give 1 to %d titles",
		                       STATS_WATCH_ORDER_MAX_TITLES);
	struct titled t[STATS_WATCH_ORDER_MAX_TITLES];
	int64_t ids[STATS_WATCH_ORDER_MAX_TITLES];
	enum bg_err rc = BG_OK;
	for (size_t i = 0; i < k && !rc; i++) {
		t[i].id = titles[i];
		rc = stats_store_title(st, titles[i], t[i].name, sizeof(t[i].name), &t[i].released);
		for (size_t j = 0; j < i && !rc; j++)
			if (titles[j] == titles[i])
				rc = store_set_error(st, BG_INVALID, "titles: '%s' given twice",
				                     t[i].name);
	}
	if (rc)
		return rc;
	qsort(t, k, sizeof(t[0]), cmp_release);
	for (size_t i = 0; i < k; i++)
		ids[i] = t[i].id;
	struct title_view *views;
	size_t n;
	rc = stats_store_views(st, f, ids, k, &views, &n);
	if (rc)
		return rc;
	stats_sort_views(views, n);
	long first[STATS_WATCH_ORDER_MAX_TITLES];
	struct watch_order wo = {.first = first};
	stats_watch_order(views, n, ids, k, &wo);
	free(views);

	json_t *release = json_array(), *share = json_object(), *count = json_object(),
	       *orders = json_array();
	for (size_t i = 0; i < k; i++) {
		json_array_append_new(release, json_string(t[i].name));
		json_object_set_new(
		        share, t[i].name,
		        json_real(wo.viewers ? r4((double)first[i] / (double)wo.viewers) : 0.0));
		json_object_set_new(count, t[i].name, json_integer(first[i]));
	}
	for (size_t o = 0; o < wo.orders_n && (int)o < limit; o++) {
		json_t *names = json_array();
		for (int j = 0; j < wo.orders[o].len; j++)
			json_array_append_new(names, json_string(t[wo.orders[o].titles[j]].name));
		json_array_append_new(
		        orders, json_pack("{s:o,s:i,s:f}", "order", names, "viewers",
		                          (int)wo.orders[o].viewers, "share",
		                          r4((double)wo.orders[o].viewers / (double)wo.viewers)));
	}
	free(wo.orders);
	*out = json_pack("{s:i,s:o,s:o,s:o,s:o}", "viewers", (int)wo.viewers, "release_order",
	                 release, "first_share", share, "first_count", count, "orders", orders);
	return BG_OK;
}

/* items[0..n) as [{"id", "title", "count", key: value}], at most limit. */
static enum bg_err ranked(struct store *st, const struct title_count *items, size_t n, int limit,
                          const char *key, json_t **out)
{
	enum bg_err rc = BG_OK;
	*out = json_array();
	for (size_t i = 0; i < n && (int)i < limit && !rc; i++) {
		json_t *item = named(st, items[i].title_id, &rc);
		if (!item)
			break;
		json_object_set_new(item, "count", json_integer(items[i].count));
		json_object_set_new(item, key, json_real(r4(items[i].value)));
		json_array_append_new(*out, item);
	}
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/*
 * The report's head {"id", "title"} and every viewer's title rows in the
 * window, sorted for audience/stats.h; NULL with *rc set on an error.
 */
static json_t *head_and_views(struct store *st, const struct stats_filter *f, int64_t title,
                              struct title_view **views, size_t *n, enum bg_err *rc)
{
	json_t *head = named(st, title, rc);
	if (!head)
		return NULL;
	*rc = stats_store_views(st, f, NULL, 0, views, n);
	if (*rc) {
		json_decref(head);
		return NULL;
	}
	stats_sort_views(*views, *n);
	return head;
}

enum bg_err stats_report_next(struct store *st, const struct stats_filter *f, int64_t title,
                              bool after_finish, int limit, json_t **out)
{
	enum bg_err rc;
	struct title_view *views;
	size_t n, items_n;
	json_t *head = head_and_views(st, f, title, &views, &n, &rc), *list;
	if (!head)
		return rc;
	long viewers, moved_on;
	struct title_count *items;
	stats_next(views, n, title, after_finish, &viewers, &moved_on, &items, &items_n);
	free(views);
	rc = ranked(st, items, items_n, limit, "share", &list);
	free(items);
	if (rc)
		goto out_head;
	*out = json_pack("{s:o,s:s,s:I,s:I,s:o}", "title", head, "after",
	                 after_finish ? "finish" : "start", "viewers", (json_int_t)viewers,
	                 "moved_on", (json_int_t)moved_on, "items", list);
	return BG_OK;
out_head:
	json_decref(head);
	return rc;
}

enum bg_err stats_report_gateways(struct store *st, const struct stats_filter *f, int64_t title,
                                  int window_days, long min_count, int limit, json_t **out)
{
	enum bg_err rc;
	struct title_view *views;
	size_t n, items_n;
	json_t *head = head_and_views(st, f, title, &views, &n, &rc), *list;
	if (!head)
		return rc;
	long viewers;
	struct title_count *items;
	stats_gateways(views, n, title, (int64_t)window_days * DAY_S, min_count, &viewers, &items,
	               &items_n);
	free(views);
	rc = ranked(st, items, items_n, limit, "lift", &list);
	free(items);
	if (rc)
		goto out_head;
	*out = json_pack("{s:o,s:I,s:i,s:I,s:o}", "title", head, "viewers", (json_int_t)viewers,
	                 "window_days", window_days, "min_count", (json_int_t)min_count, "items",
	                 list);
	return BG_OK;
out_head:
	json_decref(head);
	return rc;
}

/* A measure, or null where there was nothing to measure (negative). */
static json_t *measure(double x)
{
	return x < 0 ? json_null() : json_real(r4(x));
}

enum bg_err stats_report_binge(struct store *st, const struct stats_filter *f, int64_t title,
                               json_t **out)
{
	enum bg_err rc;
	json_t *head = named(st, title, &rc);
	if (!head)
		return rc;
	struct stats_season *seasons = NULL;
	struct episode_view *rows = NULL;
	size_t seasons_n, n;
	rc = stats_store_seasons(st, title, &seasons, &seasons_n);
	if (!rc)
		rc = stats_store_episodes(st, f, title, &rows, &n);
	if (rc)
		goto out;
	stats_sort_episodes(rows, n);
	double *work = xmalloc((n ? n : 1) * sizeof(*work));
	struct season_binge *per = xmalloc((seasons_n ? seasons_n : 1) * sizeof(*per));
	stats_binge(rows, n, seasons, seasons_n, work, per);
	json_t *list = json_array();
	for (size_t s = 0; s < seasons_n; s++)
		json_array_append_new(
		        list, json_pack("{s:i,s:I,s:I,s:f,s:f,s:o,s:o}", "number", per[s].number,
		                        "viewers", (json_int_t)per[s].viewers, "finished",
		                        (json_int_t)per[s].finished, "episodes_per_day",
		                        r4(per[s].episodes_per_day), "completion_rate",
		                        r4(per[s].completion_rate), "median_days_to_finish",
		                        measure(per[s].median_days_to_finish),
		                        "finished_within_week_share",
		                        measure(per[s].finished_within_week_share)));
	free(work);
	free(per);
	*out = json_pack("{s:O,s:o}", "title", head, "seasons", list);
out:
	json_decref(head);
	free(seasons);
	free(rows);
	return rc;
}

enum bg_err stats_report_starts(struct store *st, const struct stats_filter *f, int64_t title,
                                int season, int before, int after, json_t **out)
{
	char name[NAME_MAX_];
	int64_t release = STATS_NONE, *starts = NULL;
	size_t n = 0;
	enum bg_err rc = stats_store_title(st, title, name, sizeof(name), &release);
	if (rc)
		return rc;
	if (season > 0) {
		struct stats_season *seasons;
		size_t seasons_n;
		rc = stats_store_seasons(st, title, &seasons, &seasons_n);
		if (rc)
			return rc;
		release = STATS_NONE;
		bool found = false;
		for (size_t s = 0; s < seasons_n; s++)
			if (seasons[s].number == season) {
				found = true;
				release = seasons[s].release_s;
			}
		free(seasons);
		if (!found)
			return store_set_error(st, BG_NOT_FOUND, "'%s' has no season %d", name,
			                       season);
		rc = stats_store_season_starts(st, f, title, season, &starts, &n);
	} else {
		struct title_view *views;
		rc = stats_store_views(st, f, &title, 1, &views, &n);
		if (!rc) {
			starts = xmalloc((n ? n : 1) * sizeof(*starts));
			for (size_t i = 0; i < n; i++)
				starts[i] = views[i].first_s;
			free(views);
		}
	}
	if (rc)
		return rc;
	if (release == STATS_NONE) {
		free(starts);
		return store_set_error(st, BG_INVALID, "'%s'%s has no release date to centre on",
		                       name, season > 0 ? " (that season)" : "");
	}
	int days = before + after + 1;
	long *counts = xmalloc((size_t)days * sizeof(*counts));
	int64_t from_day = release / DAY_S - before;
	stats_starts_per_day(starts, n, from_day, days, counts);
	json_t *list = json_array();
	for (int d = 0; d < days; d++) {
		char at[DATE_TIME_LEN + 1];
		date_time_format((from_day + d) * DAY_S, at);
		at[10] = '\0';
		json_array_append_new(list, json_pack("{s:s,s:i,s:I}", "date", at, "offset",
		                                      d - before, "starts", (json_int_t)counts[d]));
	}
	char released[DATE_TIME_LEN + 1];
	date_time_format(release, released);
	*out = json_pack("{s:{s:I,s:s},s:i,s:s,s:o}", "title", "id", (json_int_t)title, "title",
	                 name, "season", season, "release", released, "days", list);
	free(counts);
	free(starts);
	return BG_OK;
}
