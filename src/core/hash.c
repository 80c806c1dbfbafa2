/* hash.c - 64-bit FNV-1a; see hash.h. */
#include "core/hash.h"

#include <string.h>

#include "core/banned.h"

uint64_t hash_fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

uint64_t hash_fnv1a_str(const char *s)
{
	return hash_fnv1a(HASH_FNV1A_START, s, strlen(s));
}
