/*
 * franchise_store.h - franchises, their entries and placement constraints.
 */
#ifndef BINGE_RECEPTION_FRANCHISE_STORE_H
#define BINGE_RECEPTION_FRANCHISE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "reception/timeline.h"

struct store;

struct franchise_entry {
	struct timeline_entry e;
	char title[256];  /* a catalogue title (name or id) to link, "" for none */
	int64_t title_id; /* resolved, 0 for none */
	int season;
};

/* One constraint: entry after `after` and/or before `before` ("" for none). */
struct franchise_constraint {
	char entry[256], after[256], before[256];
};

struct franchise {
	char name[256];
	struct franchise_entry *entries;
	size_t n_entries;
	struct franchise_constraint *constraints;
	size_t n_constraints;
};

/*
 * Replaces the franchise named f->name with f, in one transaction,
 * resolving each entry's title. BG_INVALID with msg for an unknown title,
 * a repeated entry, or a constraint naming no entry of the franchise.
 */
enum bg_err franchise_store_put(struct store *st, struct franchise *f, char *msg, size_t msg_len);

/* The franchise named name (or by id). BG_NOT_FOUND when none. Free with franchise_release(). */
enum bg_err franchise_store_get(struct store *st, const char *name, struct franchise *out);

/* The names of the franchises with an entry linked to title_id, each as a new string. */
enum bg_err franchise_store_of_title(struct store *st, int64_t title_id, char ***names, size_t *n);

void franchise_release(struct franchise *f);

#endif
