/*
 * event_store.h - the viewing event log in the store.
 */
#ifndef BINGE_STORE_EVENT_STORE_H
#define BINGE_STORE_EVENT_STORE_H

#include <stdbool.h>

#include "audience/event.h"
#include "core/err.h"
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

/* Appends an event; *inserted is false when its id was already there. */
enum bg_err event_store_add(struct store *st, const struct viewing_event *e, bool *inserted);

/*
 * Calls fn for every event at or after since (NULL: all), by time then id;
 * stops at fn's first error.
 */
enum bg_err event_store_each(struct store *st, const char *since,
                             enum bg_err (*fn)(const struct viewing_event *e, void *ctx),
                             void *ctx);

#endif
