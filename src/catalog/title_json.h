/*
 * title_json.h - a title_doc as JSON (jansson), both ways.
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

#include "catalog/title_doc.h"
#include "core/err.h"

/* The JSON of doc; the caller owns the reference. */
json_t *title_json_render(const struct title_doc *doc);

/* A JSON string, or null for NULL or "". */
json_t *title_json_str(const char *s);

/*
 * Fills doc (initialised, empty) from an admin's JSON object. Requires
 * kind (series or film) and title. BG_INVALID with the field named in msg.
 */
enum bg_err title_json_parse(json_t *in, struct title_doc *doc, char *msg, size_t msg_len);

#endif
