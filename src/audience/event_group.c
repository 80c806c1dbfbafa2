/* event_group.c - group commit of event batches; see event_group.h. */
#include "audience/event_group.h"

#include <pthread.h>
#include <stdlib.h>

#include "audience/event_store.h"
#include "store/store.h"
#include "core/mem.h"
#include "core/banned.h"

/* One caller's batch, on its stack while it waits. */
struct member {
	const struct viewing_event *events;
	size_t n;
	long accepted, duplicates;
	enum { QUEUED, WRITTEN, ALONE } state;
	enum bg_err rc; /* when WRITTEN */
	struct member *next;
};

struct event_group {
	pthread_mutex_t lock;
	pthread_cond_t written;
	bool writing;                 /* a leader's transaction is under way */
	struct member *queue, **tail; /* batches waiting for the next one */
};

struct event_group *event_group_new(void)
{
	struct event_group *g = xcalloc(1, sizeof(*g));
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->written, NULL);
	g->tail = &g->queue;
	return g;
}

void event_group_free(struct event_group *g)
{
	if (!g)
		return;
	pthread_cond_destroy(&g->written);
	pthread_mutex_destroy(&g->lock);
	free(g);
}

/* store_transact()'s function: every batch of the list, in order. */
static enum bg_err write_members(struct store *st, void *ctx)
{
	enum bg_err rc = BG_OK;
	for (struct member *m = ctx; m && !rc; m = m->next)
		rc = event_store_add_all(st, m->events, m->n, &m->accepted, &m->duplicates);
	return rc;
}

/* Writes the queue as it stands, then tells its members; lock held on entry and exit. */
static void lead(struct event_group *g, struct store *st)
{
	struct member *group = g->queue;
	g->queue = NULL;
	g->tail = &g->queue;
	g->writing = true;
	pthread_mutex_unlock(&g->lock);
	/* Months get their partitions before the writing transaction, which
	 * must not wait for the whole log (store/partition.h). */
	enum bg_err rc = BG_OK;
	for (struct member *m = group; m && !rc; m = m->next)
		rc = event_store_prepare_months(st, m->events, m->n);
	if (!rc)
		rc = store_transact(st, write_members, group);
	pthread_mutex_lock(&g->lock);
	bool alone = !group->next;
	for (struct member *m = group, *next; m; m = next) {
		next = m->next; /* m may be gone once its state is set and the lock let go */
		m->next = NULL;
		m->rc = rc;
		m->state = !rc || alone ? WRITTEN : ALONE;
	}
	g->writing = false;
	pthread_cond_broadcast(&g->written);
}

enum bg_err event_group_add(struct event_group *g, struct store *st,
                            const struct viewing_event *events, size_t n, long *accepted,
                            long *duplicates)
{
	struct member me = {.events = events, .n = n, .state = QUEUED};
	pthread_mutex_lock(&g->lock);
	*g->tail = &me;
	g->tail = &me.next;
	while (me.state == QUEUED && g->writing)
		pthread_cond_wait(&g->written, &g->lock);
	if (me.state == QUEUED)
		lead(g, st);
	pthread_mutex_unlock(&g->lock);
	/* The group failed: this batch alone, so the error is this batch's own. */
	enum bg_err rc = me.state == ALONE ? store_transact(st, write_members, &me) : me.rc;
	if (accepted)
		*accepted = me.accepted;
	if (duplicates)
		*duplicates = me.duplicates;
	return rc;
}

struct event_group_state event_group_state(struct event_group *g)
{
	struct event_group_state out = {0};
	pthread_mutex_lock(&g->lock);
	for (const struct member *m = g->queue; m; m = m->next)
		out.queued++;
	out.writing = g->writing;
	pthread_mutex_unlock(&g->lock);
	return out;
}
