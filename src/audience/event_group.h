/*
 * event_group.h - group commit for the server's event batches: batches
 * posted at the same time are written in one transaction by one thread.
 *
 * Why: each request writing its own transaction made the server's threads
 * queue on SQLite's writer lock (its busy handler sleeps between tries),
 * and on PostgreSQL concurrent SERIALIZABLE transactions over one
 * profile's events failed as serialization conflicts until the retries ran
 * out and the player got a 503 (4 clients, 300 batches: 1 to 4 of them).
 * Here one thread at a time writes (the leader), taking every batch that
 * queued while the previous transaction ran; the others wait for its
 * commit. So the server's writes never conflict with each other, and one
 * commit (one fsync) serves several batches.
 *
 * Each batch keeps its own counts (a later batch of the group sees the
 * earlier ones' ids as stored, as it would one transaction later). If the
 * group's transaction fails, every batch of it is written again alone, on
 * its own thread's handle, so a failure belongs to the batch that caused it
 * and its error message is on the caller's handle. Thread-safe.
 */
#ifndef BINGE_AUDIENCE_EVENT_GROUP_H
#define BINGE_AUDIENCE_EVENT_GROUP_H

#include <stdbool.h>
#include <stddef.h>

#include "audience/event.h"
#include "core/err.h"

struct store;
struct event_group;

struct event_group *event_group_new(void);
/* NULL is a no-op. No thread may be inside event_group_add(). */
void event_group_free(struct event_group *g);

/*
 * Stores events[0..n) as event_store_add_all() would, in a transaction that
 * may hold other threads' batches too; returns once that transaction has
 * committed (or failed). st is the calling thread's handle; it is used when
 * this thread leads the group or writes its batch alone.
 */
enum bg_err event_group_add(struct event_group *g, struct store *st,
                            const struct viewing_event *events, size_t n, long *accepted,
                            long *duplicates);

/* What the group is doing, read by the tests only: batches waiting for
 * the next transaction, and whether a transaction is under way. */
struct event_group_state {
	size_t queued;
	bool writing;
};
struct event_group_state event_group_state(struct event_group *g);

#endif
