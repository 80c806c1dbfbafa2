/* popular_cache.c - every territory's ranking, read in the background; see popular_cache.h. */
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

#define POOL_WAIT_MS      10000 /* for a pool handle; the request threads come first */
#define FIRST_READ_WAIT_S 2     /* a request waits this long for the first read */

struct popular_cache {
	pthread_mutex_t lock;
	pthread_cond_t read_done;
	struct store_pool *pool;
	int every_s;
	/* the last read: every territory's ranking, and the week read */
	struct popular_territory *weeks;
	size_t n;
	struct popular window;
	double read_at; /* monotonic seconds; 0: none yet */
	bool reading;   /* a read is under way */
	pthread_t thread;
	bool joinable;               /* a background read was started and not joined */
	char now[DATE_TIME_LEN + 1]; /* the background read's clock */
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
	pthread_cond_init(&c->read_done, NULL);
	c->pool = pool;
	c->every_s = every_s < 0 ? 0 : every_s;
	return c;
}

void popular_cache_free(struct popular_cache *c)
{
	if (!c)
		return;
	if (c->joinable)
		pthread_join(c->thread, NULL);
	free(c->weeks);
	pthread_cond_destroy(&c->read_done);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* Ends a read: keeps its result unless it failed (rc), wakes the waiters. Lock held. */
static void read_finished(struct popular_cache *c, enum bg_err rc, struct popular_territory *weeks,
                          size_t n, const struct popular *window)
{
	if (!rc) {
		free(c->weeks);
		c->weeks = weeks;
		c->n = n;
		c->window = *window;
	} else {
		free(weeks);
	}
	if (!rc || c->read_at > 0) /* a failed renewal keeps the old, tried after `every` */
		c->read_at = monotonic();
	c->reading = false;
	pthread_cond_broadcast(&c->read_done);
}

static void *read_run(void *arg)
{
	struct popular_cache *c = arg;
	struct popular_territory *weeks = NULL;
	size_t n = 0;
	struct popular *window = xmalloc(sizeof(*window));
	struct store *st;
	char *msg = NULL;
	enum bg_err rc = store_pool_acquire(c->pool, POOL_WAIT_MS, &st, &msg);
	if (!rc) {
		rc = popular_store_weeks(st, c->now, window, &weeks, &n);
		store_pool_release(c->pool, st);
	}
	if (rc)
		fprintf(stderr, "binge: popular titles not read: %s\n",
		        msg ? msg : bg_err_message(rc));
	free(msg);
	pthread_mutex_lock(&c->lock);
	read_finished(c, rc, weeks, n, window);
	pthread_mutex_unlock(&c->lock);
	free(window);
	return NULL;
}

/* Starts a background read as of now. Lock held, no read under way. */
static void start_read(struct popular_cache *c, const char *now)
{
	if (c->joinable) { /* the last one has finished: reading was false */
		pthread_join(c->thread, NULL);
		c->joinable = false;
	}
	snprintf(c->now, sizeof(c->now), "%s", now);
	c->reading = true;
	c->joinable = pthread_create(&c->thread, NULL, read_run, c) == 0;
	if (!c->joinable)
		c->reading = false; /* no thread: tried again at the next request */
}

void popular_cache_warm(struct popular_cache *c, const char *now)
{
	if (!c->every_s)
		return;
	pthread_mutex_lock(&c->lock);
	if (!c->reading)
		start_read(c, now);
	pthread_mutex_unlock(&c->lock);
}

enum bg_err popular_cache_week(struct popular_cache *c, struct store *st, const char *territory,
                               const char *now, struct popular *out)
{
	if (!c->every_s) {
		struct popular_territory *weeks;
		size_t n;
		struct popular window;
		enum bg_err rc = popular_store_weeks(st, now, &window, &weeks, &n);
		if (!rc)
			popular_of(weeks, n, &window, territory, out);
		free(weeks);
		return rc;
	}
	pthread_mutex_lock(&c->lock);
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += FIRST_READ_WAIT_S;
	bool timed_out = false;
	while (c->reading && c->read_at == 0 && !timed_out) /* the first read is under way */
		timed_out = pthread_cond_timedwait(&c->read_done, &c->lock, &until) != 0;
	if (c->read_at == 0 && c->reading) { /* still reading: the row stays empty this time */
		pthread_mutex_unlock(&c->lock);
		memset(out, 0, sizeof(*out));
		return BG_OK;
	}
	if (c->read_at == 0) { /* none, and none under way (the first failed): read here */
		c->reading = true;
		pthread_mutex_unlock(&c->lock);
		struct popular_territory *weeks;
		size_t n;
		struct popular window;
		enum bg_err rc = popular_store_weeks(st, now, &window, &weeks, &n);
		pthread_mutex_lock(&c->lock);
		read_finished(c, rc, weeks, n, &window);
		if (rc) {
			pthread_mutex_unlock(&c->lock);
			return rc;
		}
	}
	popular_of(c->weeks, c->n, &c->window, territory, out);
	if (!c->reading && monotonic() - c->read_at >= c->every_s)
		start_read(c, now);
	pthread_mutex_unlock(&c->lock);
	return BG_OK;
}
