/* pairmap.c - (int64, int64) -> index map; see pairmap.h. */
#include "core/pairmap.h"

#include <stdlib.h>

#include "core/mem.h"
#include "core/banned.h"

static size_t slot_of(const struct pairmap_slot *slots, size_t cap, int64_t a, int64_t b)
{
	/* splitmix-style mixing: ids are small consecutive numbers */
	uint64_t h = (uint64_t)a * 0x9E3779B97F4A7C15ULL ^ (uint64_t)b * 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 31;
	size_t i = (size_t)h & (cap - 1);
	while (slots[i].index != SIZE_MAX && (slots[i].a != a || slots[i].b != b))
		i = (i + 1) & (cap - 1);
	return i;
}

static void empty_slots(struct pairmap_slot *slots, size_t cap)
{
	for (size_t i = 0; i < cap; i++)
		slots[i].index = SIZE_MAX;
}

static void grow(struct pairmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct pairmap_slot *slots = xmalloc(cap * sizeof(*slots));
	empty_slots(slots, cap);
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].index != SIZE_MAX)
			slots[slot_of(slots, cap, m->slots[i].a, m->slots[i].b)] = m->slots[i];
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

size_t pairmap_intern(struct pairmap *m, int64_t a, int64_t b, size_t next_index, bool *added)
{
	if ((m->count + 1) * 2 > m->cap)
		grow(m);
	size_t i = slot_of(m->slots, m->cap, a, b);
	*added = m->slots[i].index == SIZE_MAX;
	if (*added) {
		m->slots[i] = (struct pairmap_slot){a, b, next_index};
		m->count++;
	}
	return m->slots[i].index;
}

bool pairmap_get(const struct pairmap *m, int64_t a, int64_t b, size_t *index)
{
	if (!m->cap)
		return false;
	size_t i = slot_of(m->slots, m->cap, a, b);
	if (m->slots[i].index == SIZE_MAX)
		return false;
	*index = m->slots[i].index;
	return true;
}

void pairmap_clear(struct pairmap *m)
{
	if (m->cap)
		empty_slots(m->slots, m->cap);
	m->count = 0;
}

void pairmap_release(struct pairmap *m)
{
	free(m->slots);
	*m = (struct pairmap)PAIRMAP_INIT;
}
