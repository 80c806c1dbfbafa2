/*
 * response_cache.h - rendered responses of viewer reads, shared by the
 * server's threads.
 *
 * A viewer read's answer depends only on its URL (with query), the viewer
 * (unrestricted flag, ceiling, territory), the time to the second, and the
 * catalogue's generation (binge_lock, bumped by every catalogue and
 * availability write in any binge process). The key holds all of them, so a
 * hit is exactly the answer the handler would give: an admin's change shows
 * at once, on every server, and a licence window opens on its second.
 *
 * Bounded: RESPONSE_CACHE_SLOTS entries of at most RESPONSE_CACHE_MAX_ENTRY
 * bytes each, replaced by hash slot (newest wins). Thread-safe (one mutex
 * per slot).
 */
#ifndef BINGE_HTTP_RESPONSE_CACHE_H
#define BINGE_HTTP_RESPONSE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RESPONSE_CACHE_SLOTS     256
#define RESPONSE_CACHE_MAX_ENTRY ((size_t)32 * 1024)

struct response_cache;

struct response_cache *response_cache_new(void);
void response_cache_free(struct response_cache *c);

/*
 * Looks key up; on a hit returns a copy of the body (caller frees) and its
 * length and status. NULL on a miss.
 */
char *response_cache_get(struct response_cache *c, const char *key, size_t *len, int *status);

/* Stores a copy of body under key (ignored when larger than the limit). */
void response_cache_put(struct response_cache *c, const char *key, const char *body, size_t len,
                        int status);

#endif
