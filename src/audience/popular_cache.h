/*
 * popular_cache.h - "Popular in your country this week" kept for a while,
 * so a home page does not read a week of the event log: at 100,000
 * profiles and 11 M events it takes 15 s for every territory at once
 * (7-11 s for one).
 *
 * One read ranks every territory at once (popular_store_weeks). The first
 * runs on a background thread at start (popular_cache_warm); requests that
 * come before it ends wait for it up to 2 s, then go without the row's
 * titles (an empty row) rather than hang. Once the rankings are older than
 * `every` seconds, requests go on getting them as they are while a
 * background thread, on a handle of the server's pool, reads the week
 * again and swaps the new rankings in. So the row is at most `every`
 * seconds (plus one read) behind the log. every 0: read at every
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

/* Starts reading every territory's ranking as of now, in the background. */
void popular_cache_warm(struct popular_cache *c, const char *now);

/*
 * The week's ranking for territory as of now (ISO 8601 UTC), from the
 * cache (waiting for the first read if it is under way), or read on st (the
 * caller's handle) when there is none.
 */
enum bg_err popular_cache_week(struct popular_cache *c, struct store *st, const char *territory,
                               const char *now, struct popular *out);

#endif
