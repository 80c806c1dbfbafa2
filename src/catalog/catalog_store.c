/*
 * catalog_store.c - reads and writes the catalogue aggregate; see
 * catalog_store.h. All SQL here is in the subset SQLite and PostgreSQL
 * share.
 */
#include "catalog/catalog_store.h"

#include "catalog/maturity.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/fold.h"
#include "core/mem.h"
#include "store/store.h"
#include "store/generation.h"
#include "core/banned.h"

/* Child tables replaced wholesale on every write of a title. */
static const char *const owned_tables[] = {"title_tag",     "credit",      "title_organisation",
                                           "title_related", "title_extra", "title_section"};

static enum bg_err put_title_row(struct store *st, struct title_doc *doc)
{
	/* Without a US rating the title counts at its highest certification
	 * (availability_store.h), which a re-import keeps. */
	int level = -1;
	if (doc->rating_value && !maturity_of_rating(doc->rating_value, &level))
		level = -1;
	char *folded = fold_dup(doc->name);
	enum bg_err rc = store_run(
	        st, &doc->id,
	        "INSERT INTO title (kind, name, name_folded, source_key, synopsis, first_aired,"
	        " status, status_date, runtime_min, runtime_max, rating_system, rating_value,"
	        " maturity_level)"
	        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(NULLIF(?, -1), 18))"
	        " ON CONFLICT (source_key) DO UPDATE SET kind = excluded.kind,"
	        " name = excluded.name, name_folded = excluded.name_folded,"
	        " synopsis = excluded.synopsis, first_aired = excluded.first_aired,"
	        " status = excluded.status, status_date = excluded.status_date,"
	        " runtime_min = excluded.runtime_min, runtime_max = excluded.runtime_max,"
	        " rating_system = excluded.rating_system, rating_value = excluded.rating_value,"
	        " maturity_level = COALESCE(NULLIF(?, -1), (SELECT MAX(c.level)"
	        " FROM title_certification c WHERE c.title_id = title.id), 18)"
	        " RETURNING id",
	        "ttttttttiittdd", title_kind_name(doc->kind), doc->name, folded, doc->source_key,
	        doc->synopsis, doc->first_aired[0] ? doc->first_aired : NULL, doc->status,
	        doc->status_date[0] ? doc->status_date : NULL, (int64_t)doc->runtime_min,
	        (int64_t)doc->runtime_max, doc->rating_system, doc->rating_value, level, level);
	free(folded);
	if (!rc)
		rc = store_run(st, NULL, "UPDATE title SET top_id = id WHERE id = ?", "i", doc->id);
	return rc;
}

static enum bg_err clear_owned(struct store *st, int64_t id)
{
	for (size_t i = 0; i < sizeof(owned_tables) / sizeof(owned_tables[0]); i++) {
		char sql[128];
		snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE title_id = ?", owned_tables[i]);
		enum bg_err rc = store_run(st, NULL, sql, "i", id);
		if (rc)
			return rc;
	}
	return BG_OK;
}

static enum bg_err put_tags(struct store *st, int64_t id, const char *kind,
                            const struct strlist *values)
{
	for (size_t i = 0; i < values->n; i++) {
		enum bg_err rc = store_run(st, NULL,
		                           "INSERT INTO title_tag (title_id, kind, ord, value)"
		                           " VALUES (?, ?, ?, ?)",
		                           "itit", id, kind, (int64_t)i, values->items[i]);
		if (rc)
			return rc;
	}
	return BG_OK;
}

static enum bg_err put_organisations(struct store *st, int64_t id, const char *kind,
                                     const struct strlist *names, int64_t *ord)
{
	for (size_t i = 0; i < names->n; i++) {
		int64_t org;
		enum bg_err rc =
		        store_run(st, &org,
		                  "INSERT INTO organisation (kind, name) VALUES (?, ?)"
		                  " ON CONFLICT (kind, name) DO UPDATE SET name = excluded.name"
		                  " RETURNING id",
		                  "tt", kind, names->items[i]);
		if (!rc)
			rc = store_run(
			        st, NULL,
			        "INSERT INTO title_organisation (title_id, organisation_id, ord)"
			        " VALUES (?, ?, ?)",
			        "iii", id, org, (*ord)++);
		if (rc)
			return rc;
	}
	return BG_OK;
}

static enum bg_err put_credits(struct store *st, const struct title_doc *doc)
{
	int64_t ord[ROLE_COUNT] = {0};
	for (size_t i = 0; i < doc->credit_count; i++) {
		const struct credit *c = &doc->credits[i];
		int64_t person;
		char *name_folded = fold_dup(c->person);
		char *char_folded = c->character ? fold_dup(c->character) : NULL;
		enum bg_err rc = store_run(
		        st, &person,
		        "INSERT INTO person (name, name_folded) VALUES (?, ?)"
		        " ON CONFLICT (name) DO UPDATE SET name_folded = excluded.name_folded"
		        " RETURNING id",
		        "tt", c->person, name_folded);
		if (!rc)
			rc = store_run(
			        st, NULL,
			        "INSERT INTO credit (title_id, role, person_id, ord, "
			        "character_name,"
			        " character_folded, description) VALUES (?, ?, ?, ?, ?, ?, ?)",
			        "itiittt", doc->id, credit_role_name(c->role), person,
			        ord[c->role]++, c->character, char_folded, c->description);
		free(name_folded);
		free(char_folded);
		if (rc)
			return rc;
	}
	return BG_OK;
}

/*
 * Seasons by (series, number), and an episode row for every declared
 * episode, so that each is addressable (playback, progress) even before
 * media is linked to it. Existing rows (and their release schedules) stay.
 */
static enum bg_err put_seasons(struct store *st, struct title_doc *doc)
{
	for (size_t i = 0; i < doc->season_count; i++) {
		struct season_info *s = &doc->seasons[i];
		char name[32];
		snprintf(name, sizeof(name), "Season %d", s->number);
		enum bg_err rc = store_run(
		        st, &s->id,
		        "INSERT INTO title (kind, parent_id, top_id, number, name, name_folded,"
		        " episode_count) VALUES ('season', ?, ?, ?, ?, ?, ?)"
		        " ON CONFLICT (parent_id, number) DO UPDATE SET"
		        " episode_count = excluded.episode_count RETURNING id",
		        "iiitti", doc->id, doc->id, (int64_t)s->number, name, name,
		        (int64_t)s->episode_count);
		for (int e = 1; e <= s->episode_count && !rc; e++) {
			snprintf(name, sizeof(name), "Episode %d", e);
			rc = store_run(st, NULL,
			               "INSERT INTO title (kind, parent_id, top_id, number, name,"
			               " name_folded) VALUES ('episode', ?, ?, ?, ?, ?)"
			               " ON CONFLICT (parent_id, number) DO NOTHING",
			               "iiitt", s->id, doc->id, (int64_t)e, name, name);
		}
		if (!rc)
			rc = catalog_store_apply_release(st, s->id);
		if (rc)
			return rc;
	}
	return BG_OK;
}

static enum bg_err put_extras_and_sections(struct store *st, const struct title_doc *doc)
{
	enum bg_err rc = BG_OK;
	for (size_t i = 0; i < doc->related.n && !rc; i++)
		rc = store_run(st, NULL,
		               "INSERT INTO title_related (title_id, ord, name) VALUES (?, ?, ?)",
		               "iit", doc->id, (int64_t)i, doc->related.items[i]);
	for (size_t i = 0; i < doc->extra_count && !rc; i++)
		rc = store_run(st, NULL,
		               "INSERT INTO title_extra (title_id, ord, attr_key, attr_value)"
		               " VALUES (?, ?, ?, ?)",
		               "iitt", doc->id, (int64_t)i, doc->extras[i].key,
		               doc->extras[i].value);
	for (size_t i = 0; i < doc->section_count && !rc; i++)
		rc = store_run(st, NULL,
		               "INSERT INTO title_section (title_id, ord, level, heading, body)"
		               " VALUES (?, ?, ?, ?, ?)",
		               "iiitt", doc->id, (int64_t)i, (int64_t)doc->sections[i].level,
		               doc->sections[i].heading, doc->sections[i].body);
	return rc;
}

static enum bg_err catalog_store_drop_orphans_tx(struct store *st, void *ctx)
{
	(void)ctx;
	enum bg_err rc = store_run(
	        st, NULL, "DELETE FROM person WHERE id NOT IN (SELECT person_id FROM credit)", "");
	if (!rc)
		rc = store_run(st, NULL,
		               "DELETE FROM organisation WHERE id NOT IN"
		               " (SELECT organisation_id FROM title_organisation)",
		               "");
	return rc;
}

enum bg_err catalog_store_drop_orphans(struct store *st)
{
	return store_transact(st, catalog_store_drop_orphans_tx, NULL);
}

struct catalog_store_put_args {
	struct title_doc *doc;
};

static enum bg_err catalog_store_put_tx(struct store *st, void *ctx)
{
	struct catalog_store_put_args *args = ctx;
	if (!args->doc->name || !*args->doc->name || !args->doc->source_key ||
	    !*args->doc->source_key)
		return store_set_error(st, BG_INVALID, "a title needs a name and a source key");
	if (args->doc->kind != TITLE_SERIES && args->doc->kind != TITLE_FILM)
		return store_set_error(st, BG_INVALID,
		                       "only series and films are top-level titles");

	int64_t ord = 0;
	enum bg_err rc = catalog_store_bump_generation(st);
	if (!rc)
		rc = put_title_row(st, args->doc);
	if (!rc)
		rc = clear_owned(st, args->doc->id);
	if (!rc)
		rc = put_tags(st, args->doc->id, "genre", &args->doc->genres);
	if (!rc)
		rc = put_tags(st, args->doc->id, "country", &args->doc->countries);
	if (!rc)
		rc = put_tags(st, args->doc->id, "language", &args->doc->languages);
	if (!rc)
		rc = put_tags(st, args->doc->id, "location", &args->doc->locations);
	if (!rc)
		rc = put_organisations(st, args->doc->id, "company", &args->doc->companies, &ord);
	if (!rc)
		rc = put_organisations(st, args->doc->id, "platform", &args->doc->platforms, &ord);
	if (!rc)
		rc = put_credits(st, args->doc);
	if (!rc)
		rc = put_seasons(st, args->doc);
	if (!rc)
		rc = put_extras_and_sections(st, args->doc);
	if (!rc)
		rc = catalog_store_drop_orphans(st);
	return rc;
}

enum bg_err catalog_store_put(struct store *st, struct title_doc *doc)
{
	struct catalog_store_put_args args = {doc};
	return store_transact(st, catalog_store_put_tx, &args);
}

/* Copies a nullable text column. */
static char *col_dup(struct store_stmt *stmt, int col)
{
	const char *s = store_col_text(stmt, col);
	return s ? xstrdup(s) : NULL;
}

static void col_date(struct store_stmt *stmt, int col, char out[DATE_ISO_LEN + 1])
{
	const char *s = store_col_text(stmt, col);
	snprintf(out, DATE_ISO_LEN + 1, "%s", s ? s : "");
}

static const char *status_const(const char *s)
{
	return s ? title_status_parse(s) : NULL;
}

static enum bg_err load_title_row(struct store *st, int64_t id, struct title_doc *out)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT kind, name, source_key, synopsis, first_aired, status, status_date,"
	        " runtime_min, runtime_max, rating_system, rating_value FROM title WHERE id = ?",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, id);
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		out->id = id;
		if (!title_kind_parse(store_col_text(stmt, 0), &out->kind))
			out->kind = TITLE_SERIES;
		out->name = col_dup(stmt, 1);
		out->source_key = col_dup(stmt, 2);
		out->synopsis = col_dup(stmt, 3);
		col_date(stmt, 4, out->first_aired);
		out->status = status_const(store_col_text(stmt, 5));
		col_date(stmt, 6, out->status_date);
		out->runtime_min = (int)store_col_int(stmt, 7);
		out->runtime_max = (int)store_col_int(stmt, 8);
		out->rating_system = col_dup(stmt, 9);
		out->rating_value = col_dup(stmt, 10);
		rc = BG_OK;
	} else if (rc == BG_DONE) {
		rc = store_set_error(st, BG_NOT_FOUND, "no title with id %lld", (long long)id);
	}
	store_finalize(stmt);
	return rc;
}

/*
 * A title's child rows come from one statement (catalog_store_load), one
 * UNION ALL branch per kind of row. Columns: the branch (0), four texts
 * (1-4), three integers (5-7), then the sort keys (8, 9). They are sorted
 * here, not by the statement: an ORDER BY over the compound made SQLite
 * sort each branch into a temporary B-tree, 40% of the statement's time.
 */
struct child_row {
	int branch;
	char *text[4]; /* columns 1-4; NULL for SQL NULL */
	int64_t num[3];  /* columns 5-7 */
	char *key;     /* column 8 */
	int64_t ord;   /* column 9 */
};

static void read_child(struct store_stmt *stmt, void *item)
{
	struct child_row *r = item;
	r->branch = (int)store_col_int(stmt, 0);
	for (int i = 0; i < 4; i++)
		r->text[i] = col_dup(stmt, 1 + i);
	for (int i = 0; i < 3; i++)
		r->num[i] = store_col_int(stmt, 5 + i);
	r->key = col_dup(stmt, 8);
	r->ord = store_col_int(stmt, 9);
}

static void release_child(void *item)
{
	struct child_row *r = item;
	for (int i = 0; i < 4; i++)
		free(r->text[i]);
	free(r->key);
}

static int child_order(const void *a, const void *b)
{
	const struct child_row *x = a, *y = b;
	if (x->branch != y->branch)
		return x->branch < y->branch ? -1 : 1;
	int k = strcmp(x->key ? x->key : "", y->key ? y->key : "");
	if (k)
		return k;
	return x->ord < y->ord ? -1 : x->ord > y->ord;
}

static const char *text_or_empty(const char *s)
{
	return s ? s : "";
}

static void row_tag(const struct child_row *r, struct title_doc *doc)
{
	const char *kind = text_or_empty(r->text[0]), *value = text_or_empty(r->text[1]);
	struct strlist *l = strcmp(kind, "genre") == 0      ? &doc->genres
	                    : strcmp(kind, "country") == 0  ? &doc->countries
	                    : strcmp(kind, "language") == 0 ? &doc->languages
	                                                    : &doc->locations;
	strlist_add(l, value, strlen(value));
}

static void row_org(const struct child_row *r, struct title_doc *doc)
{
	const char *kind = text_or_empty(r->text[0]), *name = text_or_empty(r->text[1]);
	strlist_add(strcmp(kind, "platform") == 0 ? &doc->platforms : &doc->companies, name,
	            strlen(name));
}

static void row_credit(const struct child_row *r, struct title_doc *doc)
{
	enum credit_role role;
	if (!credit_role_parse(text_or_empty(r->text[0]), &role))
		return; /* a role this binge does not know: skipped */
	struct credit *c = title_doc_credit(doc, role, text_or_empty(r->text[1]));
	c->character = r->text[2] ? xstrdup(r->text[2]) : NULL;
	c->description = r->text[3] ? xstrdup(r->text[3]) : NULL;
}

static void row_season(const struct child_row *r, struct title_doc *doc)
{
	title_doc_add_season(doc, (int)r->num[1], (int)r->num[2])->id = r->num[0];
}

static void row_related(const struct child_row *r, struct title_doc *doc)
{
	const char *name = text_or_empty(r->text[0]);
	strlist_add(&doc->related, name, strlen(name));
}

static void row_extra(const struct child_row *r, struct title_doc *doc)
{
	title_doc_add_extra(doc, text_or_empty(r->text[0]), text_or_empty(r->text[1]));
}

static void row_section(const struct child_row *r, struct title_doc *doc)
{
	title_doc_add_section(doc, (int)r->num[0], text_or_empty(r->text[0]),
	                      text_or_empty(r->text[1]));
}

static void add_child(const struct child_row *r, struct title_doc *doc)
{
	static void (*const by_branch[])(const struct child_row *, struct title_doc *) = {
	        row_tag, row_org, row_credit, row_season, row_related, row_extra, row_section};
	if (r->branch >= 1 && r->branch <= (int)(sizeof(by_branch) / sizeof(by_branch[0])))
		by_branch[r->branch - 1](r, doc);
}

/*
 * One statement rather than seven: each branch is a search of its table's
 * key, and on PostgreSQL one round trip instead of seven. The seasons'
 * branch is left out for a reader who counts its viewer's own.
 */
#define CHILD_ROWS_BEFORE_SEASONS                                                                 \
	"SELECT 1, kind, value, NULL, NULL, 0, 0, 0, kind, ord FROM title_tag WHERE title_id = ?"  \
	" UNION ALL SELECT 2, o.kind, o.name, NULL, NULL, 0, 0, 0, '', t.ord"                      \
	" FROM title_organisation t JOIN organisation o ON o.id = t.organisation_id"               \
	" WHERE t.title_id = ?"                                                                     \
	" UNION ALL SELECT 3, c.role, p.name, c.character_name, c.description, 0, 0, 0, c.role,"   \
	" c.ord FROM credit c JOIN person p ON p.id = c.person_id WHERE c.title_id = ?"
#define CHILD_ROWS_SEASONS                                                                        \
	" UNION ALL SELECT 4, NULL, NULL, NULL, NULL, season_id, number, episode_count, '', number" \
	" FROM season_size WHERE series_id = ?"
#define CHILD_ROWS_AFTER_SEASONS                                                                  \
	" UNION ALL SELECT 5, name, NULL, NULL, NULL, 0, 0, 0, '', ord FROM title_related"          \
	" WHERE title_id = ?"                                                                       \
	" UNION ALL SELECT 6, attr_key, attr_value, NULL, NULL, 0, 0, 0, '', ord FROM title_extra"  \
	" WHERE title_id = ?"                                                                       \
	" UNION ALL SELECT 7, heading, body, NULL, NULL, level, 0, 0, '', ord FROM title_section"   \
	" WHERE title_id = ?"

/* The title and its child rows; its seasons (with their sizes) only if asked. */
static enum bg_err load(struct store *st, int64_t id, bool seasons, struct title_doc *out)
{
	enum bg_err rc = load_title_row(st, id, out);
	struct store_stmt *stmt;
	if (!rc)
		rc = store_prepare(st,
		                   seasons ? CHILD_ROWS_BEFORE_SEASONS CHILD_ROWS_SEASONS
		                                     CHILD_ROWS_AFTER_SEASONS
		                           : CHILD_ROWS_BEFORE_SEASONS CHILD_ROWS_AFTER_SEASONS,
		                   &stmt);
	if (rc)
		return rc;
	/* Every branch has one parameter, the title's id. */
	for (int i = 1; i <= (seasons ? 7 : 6); i++)
		store_bind_int(stmt, i, id);
	struct child_row *rows = NULL;
	size_t n = 0;
	rc = store_collect(stmt, sizeof(*rows), read_child, release_child, &rows, &n);
	if (!rc) {
		if (n > 1) /* rows is NULL when there are none */
			qsort(rows, n, sizeof(*rows), child_order);
		for (size_t i = 0; i < n; i++)
			add_child(&rows[i], out);
		title_doc_sort_credits(out);
	}
	for (size_t i = 0; i < n; i++)
		release_child(&rows[i]);
	free(rows);
	return rc;
}

enum bg_err catalog_store_load(struct store *st, int64_t id, struct title_doc *out)
{
	return load(st, id, true, out);
}

enum bg_err catalog_store_load_without_seasons(struct store *st, int64_t id, struct title_doc *out)
{
	return load(st, id, false, out);
}

static bool is_all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* The titles a reference matched: the first id, how many, and all ids as text. */
struct matches {
	int64_t *first;
	size_t n;
	struct buf ids;
};

static enum bg_err read_match(struct store_stmt *stmt, void *ctx)
{
	struct matches *m = ctx;
	if (m->n++ == 0)
		*m->first = store_col_int(stmt, 0);
	buf_addf(&m->ids, "%s%lld", m->n > 1 ? ", " : "", (long long)store_col_int(stmt, 0));
	return BG_OK;
}

enum bg_err catalog_store_resolve(struct store *st, const char *ref, int64_t *id_out)
{
	struct store_stmt *stmt;
	enum bg_err rc;
	if (is_all_digits(ref) && strlen(ref) < 19) {
		rc = store_prepare(st, "SELECT id FROM title WHERE id = ?", &stmt);
		if (rc)
			return rc;
		store_bind_int(stmt, 1, strtoll(ref, NULL, 10));
	} else {
		rc = store_prepare(st,
		                   "SELECT id, kind, first_aired FROM title WHERE name_folded = ?"
		                   " AND kind IN ('series', 'film') ORDER BY id",
		                   &stmt);
		if (rc)
			return rc;
		char *folded = fold_dup(ref);
		store_bind_text(stmt, 1, folded);
		free(folded);
	}
	struct matches m = {id_out, 0, BUF_INIT(BUF_MAX_SMALL)};
	rc = store_rows(stmt, read_match, &m);
	if (!rc && m.n == 0)
		rc = store_set_error(st, BG_NOT_FOUND, "no series or film '%s'", ref);
	else if (!rc && m.n > 1)
		rc = store_set_error(st, BG_CONFLICT, "'%s' names %zu titles; use an id: %s", ref,
		                     m.n, m.ids.ptr);
	buf_release(&m.ids);
	return rc;
}

enum bg_err catalog_store_generation(struct store *st, int64_t *out)
{
	int64_t g[GENERATION_COUNT];
	enum bg_err rc = generation_read(st, g);
	*out = rc ? 0 : g[GENERATION_CATALOG];
	return rc;
}

enum bg_err catalog_store_bump_generation(struct store *st)
{
	return generation_bump(st, GENERATION_CATALOG);
}

/* A series or film by folded name, preferring one first aired in year. */
static enum bg_err find_top(struct store *st, const char *kind, const char *name, int year,
                            int64_t *id_out)
{
	char *folded = fold_dup(name);
	char year_text[8];
	snprintf(year_text, sizeof(year_text), "%04u%%", (unsigned)year % 10000u);
	enum bg_err rc = store_run(st, id_out,
	                           "SELECT id FROM title WHERE kind = ? AND name_folded = ?"
	                           " ORDER BY CASE WHEN first_aired LIKE ? THEN 0 ELSE 1 END, id"
	                           " LIMIT 1",
	                           "ttt", kind, folded, year ? year_text : "-");
	free(folded);
	return rc;
}

/* A new top-level title made by a scan: its identity is "scan:kind:name:year". */
static enum bg_err create_top(struct store *st, enum title_kind kind, const char *name, int year,
                              int64_t *id_out)
{
	struct title_doc doc;
	title_doc_init(&doc);
	doc.kind = kind;
	doc.name = xstrdup(name);
	char *folded = fold_dup(name);
	struct buf key = BUF_INIT(BUF_MAX_SMALL);
	buf_addf(&key, "scan:%s:%s:%d", title_kind_name(kind), folded, year);
	doc.source_key = buf_detach(&key, NULL);
	free(folded);
	if (year)
		snprintf(doc.first_aired, sizeof(doc.first_aired), "%04u-01-01",
		         (unsigned)year % 10000u);
	enum bg_err rc = catalog_store_put(st, &doc);
	*id_out = doc.id;
	title_doc_release(&doc);
	return rc;
}

static enum bg_err ensure_child(struct store *st, const char *kind, int64_t parent, int64_t top,
                                int number, const char *name, int64_t *id_out, bool *created)
{
	*created = false;
	enum bg_err rc =
	        store_run(st, id_out, "SELECT id FROM title WHERE parent_id = ? AND number = ?",
	                  "id", parent, number);
	if (rc != BG_NOT_FOUND)
		return rc;
	*created = true;
	char *folded = fold_dup(name);
	rc = catalog_store_bump_generation(st);
	if (!rc)
		rc = store_run(
		        st, id_out,
		        "INSERT INTO title (kind, parent_id, top_id, number, name, name_folded)"
		        " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
		        "tiidtt", kind, parent, top, number, name, folded);
	free(folded);
	return rc;
}

void catalog_season_memo_release(struct catalog_season_memo *memo)
{
	free(memo->show);
	free(memo->episodes);
	*memo = (struct catalog_season_memo)CATALOG_SEASON_MEMO_INIT;
}

static void memo_add_episode(struct catalog_season_memo *m, int number, int64_t id)
{
	m->episodes = xgrow(m->episodes, sizeof(*m->episodes), m->episodes_n + 1, &m->episodes_cap);
	size_t at = m->episodes_n++;
	for (; at > 0 && m->episodes[at - 1].number > number; at--)
		m->episodes[at] = m->episodes[at - 1];
	m->episodes[at] = (struct catalog_memo_episode){number, id};
}

static int by_episode_number(const void *key, const void *item)
{
	int n = *(const int *)key, e = ((const struct catalog_memo_episode *)item)->number;
	return (n > e) - (n < e);
}

static enum bg_err memo_read_episode(struct store_stmt *stmt, void *ctx)
{
	memo_add_episode(ctx, (int)store_col_int(stmt, 0), store_col_int(stmt, 1));
	return BG_OK;
}

/* The memo's season's episodes, read in one statement. */
static enum bg_err memo_load_episodes(struct store *st, struct catalog_season_memo *m)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, "SELECT number, id FROM title WHERE parent_id = ?", &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, m->season_id);
	return store_rows(stmt, memo_read_episode, m);
}

static bool memo_holds(const struct catalog_season_memo *m, const char *show, int year, int season)
{
	return m && m->show && m->year == year && m->season == season && strcmp(m->show, show) == 0;
}

struct catalog_store_ensure_episode_args {
	struct catalog_season_memo *memo;
	const char *show;
	int year;
	int season;
	int episode;
	const char *title;
	int64_t *id_out;
	int64_t created_top;
};

static enum bg_err catalog_store_ensure_episode_tx(struct store *st, void *ctx)
{
	struct catalog_store_ensure_episode_args *args = ctx;
	struct catalog_season_memo *memo = args->memo;
	int64_t series, season_id;
	bool season_made = false, episode_made = false;
	enum bg_err rc = BG_OK;
	char name[64];
	if (memo_holds(memo, args->show, args->year, args->season)) {
		series = memo->series;
		season_id = memo->season_id;
	} else {
		rc = find_top(st, "series", args->show, args->year, &series);
		if (rc == BG_NOT_FOUND) {
			rc = create_top(st, TITLE_SERIES, args->show, args->year, &series);
			args->created_top = rc ? 0 : series;
		}
		snprintf(name, sizeof(name), "Season %d", args->season);
		if (!rc)
			rc = ensure_child(st, "season", series, series, args->season, name, &season_id,
			                  &season_made);
		if (!rc && memo) {
			catalog_season_memo_release(memo);
			*memo = (struct catalog_season_memo){.show = xstrdup(args->show),
			                                     .year = args->year,
			                                     .season = args->season,
			                                     .series = series,
			                                     .season_id = season_id};
			if (!season_made)
				rc = memo_load_episodes(st, memo);
		}
	}
	const struct catalog_memo_episode *known =
	        memo && memo->episodes_n ? bsearch(&args->episode, memo->episodes, memo->episodes_n,
	                                           sizeof(*memo->episodes), by_episode_number)
	                                 : NULL;
	snprintf(name, sizeof(name), "Episode %d", args->episode);
	if (!rc && known)
		*args->id_out = known->id;
	else if (!rc)
		rc = ensure_child(st, "episode", season_id, series, args->episode, name,
		                  args->id_out, &episode_made);
	if (!rc && !known && memo && memo->show)
		memo_add_episode(memo, args->episode, *args->id_out);
	/* The season's release dates change only when the season or an episode is new. */
	if (!rc && (season_made || episode_made))
		rc = catalog_store_apply_release(st, season_id);
	if (!rc && args->title && *args->title) {
		char *folded = fold_dup(args->title);
		rc = store_run(st, NULL,
		               "UPDATE title SET name = ?, name_folded = ? WHERE id = ?"
		               " AND name LIKE 'Episode %'",
		               "tti", args->title, folded, *args->id_out);
		free(folded);
	}
	return rc;
}

enum bg_err catalog_store_ensure_episode(struct store *st, struct catalog_season_memo *memo,
                                         const char *show, int year, int season, int episode,
                                         const char *title, int64_t *id_out, int64_t *created_top)
{
	/* A memo is only as good as the caller's transaction (catalog_store.h). */
	if (!store_in_transaction(st))
		memo = NULL;
	struct catalog_store_ensure_episode_args args = {memo,  show,   year, season, episode,
	                                                 title, id_out, 0};
	enum bg_err rc = store_transact(st, catalog_store_ensure_episode_tx, &args);
	if (created_top)
		*created_top = rc ? 0 : args.created_top;
	return rc;
}

enum bg_err catalog_store_ensure_film(struct store *st, const char *name, int year, int64_t *id_out,
                                      int64_t *created_top)
{
	if (created_top)
		*created_top = 0;
	enum bg_err rc = find_top(st, "film", name, year, id_out);
	if (rc == BG_NOT_FOUND) {
		rc = create_top(st, TITLE_FILM, name, year, id_out);
		if (!rc && created_top)
			*created_top = *id_out;
	}
	return rc;
}

struct merge_details_args {
	int64_t id;
	const struct title_doc *from;
	bool replace;
};

static bool placeholder(const char *name, const char *kind)
{
	char word[16];
	int n, end = 0;
	return name && sscanf(name, "%15s %d%n", word, &n, &end) == 2 && !name[end] &&
	       strcasecmp(word, kind) == 0;
}

static enum bg_err merge_details_tx(struct store *st, void *ctx)
{
	struct merge_details_args *a = ctx;
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st, "SELECT kind, name, synopsis, first_aired, runtime_min FROM title WHERE id = ?",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, a->id);
	rc = store_step(stmt);
	if (rc != BG_ROW) {
		store_finalize(stmt);
		return rc == BG_DONE ? store_set_error(st, BG_NOT_FOUND, "no title with id %lld",
		                                       (long long)a->id)
		                     : rc;
	}
	const struct title_doc *f = a->from;
	char *kind = col_dup(stmt, 0), *name = col_dup(stmt, 1), *synopsis = col_dup(stmt, 2),
	     *aired = col_dup(stmt, 3);
	int64_t runtime = store_col_int(stmt, 4);
	store_finalize(stmt);
	bool renamed = f->name && *f->name &&
	               (a->replace || placeholder(name, strcmp(kind, "season") == 0 ? "Season"
	                                                                             : "Episode"));
	if (renamed) {
		free(name);
		name = xstrdup(f->name);
	}
	if (f->synopsis && *f->synopsis && (a->replace || !synopsis || !*synopsis)) {
		free(synopsis);
		synopsis = xstrdup(f->synopsis);
	}
	if (f->first_aired[0] && (a->replace || !aired || !*aired)) {
		free(aired);
		aired = xstrdup(f->first_aired);
	}
	if (f->runtime_min && (a->replace || !runtime))
		runtime = f->runtime_min;
	char *folded = fold_dup(name ? name : "");
	rc = catalog_store_bump_generation(st);
	if (!rc)
		rc = store_run(st, NULL,
		               "UPDATE title SET name = ?, name_folded = ?, synopsis = ?, first_aired = ?"
		               " WHERE id = ?",
		               "tttti", name, folded, synopsis, aired, a->id);
	if (!rc && runtime)
		rc = store_run(st, NULL, "UPDATE title SET runtime_min = ?, runtime_max = ? WHERE id = ?",
		               "iii", runtime, runtime, a->id);
	free(folded);
	free(kind);
	free(name);
	free(synopsis);
	free(aired);
	return rc;
}

enum bg_err catalog_store_merge_details(struct store *st, int64_t id, const struct title_doc *from,
                                        bool replace)
{
	struct merge_details_args a = {id, from, replace};
	return store_transact(st, merge_details_tx, &a);
}

enum bg_err catalog_store_parent_of(struct store *st, int64_t id, int64_t *parent_out)
{
	return store_run(st, parent_out,
	                 "SELECT parent_id FROM title WHERE id = ? AND parent_id IS NOT NULL", "i", id);
}

enum bg_err catalog_store_season_of(struct store *st, int64_t series, int number, int64_t *out)
{
	return store_run(st, out,
	                 "SELECT id FROM title WHERE parent_id = ? AND kind = 'season' AND number = ?",
	                 "id", series, number);
}

enum bg_err catalog_store_top_of(struct store *st, int64_t id, int64_t *top_out)
{
	return store_run(st, top_out, "SELECT COALESCE(top_id, id) FROM title WHERE id = ?", "i", id);
}

enum bg_err catalog_store_made_by_scan(struct store *st, int64_t id, bool *out)
{
	int64_t made = 0;
	enum bg_err rc = store_run(st, &made,
	                           "SELECT CASE WHEN tp.source_key LIKE 'scan:%' THEN 1 ELSE 0 END"
	                           " FROM title t JOIN title tp ON tp.id = COALESCE(t.top_id, t.id)"
	                           " WHERE t.id = ?",
	                           "i", id);
	*out = made == 1;
	return rc;
}

/* An episode's id and number. */
struct numbered {
	int64_t id;
	int number;
};

static void read_numbered(struct store_stmt *stmt, void *item)
{
	*(struct numbered *)item =
	        (struct numbered){store_col_int(stmt, 0), (int)store_col_int(stmt, 1)};
}

struct catalog_store_apply_release_args {
	int64_t season_id;
};

static enum bg_err catalog_store_apply_release_tx(struct store *st, void *ctx)
{
	struct catalog_store_apply_release_args *args = ctx;
	struct store_stmt *stmt;
	enum bg_err rc =
	        store_prepare(st, "SELECT release_mode, release_at FROM title WHERE id = ?", &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, args->season_id);
	char mode[16] = "", start_text[DATE_TIME_LEN + 1] = "";
	if ((rc = store_step(stmt)) == BG_ROW && store_col_text(stmt, 1)) {
		snprintf(mode, sizeof(mode), "%s", store_col_text(stmt, 0));
		snprintf(start_text, sizeof(start_text), "%s", store_col_text(stmt, 1));
	}
	store_finalize(stmt);
	if (rc != BG_ROW && rc != BG_DONE)
		return rc;
	int64_t start;
	if (!start_text[0] || date_time_parse(start_text, &start))
		return BG_OK; /* no schedule: episodes come with their title */

	rc = store_prepare(st, "SELECT id, number FROM title WHERE parent_id = ?", &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, args->season_id);
	struct numbered *eps;
	size_t n;
	rc = store_collect(stmt, sizeof(*eps), read_numbered, NULL, &eps, &n);
	bool weekly = strcmp(mode, "weekly") == 0;
	for (size_t i = 0; i < n && !rc; i++) {
		char at[DATE_TIME_LEN + 1];
		int64_t week = weekly && eps[i].number > 1 ? eps[i].number - 1 : 0;
		date_time_format(start + week * 7 * 86400, at);
		rc = store_run(st, NULL, "UPDATE title SET release_at = ? WHERE id = ?", "ti", at,
		               eps[i].id);
	}
	free(eps);
	return rc;
}

enum bg_err catalog_store_apply_release(struct store *st, int64_t season_id)
{
	struct catalog_store_apply_release_args args = {season_id};
	return store_transact(st, catalog_store_apply_release_tx, &args);
}
