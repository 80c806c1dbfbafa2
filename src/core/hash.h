/*
 * hash.h - 64-bit FNV-1a, for picking a slot or telling texts apart
 * quickly (never against an adversary: it is not a keyed hash). Pure.
 */
#ifndef BINGE_CORE_HASH_H
#define BINGE_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The value to start from (FNV's offset basis). */
#define HASH_FNV1A_START 14695981039346656037ULL

/* Continues the hash h over len bytes at data. */
uint64_t hash_fnv1a(uint64_t h, const void *data, size_t len);

/* The hash of a C string, from HASH_FNV1A_START. */
uint64_t hash_fnv1a_str(const char *s);

#endif
