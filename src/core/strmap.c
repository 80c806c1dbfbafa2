/* strmap.c - string -> int64 hash map; see strmap.h. */
#include "core/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/banned.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* The slot of key, or the empty slot where it would go. cap is a power of 2. */
static size_t slot_of(char *const *keys, size_t cap, const char *key)
{
	size_t i = (size_t)hash(key) & (cap - 1);
	while (keys[i] && strcmp(keys[i], key) != 0)
		i = (i + 1) & (cap - 1);
	return i;
}

bool strmap_get(const struct strmap *m, const char *key, int64_t *value)
{
	if (!m->cap)
		return false;
	size_t i = slot_of(m->keys, m->cap, key);
	if (!m->keys[i])
		return false;
	*value = m->values[i];
	return true;
}

static void grow(struct strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	char **keys = xcalloc(cap, sizeof(*keys));
	int64_t *values = xcalloc(cap, sizeof(*values));
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = slot_of(keys, cap, m->keys[i]);
		keys[j] = m->keys[i];
		values[j] = m->values[i];
	}
	free(m->keys);
	free(m->values);
	m->keys = keys;
	m->values = values;
	m->cap = cap;
}

void strmap_put(struct strmap *m, const char *key, int64_t value)
{
	if ((m->count + 1) * 2 > m->cap)
		grow(m); /* at most half full: probes stay short */
	size_t i = slot_of(m->keys, m->cap, key);
	if (!m->keys[i]) {
		m->keys[i] = xstrdup(key);
		m->count++;
	}
	m->values[i] = value;
}

void strmap_release(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->values);
	*m = (struct strmap)STRMAP_INIT;
}
