/*
 * catalog_store.h - the catalogue aggregate in the store: titles with their
 * seasons, tags, credits, organisations, related titles, extras and
 * article sections.
 *
 * Writes take a whole struct title_doc and make the database match it:
 * the title is found by its source_key (the importer's identity) and
 * updated in place, its seasons by (series, number); its lists are
 * replaced. People and organisations are shared between titles, found by
 * exact name, and removed when nothing refers to them any more. So writing
 * the same doc twice leaves the database as it was after the first write.
 * The caller owns the transaction (store_begin/commit or store_transact),
 * so a command can write several docs atomically. Every write first locks
 * the 'catalog' row of binge_lock, so concurrent writers through several
 * processes take turns.
 */
#ifndef BINGE_STORE_CATALOG_STORE_H
#define BINGE_STORE_CATALOG_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "catalog/title_doc.h"
#include "core/err.h"

struct store;

/*
 * Writes doc (a series or film with a source_key and a name) and sets
 * doc->id and each season's id. Errors: BG_INVALID (doc incomplete),
 * BG_CONFLICT, BG_DB; the message is in store_errmsg().
 */
enum bg_err catalog_store_put(struct store *st, struct title_doc *doc);

/*
 * Reads title id into out (initialised, empty): fields, lists, credits in
 * billing order (by role), seasons with their episode counts, extras and
 * sections. Errors: BG_NOT_FOUND.
 */
enum bg_err catalog_store_load(struct store *st, int64_t id, struct title_doc *out);

/*
 * Finds a series or film by id ("12") or by name, case- and
 * diacritic-insensitively. Errors: BG_NOT_FOUND; BG_CONFLICT when the name
 * fits several titles (the message lists their ids).
 */
enum bg_err catalog_store_resolve(struct store *st, const char *ref, int64_t *id_out);

struct title_row {
	int64_t id;
	enum title_kind kind;
	char *name;
	char first_aired[DATE_ISO_LEN + 1];
	int64_t parent_id; /* 0 for series and films */
	int number;        /* season or episode number; 0 otherwise */
	int season_count;  /* series only */
	int episode_count; /* series and seasons */
};

struct title_rows {
	struct title_row *items;
	size_t n, cap;
};

#define TITLE_ROWS_INIT    \
	{                  \
		NULL, 0, 0 \
	}
void title_rows_release(struct title_rows *rows);

/*
 * Lists titles of one kind, or (kind NULL) all series and films, ordered by
 * name then id.
 */
enum bg_err catalog_store_list(struct store *st, const enum title_kind *kind,
                               struct title_rows *out);

enum search_hit_kind { HIT_TITLE, HIT_PERSON, HIT_CHARACTER };

struct search_hit {
	enum search_hit_kind kind;
	int64_t title_id;
	enum title_kind title_kind;
	char *title;
	char *person;    /* HIT_PERSON, HIT_CHARACTER */
	char *role;      /* HIT_PERSON, HIT_CHARACTER: credit role name */
	char *character; /* HIT_CHARACTER */
};

struct search_hits {
	struct search_hit *items;
	size_t n, cap;
};

#define SEARCH_HITS_INIT   \
	{                  \
		NULL, 0, 0 \
	}
void search_hits_release(struct search_hits *hits);

/*
 * Titles, people and characters whose folded name contains the folded
 * query (core/fold.h), at most limit of each kind: titles first, then
 * people (one hit per person and title), then characters. Errors:
 * BG_INVALID for a query with no letters or digits.
 */
enum bg_err catalog_store_search(struct store *st, const char *query, size_t limit,
                                 struct search_hits *out);

#endif
