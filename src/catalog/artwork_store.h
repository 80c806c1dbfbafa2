/*
 * artwork_store.h - the images of titles: posters, backdrops and logos of
 * series, seasons and films, stills of episodes. Local files the scan found
 * beside the media (media/artwork_name.h) come first; a still binge made
 * from the video (made) only stands in where there is none.
 */
#ifndef BINGE_CATALOG_ARTWORK_STORE_H
#define BINGE_CATALOG_ARTWORK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct store;

#define ARTWORK_KINDS 4
enum artwork_kind { ARTWORK_POSTER, ARTWORK_BACKDROP, ARTWORK_LOGO, ARTWORK_STILL };

/* "poster", "backdrop", "logo", "still". */
const char *artwork_kind_name(enum artwork_kind kind);

struct artwork {
	int64_t id, title_id;
	int64_t top_id; /* the series or film the title belongs to: whose visibility counts */
	enum artwork_kind kind;
	char path[4096]; /* absolute */
	int64_t size, mtime;
	bool made;
};

/*
 * Sets title_id's image of kind to the file at path. A file found beside
 * the media replaces anything; a made still replaces only another made one.
 * *changed tells whether the row changed.
 */
enum bg_err artwork_store_put(struct store *st, int64_t title_id, enum artwork_kind kind,
                              const char *path, int64_t size, int64_t mtime, bool made,
                              bool *changed);

/* Whether title_id has an image of kind. */
enum bg_err artwork_store_has(struct store *st, int64_t title_id, enum artwork_kind kind,
                              bool *out);

/* Image id. Errors: BG_NOT_FOUND. */
enum bg_err artwork_store_get(struct store *st, int64_t id, struct artwork *out);

/*
 * The image ids of titles ids[0..n-1]: out[i * ARTWORK_KINDS + kind], 0
 * where there is none (out holds n * ARTWORK_KINDS entries).
 */
enum bg_err artwork_store_of_titles(struct store *st, const int64_t *ids, size_t n, int64_t *out);

#endif
