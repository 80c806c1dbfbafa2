/*
 * slot_cache.h - a bounded map from string keys to byte strings, shared by
 * threads: a fixed number of slots, each holding the newest entry whose
 * key hashes to it. No eviction policy beyond that, and no expiry: callers
 * put everything an entry depends on into its key, so an entry is either
 * exactly right or never looked up again.
 *
 * Thread-safe (one mutex per slot); get returns a copy.
 */
#ifndef BINGE_CORE_SLOT_CACHE_H
#define BINGE_CORE_SLOT_CACHE_H

#include <stddef.h>

struct slot_cache;

/* slots entries of at most max_entry bytes each. */
struct slot_cache *slot_cache_new(size_t slots, size_t max_entry);
void slot_cache_free(struct slot_cache *c);

/* A copy of key's bytes (NUL-terminated after len; caller frees), or NULL on a miss. */
char *slot_cache_get(struct slot_cache *c, const char *key, size_t *len);

/* Keeps a copy of bytes under key (ignored when larger than max_entry). */
void slot_cache_put(struct slot_cache *c, const char *key, const void *bytes, size_t len);

#endif
