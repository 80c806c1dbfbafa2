/*
 * event_store.h - the viewing event log in the store.
 */
#ifndef BINGE_STORE_EVENT_STORE_H
#define BINGE_STORE_EVENT_STORE_H

#include <stdbool.h>

#include "audience/event.h"
#include "core/err.h"

struct store;

/*
 * Checks that the event's profile exists and its title is an episode or
 * film. BG_INVALID with the field named in msg.
 */
enum bg_err event_store_check(struct store *st, const struct viewing_event *e, char *msg,
                              size_t msg_len);

/* Appends an event; *inserted is false when its id was already there. */
enum bg_err event_store_add(struct store *st, const struct viewing_event *e, bool *inserted);

/* Calls fn for every event, by time then id; stops at fn's first error. */
enum bg_err event_store_each(struct store *st,
                             enum bg_err (*fn)(const struct viewing_event *e, void *ctx),
                             void *ctx);

#endif
