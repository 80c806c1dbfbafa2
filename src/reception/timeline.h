/*
 * timeline.h - a franchise's story order from placement constraints.
 *
 * Entries (series, seasons, films, by name) carry their release dates.
 * Constraints say "A after B" (B's story comes first); "A before B" and
 * "A between B and C" are written as such. The story order is a
 * topological order of the "comes first" edges (Kahn's algorithm), ties
 * going to the earlier release, then the name. Constraints that cannot
 * all hold are reported: each strongly connected group of entries
 * (Tarjan's algorithm) with the constraints inside it. The order then
 * still lists every entry: when only contradicted entries remain, the
 * earliest released goes next. Pure functions; O(entries + constraints)
 * besides the tie-breaking.
 */
#ifndef BINGE_RECEPTION_TIMELINE_H
#define BINGE_RECEPTION_TIMELINE_H

#include <stddef.h>

#include "core/date.h"

struct timeline_entry {
	char name[256];
	char released[DATE_ISO_LEN + 1]; /* "" when unknown: after every dated entry */
};

/* first's story comes before second's; `source` is the constraint it came from. */
struct timeline_edge {
	size_t first, second;
	size_t source;
};

/* A group of entries whose constraints contradict each other. */
struct timeline_conflict {
	size_t *entries, n_entries;
	size_t *sources, n_sources; /* constraints (their indexes) inside the group */
};

struct timeline {
	size_t *story;   /* entry indexes in story order */
	size_t *release; /* entry indexes in release order */
	struct timeline_conflict *conflicts;
	size_t n_conflicts;
};

/* Orders entries[0..n) under edges[0..m). Free with timeline_release(). */
void timeline_order(const struct timeline_entry *entries, size_t n,
                    const struct timeline_edge *edges, size_t m, struct timeline *out);
void timeline_release(struct timeline *t);

#endif
