/*
 * strlist.h - an ordered list of owned C strings.
 *
 * Initialise with STRLIST_INIT; strings added are copied and owned by the
 * list until strlist_release().
 */
#ifndef BINGE_CORE_STRLIST_H
#define BINGE_CORE_STRLIST_H

#include <stdbool.h>
#include <stddef.h>

struct strlist {
	char **items;
	size_t n;
	size_t cap;
};

#define STRLIST_INIT       \
	{                  \
		NULL, 0, 0 \
	}

/* Appends a copy of the len bytes at s. */
void strlist_add(struct strlist *l, const char *s, size_t len);
/* Appends a copy unless an equal string is already present. */
void strlist_add_unique(struct strlist *l, const char *s, size_t len);
bool strlist_contains(const struct strlist *l, const char *s);
void strlist_release(struct strlist *l);

#endif
