/*
 * title_json.h - the catalogue as JSON (jansson): a title_doc both ways,
 * and list items, search hits and licence windows one way.
 *
 * The shape is the one docs/cli.md documents for `binge show --json` and
 * docs/api.md for GET /api/v1/titles/{id}; the CLI and the HTTP API both
 * render through here so they cannot drift apart. Parsing is for admin
 * writes: every field is checked, unknown fields are refused, and the error
 * names the field ("credits[2].role: ...").
 */
#ifndef BINGE_CATALOG_TITLE_JSON_H
#define BINGE_CATALOG_TITLE_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "catalog/availability.h"
#include "catalog/title_doc.h"
#include "catalog/title_list.h"
#include "core/err.h"

/* The JSON of doc; the caller owns the reference. */
json_t *title_json_render(const struct title_doc *doc);

/* A list item: {"id", "kind", "title", ...} (docs/api.md, GET /titles). */
json_t *title_row_json(const struct title_row *row);

/* A search hit: {"type", "title": {...}, "person_id"?, "person"?, "role"?, "character"?}. */
json_t *search_hit_json(const struct search_hit *hit);

/* {"windows": [{"id", "platform", "territories", "from", "until"}]}. */
json_t *licence_windows_json(const struct licence_windows *windows);

/* The most windows one request may set on a title. */
#define LICENCE_WINDOWS_MAX 1000

/*
 * The windows of a body {"windows": [{"platform", "territories": [...] or
 * "worldwide", "from", "until"?}]} into out (initialised, empty), the
 * inverse of licence_windows_json() without ids. Each window passes
 * licence_window_check(). BG_INVALID with the field named in msg
 * ("windows[2].territories: ..."); out is then empty. Platform strings
 * point into in: use out before releasing in.
 */
enum bg_err licence_windows_parse(json_t *in, struct licence_windows *out, char *msg, size_t len);

/* A JSON string, or null for NULL or "". */
json_t *title_json_str(const char *s);

/*
 * Fills doc (initialised, empty) from an admin's JSON object. Requires
 * kind (series or film) and title. BG_INVALID with the field named in msg.
 */
enum bg_err title_json_parse(json_t *in, struct title_doc *doc, char *msg, size_t msg_len);

#endif
