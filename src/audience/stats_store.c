/* stats_store.c - loading viewing summaries for the analytics; see stats_store.h. */
#include "audience/stats_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/mem.h"
#include "store/store.h"
#include "core/banned.h"

void stats_filter_init(struct stats_filter *f)
{
	*f = (struct stats_filter){.since_s = INT64_MIN, .until_s = INT64_MAX};
}

/*
 * Prepares SELECT_FROM [territory join] WHERE where AND <start window>
 * tail. The territory is a join (not a correlated EXISTS), so PostgreSQL
 * can hash it; without one there is no join at all. Parameters: the
 * territory (if any) is bound here; the caller binds where's from *next,
 * then the window with bind_window().
 */
static enum bg_err prepare_filtered(struct store *st, const struct stats_filter *f,
                                    const char *select_from, const char *alias, const char *where,
                                    const char *tail, struct store_stmt **out, int *next)
{
	struct buf sql = BUF_INIT(4096);
	buf_adds(&sql, select_from);
	if (f->territory[0])
		buf_addf(&sql,
		         " JOIN profile fp ON fp.id = %s.profile_id"
		         " JOIN app_user fu ON fu.id = fp.user_id AND fu.territory = ?",
		         alias);
	buf_addf(&sql, " WHERE %s AND %s.first_s >= ? AND %s.first_s < ?%s", where, alias, alias,
	         tail);
	enum bg_err rc = buf_error(&sql) ? BG_TOO_LARGE : store_prepare(st, sql.ptr, out);
	buf_release(&sql);
	*next = 1;
	if (!rc && f->territory[0])
		store_bind_text(*out, (*next)++, f->territory);
	return rc;
}

static void bind_window(struct store_stmt *stmt, int first, const struct stats_filter *f)
{
	store_bind_int(stmt, first, f->since_s);
	store_bind_int(stmt, first + 1, f->until_s);
}

static int64_t col_instant(struct store_stmt *stmt, int col)
{
	return store_col_is_null(stmt, col) ? STATS_NONE : store_col_int(stmt, col);
}

static void read_title_view(struct store_stmt *stmt, void *item)
{
	*(struct title_view *)item = (struct title_view){
	        store_col_int(stmt, 0), store_col_int(stmt, 1), store_col_int(stmt, 2),
	        col_instant(stmt, 3), store_col_int(stmt, 4)};
}

enum bg_err stats_store_views(struct store *st, const struct stats_filter *f, const int64_t *tops,
                              size_t tops_n, struct title_view **out, size_t *n)
{
	struct store_stmt *stmt;
	*out = NULL;
	*n = 0;
	if (tops_n > 64)
		return store_set_error(st, BG_INVALID, "at most 64 titles at once");
	struct buf where = BUF_INIT(1024);
	buf_adds(&where, tops_n ? "tv.top_id IN (" : "1 = 1");
	for (size_t i = 0; i < tops_n; i++)
		buf_adds(&where, i ? ", ?" : "?");
	buf_adds(&where, tops_n ? ")" : "");
	int p;
	enum bg_err rc = prepare_filtered(
	        st, f,
	        "SELECT tv.profile_id, tv.top_id, tv.first_s, tv.finished_s, tv.last_s"
	        " FROM title_view tv",
	        "tv", where.ptr, "", &stmt, &p);
	buf_release(&where);
	if (rc)
		return rc;
	for (size_t i = 0; i < tops_n; i++)
		store_bind_int(stmt, p++, tops[i]);
	bind_window(stmt, p, f);
	return store_collect(stmt, sizeof(struct title_view), read_title_view, NULL, out, n);
}

static void read_episode_view(struct store_stmt *stmt, void *item)
{
	*(struct episode_view *)item = (struct episode_view){
	        store_col_int(stmt, 0), (int)store_col_int(stmt, 1), (int)store_col_int(stmt, 2),
	        store_col_int(stmt, 3), col_instant(stmt, 4)};
}

enum bg_err stats_store_episodes(struct store *st, const struct stats_filter *f, int64_t series_id,
                                 struct episode_view **out, size_t *n)
{
	struct store_stmt *stmt;
	*out = NULL;
	*n = 0;
	int p;
	enum bg_err rc =
	        prepare_filtered(st, f,
	                         "SELECT ev.profile_id, s.number, e.number, ev.first_s,"
	                         " ev.completed_s FROM episode_view ev"
	                         " JOIN title e ON e.id = ev.title_id"
	                         " JOIN title s ON s.id = e.parent_id",
	                         "ev", "ev.top_id = ? AND e.kind = 'episode'", "", &stmt, &p);
	if (rc)
		return rc;
	store_bind_int(stmt, p, series_id);
	bind_window(stmt, p + 1, f);
	return store_collect(stmt, sizeof(struct episode_view), read_episode_view, NULL, out, n);
}

/* Unix seconds of a stored instant or date; STATS_NONE when empty or bad. */
static int64_t instant_of(const char *text)
{
	int64_t t;
	return text && *text && date_time_parse(text, &t) == BG_OK ? t : STATS_NONE;
}

static void read_stats_season(struct store_stmt *stmt, void *item)
{
	*(struct stats_season *)item =
	        (struct stats_season){(int)store_col_int(stmt, 0), (int)store_col_int(stmt, 1),
	                              instant_of(store_col_text(stmt, 2))};
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
	return store_collect(stmt, sizeof(struct stats_season), read_stats_season, NULL, out, n);
}

static void read_season_starts(struct store_stmt *stmt, void *item)
{
	*(int64_t *)item = store_col_int(stmt, 0);
}

enum bg_err stats_store_season_starts(struct store *st, const struct stats_filter *f,
                                      int64_t series_id, int season, int64_t **out, size_t *n)
{
	struct store_stmt *stmt;
	*out = NULL;
	*n = 0;
	int p;
	enum bg_err rc = prepare_filtered(st, f,
	                                  "SELECT MIN(ev.first_s) FROM episode_view ev"
	                                  " JOIN title e ON e.id = ev.title_id"
	                                  " JOIN title s ON s.id = e.parent_id",
	                                  "ev", "ev.top_id = ? AND s.number = ?",
	                                  " GROUP BY ev.profile_id", &stmt, &p);
	if (rc)
		return rc;
	store_bind_int(stmt, p, series_id);
	store_bind_int(stmt, p + 1, season);
	bind_window(stmt, p + 2, f);
	return store_collect(stmt, sizeof(int64_t), read_season_starts, NULL, out, n);
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
