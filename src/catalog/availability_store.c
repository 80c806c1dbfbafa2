/* availability_store.c - ratings, licence windows, release schedules; see
 * availability_store.h. */
#include "catalog/availability_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/maturity.h"
#include "core/buf.h"
#include "core/mem.h"
#include "catalog/catalog_store.h"
#include "store/store.h"
#include "core/banned.h"

/* BG_OK if id is a series or film. */
static enum bg_err check_top_level(struct store *st, int64_t id)
{
	int64_t found;
	enum bg_err rc = store_run(
	        st, &found, "SELECT id FROM title WHERE id = ? AND parent_id IS NULL", "i", id);
	if (rc == BG_NOT_FOUND)
		return store_set_error(st, BG_NOT_FOUND, "no series or film with id %lld",
		                       (long long)id);
	return rc;
}

/* Instants are stored in the canonical "YYYY-MM-DDTHH:MM:SSZ" form. */
static void canonical(const char *in, char out[DATE_TIME_LEN + 1])
{
	int64_t t;
	if (date_time_parse(in, &t) == BG_OK)
		date_time_format(t, out);
	else
		out[0] = '\0';
}

struct availability_store_add_window_args {
	int64_t title_id;
	const struct licence_window *w;
};

static enum bg_err availability_store_add_window_tx(struct store *st, void *ctx)
{
	struct availability_store_add_window_args *args = ctx;
	char msg[256];
	if (licence_window_check(args->w, msg, sizeof(msg)))
		return store_set_error(st, BG_INVALID, "%s", msg);
	enum bg_err rc = check_top_level(st, args->title_id);
	if (!rc)
		rc = catalog_store_bump_generation(st);
	if (rc)
		return rc;
	char start[DATE_TIME_LEN + 1], end[DATE_TIME_LEN + 1];
	canonical(args->w->starts_at, start);
	canonical(args->w->ends_at, end);
	int64_t id;
	rc = store_run(
	        st, &id,
	        "INSERT INTO licence_window (title_id, platform, worldwide, starts_at, ends_at)"
	        " VALUES (?, ?, ?, ?, ?) RETURNING id",
	        "itdtt", args->title_id, args->w->platform, args->w->worldwide ? 1 : 0, start,
	        end[0] ? end : NULL);
	for (size_t i = 0; i < args->w->territories.n && !rc && !args->w->worldwide; i++)
		rc = store_run(st, NULL,
		               "INSERT INTO licence_territory (window_id, territory) VALUES (?, ?)"
		               " ON CONFLICT (window_id, territory) DO NOTHING",
		               "it", id, args->w->territories.items[i]);
	return rc;
}

enum bg_err availability_store_add_window(struct store *st, int64_t title_id,
                                          const struct licence_window *w)
{
	struct availability_store_add_window_args args = {title_id, w};
	return store_transact(st, availability_store_add_window_tx, &args);
}

/* True if two windows say the same (ids aside; instants in canonical form). */
static bool same_window(const struct licence_window *a, const struct licence_window *b)
{
	char a_start[DATE_TIME_LEN + 1], a_end[DATE_TIME_LEN + 1], b_start[DATE_TIME_LEN + 1],
	        b_end[DATE_TIME_LEN + 1];
	canonical(a->starts_at, a_start);
	canonical(a->ends_at, a_end);
	canonical(b->starts_at, b_start);
	canonical(b->ends_at, b_end);
	if (strcmp(a->platform, b->platform) != 0 || a->worldwide != b->worldwide ||
	    strcmp(a_start, b_start) != 0 || strcmp(a_end, b_end) != 0 ||
	    a->territories.n != b->territories.n)
		return false;
	for (size_t i = 0; i < a->territories.n; i++)
		if (!strlist_contains(&b->territories, a->territories.items[i]))
			return false;
	return true;
}

struct availability_store_set_windows_args {
	int64_t title_id;
	const struct licence_windows *windows;
};

static enum bg_err availability_store_set_windows_tx(struct store *st, void *ctx)
{
	struct availability_store_set_windows_args *args = ctx;
	enum bg_err rc = check_top_level(st, args->title_id);
	if (rc)
		return rc;
	/* Setting the windows a title already has changes nothing (ids stay). */
	struct licence_windows now = LICENCE_WINDOWS_INIT;
	rc = availability_store_windows(st, args->title_id, &now);
	bool same = !rc && now.n == args->windows->n;
	for (size_t i = 0; same && i < now.n; i++) {
		bool found = false;
		for (size_t k = 0; k < args->windows->n && !found; k++)
			found = same_window(&now.items[i], &args->windows->items[k]);
		same = found;
	}
	licence_windows_release(&now);
	if (rc || same)
		return rc;
	rc = catalog_store_bump_generation(st);
	if (!rc)
		rc = store_run(st, NULL, "DELETE FROM licence_window WHERE title_id = ?", "i",
		               args->title_id);
	for (size_t i = 0; i < args->windows->n && !rc; i++)
		rc = availability_store_add_window(st, args->title_id, &args->windows->items[i]);
	return rc;
}

enum bg_err availability_store_set_windows(struct store *st, int64_t title_id,
                                           const struct licence_windows *windows)
{
	struct availability_store_set_windows_args args = {title_id, windows};
	return store_transact(st, availability_store_set_windows_tx, &args);
}

/* Rows come one per territory (or one with NULL), ordered by window. */
static enum bg_err read_window(struct store_stmt *stmt, void *ctx)
{
	struct licence_windows *out = ctx;
	int64_t id = store_col_int(stmt, 0);
	if (!out->n || out->items[out->n - 1].id != id) {
		struct licence_window w = {.id = id,
		                           .platform = (char *)store_col_text(stmt, 1),
		                           .worldwide = store_col_int(stmt, 2) != 0};
		store_col_copy(stmt, 3, w.starts_at, sizeof(w.starts_at));
		store_col_copy(stmt, 4, w.ends_at, sizeof(w.ends_at));
		licence_windows_add(out, &w);
	}
	const char *terr = store_col_text(stmt, 5);
	if (terr)
		strlist_add(&out->items[out->n - 1].territories, terr, strlen(terr));
	return BG_OK;
}

struct windows_of {
	const int64_t *ids;
	size_t n;
	struct licence_windows *out;
};

/* As read_window, into the list of the row's title (column 6). */
static enum bg_err read_window_of(struct store_stmt *stmt, void *ctx)
{
	struct windows_of *w = ctx;
	int64_t title = store_col_int(stmt, 6);
	for (size_t i = 0; i < w->n; i++)
		if (w->ids[i] == title)
			return read_window(stmt, &w->out[i]);
	return BG_OK;
}

/* A territory row (window id, territory) added to its window among w's lists. */
static enum bg_err add_territory_of(struct store_stmt *stmt, void *ctx)
{
	struct windows_of *w = ctx;
	int64_t window = store_col_int(stmt, 0);
	const char *terr = store_col_text(stmt, 1);
	for (size_t i = 0; i < w->n; i++)
		for (size_t k = 0; k < w->out[i].n; k++)
			if (w->out[i].items[k].id == window)
				strlist_add(&w->out[i].items[k].territories, terr, strlen(terr));
	return BG_OK;
}

/*
 * Two statements, each a search of a primary key by a list of ids: joined
 * in one, PostgreSQL hashed every territory of the catalogue for a page of
 * titles.
 */
enum bg_err availability_store_windows_of(struct store *st, const int64_t *ids, size_t n,
                                          struct licence_windows *out)
{
	if (!n)
		return BG_OK;
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare_in(
	        st,
	        "SELECT w.id, w.platform, w.worldwide, w.starts_at, w.ends_at, NULL,"
	        " w.title_id FROM licence_window w WHERE w.title_id IN (",
	        ids, n, 1, ") ORDER BY w.title_id, w.starts_at, w.id", &stmt);
	if (rc)
		return rc;
	struct windows_of w = {ids, n, out};
	rc = store_rows(stmt, read_window_of, &w);
	int64_t *windows = NULL;
	size_t windows_n = 0, cap = 0;
	for (size_t i = 0; !rc && i < n; i++)
		for (size_t k = 0; k < out[i].n; k++)
			if (!out[i].items[k].worldwide) {
				windows = xgrow(windows, sizeof(*windows), windows_n + 1, &cap);
				windows[windows_n++] = out[i].items[k].id;
			}
	if (!rc && windows_n)
		rc = store_prepare_in(st,
		                      "SELECT lt.window_id, lt.territory FROM licence_territory lt"
		                      " WHERE lt.window_id IN (",
		                      windows, windows_n, 1, ") ORDER BY lt.window_id, lt.territory",
		                      &stmt);
	if (!rc && windows_n)
		rc = store_rows(stmt, add_territory_of, &w);
	free(windows);
	return rc;
}

enum bg_err availability_store_windows(struct store *st, int64_t title_id,
                                       struct licence_windows *out)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT w.id, w.platform, w.worldwide, w.starts_at, w.ends_at, lt.territory"
	        " FROM licence_window w LEFT JOIN licence_territory lt ON lt.window_id = w.id"
	        " WHERE w.title_id = ? ORDER BY w.starts_at, w.id, lt.territory",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, title_id);
	return store_rows(stmt, read_window, out);
}

/*
 * A title's primary age: the parameter, or (when it is -1: no US rating) the
 * highest age among the certifications of the title given by the second
 * parameter, else unrated. Parameters: level, title id.
 */
#define LEVEL_OR_CERTIFIED                                                             \
	"COALESCE(NULLIF(?, -1), (SELECT MAX(c.level) FROM title_certification c"      \
	" WHERE c.title_id = ?), 18)"

struct availability_store_set_rating_args {
	int64_t title_id;
	const char *rating;
};

static enum bg_err availability_store_set_rating_tx(struct store *st, void *ctx)
{
	struct availability_store_set_rating_args *args = ctx;
	int level = MATURITY_UNRATED;
	if (args->rating && !maturity_of_rating(args->rating, &level))
		return store_set_error(
		        st, BG_INVALID,
		        "'%s' is not a rating (TV-Y, TV-Y7, TV-G, TV-PG, TV-14, TV-MA, "
		        "G, PG, PG-13, R, NC-17)",
		        args->rating);
	enum bg_err rc = check_top_level(st, args->title_id);
	if (!rc)
		rc = catalog_store_bump_generation(st);
	if (!rc)
		rc = store_run(st, NULL,
		               "UPDATE title SET rating_value = ?, rating_system = ?,"
		               " maturity_level = " LEVEL_OR_CERTIFIED " WHERE id = ?",
		               "ttdii", args->rating,
		               args->rating ? maturity_system(args->rating) : NULL,
		               args->rating ? level : -1, args->title_id, args->title_id);
	return rc;
}

enum bg_err availability_store_set_rating(struct store *st, int64_t title_id, const char *rating)
{
	struct availability_store_set_rating_args args = {title_id, rating};
	return store_transact(st, availability_store_set_rating_tx, &args);
}

struct set_certification_args {
	int64_t title_id;
	const struct rating_board *board;
	const char *rating;
	struct certification *out;
};

static enum bg_err set_certification_tx(struct store *st, void *ctx)
{
	struct set_certification_args *args = ctx;
	struct certification *c = args->out;
	*c = (struct certification){.level = MATURITY_UNRATED};
	snprintf(c->territory, sizeof(c->territory), "%s", args->board->territory);
	snprintf(c->board, sizeof(c->board), "%s", args->board->name);
	if (args->rating &&
	    !maturity_board_rating(args->board, args->rating, c->rating, &c->level)) {
		char known[160];
		maturity_board_ratings(args->board, known, sizeof(known));
		return store_set_error(st, BG_INVALID, "'%s' is not a %s rating (%s)", args->rating,
		                       args->board->name, known);
	}
	if (maturity_board_is_us(args->board)) {
		struct availability_store_set_rating_args primary = {
		        args->title_id, args->rating ? c->rating : NULL};
		return availability_store_set_rating_tx(st, &primary);
	}
	enum bg_err rc = check_top_level(st, args->title_id);
	if (!rc)
		rc = catalog_store_bump_generation(st);
	if (!rc && args->rating)
		rc = store_run(st, NULL,
		               "INSERT INTO title_certification (title_id, territory, board, rating,"
		               " level) VALUES (?, ?, ?, ?, ?) ON CONFLICT (title_id, territory)"
		               " DO UPDATE SET board = excluded.board, rating = excluded.rating,"
		               " level = excluded.level",
		               "itttd", args->title_id, c->territory, c->board, c->rating, c->level);
	else if (!rc)
		rc = store_run(st, NULL,
		               "DELETE FROM title_certification WHERE title_id = ? AND territory = ?",
		               "it", args->title_id, c->territory);
	/* A title with no US rating counts elsewhere at its highest certification. */
	int64_t primary = -1;
	if (!rc)
		rc = store_run(st, &primary,
		               "SELECT COALESCE(maturity_level, 18) FROM title WHERE id = ?"
		               " AND rating_system IN ('US TV', 'MPA')",
		               "i", args->title_id);
	if (rc == BG_NOT_FOUND)
		rc = store_run(st, NULL,
		               "UPDATE title SET maturity_level = " LEVEL_OR_CERTIFIED " WHERE id = ?",
		               "dii", -1, args->title_id, args->title_id);
	return rc;
}

enum bg_err availability_store_set_certification(struct store *st, int64_t title_id,
                                                 const struct rating_board *board,
                                                 const char *rating, struct certification *out)
{
	struct certification stored;
	struct set_certification_args args = {title_id, board, rating, out ? out : &stored};
	return store_transact(st, set_certification_tx, &args);
}

static void read_certification(struct store_stmt *stmt, void *item)
{
	struct certification *c = item;
	store_col_copy(stmt, 0, c->territory, sizeof(c->territory));
	store_col_copy(stmt, 1, c->board, sizeof(c->board));
	store_col_copy(stmt, 2, c->rating, sizeof(c->rating));
	c->level = (int)store_col_int(stmt, 3);
}

enum bg_err availability_store_certifications(struct store *st, int64_t title_id,
                                              struct certification **out, size_t *n)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "SELECT territory, board, rating, level FROM"
	                               " title_certification WHERE title_id = ? ORDER BY territory",
	                               &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, title_id);
	return store_collect(stmt, sizeof(**out), read_certification, NULL, out, n);
}

struct availability_store_set_release_args {
	int64_t series_id;
	int number;
	enum release_mode mode;
	int64_t start;
};

static enum bg_err availability_store_set_release_tx(struct store *st, void *ctx)
{
	struct availability_store_set_release_args *args = ctx;
	char at[DATE_TIME_LEN + 1];
	date_time_format(args->start, at);
	int64_t season;
	enum bg_err rc = store_run(st, &season,
	                           "SELECT id FROM title WHERE parent_id = ? AND kind = 'season'"
	                           " AND number = ?",
	                           "id", args->series_id, args->number);
	if (rc == BG_NOT_FOUND)
		return store_set_error(st, BG_NOT_FOUND, "title %lld has no season %d",
		                       (long long)args->series_id, args->number);
	if (!rc)
		rc = catalog_store_bump_generation(st);
	if (!rc)
		rc = store_run(
		        st, NULL, "UPDATE title SET release_mode = ?, release_at = ? WHERE id = ?",
		        "tti", args->mode == RELEASE_WEEKLY ? "weekly" : "all_at_once", at, season);
	if (!rc)
		rc = catalog_store_apply_release(st, season);
	return rc;
}

enum bg_err availability_store_set_release(struct store *st, int64_t series_id, int number,
                                           enum release_mode mode, int64_t start)
{
	struct availability_store_set_release_args args = {series_id, number, mode, start};
	return store_transact(st, availability_store_set_release_tx, &args);
}

struct availability_store_delete_title_args {
	int64_t title_id;
};

static enum bg_err availability_store_delete_title_tx(struct store *st, void *ctx)
{
	struct availability_store_delete_title_args *args = ctx;
	enum bg_err rc = check_top_level(st, args->title_id);
	if (!rc)
		rc = catalog_store_bump_generation(st);
	if (!rc)
		rc = store_run(st, NULL, "DELETE FROM title WHERE id = ?", "i", args->title_id);
	/* People and organisations only that title used go with it. */
	if (!rc)
		rc = catalog_store_drop_orphans(st);
	return rc;
}

enum bg_err availability_store_delete_title(struct store *st, int64_t title_id)
{
	struct availability_store_delete_title_args args = {title_id};
	return store_transact(st, availability_store_delete_title_tx, &args);
}

struct reach_rows {
	const int64_t *ids;
	size_t n;
	struct title_reach *out;
};

static enum bg_err read_reach(struct store_stmt *stmt, void *ctx)
{
	struct reach_rows *rr = ctx;
	int64_t id = store_col_int(stmt, 0);
	for (size_t i = 0; i < rr->n; i++) {
		if (rr->ids[i] != id)
			continue;
		struct title_reach *r = &rr->out[i];
		r->worldwide = store_col_int(stmt, 1) != 0;
		r->territories = (int)store_col_int(stmt, 2);
		r->windows = (int)store_col_int(stmt, 3);
		if (!r->worldwide && !r->territories) {
			store_col_copy(stmt, 4, r->opens_at, sizeof(r->opens_at));
			if (!r->opens_at[0])
				store_col_copy(stmt, 5, r->ended_at, sizeof(r->ended_at));
		}
		store_col_copy(stmt, 6, r->release_at, sizeof(r->release_at));
	}
	return BG_OK;
}

/* An open window: started, not ended. Parameters: now, now. */
#define OPEN_AT "w.starts_at <= ? AND (w.ends_at IS NULL OR w.ends_at > ?)"

enum bg_err availability_store_reach(struct store *st, const int64_t *ids, size_t n,
                                     const char *now, struct title_reach *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (struct title_reach){.id = ids[i]};
	if (!n)
		return BG_OK;
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare_in(
	        st,
	        "SELECT t.id,"
	        " (SELECT COUNT(*) FROM licence_window w WHERE w.title_id = t.id"
	        "  AND w.worldwide = 1 AND " OPEN_AT "),"
	        " (SELECT COUNT(DISTINCT lt.territory) FROM licence_window w"
	        "  JOIN licence_territory lt ON lt.window_id = w.id"
	        "  WHERE w.title_id = t.id AND " OPEN_AT "),"
	        " (SELECT COUNT(*) FROM licence_window w WHERE w.title_id = t.id),"
	        " (SELECT MIN(w.starts_at) FROM licence_window w WHERE w.title_id = t.id"
	        "  AND w.starts_at > ?),"
	        " (SELECT MAX(w.ends_at) FROM licence_window w WHERE w.title_id = t.id),"
	        " CASE WHEN t.release_at > ? THEN t.release_at END"
	        " FROM title t WHERE t.id IN (",
	        ids, n, 7, ")", &stmt);
	if (rc)
		return rc;
	for (int k = 1; k <= 6; k++)
		store_bind_text(stmt, k, now);
	struct reach_rows rr = {ids, n, out};
	return store_rows(stmt, read_reach, &rr);
}

void title_reach_reason(const struct title_reach *r, char *out, size_t len)
{
	if (r->release_at[0])
		snprintf(out, len, "released on %.10s", r->release_at);
	else if (r->worldwide || r->territories)
		snprintf(out, len, "%s", "");
	else if (!r->windows)
		snprintf(out, len, "no licence window");
	else if (r->opens_at[0])
		snprintf(out, len, "its licence window opens on %.10s", r->opens_at);
	else
		snprintf(out, len, "its licence windows ended on %.10s", r->ended_at);
}
