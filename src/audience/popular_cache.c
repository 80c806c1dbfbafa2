/* popular_cache.c - the week's ranking per territory, refreshed in the background; see
 * popular_cache.h. */
#include "audience/popular_cache.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mem.h"
#include "store/store_pool.h"
#include "core/banned.h"

#define TERRITORIES_MAX 256   /* ISO 3166 has 249 codes */
#define REFRESH_WAIT_MS 10000 /* for a pool handle; the request threads come first */

struct ranking {
	char territory[8];
	struct popular week;
	double read_at; /* monotonic seconds */
	bool refreshing;
	pthread_t thread;
	bool joinable; /* thread has run and not been joined */
};

struct popular_cache {
	pthread_mutex_t lock;
	struct store_pool *pool;
	int every_s;
	struct ranking rankings[TERRITORIES_MAX];
	size_t n;
};

/* A background read's territory and clock. */
struct refresh {
	struct popular_cache *cache;
	struct ranking *ranking;
	char territory[8], now[DATE_TIME_LEN + 1];
};

static double monotonic(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct popular_cache *popular_cache_new(struct store_pool *pool, int every_s)
{
	struct popular_cache *c = xcalloc(1, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
	c->pool = pool;
	c->every_s = every_s < 0 ? 0 : every_s;
	return c;
}

void popular_cache_free(struct popular_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		if (c->rankings[i].joinable)
			pthread_join(c->rankings[i].thread, NULL);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static void *refresh_run(void *arg)
{
	struct refresh *r = arg;
	struct popular *week = xmalloc(sizeof(*week));
	struct store *st;
	char *msg = NULL;
	enum bg_err rc = store_pool_acquire(r->cache->pool, REFRESH_WAIT_MS, &st, &msg);
	if (!rc) {
		rc = popular_store_week(st, r->territory, r->now, week);
		store_pool_release(r->cache->pool, st);
	}
	if (rc)
		fprintf(stderr, "binge: popular titles for %s not read again: %s\n", r->territory,
		        msg ? msg : bg_err_message(rc));
	free(msg);
	pthread_mutex_lock(&r->cache->lock);
	struct ranking *k = r->ranking;
	if (!rc) /* a failed read keeps the old ranking, tried again after `every` */
		k->week = *week;
	k->read_at = monotonic();
	k->refreshing = false;
	pthread_mutex_unlock(&r->cache->lock);
	free(week);
	free(r);
	return NULL;
}

/* Starts k's background read (the lock held). */
static void start_refresh(struct popular_cache *c, struct ranking *k, const char *now)
{
	if (k->joinable) { /* the last one has finished: refreshing was false */
		pthread_join(k->thread, NULL);
		k->joinable = false;
	}
	struct refresh *r = xcalloc(1, sizeof(*r));
	r->cache = c;
	r->ranking = k;
	snprintf(r->territory, sizeof(r->territory), "%s", k->territory);
	snprintf(r->now, sizeof(r->now), "%s", now);
	k->refreshing = true;
	if (pthread_create(&k->thread, NULL, refresh_run, r) == 0) {
		k->joinable = true;
		return;
	}
	k->refreshing = false; /* no thread: served as it is, tried at the next request */
	free(r);
}

/* territory's ranking, or NULL (the lock held). */
static struct ranking *find(struct popular_cache *c, const char *territory)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->rankings[i].territory, territory) == 0)
			return &c->rankings[i];
	return NULL;
}

enum bg_err popular_cache_week(struct popular_cache *c, struct store *st, const char *territory,
                               const char *now, struct popular *out)
{
	if (!c->every_s)
		return popular_store_week(st, territory, now, out);
	pthread_mutex_lock(&c->lock);
	struct ranking *k = find(c, territory);
	if (k) {
		*out = k->week;
		bool stale = monotonic() - k->read_at >= c->every_s;
		if (stale && !k->refreshing)
			start_refresh(c, k, now);
		pthread_mutex_unlock(&c->lock);
		return BG_OK;
	}
	pthread_mutex_unlock(&c->lock);
	/* the territory's first ask: read here, then keep it */
	enum bg_err rc = popular_store_week(st, territory, now, out);
	if (rc)
		return rc;
	pthread_mutex_lock(&c->lock);
	k = find(c, territory); /* another request may have read it meanwhile */
	if (!k && c->n < TERRITORIES_MAX) {
		k = &c->rankings[c->n++];
		snprintf(k->territory, sizeof(k->territory), "%s", territory);
		k->week = *out;
		k->read_at = monotonic();
	}
	pthread_mutex_unlock(&c->lock);
	return BG_OK;
}
