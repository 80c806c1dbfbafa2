/*
 * response_cache.c - rendered answers in a slot cache; see response_cache.h.
 * An entry is the answer's status, content type and extra headers, then
 * its body.
 */
#include "http/response_cache.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/slot_cache.h"
#include "core/banned.h"

struct response_cache {
	struct slot_cache *slots;
};

struct entry_head {
	int status;
	int header_count;
	const char *content_type;
	struct http_header headers[HTTP_MAX_EXTRA_HEADERS];
};

struct response_cache *response_cache_new(size_t max_entry)
{
	struct response_cache *c = xcalloc(1, sizeof(*c));
	c->slots = slot_cache_new(RESPONSE_CACHE_SLOTS, sizeof(struct entry_head) + max_entry);
	return c;
}

void response_cache_free(struct response_cache *c)
{
	if (!c)
		return;
	slot_cache_free(c->slots);
	free(c);
}

bool response_cache_answer(struct response_cache *c, const char *key, struct http_resp *resp)
{
	size_t len;
	char *entry = slot_cache_get(c->slots, key, &len);
	if (!entry)
		return false;
	struct entry_head head;
	memcpy(&head, entry, sizeof(head));
	size_t body_len = len - sizeof(head);
	/* The body moves to the front of the same allocation: no second copy. */
	memmove(entry, entry + sizeof(head), body_len + 1);
	resp->text = entry;
	resp->text_len = body_len;
	resp->status = head.status;
	resp->content_type = head.content_type;
	resp->header_count = head.header_count;
	memcpy(resp->headers, head.headers, sizeof(head.headers));
	return true;
}

void response_cache_keep(struct response_cache *c, const char *key, const struct http_resp *resp)
{
	if (!resp->text)
		return;
	size_t len = resp->text_len ? resp->text_len : strlen(resp->text);
	struct entry_head head = {.status = resp->status,
	                          .header_count = resp->header_count,
	                          .content_type = resp->content_type};
	memcpy(head.headers, resp->headers, sizeof(head.headers));
	char *entry = malloc(sizeof(head) + len);
	if (!entry) /* not kept: the answer still goes out */
		return;
	memcpy(entry, &head, sizeof(head));
	memcpy(entry + sizeof(head), resp->text, len);
	slot_cache_put(c->slots, key, entry, sizeof(head) + len);
	free(entry);
}
