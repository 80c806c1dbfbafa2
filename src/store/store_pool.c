/* store_pool.c - a bounded pool of store handles; see store_pool.h. */
#include "store/store_pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "core/mem.h"
#include "store/store.h"
#include "core/banned.h"

struct store_pool {
	pthread_mutex_t lock;
	pthread_cond_t returned;
	char *target;
	int size;    /* most handles ever open */
	int open;    /* handles open now */
	int opening; /* handles being opened (counted against size) */
	struct store **idle;
	int idle_count;
	uint64_t waits, timeouts; /* acquisitions that waited, and gave up (under lock) */
};

enum bg_err store_pool_open(const char *target, int size, struct store_pool **out,
                            char **errmsg_out)
{
	*out = NULL;
	if (size < 1)
		size = 1;
	struct store *first;
	enum bg_err rc = store_open(target, &first, errmsg_out);
	if (rc)
		return rc;
	struct store_pool *pool = xcalloc(1, sizeof(*pool));
	pthread_mutex_init(&pool->lock, NULL);
	pthread_cond_init(&pool->returned, NULL);
	pool->target = xstrdup(target);
	pool->size = size;
	pool->idle = xcalloc((size_t)size, sizeof(struct store *));
	pool->idle[pool->idle_count++] = first;
	pool->open = 1;
	*out = pool;
	return BG_OK;
}

enum bg_err store_pool_acquire(struct store_pool *pool, int timeout_ms, struct store **out,
                               char **errmsg_out)
{
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += timeout_ms / 1000;
	deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	*out = NULL;
	if (errmsg_out)
		*errmsg_out = NULL;

	pthread_mutex_lock(&pool->lock);
	if (pool->idle_count == 0 && pool->open + pool->opening >= pool->size)
		pool->waits++;
	while (pool->idle_count == 0 && pool->open + pool->opening >= pool->size) {
		if (pthread_cond_timedwait(&pool->returned, &pool->lock, &deadline) == ETIMEDOUT) {
			pool->timeouts++;
			pthread_mutex_unlock(&pool->lock);
			return BG_BUSY;
		}
	}
	if (pool->idle_count > 0) {
		*out = pool->idle[--pool->idle_count];
		pthread_mutex_unlock(&pool->lock);
		return BG_OK;
	}
	/* Open a new handle outside the lock: connecting can take a while. */
	pool->opening++;
	pthread_mutex_unlock(&pool->lock);
	struct store *st;
	enum bg_err rc = store_open(pool->target, &st, errmsg_out);
	pthread_mutex_lock(&pool->lock);
	pool->opening--;
	if (!rc) {
		pool->open++;
		*out = st;
	}
	pthread_cond_signal(&pool->returned); /* a failed open frees a slot */
	pthread_mutex_unlock(&pool->lock);
	return rc;
}

void store_pool_release(struct store_pool *pool, struct store *st)
{
	if (!st)
		return;
	/* Never hand a transaction to the next borrower (and send no stray
	 * ROLLBACK, which PostgreSQL answers with a warning, when there is none). */
	if (store_in_transaction(st))
		store_rollback(st);
	store_reads_end(st); /* nor a run of reads */
	pthread_mutex_lock(&pool->lock);
	pool->idle[pool->idle_count++] = st;
	pthread_cond_signal(&pool->returned);
	pthread_mutex_unlock(&pool->lock);
}

int store_pool_open_count(struct store_pool *pool)
{
	pthread_mutex_lock(&pool->lock);
	int n = pool->open;
	pthread_mutex_unlock(&pool->lock);
	return n;
}

void store_pool_close(struct store_pool *pool)
{
	if (!pool)
		return;
	for (int i = 0; i < pool->idle_count; i++)
		store_close(pool->idle[i]);
	free(pool->idle);
	free(pool->target);
	pthread_cond_destroy(&pool->returned);
	pthread_mutex_destroy(&pool->lock);
	free(pool);
}

void store_pool_waits(struct store_pool *pool, uint64_t *waits, uint64_t *timeouts)
{
	pthread_mutex_lock(&pool->lock);
	*waits = pool->waits;
	*timeouts = pool->timeouts;
	pthread_mutex_unlock(&pool->lock);
}
