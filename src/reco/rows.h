/*
 * rows.h - recommendation lists as a viewer sees them: "Top picks for
 * <profile>", "Because you watched <title>", "Popular in your taste
 * community", and a title's similar titles.
 *
 * Every list is ranked over the whole model first, then passed through
 * the visibility rule (reco/reco_store.h: maturity, territory, licence
 * window, release) and only then cut to length, so a kids profile never
 * receives a TV-MA title and no one a title their territory cannot play,
 * yet every list is still full when enough visible titles exist.
 */
#ifndef BINGE_RECO_ROWS_H
#define BINGE_RECO_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "reco/bundle.h"
#include "reco/reco_store.h"
#include "catalog/visibility.h"

struct store;

#define RECO_ROW_MAX       20
#define RECO_BECAUSE_ROWS  2 /* "because you watched" rows, for the latest titles watched */
#define RECO_HOME_ROWS_MAX (2 + RECO_BECAUSE_ROWS)

struct reco_row {
	char id[32];     /* "top_picks", "because_you_watched", "community", "similar" */
	char title[320]; /* as shown */
	int64_t because; /* because_you_watched, similar: the title it explains from */
	struct reco_title items[RECO_ROW_MAX];
	double scores[RECO_ROW_MAX];
	size_t n;
};

/*
 * The recommendation rows of profile_id (named profile_name) for viewer v,
 * into rows (RECO_HOME_ROWS_MAX of room), empty rows left out. b NULL (no
 * model trained yet): only the community row, if any.
 */
enum bg_err reco_rows_home(struct store *st, const struct reco_bundle *b, const struct viewer *v,
                           int64_t profile_id, const char *profile_name, struct reco_row *rows,
                           size_t *n_rows);

/*
 * The titles most like title_id that v may see. BG_NOT_FOUND (no store
 * message) if there is no model, it never saw the title, or it has no
 * neighbours (popularity).
 */
enum bg_err reco_rows_similar(struct store *st, const struct reco_bundle *b, const struct viewer *v,
                              int64_t title_id, struct reco_row *out);

#endif
