/* strlist.c - ordered list of owned strings; see strlist.h. */
#include "core/strlist.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/banned.h"

void strlist_add(struct strlist *l, const char *s, size_t len)
{
	l->items = xgrow(l->items, sizeof(*l->items), l->n + 1, &l->cap);
	l->items[l->n++] = xstrndup(s, len);
}

bool strlist_contains(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i], s) == 0)
			return true;
	return false;
}

void strlist_add_unique(struct strlist *l, const char *s, size_t len)
{
	char *copy = xstrndup(s, len);
	if (strlist_contains(l, copy)) {
		free(copy);
		return;
	}
	l->items = xgrow(l->items, sizeof(*l->items), l->n + 1, &l->cap);
	l->items[l->n++] = copy;
}

void strlist_release(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	*l = (struct strlist)STRLIST_INIT;
}
