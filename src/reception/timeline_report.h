/*
 * timeline_report.h - a franchise's story order as the CLI (`binge
 * timeline`) and the API (GET /api/v1/titles/{id}/timeline) give it, and
 * the franchise file `binge timeline import` reads.
 */
#ifndef BINGE_RECEPTION_TIMELINE_REPORT_H
#define BINGE_RECEPTION_TIMELINE_REPORT_H

#include <jansson.h>
#include <stddef.h>

#include "core/err.h"
#include "reception/franchise_store.h"

struct store;

/*
 * {"franchise", "story_order": [{"name", "released", "title_id",
 * "season"}], "release_order": [...], "contradictions": [{"entries":
 * [names], "constraints": ["X after Y", ...]}]} of the franchise named
 * name. BG_NOT_FOUND (store message) when there is none.
 */
enum bg_err timeline_report(struct store *st, const char *name, json_t **out);

/*
 * Parses a franchise file: {"franchise": NAME, "entries": [{"name",
 * "released"?, "title"?, "season"?}], "constraints": [{"entry", "after"?,
 * "before"?}]}. BG_INVALID with the bad field's path in msg.
 */
enum bg_err timeline_parse(const char *text, size_t len, struct franchise *out, char *msg,
                           size_t msg_len);

#endif
