/*
 * catalog_view.h - the catalogue as one viewer may see it.
 *
 * Every function takes a struct viewer (visibility.h); NULL means
 * unrestricted (admins, the CLI). Lists leave out what the viewer may not
 * see; a direct request for something invisible fails with BG_FORBIDDEN
 * (above the maturity ceiling), BG_UNAVAILABLE (no licence window for the
 * territory now) or BG_NOT_FOUND (not released yet, or no such title),
 * checked in that order of priority: territory, maturity, release.
 */
#ifndef BINGE_CATALOG_CATALOG_VIEW_H
#define BINGE_CATALOG_CATALOG_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "catalog/title_doc.h"
#include "catalog/title_list.h"
#include "core/err.h"
#include "catalog/visibility.h"

struct store;

/* What to list; every field optional. */
struct title_filter {
	const enum title_kind *kind; /* NULL: series and films */
	const char *query;           /* folded substring of the name */
	const char *genre;           /* exact genre, case-insensitive */
	const char *platform;        /* a licence window on this platform is open now */
	const char *cursor;          /* from a previous page's next_cursor */
	size_t limit;                /* 0: no limit */
};

/*
 * Lists titles ordered by folded name, then id. With a limit, *next_cursor
 * (caller frees; NULL on the last page) continues after this page.
 * Errors: BG_INVALID for a malformed cursor.
 */
enum bg_err catalog_view_list(struct store *st, const struct viewer *v,
                              const struct title_filter *f, struct title_rows *out,
                              char **next_cursor);

/*
 * Why title id (any kind) is invisible to v: BG_OK if visible, else
 * BG_UNAVAILABLE, BG_FORBIDDEN or BG_NOT_FOUND (message in store_errmsg).
 */
enum bg_err catalog_view_check(struct store *st, const struct viewer *v, int64_t id);

/*
 * A series or film with everything catalog_store_load() reads, its seasons
 * cut to those v may see, with their visible episode counts.
 */
enum bg_err catalog_view_title(struct store *st, const struct viewer *v, int64_t id,
                               struct title_doc *out);

/* Visible episodes of season `number` of series_id, by number. */
enum bg_err catalog_view_episodes(struct store *st, const struct viewer *v, int64_t series_id,
                                  int number, struct title_rows *out);

/* A genre and how many series and films v may see carry it. */
struct genre_count {
	char name[128];
	int64_t titles;
};

/*
 * The genres of the series and films v may see (of kind, if not NULL),
 * most titles first, then by name. *out (caller frees) holds *n.
 */
enum bg_err catalog_view_genres(struct store *st, const struct viewer *v,
                                const enum title_kind *kind, struct genre_count **out,
                                size_t *n);

/* Titles nearly named are added when fewer than this many hold the text. */
#define SEARCH_NEAR_BELOW     3
#define SEARCH_SIMILARITY_MIN 0.3 /* pg_trgm's default threshold */

/*
 * Titles, people and characters whose folded name contains the folded
 * query (core/fold.h), at most limit of each type, on titles v may see:
 * titles first (then, when fewer than SEARCH_NEAR_BELOW hold the text,
 * those whose names resemble it by trigram similarity, best first, so
 * "jesica jones" finds Jessica Jones), then people (one hit per person and
 * title), then characters. Errors: BG_INVALID for a query with no letters
 * or digits.
 */

enum bg_err catalog_view_search(struct store *st, const struct viewer *v, const char *query,
                                size_t limit, struct search_hits *out);

/*
 * A person's name and credits on titles v may see (as search hits of type
 * HIT_PERSON or HIT_CHARACTER). Errors: BG_NOT_FOUND.
 */
enum bg_err catalog_view_person(struct store *st, const struct viewer *v, int64_t person_id,
                                char **name_out, struct search_hits *credits);

#endif
