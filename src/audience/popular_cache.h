/*
 * popular_cache.h - "Popular in your country this week" kept per
 * territory for a while, so a home page does not read a week of the event
 * log: at 100,000 profiles and 11 M events that read takes 7-11 s.
 *
 * A territory's ranking is read when it is first asked for (that request
 * waits). Once it is older than `every` seconds, requests go on getting it
 * as it is while one background thread, on a handle of the server's
 * pool, reads the week again and swaps the new ranking in. So the row is
 * at most `every` seconds (plus one read) behind the log, and no request
 * but a territory's first waits for the read. every 0: read at every
 * request, as the tests that post events and look at once need.
 * Thread-safe.
 */
#ifndef BINGE_AUDIENCE_POPULAR_CACHE_H
#define BINGE_AUDIENCE_POPULAR_CACHE_H

#include "audience/popular_store.h"
#include "core/err.h"

struct store;
struct store_pool;
struct popular_cache;

/* Seconds a ranking is served before it is read again, by default. */
#define POPULAR_EVERY_DEFAULT 300

/* A cache reading through pool's handles in the background. */
struct popular_cache *popular_cache_new(struct store_pool *pool, int every_s);
/* Waits for background reads still running, then frees. NULL is a no-op. */
void popular_cache_free(struct popular_cache *c);

/*
 * The week's ranking for territory as of now (ISO 8601 UTC), from the
 * cache, or read on st (the caller's handle) when the territory has none.
 */
enum bg_err popular_cache_week(struct popular_cache *c, struct store *st, const char *territory,
                               const char *now, struct popular *out);

#endif
