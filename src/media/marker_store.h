/*
 * marker_store.h - intro and credits markers of media files in the store.
 *
 * Each file has at most one intro (start and end) and one credits start.
 * Sources rank admin > chapter > fingerprint: a marker is replaced only by
 * one of the same or a higher rank, so a re-scan or a new detection never
 * undoes what an admin set.
 */
#ifndef BINGE_MEDIA_MARKER_STORE_H
#define BINGE_MEDIA_MARKER_STORE_H

#include <stdint.h>

#include "core/err.h"
#include "media/media_info.h"

struct store;

enum marker_source { MARKER_FINGERPRINT = 1, MARKER_CHAPTER = 2, MARKER_ADMIN = 3 };

/* "fingerprint", "chapter", "admin". */
const char *marker_source_name(enum marker_source s);

/* A file's markers with where each came from (0 when there is none). */
struct marker_set {
	struct media_markers at;
	enum marker_source intro_source, credits_source;
};

/*
 * Writes the markers of m that are known (>= 0) with source, unless a
 * marker of a higher rank is stored. With source MARKER_CHAPTER, the
 * chapter markers a file no longer has are removed too.
 */
enum bg_err marker_store_put(struct store *st, int64_t media_id, const struct media_markers *m,
                             enum marker_source source);

/* marker_store_put() for a file that has no markers yet: nothing to remove. */
enum bg_err marker_store_add(struct store *st, int64_t media_id, const struct media_markers *m,
                             enum marker_source source);

/* Removes a marker ("intro" or "credits") of any source. */
enum bg_err marker_store_clear(struct store *st, int64_t media_id, const char *kind);

enum bg_err marker_store_get(struct store *st, int64_t media_id, struct marker_set *out);

#endif
