/*
 * pairmap.h - a (int64, int64) -> index map (open addressing), for
 * grouping rows by two ids, e.g. (profile, title). The values are indexes
 * into an array the caller keeps, so the map stays small and the caller's
 * records stay contiguous. At most half full; O(1) expected per call.
 * Not thread-safe.
 */
#ifndef BINGE_CORE_PAIRMAP_H
#define BINGE_CORE_PAIRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pairmap_slot {
	int64_t a, b;
	size_t index; /* SIZE_MAX: empty */
};

struct pairmap {
	struct pairmap_slot *slots;
	size_t count, cap;
};

#define PAIRMAP_INIT       \
	{                  \
		NULL, 0, 0 \
	}

/*
 * The index stored for (a, b); when absent, stores next_index and returns
 * it, with *added set. So `i = pairmap_intern(m, a, b, n, &added); if
 * (added) n++` numbers the distinct pairs 0, 1, 2...
 */
size_t pairmap_intern(struct pairmap *m, int64_t a, int64_t b, size_t next_index, bool *added);

/* True and *index set when (a, b) is present. */
bool pairmap_get(const struct pairmap *m, int64_t a, int64_t b, size_t *index);

/* Empties the map, keeping its memory. */
void pairmap_clear(struct pairmap *m);
void pairmap_release(struct pairmap *m);

#endif
