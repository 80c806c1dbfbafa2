/*
 * catalog_view.c - viewer-facing reads of the catalogue; see catalog_view.h.
 * Every query here selects from `title t JOIN title tp ON tp.id = t.top_id`
 * and filters with VIS_VISIBLE (visibility.h).
 */
#include "catalog/catalog_view.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/fold.h"
#include "core/mem.h"
#include "core/trigram.h"
#include "catalog/catalog_store.h"
#include "store/store.h"
#include "core/banned.h"

#define FROM_TITLE " FROM title t JOIN title tp ON tp.id = t.top_id "
#define NO_LIMIT   ((int64_t)1 << 62)

static char *col_dup(struct store_stmt *stmt, int col)
{
	const char *s = store_col_text(stmt, col);
	return s ? xstrdup(s) : NULL;
}

/* '%' + text with LIKE's wildcards escaped + '%'. */
static char *like_pattern(const char *folded)
{
	struct buf b = BUF_INIT(BUF_MAX_SMALL * 4);
	buf_addch(&b, '%');
	for (const char *s = folded; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			buf_addch(&b, '\\');
		buf_addch(&b, *s);
	}
	buf_addch(&b, '%');
	return buf_detach(&b, NULL);
}

/* Cursors are the hex of "id:name_folded" of the last row of a page. */
static char *cursor_encode(int64_t id, const char *name_folded)
{
	struct buf raw = BUF_INIT(BUF_MAX_SMALL), hex = BUF_INIT(BUF_MAX_SMALL * 2 + 1);
	buf_addf(&raw, "%lld:%s", (long long)id, name_folded);
	for (size_t i = 0; i < raw.len; i++)
		buf_addf(&hex, "%02x", (unsigned char)raw.ptr[i]);
	buf_release(&raw);
	return buf_detach(&hex, NULL);
}

static bool cursor_decode(const char *cursor, int64_t *id, struct buf *name)
{
	size_t len = strlen(cursor);
	if (len == 0 || len % 2 || len > 2048)
		return false;
	struct buf raw = BUF_INIT(1024);
	for (size_t i = 0; i < len; i += 2) {
		if (!isxdigit((unsigned char)cursor[i]) ||
		    !isxdigit((unsigned char)cursor[i + 1])) {
			buf_release(&raw);
			return false;
		}
		char pair[3] = {cursor[i], cursor[i + 1], 0};
		buf_addch(&raw, (char)strtol(pair, NULL, 16));
	}
	char *colon = strchr(raw.ptr, ':');
	bool ok = colon && colon > raw.ptr && strlen(raw.ptr) == raw.len;
	for (char *p = raw.ptr; ok && p < colon; p++)
		ok = isdigit((unsigned char)*p);
	if (ok) {
		*id = strtoll(raw.ptr, NULL, 10);
		buf_adds(name, colon + 1);
	}
	buf_release(&raw);
	return ok;
}

static void read_row(struct store_stmt *stmt, struct title_row *r);

/* Appends a row to the struct title_rows ctx. */
static enum bg_err append_row(struct store_stmt *stmt, void *ctx)
{
	struct title_rows *rows = ctx;
	rows->items = xgrow(rows->items, sizeof(*rows->items), rows->n + 1, &rows->cap);
	read_row(stmt, &rows->items[rows->n++]);
	return BG_OK;
}

/* A page of rows: limit rows (0: all); one more makes the cursor to the next page. */
struct page {
	struct title_rows *rows;
	size_t limit;
	char **next_cursor;
};

static enum bg_err append_page_row(struct store_stmt *stmt, void *ctx)
{
	struct page *pg = ctx;
	if (pg->limit && pg->rows->n == pg->limit) {
		struct title_row *last = &pg->rows->items[pg->rows->n - 1];
		char *last_folded = fold_dup(last->name);
		*pg->next_cursor = cursor_encode(last->id, last_folded);
		free(last_folded);
		return BG_DONE; /* stops the rows */
	}
	return append_row(stmt, pg->rows);
}

static void read_row(struct store_stmt *stmt, struct title_row *r)
{
	*r = (struct title_row){.id = store_col_int(stmt, 0),
	                        .name = col_dup(stmt, 2),
	                        .parent_id = store_col_int(stmt, 4),
	                        .number = (int)store_col_int(stmt, 5),
	                        .season_count = (int)store_col_int(stmt, 6),
	                        .episode_count = (int)store_col_int(stmt, 7),
	                        .rating = col_dup(stmt, 8),
	                        .synopsis = col_dup(stmt, 11),
	                        .runtime_min = (int)store_col_int(stmt, 12)};
	if (!title_kind_parse(store_col_text(stmt, 1), &r->kind))
		r->kind = TITLE_SERIES;
	store_col_copy(stmt, 3, r->first_aired, sizeof(r->first_aired));
	store_col_copy(stmt, 9, r->release_at, sizeof(r->release_at));
}

/* Columns read_row() reads, with name_folded (10) for the cursor. */
#define ROW_COLUMNS                                                                   \
	"SELECT t.id, t.kind, t.name, t.first_aired, COALESCE(t.parent_id, 0),"       \
	" COALESCE(t.number, 0),"                                                     \
	" (SELECT COUNT(*) FROM season_size s WHERE s.series_id = t.id),"             \
	" CASE WHEN t.kind = 'season'"                                                \
	"  THEN (SELECT s.episode_count FROM season_size s WHERE s.season_id = t.id)" \
	"  ELSE (SELECT COALESCE(SUM(s.episode_count), 0) FROM season_size s"         \
	"        WHERE s.series_id = t.id) END,"                                      \
	" CASE WHEN t.kind IN ('series', 'film') THEN t.rating_value END,"            \
	" t.release_at, t.name_folded, t.synopsis, t.runtime_min"

enum bg_err catalog_view_list(struct store *st, const struct viewer *v,
                              const struct title_filter *f, struct title_rows *out,
                              char **next_cursor)
{
	*next_cursor = NULL;
	int64_t after_id = 0;
	struct buf after_name = BUF_INIT(BUF_MAX_SMALL);
	if (f->cursor && *f->cursor && !cursor_decode(f->cursor, &after_id, &after_name)) {
		buf_release(&after_name);
		return store_set_error(st, BG_INVALID, "cursor: not one this server gave out");
	}
	char *folded = fold_dup(f->query ? f->query : "");
	char *pattern = like_pattern(folded);
	struct store_stmt *stmt;
	/*
	 * The kind is written into the SQL, not bound, so that each page is a
	 * walk of a partial index of names in its order, from the cursor on,
	 * that stops at the limit (migration 0037): SQLite picks a partial
	 * index only when the query's own terms imply its WHERE.
	 */
	struct buf sql = BUF_INIT(BUF_MAX_SMALL);
	buf_adds(&sql, ROW_COLUMNS FROM_TITLE "WHERE " VIS_VISIBLE);
	if (f->kind)
		buf_addf(&sql, " AND t.kind = '%s'", title_kind_name(*f->kind));
	else
		buf_adds(&sql, " AND t.kind IN ('series', 'film')");
	buf_adds(&sql,
	         " AND (? = '' OR t.name_folded LIKE ? ESCAPE '\\')"
	         /* "t.top_id IS NOT NULL": a search per title on PostgreSQL too (visibility.h) */
	         " AND (? = '' OR EXISTS (SELECT 1 FROM title_tag g WHERE g.title_id = t.top_id"
	         "  AND t.top_id IS NOT NULL AND g.kind = 'genre' AND LOWER(g.value) = LOWER(?)))"
	         " AND (? = '' OR EXISTS (SELECT 1 FROM licence_window pw WHERE pw.title_id = t.top_id"
	         "  AND t.top_id IS NOT NULL"
	         "  AND LOWER(pw.platform) = LOWER(?) AND pw.starts_at <= ?"
	         "  AND (pw.ends_at IS NULL OR pw.ends_at > ?)))"
	         /* the first term seeks the index to the cursor; the second is exact */
	         " AND t.name_folded >= ?"
	         " AND (? = 0 OR t.name_folded > ? OR (t.name_folded = ? AND t.id > ?))"
	         " ORDER BY t.name_folded, t.id LIMIT ?");
	enum bg_err rc = store_prepare(st, sql.ptr, &stmt);
	buf_release(&sql);
	if (rc)
		goto out;
	struct viewer all;
	if (!v) {
		viewer_init_unrestricted(&all, date_time_now());
		v = &all;
	}
	int i = 1;
	visibility_bind(stmt, i, v);
	i += VIS_PARAMS;
	store_bind_text(stmt, i++, folded);
	store_bind_text(stmt, i++, pattern);
	store_bind_text(stmt, i++, f->genre ? f->genre : "");
	store_bind_text(stmt, i++, f->genre ? f->genre : "");
	store_bind_text(stmt, i++, f->platform ? f->platform : "");
	store_bind_text(stmt, i++, f->platform ? f->platform : "");
	store_bind_text(stmt, i++, v->now);
	store_bind_text(stmt, i++, v->now);
	store_bind_text(stmt, i++, after_name.len ? after_name.ptr : "");
	store_bind_int(stmt, i++, after_name.len || after_id ? 1 : 0);
	store_bind_text(stmt, i++, after_name.ptr);
	store_bind_text(stmt, i++, after_name.ptr);
	store_bind_int(stmt, i++, after_id);
	/* One row more than asked says whether another page follows. */
	store_bind_int(stmt, i++, f->limit ? (int64_t)f->limit + 1 : NO_LIMIT);
	struct page pg = {out, f->limit, next_cursor};
	rc = store_rows(stmt, append_page_row, &pg);
out:
	free(folded);
	free(pattern);
	buf_release(&after_name);
	return rc;
}

enum bg_err catalog_view_check(struct store *st, const struct viewer *v, int64_t id)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st, "SELECT t.id, " VIS_STATUS_COLUMNS FROM_TITLE "WHERE t.id = ?", &stmt);
	if (rc)
		return rc;
	struct viewer all;
	if (!v) {
		viewer_init_unrestricted(&all, date_time_now());
		v = &all;
	}
	visibility_bind_status(stmt, 1, v);
	store_bind_int(stmt, VIS_STATUS_PARAMS + 1, id);
	rc = store_step(stmt);
	if (rc == BG_DONE) {
		rc = store_set_error(st, BG_NOT_FOUND, "no title with id %lld", (long long)id);
	} else if (rc == BG_ROW) {
		bool maturity_ok = store_col_int(stmt, 1), licensed = store_col_int(stmt, 2),
		     released = store_col_int(stmt, 3);
		rc = BG_OK;
		if (v->unrestricted)
			; /* admins and the CLI see everything */
		else if (!licensed)
			rc = store_set_error(st, BG_UNAVAILABLE,
			                     "title %lld is not available in %s at this time",
			                     (long long)id, v->territory);
		else if (!maturity_ok)
			rc = store_set_error(st, BG_FORBIDDEN,
			                     "title %lld is above this profile's maturity ceiling",
			                     (long long)id);
		else if (!released)
			rc = store_set_error(st, BG_NOT_FOUND, "title %lld is not released yet",
			                     (long long)id);
	}
	store_finalize(stmt);
	return rc;
}

static enum bg_err add_visible_season(struct store_stmt *stmt, void *ctx)
{
	struct title_doc *doc = ctx;
	title_doc_add_season(doc, (int)store_col_int(stmt, 1), (int)store_col_int(stmt, 2))->id =
	        store_col_int(stmt, 0);
	return BG_OK;
}

/*
 * Visible seasons of series_id with their visible episode counts, in one
 * statement: each count is a search of title_parent_kind. Only for a
 * series that has just passed the whole rule for v (VIS_VISIBLE_UNDER_TOP).
 */
static enum bg_err visible_seasons(struct store *st, const struct viewer *v, int64_t series_id,
                                   struct title_doc *doc)
{
	/* The series has passed the whole rule (catalog_view_title), so its
	 * seasons and episodes are judged by their release alone. */
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT season.id, season.number, (SELECT COUNT(*) FROM title t"
	        " WHERE t.parent_id = season.id AND t.kind = 'episode' AND " VIS_VISIBLE_UNDER_TOP ")"
	        " FROM (SELECT t.id, t.number FROM title t WHERE t.parent_id = ? AND t.kind = 'season'"
	        " AND " VIS_VISIBLE_UNDER_TOP ") season ORDER BY season.number",
	        &stmt);
	if (rc)
		return rc;
	store_bind_text(stmt, 1, v->now);
	store_bind_int(stmt, 2, series_id);
	store_bind_text(stmt, 3, v->now);
	return store_rows(stmt, add_visible_season, doc);
}

enum bg_err catalog_view_title(struct store *st, const struct viewer *v, int64_t id,
                               struct title_doc *out)
{
	enum bg_err rc = catalog_view_check(st, v, id);
	if (rc)
		return rc;
	if (!v || v->unrestricted)
		return catalog_store_load(st, id, out);
	rc = catalog_store_load_without_seasons(st, id, out);
	if (rc || out->kind != TITLE_SERIES)
		return rc;
	return visible_seasons(st, v, id, out);
}

enum bg_err catalog_view_episodes(struct store *st, const struct viewer *v, int64_t series_id,
                                  int number, struct title_rows *out)
{
	enum bg_err rc = catalog_view_check(st, v, series_id);
	if (rc)
		return rc;
	int64_t season;
	rc = store_run(
	        st, &season,
	        "SELECT id FROM title WHERE parent_id = ? AND kind = 'season' AND number = ?", "id",
	        series_id, number);
	if (rc == BG_NOT_FOUND)
		return store_set_error(st, BG_NOT_FOUND, "title %lld has no season %d",
		                       (long long)series_id, number);
	if (!rc)
		rc = catalog_view_check(st, v, season);
	if (rc)
		return rc;
	struct store_stmt *stmt;
	rc = store_prepare(st,
	                   ROW_COLUMNS FROM_TITLE "WHERE t.parent_id = ? AND " VIS_VISIBLE
	                                          " ORDER BY t.number",
	                   &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, season);
	visibility_bind(stmt, 2, v);
	return store_rows(stmt, append_row, out);
}

/* Hits being collected, and the kind a row without a character is. */
struct hits {
	struct search_hits *out;
	enum search_hit_kind kind;
};

static enum bg_err append_hit(struct store_stmt *stmt, void *ctx)
{
	struct hits *hits = ctx;
	struct search_hits *out = hits->out;
	out->items = xgrow(out->items, sizeof(*out->items), out->n + 1, &out->cap);
	struct search_hit *h = &out->items[out->n++];
	*h = (struct search_hit){.kind = store_col_is_null(stmt, 6) ? hits->kind : HIT_CHARACTER,
	                         .title_id = store_col_int(stmt, 0),
	                         .title = col_dup(stmt, 2),
	                         .person_id = store_col_int(stmt, 3),
	                         .person = col_dup(stmt, 4),
	                         .role = col_dup(stmt, 5),
	                         .character = col_dup(stmt, 6)};
	if (!title_kind_parse(store_col_text(stmt, 1), &h->title_kind))
		h->title_kind = TITLE_SERIES;
	return BG_OK;
}

/*
 * Runs a hit query. Columns: title id, title kind, title name, person id,
 * person, role, character. Parameters: arg (int or text), the visibility
 * rule, limit.
 */
static enum bg_err hit_query(struct store *st, const struct viewer *v, enum search_hit_kind kind,
                             const char *sql, const char *text_arg, int64_t int_arg, size_t limit,
                             struct search_hits *out)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, sql, &stmt);
	if (rc)
		return rc;
	if (text_arg)
		store_bind_text(stmt, 1, text_arg);
	else
		store_bind_int(stmt, 1, int_arg);
	visibility_bind(stmt, 2, v);
	store_bind_int(stmt, 2 + VIS_PARAMS, limit ? (int64_t)limit : NO_LIMIT);
	struct hits h = {out, kind};
	return store_rows(stmt, append_hit, &h);
}

#define CREDIT_JOIN                                                                            \
	" FROM credit c JOIN person p ON p.id = c.person_id JOIN title t ON t.id = c.title_id" \
	" JOIN title tp ON tp.id = t.top_id "

/* A title that resembles the query, with how much; name set once it shows visible. */
struct near_title {
	int64_t id;
	enum title_kind kind;
	char *name;
	double score;
};

struct near_titles {
	const char *folded; /* the query */
	const struct search_hits *found; /* titles the exact search found */
	struct near_title *items;
	size_t n, cap;
};

static bool already_found(const struct search_hits *found, int64_t id)
{
	for (size_t i = 0; i < found->n; i++)
		if (found->items[i].kind == HIT_TITLE && found->items[i].title_id == id)
			return true;
	return false;
}

static enum bg_err score_title(struct store_stmt *stmt, void *ctx)
{
	struct near_titles *near = ctx;
	double score = trigram_similarity(near->folded, store_col_text(stmt, 1));
	int64_t id = store_col_int(stmt, 0);
	if (score < SEARCH_SIMILARITY_MIN || already_found(near->found, id))
		return BG_OK;
	near->items = xgrow(near->items, sizeof(*near->items), near->n + 1, &near->cap);
	near->items[near->n++] = (struct near_title){.id = id, .score = score};
	return BG_OK;
}

static int by_score(const void *a, const void *b)
{
	const struct near_title *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* A chunk of candidates being checked against the rule. */
struct near_chunk {
	struct near_title *items;
	size_t n;
};

static enum bg_err name_visible(struct store_stmt *stmt, void *ctx)
{
	struct near_chunk *chunk = ctx;
	int64_t id = store_col_int(stmt, 0);
	for (size_t i = 0; i < chunk->n; i++) {
		struct near_title *t = &chunk->items[i];
		if (t->id == id && !t->name) {
			t->name = col_dup(stmt, 2);
			if (!title_kind_parse(store_col_text(stmt, 1), &t->kind))
				t->kind = TITLE_SERIES;
		}
	}
	return BG_OK;
}

#define NEAR_CHUNK 64

/*
 * Titles the exact search missed but whose names resemble the query (a
 * typo, a letter left out), best first: every series' and film's folded
 * name is scored by trigram similarity in C, the same on both engines,
 * reading only the index title_top_name; then the rule is applied to the
 * resembling ones, best first, a chunk at a time until limit are visible.
 */
static enum bg_err near_titles(struct store *st, const struct viewer *v, const char *folded,
                               size_t limit, struct search_hits *out)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "SELECT t.id, t.name_folded FROM title t"
	                               " WHERE t.kind IN ('series', 'film')"
	                               " /* full scan: a fuzzy search scores every name */",
	                               &stmt);
	if (rc)
		return rc;
	struct near_titles near = {.folded = folded, .found = out};
	rc = store_rows(stmt, score_title, &near);
	if (near.n)
		qsort(near.items, near.n, sizeof(*near.items), by_score);
	size_t shown = 0;
	for (size_t first = 0; !rc && first < near.n && (!limit || shown < limit);
	     first += NEAR_CHUNK) {
		struct near_chunk chunk = {&near.items[first],
		                           near.n - first < NEAR_CHUNK ? near.n - first : NEAR_CHUNK};
		int64_t ids[NEAR_CHUNK];
		for (size_t i = 0; i < chunk.n; i++)
			ids[i] = chunk.items[i].id;
		rc = store_prepare_in(st, "SELECT t.id, t.kind, t.name" FROM_TITLE "WHERE " VIS_VISIBLE
		                      " AND t.id IN (",
		                      ids, chunk.n, 1 + VIS_PARAMS, ")", &stmt);
		if (rc)
			break;
		visibility_bind(stmt, 1, v);
		rc = store_rows(stmt, name_visible, &chunk);
		for (size_t i = 0; !rc && i < chunk.n && (!limit || shown < limit); i++) {
			struct near_title *t = &chunk.items[i];
			if (!t->name)
				continue;
			out->items = xgrow(out->items, sizeof(*out->items), out->n + 1, &out->cap);
			out->items[out->n++] = (struct search_hit){
			        .kind = HIT_TITLE, .title_id = t->id, .title_kind = t->kind, .title = t->name};
			t->name = NULL; /* now out's */
			shown++;
		}
	}
	for (size_t i = 0; i < near.n; i++)
		free(near.items[i].name);
	free(near.items);
	return rc;
}

enum bg_err catalog_view_search(struct store *st, const struct viewer *v, const char *query,
                                size_t limit, struct search_hits *out)
{
	char *folded = fold_dup(query);
	if (!*folded) {
		free(folded);
		return store_set_error(st, BG_INVALID, "the search text has no letters or digits");
	}
	char *pattern = like_pattern(folded);
	/*
	 * A substring (LIKE '%text%') can't seek a B-tree: each query walks one
	 * index of names in its page's order, testing the text on the index
	 * entry alone, and stops when its page is full (migration 0037).
	 */
	enum bg_err rc =
	        hit_query(st, v, HIT_TITLE,
	                  "SELECT t.id, t.kind, t.name, 0, NULL, NULL, NULL" FROM_TITLE
	                  "WHERE t.name_folded LIKE ? ESCAPE '\\' AND t.kind IN ('series', 'film')"
	                  " AND " VIS_VISIBLE " ORDER BY t.name_folded, t.id LIMIT ?"
	                  " /* full scan: a substring search walks the names to its page's end */",
	                  pattern, 0, limit, out);
	/* Few titles hold the text as typed: add those it nearly names. */
	if (!rc && out->n < SEARCH_NEAR_BELOW)
		rc = near_titles(st, v, folded, limit ? limit - out->n : 0, out);
	free(folded);
	/* People first (CROSS JOIN keeps SQLite from walking every credit instead). */
	if (!rc)
		rc = hit_query(
		        st, v, HIT_PERSON,
		        "SELECT t.id, t.kind, t.name, p.id, p.name, MIN(c.role), NULL"
		        " FROM person p CROSS JOIN credit c JOIN title t ON t.id = c.title_id"
		        " JOIN title tp ON tp.id = t.top_id"
		        " WHERE p.name_folded LIKE ? ESCAPE '\\' AND c.person_id = p.id AND " VIS_VISIBLE
		        " GROUP BY p.id, p.name, t.id, t.kind, t.name"
		        " ORDER BY p.name, t.id LIMIT ?"
		        " /* full scan: a substring search reads every person's name */",
		        pattern, 0, limit, out);
	if (!rc)
		rc = hit_query(st, v, HIT_CHARACTER,
		               "SELECT t.id, t.kind, t.name, p.id, p.name, c.role, "
		               "c.character_name" CREDIT_JOIN
		               "WHERE c.character_folded LIKE ? ESCAPE '\\'"
		               " AND c.character_folded IS NOT NULL AND " VIS_VISIBLE
		               " ORDER BY c.character_folded, c.title_id LIMIT ?"
		               " /* full scan: a substring search walks the names to its page's end */",
		               pattern, 0, limit, out);
	free(pattern);
	return rc;
}

enum bg_err catalog_view_person(struct store *st, const struct viewer *v, int64_t person_id,
                                char **name_out, struct search_hits *credits)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, "SELECT name FROM person WHERE id = ?", &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, person_id);
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		*name_out = col_dup(stmt, 0);
		rc = BG_OK;
	} else if (rc == BG_DONE) {
		rc = store_set_error(st, BG_NOT_FOUND, "no person with id %lld",
		                     (long long)person_id);
	}
	store_finalize(stmt);
	if (rc)
		return rc;
	return hit_query(
	        st, v, HIT_PERSON,
	        "SELECT t.id, t.kind, t.name, p.id, p.name, c.role, c.character_name" CREDIT_JOIN
	        "WHERE p.id = ? AND " VIS_VISIBLE " ORDER BY t.name_folded, t.id, c.role LIMIT ?",
	        NULL, person_id, 0, credits);
}

static void read_genre(struct store_stmt *stmt, void *item)
{
	struct genre_count *g = item;
	store_col_copy(stmt, 0, g->name, sizeof(g->name));
	g->titles = store_col_int(stmt, 1);
}

enum bg_err catalog_view_genres(struct store *st, const struct viewer *v,
                                const enum title_kind *kind, struct genre_count **out, size_t *n)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "SELECT g.value, COUNT(*) FROM title_tag g"
	                               " JOIN title t ON t.id = g.title_id"
	                               " JOIN title tp ON tp.id = t.top_id"
	                               " WHERE g.kind = 'genre' AND t.top_id = t.id"
	                               " AND (? = '' OR t.kind = ?) AND " VIS_VISIBLE
	                               " GROUP BY g.value ORDER BY COUNT(*) DESC, g.value"
	                               " /* full scan: visible titles counted per genre */",
	                               &stmt);
	if (rc)
		return rc;
	const char *k = kind ? title_kind_name(*kind) : "";
	store_bind_text(stmt, 1, k);
	store_bind_text(stmt, 2, k);
	visibility_bind(stmt, 3, v);
	return store_collect(stmt, sizeof(**out), read_genre, NULL, out, n);
}
