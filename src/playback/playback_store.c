/* playback_store.c - playback state and home rows; see playback_store.h. */
#include "playback/playback_store.h"

#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "core/banned.h"

#define FROM_TITLE " FROM title t JOIN title tp ON tp.id = t.top_id "

/* Window starts and releases "New on binge" looks at, newest first. */
#define NEW_CANDIDATES 200

struct playback_store_progress_args {
	int64_t profile_id;
	int64_t title_id;
	int64_t media_id;
	int64_t position_ms;
	int64_t duration_ms;
	const char *now;
	bool *watched_out;
};

static enum bg_err playback_store_progress_tx(struct store *st, void *ctx)
{
	struct playback_store_progress_args *args = ctx;
	if (args->position_ms < 0)
		args->position_ms = 0;
	if (args->duration_ms > 0 && args->position_ms > args->duration_ms)
		args->position_ms = args->duration_ms;
	bool watched = args->duration_ms > 0 &&
	               args->position_ms * 100 >= args->duration_ms * PLAYBACK_WATCHED_PERCENT;
	/*
	 * Once watched, a later report from the credits does not unwatch it;
	 * the answer is what the store keeps, not what this report alone says.
	 */
	int64_t stored = 0;
	enum bg_err rc = store_run(
	        st, &stored,
	        "INSERT INTO playback (profile_id, title_id, media_id, position_ms,"
	        " duration_ms, watched, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
	        " ON CONFLICT (profile_id, title_id) DO UPDATE SET"
	        " media_id = excluded.media_id, position_ms = excluded.position_ms,"
	        " duration_ms = excluded.duration_ms,"
	        " watched = CASE WHEN excluded.watched = 1 THEN 1 ELSE playback.watched END,"
	        " updated_at = excluded.updated_at RETURNING watched",
	        "iiiiidt", args->profile_id, args->title_id, args->media_id, args->position_ms,
	        args->duration_ms, watched ? 1 : 0, args->now);
	*args->watched_out = stored != 0;
	return rc;
}

enum bg_err playback_store_progress(struct store *st, int64_t profile_id, int64_t title_id,
                                    int64_t media_id, int64_t position_ms, int64_t duration_ms,
                                    const char *now, bool *watched_out)
{
	struct playback_store_progress_args args = {profile_id,  title_id, media_id,   position_ms,
	                                            duration_ms, now,      watched_out};
	return store_transact(st, playback_store_progress_tx, &args);
}

enum bg_err playback_store_mark(struct store *st, int64_t profile_id, int64_t title_id,
                                bool watched, const char *now)
{
	return store_run(
	        st, NULL,
	        "INSERT INTO playback (profile_id, title_id, position_ms, duration_ms,"
	        " watched, updated_at) VALUES (?, ?, 0, 0, ?, ?)"
	        " ON CONFLICT (profile_id, title_id) DO UPDATE SET watched = excluded.watched,"
	        " position_ms = CASE WHEN excluded.watched = 1 THEN playback.position_ms"
	        " ELSE 0 END, updated_at = excluded.updated_at",
	        "iidt", profile_id, title_id, watched ? 1 : 0, now);
}

enum bg_err playback_store_get(struct store *st, int64_t profile_id, int64_t title_id,
                               int64_t *position_ms, bool *watched)
{
	struct store_stmt *stmt;
	*position_ms = 0;
	*watched = false;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT position_ms, watched FROM playback WHERE profile_id = ? AND title_id = ?",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, profile_id);
	store_bind_int(stmt, 2, title_id);
	if ((rc = store_step(stmt)) == BG_ROW) {
		*position_ms = store_col_int(stmt, 0);
		*watched = store_col_int(stmt, 1) != 0;
	}
	store_finalize(stmt);
	return rc == BG_ROW || rc == BG_DONE ? BG_OK : rc;
}

/*
 * Columns every row query selects, in read_item()'s order: id, kind, name,
 * series name, series id, season number, episode number, resume position.
 */
#define ITEM_COLUMNS                                                                     \
	"SELECT t.id, t.kind, t.name, tp.name, tp.id,"                                   \
	" COALESCE((SELECT s.number FROM title s WHERE s.id = t.parent_id AND t.kind = " \
	"'episode'), 0),"                                                                \
	" COALESCE(t.number, 0),"

static void read_item(struct store_stmt *stmt, struct home_item *it)
{
	memset(it, 0, sizeof(*it));
	it->id = store_col_int(stmt, 0);
	snprintf(it->kind, sizeof(it->kind), "%s", store_col_text(stmt, 1));
	snprintf(it->title, sizeof(it->title), "%s", store_col_text(stmt, 2));
	snprintf(it->series, sizeof(it->series), "%s", store_col_text(stmt, 3));
	it->series_id = store_col_int(stmt, 4);
	it->season = (int)store_col_int(stmt, 5);
	it->number = (int)store_col_int(stmt, 6);
	it->position_ms = store_col_int(stmt, 7);
}

/* Appends to the struct home_row ctx; a full row stops the query. */
static enum bg_err append_item(struct store_stmt *stmt, void *ctx)
{
	struct home_row *row = ctx;
	if (row->n == HOME_ROW_MAX)
		return BG_DONE;
	read_item(stmt, &row->items[row->n++]);
	return BG_OK;
}

/* Series ids, as many as a home row holds. */
struct series_ids {
	int64_t items[HOME_ROW_MAX];
	size_t n;
};

static enum bg_err read_series_id(struct store_stmt *stmt, void *ctx)
{
	struct series_ids *ids = ctx;
	if (ids->n == HOME_ROW_MAX)
		return BG_DONE;
	ids->items[ids->n++] = store_col_int(stmt, 0);
	return BG_OK;
}

/* Runs a row query whose parameters are: profile (optional), the rule, more ints. */
static enum bg_err fill_row(struct store *st, const char *sql, const int64_t *before, int nbefore,
                            const struct viewer *v, const int64_t *after, int nafter,
                            struct home_row *out)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, sql, &stmt);
	if (rc)
		return rc;
	int i = 1;
	for (int k = 0; k < nbefore; k++)
		store_bind_int(stmt, i++, before[k]);
	visibility_bind(stmt, i, v);
	i += VIS_PARAMS;
	for (int k = 0; k < nafter; k++)
		store_bind_int(stmt, i++, after[k]);
	return store_rows(stmt, append_item, out);
}

enum bg_err playback_store_continue(struct store *st, const struct viewer *v, int64_t profile_id,
                                    struct home_row *out)
{
	const int64_t p[] = {profile_id};
	return fill_row(st,
	                ITEM_COLUMNS " p.position_ms" FROM_TITLE
	                             "JOIN playback p ON p.title_id = t.id AND p.profile_id = ?"
	                             " WHERE p.watched = 0 AND p.position_ms > 0 AND " VIS_VISIBLE
	                             " ORDER BY p.updated_at DESC, t.id LIMIT 20",
	                p, 1, v, NULL, 0, out);
}

enum bg_err playback_store_next_up(struct store *st, const struct viewer *v, int64_t profile_id,
                                   struct home_row *out)
{
	/* Series this profile has watched in, most recent first. */
	struct store_stmt *stmt;
	enum bg_err rc =
	        store_prepare(st,
	                      "SELECT t.top_id, MAX(p.updated_at) FROM playback p JOIN title t ON "
	                      "t.id = p.title_id"
	                      " WHERE p.profile_id = ? AND t.kind = 'episode' GROUP BY t.top_id"
	                      " ORDER BY MAX(p.updated_at) DESC LIMIT 20",
	                      &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, profile_id);
	struct series_ids ids = {{0}, 0};
	rc = store_rows(stmt, read_series_id, &ids);
	if (rc)
		return rc;
	const int64_t *series = ids.items;
	size_t n = ids.n;
	for (size_t i = 0; i < n; i++) {
		/* The last episode watched (by season, number), then the next one after it. */
		int64_t last_season = 0, last_number = 0;
		rc = store_prepare(
		        st,
		        "SELECT s.number, t.number FROM playback p"
		        " JOIN title t ON t.id = p.title_id JOIN title s ON s.id = t.parent_id"
		        " WHERE p.profile_id = ? AND t.top_id = ? AND p.watched = 1"
		        " AND s.number > 0 ORDER BY s.number DESC, t.number DESC LIMIT 1",
		        &stmt);
		if (rc)
			return rc;
		store_bind_int(stmt, 1, profile_id);
		store_bind_int(stmt, 2, series[i]);
		if ((rc = store_step(stmt)) == BG_ROW) {
			last_season = store_col_int(stmt, 0);
			last_number = store_col_int(stmt, 1);
		}
		store_finalize(stmt);
		if (rc != BG_ROW && rc != BG_DONE)
			return rc;
		/*
		 * The very next unwatched episode in order that has a file to
		 * play (one without media is skipped: "Next up" never offers
		 * what cannot be played), shown only if the viewer may see it:
		 * an unreleased weekly episode holds the row instead of
		 * skipping ahead to a later season.
		 */
		const int64_t before[] = {profile_id,  profile_id,  series[i],
		                          last_season, last_season, last_number};
		rc = fill_row(
		        st,
		        ITEM_COLUMNS
		        " COALESCE(p.position_ms, 0)" FROM_TITLE
		        "LEFT JOIN playback p ON p.title_id = t.id AND p.profile_id = ?"
		        " WHERE t.id = (SELECT e.id FROM title e JOIN title s ON s.id = e.parent_id"
		        "  LEFT JOIN playback q ON q.title_id = e.id AND q.profile_id = ?"
		        "  WHERE e.kind = 'episode' AND e.top_id = ? AND s.number > 0"
		        "  AND COALESCE(q.watched, 0) = 0"
		        "  AND EXISTS (SELECT 1 FROM media_file m WHERE m.title_id = e.id)"
		        "  AND (s.number > ? OR (s.number = ? AND e.number > ?))"
		        "  ORDER BY s.number, e.number LIMIT 1) AND " VIS_VISIBLE,
		        before, 6, v, NULL, 0, out);
		if (rc)
			return rc;
	}
	return BG_OK;
}

/*
 * A title's arrival in the viewer's territory: the later of when the open
 * window covering it there started (the earliest such start: it has been
 * available since) and its latest release so far (an episode's, a
 * season's or its own; else its first airing). Parameters: now, now,
 * territory, now.
 */
#define ARRIVAL                                                                            \
	"(SELECT MIN(w.starts_at) FROM licence_window w WHERE w.title_id = c.id"            \
	"  AND w.starts_at <= ? AND (w.ends_at IS NULL OR w.ends_at > ?)"                  \
	"  AND (w.worldwide = 1 OR EXISTS (SELECT 1 FROM licence_territory lt"             \
	"   WHERE lt.window_id = w.id AND lt.territory = ?))) AS win,"                      \
	" COALESCE((SELECT MAX(e.release_at) FROM title e WHERE e.top_id = c.id"           \
	"  AND e.release_at <= ?), (SELECT f.first_aired FROM title f WHERE f.id = c.id), '')" \
	" AS rel"

enum bg_err playback_store_new(struct store *st, const struct viewer *v, struct home_row *out)
{
	/*
	 * The candidates come first, from the indexes on window starts and
	 * release instants (migration 0016): the latest NEW_CANDIDATES window
	 * starts in the territory and releases, newest first. A title that
	 * arrived late has a late window start or a late release, so it is
	 * among them unless that many later ones came first. Only they get
	 * their arrival computed and the visibility rule applied; then the
	 * newest arrivals fill the row.
	 */
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        ITEM_COLUMNS " 0 FROM (SELECT a.id, CASE WHEN a.win > a.rel THEN a.win ELSE a.rel END"
	                     "  AS arrival FROM (SELECT c.id, " ARRIVAL " FROM ("
	                     "   SELECT w.title_id AS id FROM licence_window w"
	                     "   WHERE w.starts_at <= ? AND (w.worldwide = 1 OR EXISTS"
	                     "   (SELECT 1 FROM licence_territory lt WHERE lt.window_id = w.id"
	                     "   AND lt.territory = ?)) ORDER BY w.starts_at DESC LIMIT ?) c"
	                     "  UNION SELECT c.id, " ARRIVAL " FROM ("
	                     "   SELECT e.top_id AS id FROM title e WHERE e.release_at <= ?"
	                     "   ORDER BY e.release_at DESC LIMIT ?) c) a) n"
	                     " JOIN title t ON t.id = n.id JOIN title tp ON tp.id = t.top_id"
	                     " WHERE t.top_id = t.id AND " VIS_VISIBLE
	                     " ORDER BY n.arrival DESC, t.id LIMIT 20",
	        &stmt);
	if (rc)
		return rc;
	int i = 1;
	for (int part = 0; part < 2; part++) {
		store_bind_text(stmt, i++, v->now);
		store_bind_text(stmt, i++, v->now);
		store_bind_text(stmt, i++, v->territory);
		store_bind_text(stmt, i++, v->now);
		store_bind_text(stmt, i++, v->now);
		if (part == 0)
			store_bind_text(stmt, i++, v->territory);
		store_bind_int(stmt, i++, NEW_CANDIDATES);
	}
	visibility_bind(stmt, i, v);
	return store_rows(stmt, append_item, out);
}

enum bg_err playback_store_titles(struct store *st, const struct viewer *v, const int64_t *ids,
                                  size_t n, struct home_row *out)
{
	for (size_t i = 0; i < n && out->n < HOME_ROW_MAX; i++) {
		const int64_t id[] = {ids[i]};
		enum bg_err rc = fill_row(st,
		                          ITEM_COLUMNS " 0" FROM_TITLE
		                                       "WHERE t.id = ? AND t.top_id = t.id AND " VIS_VISIBLE,
		                          id, 1, v, NULL, 0, out);
		if (rc)
			return rc;
	}
	return BG_OK;
}

enum bg_err playback_store_my_list_set(struct store *st, int64_t profile_id, int64_t title_id,
                                       bool add, const char *now)
{
	if (add) {
		int64_t n = 0;
		enum bg_err rc = store_run(st, &n, "SELECT COUNT(*) FROM my_list WHERE profile_id = ?",
		                           "i", profile_id);
		if (!rc && n >= MY_LIST_MAX)
			return store_set_error(st, BG_CONFLICT,
			                       "My List holds at most %d titles: remove one first",
			                       MY_LIST_MAX);
		return rc ? rc
		          : store_run(st, NULL,
		                      "INSERT INTO my_list (profile_id, title_id, added_at)"
		                      " VALUES (?, ?, ?) ON CONFLICT (profile_id, title_id) DO NOTHING",
		                      "iit", profile_id, title_id, now);
	}
	return store_run(st, NULL, "DELETE FROM my_list WHERE profile_id = ? AND title_id = ?", "ii",
	                 profile_id, title_id);
}

enum bg_err playback_store_in_my_list(struct store *st, int64_t profile_id, int64_t title_id,
                                      bool *out)
{
	int64_t found = 0;
	enum bg_err rc = store_run(st, &found,
	                           "SELECT title_id FROM my_list WHERE profile_id = ? AND title_id = ?",
	                           "ii", profile_id, title_id);
	*out = rc == BG_OK;
	return rc == BG_NOT_FOUND ? BG_OK : rc;
}

static void read_item_cb(struct store_stmt *stmt, void *item)
{
	read_item(stmt, item);
}

enum bg_err playback_store_my_list(struct store *st, const struct viewer *v, int64_t profile_id,
                                   struct home_item **items, size_t *n)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               ITEM_COLUMNS " 0" FROM_TITLE
	                                            "JOIN my_list l ON l.title_id = t.id"
	                                            " AND l.profile_id = ? WHERE " VIS_VISIBLE
	                                            " ORDER BY l.added_at DESC, t.id",
	                               &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, profile_id);
	visibility_bind(stmt, 2, v);
	return store_collect(stmt, sizeof(**items), read_item_cb, NULL, items, n);
}
