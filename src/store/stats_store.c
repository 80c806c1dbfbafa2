/* stats_store.c - loading viewing summaries for the analytics; see stats_store.h. */
#include "store/stats_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/mem.h"
#include "store/store.h"
#include "core/banned.h"

/* Parameters: since, until, territory, territory. */
#define FILTER(alias)                                                                           \
	" " alias ".first_s >= ? AND " alias ".first_s < ? AND (? = '' OR EXISTS (SELECT 1"     \
	" FROM profile p JOIN app_user u ON u.id = p.user_id WHERE p.id = " alias ".profile_id" \
	" AND u.territory = ?))"

void stats_filter_init(struct stats_filter *f)
{
	*f = (struct stats_filter){.since_s = INT64_MIN, .until_s = INT64_MAX};
}

static int bind_filter(struct store_stmt *stmt, int first, const struct stats_filter *f)
{
	store_bind_int(stmt, first++, f->since_s);
	store_bind_int(stmt, first++, f->until_s);
	store_bind_text(stmt, first++, f->territory);
	store_bind_text(stmt, first++, f->territory);
	return first;
}

static int64_t col_instant(struct store_stmt *stmt, int col)
{
	return store_col_is_null(stmt, col) ? STATS_NONE : store_col_int(stmt, col);
}

enum bg_err stats_store_views(struct store *st, const struct stats_filter *f, int64_t top_id,
                              struct title_view **out, size_t *n)
{
	struct store_stmt *stmt;
	*out = NULL;
	*n = 0;
	enum bg_err rc =
	        store_prepare(st,
	                      "SELECT tv.profile_id, tv.top_id, tv.first_s, tv.finished_s,"
	                      " tv.last_s FROM title_view tv WHERE (? = 0 OR tv.top_id = ?)"
	                      " AND" FILTER("tv"),
	                      &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, top_id);
	store_bind_int(stmt, 2, top_id);
	bind_filter(stmt, 3, f);
	size_t cap = 0;
	while ((rc = store_step(stmt)) == BG_ROW) {
		*out = xgrow(*out, sizeof(**out), *n + 1, &cap);
		(*out)[(*n)++] = (struct title_view){store_col_int(stmt, 0), store_col_int(stmt, 1),
		                                     store_col_int(stmt, 2), col_instant(stmt, 3),
		                                     store_col_int(stmt, 4)};
	}
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

enum bg_err stats_store_episodes(struct store *st, const struct stats_filter *f, int64_t series_id,
                                 struct episode_view **out, size_t *n)
{
	struct store_stmt *stmt;
	*out = NULL;
	*n = 0;
	enum bg_err rc =
	        store_prepare(st,
	                      "SELECT ev.profile_id, s.number, e.number, ev.first_s,"
	                      " ev.completed_s FROM episode_view ev"
	                      " JOIN title e ON e.id = ev.title_id"
	                      " JOIN title s ON s.id = e.parent_id"
	                      " WHERE ev.top_id = ? AND e.kind = 'episode' AND" FILTER("ev"),
	                      &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, series_id);
	bind_filter(stmt, 2, f);
	size_t cap = 0;
	while ((rc = store_step(stmt)) == BG_ROW) {
		*out = xgrow(*out, sizeof(**out), *n + 1, &cap);
		(*out)[(*n)++] = (struct episode_view){
		        store_col_int(stmt, 0), (int)store_col_int(stmt, 1),
		        (int)store_col_int(stmt, 2), store_col_int(stmt, 3), col_instant(stmt, 4)};
	}
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

/* Unix seconds of a stored instant or date; STATS_NONE when empty or bad. */
static int64_t instant_of(const char *text)
{
	int64_t t;
	return text && *text && date_time_parse(text, &t) == BG_OK ? t : STATS_NONE;
}

enum bg_err stats_store_seasons(struct store *st, int64_t series_id, struct stats_season **out,
                                size_t *n)
{
	struct store_stmt *stmt;
	*out = NULL;
	*n = 0;
	enum bg_err rc =
	        store_prepare(st,
	                      "SELECT s.number, (SELECT COUNT(*) FROM title e"
	                      " WHERE e.parent_id = s.id AND e.kind = 'episode'),"
	                      " COALESCE(s.release_at, s.first_aired) FROM title s"
	                      " WHERE s.parent_id = ? AND s.kind = 'season' ORDER BY s.number",
	                      &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, series_id);
	size_t cap = 0;
	while ((rc = store_step(stmt)) == BG_ROW) {
		*out = xgrow(*out, sizeof(**out), *n + 1, &cap);
		(*out)[(*n)++] = (struct stats_season){(int)store_col_int(stmt, 0),
		                                       (int)store_col_int(stmt, 1),
		                                       instant_of(store_col_text(stmt, 2))};
	}
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

enum bg_err stats_store_season_starts(struct store *st, const struct stats_filter *f,
                                      int64_t series_id, int season, int64_t **out, size_t *n)
{
	struct store_stmt *stmt;
	*out = NULL;
	*n = 0;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT MIN(ev.first_s) FROM episode_view ev"
	        " JOIN title e ON e.id = ev.title_id"
	        " JOIN title s ON s.id = e.parent_id"
	        " WHERE ev.top_id = ? AND s.number = ? AND" FILTER("ev") " GROUP BY ev.profile_id",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, series_id);
	store_bind_int(stmt, 2, season);
	bind_filter(stmt, 3, f);
	size_t cap = 0;
	while ((rc = store_step(stmt)) == BG_ROW) {
		*out = xgrow(*out, sizeof(**out), *n + 1, &cap);
		(*out)[(*n)++] = store_col_int(stmt, 0);
	}
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

enum bg_err stats_store_title(struct store *st, int64_t id, char *name, size_t name_len,
                              int64_t *released_s)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "SELECT name, first_aired FROM title WHERE id = ?"
	                               " AND parent_id IS NULL",
	                               &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, id);
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		snprintf(name, name_len, "%s", store_col_text(stmt, 0));
		*released_s = instant_of(store_col_text(stmt, 1));
		rc = BG_OK;
	} else if (rc == BG_DONE) {
		rc = store_set_error(st, BG_NOT_FOUND, "no series or film %lld", (long long)id);
	}
	store_finalize(stmt);
	return rc;
}
