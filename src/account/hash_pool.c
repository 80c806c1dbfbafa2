/* hash_pool.c - a bounded queue of secret checks and its threads; see hash_pool.h. */
#include "account/hash_pool.h"

#include <pthread.h>
#include <stdlib.h>

#include "account/password.h"
#include "core/mem.h"
#include "core/banned.h"

struct hash_pool {
	pthread_mutex_t lock;
	pthread_cond_t work;
	struct hash_job *head, *tail;
	int places;   /* reserved and not yet finished */
	int capacity; /* threads + queue_max */
	bool stopping;
	int threads;
	pthread_t *ids;
};

static void *worker(void *arg)
{
	struct hash_pool *p = arg;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		/* A reserved place may still be submitted after stopping began. */
		while (!p->head && !(p->stopping && p->places == 0))
			pthread_cond_wait(&p->work, &p->lock);
		struct hash_job *job = p->head;
		if (!job)
			break; /* stopping, and nothing left or to come */
		p->head = job->next;
		if (!p->head)
			p->tail = NULL;
		pthread_mutex_unlock(&p->lock);
		/* No hash: nothing to check, only new_secret to hash (an admin's reset). */
		job->matched = !job->hash || password_verify(job->hash, job->secret);
		job->new_hashed = job->matched && job->new_secret &&
		                  password_hash(job->new_secret, job->new_hash) == BG_OK;
		job->done(job);
		pthread_mutex_lock(&p->lock);
		if (--p->places == 0 && p->stopping)
			pthread_cond_broadcast(&p->work);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

enum bg_err hash_pool_new(int threads, int queue_max, struct hash_pool **out)
{
	struct hash_pool *p = xcalloc(1, sizeof(*p));
	p->threads = threads < 1 ? 1 : threads;
	p->capacity = p->threads + (queue_max < 0 ? 0 : queue_max);
	p->ids = xcalloc((size_t)p->threads, sizeof(*p->ids));
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->work, NULL);
	for (int i = 0; i < p->threads; i++) {
		if (pthread_create(&p->ids[i], NULL, worker, p) != 0) {
			p->threads = i;
			hash_pool_free(p);
			return BG_IO;
		}
	}
	*out = p;
	return BG_OK;
}

bool hash_pool_reserve(struct hash_pool *p)
{
	pthread_mutex_lock(&p->lock);
	bool ok = !p->stopping && p->places < p->capacity;
	if (ok)
		p->places++;
	pthread_mutex_unlock(&p->lock);
	return ok;
}

void hash_pool_submit(struct hash_pool *p, struct hash_job *job)
{
	job->next = NULL;
	pthread_mutex_lock(&p->lock);
	if (p->tail)
		p->tail->next = job;
	else
		p->head = job;
	p->tail = job;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->lock);
}

void hash_pool_free(struct hash_pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->stopping = true;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->lock);
	for (int i = 0; i < p->threads; i++)
		pthread_join(p->ids[i], NULL);
	pthread_cond_destroy(&p->work);
	pthread_mutex_destroy(&p->lock);
	free(p->ids);
	free(p);
}
