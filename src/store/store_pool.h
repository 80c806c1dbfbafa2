/*
 * store_pool.h - a small pool of store handles for a threaded server.
 *
 * A struct store belongs to one thread at a time, so a server with N worker
 * threads borrows a handle per request: store_pool_acquire() hands out an
 * idle handle, opens a new one while fewer than `size` exist, or waits for
 * one to come back. Handles reconnect by themselves after a dropped
 * PostgreSQL connection (store_pg.c), so the pool never needs to replace
 * them. The first handle is opened by store_pool_open(), which also applies
 * migrations before any worker runs. Thread-safe.
 */
#ifndef BINGE_STORE_STORE_POOL_H
#define BINGE_STORE_STORE_POOL_H

#include <stdint.h>
#include "core/err.h"

struct store;
struct store_pool;

/*
 * Opens a pool of at most size (>= 1) handles on target. On error *out is
 * NULL and *errmsg_out (if given) holds a message the caller frees.
 */
enum bg_err store_pool_open(const char *target, int size, struct store_pool **out,
                            char **errmsg_out);

/*
 * Borrows a handle, waiting at most timeout_ms for one to be free.
 * Errors: BG_BUSY (timed out), or the error of opening a new handle (its
 * message in *errmsg_out, which the caller frees).
 */
enum bg_err store_pool_acquire(struct store_pool *pool, int timeout_ms, struct store **out,
                               char **errmsg_out);

/* Gives a borrowed handle back. Any open transaction is rolled back. */
void store_pool_release(struct store_pool *pool, struct store *st);

/* Handles currently open (borrowed or idle). */
int store_pool_open_count(struct store_pool *pool);

/* How many acquisitions had to wait for a handle, and how many gave up. */
void store_pool_waits(struct store_pool *pool, uint64_t *waits, uint64_t *timeouts);

/* Closes every handle; all must have been released. NULL is a no-op. */
void store_pool_close(struct store_pool *pool);

#endif
