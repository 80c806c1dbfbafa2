/*
 * strmap.h - a string -> int64 map (open addressing, FNV-1a), for caches
 * such as "profile reference -> profile id" during an import. Keys are
 * copied. Grows as needed; O(1) expected per operation. Not thread-safe.
 */
#ifndef BINGE_CORE_STRMAP_H
#define BINGE_CORE_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strmap {
	char **keys;
	int64_t *values;
	size_t count, cap;
};

#define STRMAP_INIT              \
	{                        \
		NULL, NULL, 0, 0 \
	}

/* True and *value set when key is present. */
bool strmap_get(const struct strmap *m, const char *key, int64_t *value);
/* Sets key to value (copying key). */
void strmap_put(struct strmap *m, const char *key, int64_t value);
void strmap_release(struct strmap *m);

#endif
