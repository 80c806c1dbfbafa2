/* slot_cache.c - a bounded, slot-hashed byte cache; see slot_cache.h. */
#include "core/slot_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/mem.h"
#include "core/banned.h"

struct slot {
	pthread_mutex_t lock;
	char *key;
	char *bytes;
	size_t len;
};

struct slot_cache {
	size_t count, max_entry;
	struct slot slots[];
};

/* Keys are short, and the hash only picks a slot. */
static struct slot *slot_of(struct slot_cache *c, const char *key)
{
	return &c->slots[hash_fnv1a_str(key) % c->count];
}

struct slot_cache *slot_cache_new(size_t slots, size_t max_entry)
{
	struct slot_cache *c = xcalloc(1, sizeof(*c) + slots * sizeof(c->slots[0]));
	c->count = slots;
	c->max_entry = max_entry;
	for (size_t i = 0; i < slots; i++)
		pthread_mutex_init(&c->slots[i].lock, NULL);
	return c;
}

void slot_cache_free(struct slot_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->count; i++) {
		free(c->slots[i].key);
		free(c->slots[i].bytes);
		pthread_mutex_destroy(&c->slots[i].lock);
	}
	free(c);
}

char *slot_cache_get(struct slot_cache *c, const char *key, size_t *len)
{
	struct slot *s = slot_of(c, key);
	char *copy = NULL;
	pthread_mutex_lock(&s->lock);
	if (s->key && strcmp(s->key, key) == 0) {
		copy = xmalloc(s->len + 1);
		memcpy(copy, s->bytes, s->len + 1);
		*len = s->len;
	}
	pthread_mutex_unlock(&s->lock);
	return copy;
}

void slot_cache_put(struct slot_cache *c, const char *key, const void *bytes, size_t len)
{
	if (len > c->max_entry)
		return;
	char *k = xstrdup(key), *b = xmalloc(len + 1);
	memcpy(b, bytes, len);
	b[len] = '\0';
	struct slot *s = slot_of(c, key);
	pthread_mutex_lock(&s->lock);
	char *old_key = s->key, *old_bytes = s->bytes;
	s->key = k;
	s->bytes = b;
	s->len = len;
	pthread_mutex_unlock(&s->lock);
	free(old_key);
	free(old_bytes);
}
