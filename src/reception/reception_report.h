/*
 * reception_report.h - a title's critic reception as the CLI (`binge
 * reception`) and the API (GET /api/v1/titles/{id}/reception) both give
 * it: the series (or film) pooled over all its reviews, then each season.
 */
#ifndef BINGE_RECEPTION_RECEPTION_REPORT_H
#define BINGE_RECEPTION_RECEPTION_REPORT_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"

struct store;

/*
 * {"title": {"id", "name"}, "series": {...}, "seasons": [{"number", ...}]}
 * for title_id (a series or film). Figures not shown yet (too few reviews)
 * are null. Errors: the store's.
 */
enum bg_err reception_report(struct store *st, int64_t title_id, json_t **out);

/*
 * {"title": {"id", "name"}, "items": [{"year", "award", "category",
 * "nominee", "nominee_kind", "result"}], "won", "nominated"} from the
 * title's Accolades table (reception/accolades.h), in table order.
 */
enum bg_err awards_report(struct store *st, int64_t title_id, json_t **out);

/*
 * {"title", "tracked": [...], "posts", "originals", "reposts",
 * "share_of_voice", "by_day": [{"day", "originals", "reposts"}],
 * "premieres": [{"season", "from", "to", "originals", "reposts",
 * "share_of_voice"}], "reported": [{"season", "posts", "period",
 * "source"}]}: the posts attributed to title_id (reception/buzz.h), per
 * day and in the week after each season's release, its share of all
 * posts attributed to any tracked title, and figures reported from
 * outside. Cost: posts x trackers of every tracked title.
 */
enum bg_err buzz_report(struct store *st, int64_t title_id, json_t **out);

#endif
