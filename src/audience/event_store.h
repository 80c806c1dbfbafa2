/*
 * event_store.h - the viewing event log in the store.
 */
#ifndef BINGE_AUDIENCE_EVENT_STORE_H
#define BINGE_AUDIENCE_EVENT_STORE_H

#include <stdbool.h>

#include "audience/event.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/pairmap.h"
#include "core/strmap.h"

struct store;

/*
 * Checks that the event's profile exists and its title is an episode or
 * film. BG_INVALID with the field named in msg.
 */
enum bg_err event_store_check(struct store *st, const struct viewing_event *e, char *msg,
                              size_t msg_len);

/* Resolved references, remembered across the rows of one import. */
struct event_resolver {
	struct strmap profiles; /* reference -> profile id */
	struct strmap titles;   /* "title<US>season<US>episode" -> episode or film id */
};

#define EVENT_RESOLVER_INIT              \
	{                                \
		STRMAP_INIT, STRMAP_INIT \
	}
void event_resolver_release(struct event_resolver *r);

/*
 * Resolves a file row's references (profile id or USER/PROFILE; episode id
 * or series + season + episode; film id or title) into a stored event,
 * through the cache when one is given (NULL: none). BG_INVALID with the
 * field named in msg when something does not exist.
 */
enum bg_err event_store_resolve(struct store *st, struct event_resolver *cache,
                                const struct event_row *row, struct viewing_event *out, char *msg,
                                size_t msg_len);

/*
 * Writes events and keeps the viewing summaries (episode_view, title_view:
 * migration 0008) that the analytics read. On SQLite each event is one
 * INSERT at once; on PostgreSQL (store_batch_rows) events are buffered and
 * written EVENT_WRITER_CHUNK at a time by multi-row INSERTs that skip ids
 * already stored (a round trip per chunk, not per event). Their effect on the
 * summaries is gathered in memory per (profile, episode) and written by event_writer_flush(), which
 * the caller must call inside the same transaction before committing (it also writes by itself
 * every EVENT_WRITER_PENDING_MAX pairs). Gathering first is why a bulk import costs about one
 * summary write per episode viewed, not per event. inserted and duplicates count what was written
 * (an id repeated for the same profile, in one batch or already stored, is a duplicate; ids are
 * unique per profile, never across profiles); they are final after event_writer_flush().
 * Caller-owned; one transaction at a time; not thread-safe.
 */
#define EVENT_WRITER_CHUNK_LOG2  8
#define EVENT_WRITER_CHUNK       (1 << EVENT_WRITER_CHUNK_LOG2)
#define EVENT_WRITER_PENDING_MAX 65536
#define EVENT_WRITER_COPY_BYTES  ((size_t)4 << 20)

struct event_pending {
	int64_t profile_id, title_id, top_id; /* top_id: set when written */
	int64_t first_s, completed_s, last_s; /* completed_s: INT64_MAX = none */
};

struct event_title_info {
	int64_t title_id, top_id;
	bool finale; /* completing it finishes the top-level title */
};

struct event_writer {
	struct store *st;
	long inserted, duplicates;
	struct viewing_event *chunk; /* buffered, not yet written */
	int64_t *chunk_at;           /* their instants in Unix seconds */
	size_t chunk_n;
	/* INSERTs of 1, 2 ... CHUNK rows, by what they do with stored ids (event_store.c) */
	char *insert_sql[3][EVENT_WRITER_CHUNK_LOG2 + 1];
	char *upsert_sql[2][EVENT_WRITER_CHUNK_LOG2 + 1]; /* episode_view, title_view */
	struct pairmap pending_at;                        /* (profile, title) -> index in pending */
	struct event_pending *pending;
	size_t pending_n, pending_cap;
	struct pairmap info_at; /* (title, 0) -> index in info */
	struct event_title_info *info;
	size_t info_n, info_cap;
	/* A bulk load (event_writer_bulk): the log's indexes are dropped. */
	bool bulk;
	uint64_t *seen; /* hashes of the (profile, id) written, open addressing, 0: empty */
	size_t seen_n, seen_cap;
	struct viewing_event *repeats; /* hash seen before: written once the index is back */
	size_t repeats_n, repeats_cap;
	struct buf copy;     /* bulk, where the engine has COPY: rows not yet sent */
	struct buf copy_ids; /* and their rows of viewing_event_client (PostgreSQL) */
	long copy_n;
	/* bulk, where the log is partitioned: months given a partition, the last one */
	struct strmap bulk_months;
	char bulk_month[8];
};

void event_writer_init(struct event_writer *w, struct store *st);
void event_writer_release(struct event_writer *w);

/*
 * Makes w a bulk load when the log is empty; otherwise changes nothing.
 * The log's two indexes (the client's ids, the times) are dropped until
 * event_writer_flush() builds them again, inside the caller's transaction
 * (a kill before the commit leaves them as they were). Rows are then
 * appended without the index's lookup, and an id's repeat is found in
 * memory: each (profile, id) written leaves a 64-bit hash; an event whose
 * hash was seen is held back and written once the unique index is back,
 * where a true repeat is refused as a duplicate and a hash collision
 * stored. Building an index by sorting is faster than placing every row
 * at a random spot of it (docs/audience.md). On PostgreSQL the rows go by
 * COPY, EVENT_WRITER_COPY_BYTES at a time. While the transaction is open
 * nobody else can write events.
 */
enum bg_err event_writer_bulk(struct event_writer *w);

/* Buffers an event (writing a full chunk). BG_INVALID for a bad time. */
enum bg_err event_writer_add(struct event_writer *w, const struct viewing_event *e);

/* Writes what is buffered and the gathered summary changes; call before the commit. */
enum bg_err event_writer_flush(struct event_writer *w);

/*
 * Writes events[0..n) and their summaries with one writer; inside a
 * transaction. *inserted and *duplicates (either may be NULL) get the counts.
 */
enum bg_err event_store_add_all(struct store *st, const struct viewing_event *events, size_t n,
                                long *inserted, long *duplicates);

/*
 * The log by month (PostgreSQL; nothing on SQLite): events of a month
 * without a partition of its own are kept in a default partition until
 * their month gets one (store/partition.h). These give months their own
 * partitions, each in a transaction of its own: call them outside one,
 * before writing. event_store_prepare_months() covers the months of
 * events[0..n), event_store_prepare_span() those from from_s to to_s
 * (Unix seconds). event_store_settle(), after a load that may have written
 * months nobody prepared, moves their events out of the default
 * partition; *months (may be NULL) gets how many months it gave one. A
 * month whose partition cannot be made now (the log is busy: a long
 * reader holds it) is no error: its events are written to the default
 * partition and move when it is made.
 */
enum bg_err event_store_prepare_months(struct store *st, const struct viewing_event *events,
                                       size_t n);
enum bg_err event_store_prepare_span(struct store *st, int64_t from_s, int64_t to_s);
enum bg_err event_store_settle(struct store *st, long *months);

/*
 * Calls fn for every event at or after since (NULL: all), by time then id;
 * stops at fn's first error.
 */
enum bg_err event_store_each(struct store *st, const char *since,
                             enum bg_err (*fn)(const struct viewing_event *e, void *ctx),
                             void *ctx);

#endif
