/*
 * openapi.h - docs/openapi.yaml as compact JSON, embedded at build time by
 * scripts/openapi_c.py, so GET /api/v1/openapi.json describes the routes of
 * the binary that answers it.
 */
#ifndef BINGE_HTTP_OPENAPI_H
#define BINGE_HTTP_OPENAPI_H

extern const char http_openapi_json[];            /* NUL-terminated */
extern const unsigned long http_openapi_json_len; /* without the NUL */

#endif
