/*
 * generation.h - the counters in binge_lock that tell a server whether
 * what it cached is still true, in any process and on any server sharing
 * the database:
 *
 *   catalog  raised by every catalogue, availability and artwork write;
 *   account  raised by every change to an account or profile that decides
 *            what it may see (territory, role, disabled, ceiling, kids, a
 *            profile or account deleted).
 *
 * A bump is part of the write's transaction, once per transaction however
 * many of its writes ask (a scan's batch of 256 files is one bump). Its row
 * is also the lock that makes concurrent writers of that kind take turns
 * on PostgreSQL.
 */
#ifndef BINGE_STORE_GENERATION_H
#define BINGE_STORE_GENERATION_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

enum generation { GENERATION_CATALOG, GENERATION_ACCOUNT, GENERATION_COUNT };

/* Raises one counter. */
enum bg_err generation_bump(struct store *st, enum generation which);

/* Reads every counter in one statement (one round trip, one read transaction). */
enum bg_err generation_read(struct store *st, int64_t out[GENERATION_COUNT]);

#endif
