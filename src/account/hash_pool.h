/*
 * hash_pool.h - password and PIN checks on a few threads of their own.
 *
 * One argon2id check costs about half a second of CPU and 64 MiB. Run on
 * the HTTP request threads, eight logins at once stalled every other
 * request for seconds. The server instead suspends the request, hands the
 * check to this pool and resumes the request from the job's done callback.
 *
 * Bounded: at most `threads` checks run and `queue_max` wait; beyond that
 * hash_pool_reserve() says no and the caller answers 503 at once.
 *
 * Threading: reserve and submit from any thread; done() runs on a pool
 * thread and must not block. hash_pool_free() stops taking work, finishes
 * every job already submitted (calling its done) and joins the threads.
 */
#ifndef BINGE_ACCOUNT_HASH_POOL_H
#define BINGE_ACCOUNT_HASH_POOL_H

#include <stdbool.h>

#include "account/password.h"
#include "core/err.h"

struct hash_job {
	const char *hash;       /* borrowed until done(); NULL: no check, matched */
	const char *secret;     /* borrowed until done() */
	const char *new_secret; /* NULL, or a new password to hash when secret matched */
	bool matched;           /* the answer, set before done() */
	bool new_hashed;        /* new_hash holds new_secret's hash */
	char new_hash[PASSWORD_HASH_MAX];
	void (*done)(struct hash_job *job);
	void *arg;             /* the caller's */
	struct hash_job *next; /* the pool's queue link */
};

struct hash_pool;

/* A pool of threads (>= 1) with room for queue_max waiting jobs. BG_NOMEM/BG_IO. */
enum bg_err hash_pool_new(int threads, int queue_max, struct hash_pool **out);

/* Takes a place for one job; false when the pool is full or stopping. */
bool hash_pool_reserve(struct hash_pool *p);

/* Queues job in the place hash_pool_reserve() took. */
void hash_pool_submit(struct hash_pool *p, struct hash_job *job);

/* Finishes the submitted jobs, joins the threads and frees p; NULL is a no-op. */
void hash_pool_free(struct hash_pool *p);

#endif
