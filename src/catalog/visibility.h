/*
 * visibility.h - the one rule for what a viewer may see, as SQL.
 *
 * A profile sees a title, season or episode only when
 *   - its top-level title's age is within the profile's ceiling: the age of
 *     its certification in the account's territory if it has one, else its
 *     primary rating's (catalog/maturity.h, title_certification),
 *   - a licence window of the top-level title covers the account's
 *     territory (or is worldwide) at the current time, and
 *   - it is released (release_at is NULL or not after now).
 * A title with no window is available to no viewer. Admin reads (and the
 * CLI) are unrestricted.
 *
 * Every viewer-facing query in a repository selects from `title t JOIN title tp
 * ON tp.id = t.top_id` and adds VIS_VISIBLE to its WHERE clause, binding
 * its parameters with visibility_bind(); a direct request asks for the
 * three parts separately (VIS_STATUS_COLUMNS) to answer 403, 451 or 404.
 * No other code re-implements the rule.
 */
#ifndef BINGE_CATALOG_VISIBILITY_H
#define BINGE_CATALOG_VISIBILITY_H

#include <stdbool.h>

#include "core/date.h"

struct store_stmt;

/* Who is asking, from where, when. */
struct viewer {
	bool unrestricted; /* admin without a profile, or the CLI */
	int ceiling;       /* age level, catalog/maturity.h */
	char territory[3]; /* ISO 3166-1 alpha-2 */
	char now[DATE_TIME_LEN + 1];
};

/* Parameters: territory, ceiling. */
#define VIS_MATURITY_OK                                                             \
	"COALESCE((SELECT c.level FROM title_certification c WHERE c.title_id = tp.id" \
	" AND c.territory = ?), tp.maturity_level) <= ?"
/*
 * Parameters: now, now, territory. "t.top_id IS NOT NULL" changes no
 * answer (every title has a top); it keeps PostgreSQL from turning the
 * EXISTS into a hash of every window of the catalogue, built per request,
 * so each title is a search of licence_window_title_span instead.
 */
#define VIS_LICENSED                                                          \
	"EXISTS (SELECT 1 FROM licence_window w WHERE w.title_id = t.top_id"  \
	" AND t.top_id IS NOT NULL"                                           \
	" AND w.starts_at <= ? AND (w.ends_at IS NULL OR w.ends_at > ?)"      \
	" AND (w.worldwide = 1 OR EXISTS (SELECT 1 FROM licence_territory lt" \
	" WHERE lt.window_id = w.id AND lt.territory = ?)))"
/* Parameters: now. */
#define VIS_RELEASED "(t.release_at IS NULL OR t.release_at <= ?)"

/* The whole rule. Parameters (VIS_PARAMS): see visibility_bind(). */
#define VIS_VISIBLE "(? = 1 OR (" VIS_MATURITY_OK " AND " VIS_LICENSED " AND " VIS_RELEASED "))"
#define VIS_PARAMS  7

/*
 * The rule for a season or episode of a top that has passed the whole
 * rule for the same viewer (catalog_view_check): maturity and licence are
 * the top's (tp, t.top_id above), so only the release date is the row's
 * own. Reading a series' seasons with VIS_VISIBLE re-ran the top's
 * certification and licence searches for every season and episode.
 * Parameters: now.
 */
#define VIS_VISIBLE_UNDER_TOP VIS_RELEASED

/* The three parts as 0/1 columns: maturity_ok, licensed, released. */
#define VIS_STATUS_COLUMNS                                                         \
	"CASE WHEN " VIS_MATURITY_OK " THEN 1 ELSE 0 END, CASE WHEN " VIS_LICENSED \
	" THEN 1 ELSE 0 END, CASE WHEN " VIS_RELEASED " THEN 1 ELSE 0 END"
#define VIS_STATUS_PARAMS 6

/* Binds VIS_VISIBLE's parameters starting at index first. v NULL = unrestricted. */
void visibility_bind(struct store_stmt *stmt, int first, const struct viewer *v);

/* Binds VIS_STATUS_COLUMNS' parameters starting at index first. */
void visibility_bind_status(struct store_stmt *stmt, int first, const struct viewer *v);

/*
 * Every struct viewer is made by one of these two, so the rule's inputs are
 * filled the same way everywhere (HTTP principals, CLI commands, tests).
 */
/* A viewer that sees everything (admins, the CLI), at instant at. */
void viewer_init_unrestricted(struct viewer *v, int64_t at);

/* A profile's view: its maturity ceiling, its account's territory, at instant at. */
void viewer_init_profile(struct viewer *v, int ceiling, const char *territory, int64_t at);

#endif
