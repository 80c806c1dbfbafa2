/*
 * range.h - HTTP Range and If-Range for one representation (RFC 9110 §14).
 *
 * binge serves single byte ranges: "bytes=a-b", "bytes=a-" and the suffix
 * "bytes=-n". A header it does not understand, or one asking for several
 * ranges, is ignored and the whole representation is sent (RFC 9110 allows
 * a server to ignore Range). Pure functions.
 */
#ifndef BINGE_HTTP_RANGE_H
#define BINGE_HTTP_RANGE_H

#include <stdbool.h>
#include <stdint.h>

enum range_result {
	RANGE_NONE,          /* send everything: 200 */
	RANGE_PARTIAL,       /* send [start, start + length): 206 */
	RANGE_UNSATISFIABLE, /* 416 with Content-Range: bytes * / size */
};

/* Interprets a Range header value (NULL = none) for a body of size bytes. */
enum range_result range_parse(const char *header, uint64_t size, uint64_t *start, uint64_t *length);

/*
 * True if an If-Range precondition holds (so Range applies): the value is
 * the current strong ETag, or exactly the Last-Modified date. NULL holds.
 */
bool range_if_range_holds(const char *if_range, const char *etag, const char *last_modified);

#endif
