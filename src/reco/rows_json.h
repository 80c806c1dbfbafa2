/*
 * rows_json.h - recommendation rows (reco/rows.h) as the JSON the API and
 * the CLI both print.
 */
#ifndef BINGE_RECO_ROWS_JSON_H
#define BINGE_RECO_ROWS_JSON_H

#include <jansson.h>

#include "reco/rows.h"

/* [{"id", "kind", "title", "score"}] of a row's items. */
json_t *reco_row_items_json(const struct reco_row *row);

/* {"id", "title", "because"?, "items"} of a row. */
json_t *reco_row_json(const struct reco_row *row);

#endif
