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
#ifndef BINGE_CATALOG_CATALOG_STORE_H
#define BINGE_CATALOG_CATALOG_STORE_H

#include <stdbool.h>
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
 * catalog_store_load without the seasons, for a reader who lists only the
 * seasons its viewer may see (catalog_view_title): counting every
 * season's episodes twice was a tenth of a series page's server time.
 */
enum bg_err catalog_store_load_without_seasons(struct store *st, int64_t id,
                                               struct title_doc *out);

/*
 * Finds a series or film by id ("12") or by name, case- and
 * diacritic-insensitively. Errors: BG_NOT_FOUND; BG_CONFLICT when the name
 * fits several titles (the message lists their ids).
 */
enum bg_err catalog_store_resolve(struct store *st, const char *ref, int64_t *id_out);

/*
 * The series and season catalog_store_ensure_episode() found or made last,
 * with that season's episodes, so that a run of files from one season (a
 * scan's files come in path order) looks them up once: three statements a
 * file, each a round trip on PostgreSQL. Valid inside one transaction
 * only, since ids made by one that rolls back are gone: start one per
 * attempt with CATALOG_SEASON_MEMO_INIT and release it after.
 */
struct catalog_memo_episode {
	int number;
	int64_t id;
};
struct catalog_season_memo {
	char *show; /* NULL: empty */
	int year, season;
	int64_t series, season_id;
	struct catalog_memo_episode *episodes; /* the season's, by number */
	size_t episodes_n, episodes_cap;
};
#define CATALOG_SEASON_MEMO_INIT          \
	{                                 \
		NULL, 0, 0, 0, 0, NULL, 0, 0 \
	}
void catalog_season_memo_release(struct catalog_season_memo *memo);

/*
 * The episode `season`x`episode` of the series named `show` (matched
 * case- and accent-insensitively; with year, a series first aired that
 * year is preferred), creating the series, season and episode when the
 * catalogue lacks them. A placeholder episode name ("Episode 3") is
 * replaced by title when one is given. Sets *id_out to the episode, and
 * *created_top (may be NULL) to the series when this call created it, else 0.
 * memo (may be NULL) keeps the series and season for the next call.
 */
enum bg_err catalog_store_ensure_episode(struct store *st, struct catalog_season_memo *memo,
                                         const char *show, int year, int season, int episode,
                                         const char *title, int64_t *id_out, int64_t *created_top);

/*
 * The film named `name` (and year, when known), created when missing;
 * *created_top (may be NULL) is its id when this call created it, else 0.
 */
enum bg_err catalog_store_ensure_film(struct store *st, const char *name, int year,
                                      int64_t *id_out, int64_t *created_top);

/*
 * Merges details of a season or episode (from's name, synopsis,
 * first_aired and runtime; NULL/empty/0 ones are not given) into title id:
 * with replace every given field is written; otherwise only empty ones, and
 * a placeholder name ("Episode 3", "Season 2"). Errors: BG_NOT_FOUND.
 */
enum bg_err catalog_store_merge_details(struct store *st, int64_t id, const struct title_doc *from,
                                        bool replace);

/* Whether title id (or the series it belongs to) was made by a scan, not an importer. */
enum bg_err catalog_store_made_by_scan(struct store *st, int64_t id, bool *out);

/* The season of an episode, the series of a season. Errors: BG_NOT_FOUND. */
enum bg_err catalog_store_parent_of(struct store *st, int64_t id, int64_t *parent_out);

/* Season number of series. Errors: BG_NOT_FOUND. */
enum bg_err catalog_store_season_of(struct store *st, int64_t series, int number, int64_t *out);

/* The series or film title id belongs to (itself when it is one). */
enum bg_err catalog_store_top_of(struct store *st, int64_t id, int64_t *top_out);

/* Deletes people and organisations no title refers to any more. */
enum bg_err catalog_store_drop_orphans(struct store *st);

/*
 * The catalogue's generation: a number every catalogue or availability
 * write raises (in any process), so readers can tell whether anything
 * changed since they last looked.
 */
enum bg_err catalog_store_generation(struct store *st, int64_t *out);

/* Raises the generation; part of every write, in its transaction. */
enum bg_err catalog_store_bump_generation(struct store *st);

/*
 * Recomputes the release instants of season_id's episodes from the season's
 * schedule (release_mode, release_at): all at once, or weekly from episode 2.
 */
enum bg_err catalog_store_apply_release(struct store *st, int64_t season_id);

#endif
