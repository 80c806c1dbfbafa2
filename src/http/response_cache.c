/* response_cache.c - a bounded, slot-hashed response cache; see response_cache.h. */
#include "http/response_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/mem.h"
#include "core/banned.h"

struct slot {
	pthread_mutex_t lock;
	char *key;
	char *body;
	size_t len;
	int status;
};

struct response_cache {
	struct slot slots[RESPONSE_CACHE_SLOTS];
};

/* Keys are short, and the hash only picks a slot. */
static size_t slot_of(const char *key)
{
	return (size_t)(hash_fnv1a_str(key) % RESPONSE_CACHE_SLOTS);
}

struct response_cache *response_cache_new(void)
{
	struct response_cache *c = xcalloc(1, sizeof(*c));
	for (size_t i = 0; i < RESPONSE_CACHE_SLOTS; i++)
		pthread_mutex_init(&c->slots[i].lock, NULL);
	return c;
}

void response_cache_free(struct response_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < RESPONSE_CACHE_SLOTS; i++) {
		free(c->slots[i].key);
		free(c->slots[i].body);
		pthread_mutex_destroy(&c->slots[i].lock);
	}
	free(c);
}

char *response_cache_get(struct response_cache *c, const char *key, size_t *len, int *status)
{
	struct slot *s = &c->slots[slot_of(key)];
	char *copy = NULL;
	pthread_mutex_lock(&s->lock);
	if (s->key && strcmp(s->key, key) == 0) {
		copy = xmalloc(s->len + 1);
		memcpy(copy, s->body, s->len + 1);
		*len = s->len;
		*status = s->status;
	}
	pthread_mutex_unlock(&s->lock);
	return copy;
}

void response_cache_put(struct response_cache *c, const char *key, const char *body, size_t len,
                        int status)
{
	if (len > RESPONSE_CACHE_MAX_ENTRY)
		return;
	char *k = xstrdup(key), *b = xmalloc(len + 1);
	memcpy(b, body, len);
	b[len] = '\0';
	struct slot *s = &c->slots[slot_of(key)];
	pthread_mutex_lock(&s->lock);
	char *old_key = s->key, *old_body = s->body;
	s->key = k;
	s->body = b;
	s->len = len;
	s->status = status;
	pthread_mutex_unlock(&s->lock);
	free(old_key);
	free(old_body);
}
