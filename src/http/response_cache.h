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
 * Signed image URLs go through a second cache of the same kind (server.c):
 * their key is the URL's grant, the catalogue's and the accounts'
 * generations (store/generation.h) and the second.
 *
 * Bounded: RESPONSE_CACHE_SLOTS entries of at most the size given to
 * response_cache_new() each, replaced by hash slot (newest wins).
 * Thread-safe (one mutex per slot).
 */
#ifndef BINGE_HTTP_RESPONSE_CACHE_H
#define BINGE_HTTP_RESPONSE_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "http/http.h"

#define RESPONSE_CACHE_SLOTS 256

struct response_cache;

/* An empty cache keeping answers of up to max_entry bytes. */
struct response_cache *response_cache_new(size_t max_entry);
void response_cache_free(struct response_cache *c);

/*
 * Looks key up; on a hit fills resp as the handler did (status, a copy of
 * the body, content type, extra headers) and returns true.
 */
bool response_cache_answer(struct response_cache *c, const char *key, struct http_resp *resp);

/*
 * Keeps a copy of resp's rendered answer (resp->text) under key: ignored
 * without one, or when larger than the limit. Header names and the content
 * type must be string literals (every handler's are): they are kept as
 * pointers.
 */
void response_cache_keep(struct response_cache *c, const char *key, const struct http_resp *resp);

#endif
