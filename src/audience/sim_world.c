/* sim_world.c - the catalogue in memory for the simulator; see sim_world.h. */
#include "audience/sim_world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/mem.h"
#include "core/pairmap.h"
#include "store/store.h"
#include "core/banned.h"

/* Unix seconds of a stored instant or date; 0 (the distant past) when empty. */
static int64_t instant_or_past(const char *text)
{
	int64_t t;
	return text && *text && date_time_parse(text, &t) == BG_OK ? t : 0;
}

static enum bg_err load_titles(struct store *st, struct sim_world *w, struct pairmap *at)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "SELECT id, kind, maturity_level, COALESCE(runtime_min, 0),"
	                               " first_aired FROM title WHERE parent_id IS NULL"
	                               " AND kind IN ('series', 'film') ORDER BY id",
	                               &stmt);
	if (rc)
		return rc;
	size_t cap = 0;
	while ((rc = store_step(stmt)) == BG_ROW) {
		w->titles = xgrow(w->titles, sizeof(*w->titles), w->titles_n + 1, &cap);
		struct sim_title *t = &w->titles[w->titles_n];
		memset(t, 0, sizeof(*t));
		t->id = store_col_int(stmt, 0);
		t->film = strcmp(store_col_text(stmt, 1), "film") == 0;
		t->maturity = (int)store_col_int(stmt, 2);
		int minutes = (int)store_col_int(stmt, 3);
		t->runtime_s = (minutes > 0 ? minutes : 100) * 60;
		t->release_s = instant_or_past(store_col_text(stmt, 4));
		bool added;
		pairmap_intern(at, t->id, 0, w->titles_n++, &added);
	}
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

static int genre_index(struct sim_world *w, const char *name)
{
	for (int i = 0; i < w->genres_n; i++)
		if (strcmp(w->genres[i], name) == 0)
			return i;
	if (w->genres_n == 32)
		return -1; /* more genres than the mask holds: the rest are ignored */
	snprintf(w->genres[w->genres_n], sizeof(w->genres[0]), "%s", name);
	return w->genres_n++;
}

static enum bg_err load_genres(struct store *st, struct sim_world *w, const struct pairmap *at)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "SELECT title_id, value FROM title_tag WHERE kind = 'genre'"
	                               " ORDER BY title_id, ord",
	                               &stmt);
	if (rc)
		return rc;
	while ((rc = store_step(stmt)) == BG_ROW) {
		size_t i;
		if (!pairmap_get(at, store_col_int(stmt, 0), 0, &i))
			continue;
		int g = genre_index(w, store_col_text(stmt, 1));
		if (g >= 0)
			w->titles[i].genre_mask |= 1u << g;
	}
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

static enum bg_err load_windows(struct store *st, struct sim_world *w, const struct pairmap *at)
{
	struct store_stmt *stmt;
	enum bg_err rc =
	        store_prepare(st,
	                      "SELECT w.title_id, w.id, w.worldwide, w.starts_at, w.ends_at,"
	                      " lt.territory FROM licence_window w LEFT JOIN"
	                      " licence_territory lt ON lt.window_id = w.id"
	                      " ORDER BY w.title_id, w.id, lt.territory",
	                      &stmt);
	if (rc)
		return rc;
	int64_t last_window = -1;
	size_t cap = 0;
	while ((rc = store_step(stmt)) == BG_ROW) {
		size_t i;
		if (!pairmap_get(at, store_col_int(stmt, 0), 0, &i))
			continue;
		struct sim_title *t = &w->titles[i];
		if (store_col_int(stmt, 1) != last_window) {
			last_window = store_col_int(stmt, 1);
			cap = t->windows_n; /* arrays per title: grow from their own size */
			t->windows = xgrow(t->windows, sizeof(*t->windows), t->windows_n + 1, &cap);
			struct sim_window *win = &t->windows[t->windows_n++];
			memset(win, 0, sizeof(*win));
			win->worldwide = store_col_int(stmt, 2) != 0;
			win->starts_s = instant_or_past(store_col_text(stmt, 3));
			win->ends_s = store_col_is_null(stmt, 4)
			                      ? INT64_MAX
			                      : instant_or_past(store_col_text(stmt, 4));
		}
		struct sim_window *win = &t->windows[t->windows_n - 1];
		if (!store_col_is_null(stmt, 5) && win->territories_n < 16)
			snprintf(win->territories[win->territories_n++], 3, "%s",
			         store_col_text(stmt, 5));
	}
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

static enum bg_err load_episodes(struct store *st, struct sim_world *w, const struct pairmap *at)
{
	struct store_stmt *stmt;
	enum bg_err rc =
	        store_prepare(st,
	                      "SELECT s.parent_id, s.number, COALESCE(s.release_mode, ''), e.id,"
	                      " COALESCE(e.release_at, s.release_at, s.first_aired, t.first_aired),"
	                      " COALESCE(e.runtime_min, s.runtime_min, t.runtime_min, 45)"
	                      " FROM title e JOIN title s ON s.id = e.parent_id JOIN title t ON "
	                      "t.id = s.parent_id"
	                      " WHERE e.kind = 'episode' ORDER BY s.parent_id, s.number, e.number",
	                      &stmt);
	if (rc)
		return rc;
	while ((rc = store_step(stmt)) == BG_ROW) {
		size_t i, cap;
		if (!pairmap_get(at, store_col_int(stmt, 0), 0, &i))
			continue;
		struct sim_title *t = &w->titles[i];
		int number = (int)store_col_int(stmt, 1);
		if (!t->seasons_n || t->seasons[t->seasons_n - 1].number != number) {
			cap = t->seasons_n;
			t->seasons = xgrow(t->seasons, sizeof(*t->seasons), t->seasons_n + 1, &cap);
			t->seasons[t->seasons_n++] = (struct sim_season){
			        number, strcmp(store_col_text(stmt, 2), "weekly") == 0, NULL, 0};
		}
		struct sim_season *s = &t->seasons[t->seasons_n - 1];
		cap = s->episodes_n;
		s->episodes = xgrow(s->episodes, sizeof(*s->episodes), s->episodes_n + 1, &cap);
		int minutes = (int)store_col_int(stmt, 5);
		s->episodes[s->episodes_n++] = (struct sim_episode){
		        store_col_int(stmt, 3), instant_or_past(store_col_text(stmt, 4)),
		        (minutes > 0 ? minutes : 45) * 60};
	}
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

/* Drops series without episodes; a series is released with its first episode. */
static void keep_watchable(struct sim_world *w)
{
	size_t kept = 0;
	for (size_t i = 0; i < w->titles_n; i++) {
		struct sim_title *t = &w->titles[i];
		if (!t->film && !t->seasons_n) {
			free(t->windows);
			continue;
		}
		if (!t->film)
			t->release_s = t->seasons[0].episodes[0].release_s;
		w->titles[kept++] = *t;
	}
	w->titles_n = kept;
}

enum bg_err sim_world_load(struct store *st, struct sim_world *out)
{
	memset(out, 0, sizeof(*out));
	struct pairmap at = PAIRMAP_INIT;
	enum bg_err rc = load_titles(st, out, &at);
	if (!rc)
		rc = load_genres(st, out, &at);
	if (!rc)
		rc = load_windows(st, out, &at);
	if (!rc)
		rc = load_episodes(st, out, &at);
	pairmap_release(&at);
	if (rc) {
		sim_world_release(out);
		return rc;
	}
	keep_watchable(out);
	return BG_OK;
}

void sim_world_release(struct sim_world *w)
{
	for (size_t i = 0; i < w->titles_n; i++) {
		struct sim_title *t = &w->titles[i];
		for (size_t s = 0; s < t->seasons_n; s++)
			free(t->seasons[s].episodes);
		free(t->seasons);
		free(t->windows);
	}
	free(w->titles);
	memset(w, 0, sizeof(*w));
}

bool sim_world_available(const struct sim_title *t, const char *territory, int ceiling, int64_t t_s)
{
	if (t->maturity > ceiling || t->release_s > t_s)
		return false;
	for (size_t i = 0; i < t->windows_n; i++) {
		const struct sim_window *win = &t->windows[i];
		if (t_s < win->starts_s || t_s >= win->ends_s)
			continue;
		if (win->worldwide)
			return true;
		for (int k = 0; k < win->territories_n; k++)
			if (strcmp(win->territories[k], territory) == 0)
				return true;
	}
	return false;
}
