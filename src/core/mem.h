/*
 * mem.h - allocation that never returns NULL.
 *
 * Out of memory is not a recoverable condition in binge: these wrappers
 * print a message and abort (as git and Redis do). Sizes that come from
 * outside (files, clients, the database) must be checked against a limit
 * before they reach these functions.
 */
#ifndef BINGE_CORE_MEM_H
#define BINGE_CORE_MEM_H

#include <stddef.h>

/* malloc/calloc/realloc/strdup that abort on failure. Free with free(). */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
/* A NUL-terminated copy of the first len bytes of ptr. Free with free(). */
char *xstrndup(const char *ptr, size_t len);

/* Grows an array of *cap elements of elem_size to hold at least need. */
void *xgrow(void *ptr, size_t elem_size, size_t need, size_t *cap);

#endif
