/* sim_store.c - the simulator's reads and writes; see sim_store.h. */
#include "audience/sim_store.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/mem.h"
#include "core/pairmap.h"
#include "store/store.h"
#include "core/banned.h"

/* The world being loaded, and each title's index in it by id. */
struct load {
	struct sim_world *w;
	struct pairmap at;
};

/* Unix seconds of a stored instant or date; 0 (the distant past) when empty. */
static int64_t instant_or_past(const char *text)
{
	int64_t t;
	return text && *text && date_time_parse(text, &t) == BG_OK ? t : 0;
}

/* The loaded title a row's first column names; NULL if it is not one. */
static struct sim_title *row_title(struct store_stmt *stmt, struct load *l)
{
	size_t i;
	return pairmap_get(&l->at, store_col_int(stmt, 0), 0, &i) ? &l->w->titles[i] : NULL;
}

static enum bg_err read_title(struct store_stmt *stmt, void *ctx)
{
	struct load *l = ctx;
	struct sim_world *w = l->w;
	size_t cap = w->titles_n;
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
	pairmap_intern(&l->at, t->id, 0, w->titles_n++, &added);
	return BG_OK;
}

static enum bg_err read_genre(struct store_stmt *stmt, void *ctx)
{
	struct load *l = ctx;
	struct sim_title *t = row_title(stmt, l);
	int g = t ? sim_world_genre(l->w, store_col_text(stmt, 1)) : -1;
	if (g >= 0)
		t->genre_mask |= 1u << g;
	return BG_OK;
}

/* Rows come ordered by title and window, one per territory (or one with NULL). */
static enum bg_err read_window(struct store_stmt *stmt, void *ctx)
{
	struct load *l = ctx;
	struct sim_title *t = row_title(stmt, l);
	if (!t)
		return BG_OK;
	int64_t window_id = store_col_int(stmt, 1);
	if (!t->windows_n || t->windows[t->windows_n - 1].id != window_id) {
		size_t cap = t->windows_n; /* arrays per title: grow from their own size */
		t->windows = xgrow(t->windows, sizeof(*t->windows), t->windows_n + 1, &cap);
		struct sim_window *win = &t->windows[t->windows_n++];
		memset(win, 0, sizeof(*win));
		win->id = window_id;
		win->worldwide = store_col_int(stmt, 2) != 0;
		win->starts_s = instant_or_past(store_col_text(stmt, 3));
		win->ends_s = store_col_is_null(stmt, 4) ? INT64_MAX
		                                         : instant_or_past(store_col_text(stmt, 4));
	}
	struct sim_window *win = &t->windows[t->windows_n - 1];
	if (!store_col_is_null(stmt, 5)) {
		size_t cap = win->territories_n;
		win->territories = xgrow(win->territories, sizeof(*win->territories),
		                         win->territories_n + 1, &cap);
		store_col_copy(stmt, 5, win->territories[win->territories_n++], 3);
	}
	return BG_OK;
}

static enum bg_err read_episode(struct store_stmt *stmt, void *ctx)
{
	struct sim_title *t = row_title(stmt, ctx);
	if (!t)
		return BG_OK;
	int number = (int)store_col_int(stmt, 1);
	size_t cap;
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
	return BG_OK;
}

static enum bg_err load_rows(struct store *st, const char *sql, store_row_fn row, struct load *l)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, sql, &stmt);
	return rc ? rc : store_rows(stmt, row, l);
}

enum bg_err sim_store_load_world(struct store *st, struct sim_world *out)
{
	memset(out, 0, sizeof(*out));
	struct load l = {out, PAIRMAP_INIT};
	/* Release instants are release_at, the column the visibility rule reads. */
	enum bg_err rc = load_rows(st,
	                           "SELECT id, kind, maturity_level, COALESCE(runtime_min, 0),"
	                           " release_at FROM title WHERE parent_id IS NULL"
	                           " AND kind IN ('series', 'film') ORDER BY id",
	                           read_title, &l);
	if (!rc)
		rc = load_rows(st,
		               "SELECT title_id, value FROM title_tag WHERE kind = 'genre'"
		               " ORDER BY title_id, ord",
		               read_genre, &l);
	if (!rc)
		rc = load_rows(st,
		               "SELECT w.title_id, w.id, w.worldwide, w.starts_at, w.ends_at,"
		               " lt.territory FROM licence_window w LEFT JOIN"
		               " licence_territory lt ON lt.window_id = w.id"
		               " ORDER BY w.title_id, w.id, lt.territory",
		               read_window, &l);
	if (!rc)
		rc = load_rows(st,
		               "SELECT s.parent_id, s.number, COALESCE(s.release_mode, ''), e.id,"
		               " e.release_at,"
		               " COALESCE(e.runtime_min, s.runtime_min, t.runtime_min, 45)"
		               " FROM title e JOIN title s ON s.id = e.parent_id"
		               " JOIN title t ON t.id = s.parent_id"
		               " WHERE e.kind = 'episode' ORDER BY s.parent_id, s.number, e.number",
		               read_episode, &l);
	pairmap_release(&l.at);
	if (rc) {
		sim_world_release(out);
		return rc;
	}
	sim_world_keep_watchable(out);
	return BG_OK;
}

enum bg_err sim_store_main_profile(struct store *st, int64_t user_id, int64_t *profile_id_out)
{
	return store_run(st, profile_id_out,
	                 "SELECT id FROM profile WHERE user_id = ? AND name = 'Main'", "i",
	                 user_id);
}

enum bg_err sim_store_add_viewer(struct store *st, int64_t profile_id, uint64_t seed, int group,
                                 const char *group_label)
{
	return store_run(st, NULL,
	                 "INSERT INTO sim_viewer (profile_id, seed, taste_group, taste_label)"
	                 " VALUES (?, ?, ?, ?)",
	                 "iidt", profile_id, (int64_t)seed, group, group_label);
}
