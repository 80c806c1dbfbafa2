/*
 * buf.h - a growable byte buffer and a non-owning string slice.
 *
 * struct buf invariants (git strbuf, SQLite sqlite3_str, curl dynbuf):
 *  - ptr is never NULL and always NUL-terminated, so buf.ptr is a C string;
 *  - len <= max: every buffer has a mandatory maximum size in bytes;
 *  - an append that would pass max sets a sticky error (BG_TOO_LARGE) and
 *    leaves the contents as they were; later appends are ignored, so callers
 *    append freely and check buf_error() once at the end.
 * Initialise with BUF_INIT(max) or buf_init(); release with buf_release().
 * Not thread-safe; one owner at a time.
 */
#ifndef BINGE_CORE_BUF_H
#define BINGE_CORE_BUF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

extern char buf_empty_[1];

struct buf {
	char *ptr;
	size_t len;
	size_t cap; /* 0 while ptr points at the shared empty string */
	size_t max;
	enum bg_err err;
};

#define BUF_INIT(maxlen)                                                             \
	{                                                                            \
		.ptr = buf_empty_, .len = 0, .cap = 0, .max = (maxlen), .err = BG_OK \
	}

/* Common maxima. */
#define BUF_MAX_SMALL ((size_t)64 * 1024)
#define BUF_MAX_LARGE ((size_t)64 * 1024 * 1024)

void buf_init(struct buf *b, size_t max);
/* Frees the memory; the buffer is empty and usable again afterwards. */
void buf_release(struct buf *b);
/* Empties the buffer and clears the sticky error; keeps the memory. */
void buf_reset(struct buf *b);

void buf_add(struct buf *b, const void *ptr, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* BG_OK, or BG_TOO_LARGE if any append passed max. */
enum bg_err buf_error(const struct buf *b);

/*
 * Hands the contents to the caller, who frees them with free(), and leaves
 * the buffer empty. Never NULL.
 */
char *buf_detach(struct buf *b, size_t *len_out);

/* A non-owning view of len bytes at ptr (not necessarily NUL-terminated). */
struct str {
	const char *ptr;
	size_t len;
};

#define STR_LIT(s) ((struct str){(s), sizeof(s) - 1})

static inline struct str str_from(const char *s, size_t len)
{
	return (struct str){s, len};
}

/* The slice without leading and trailing ASCII white space. */
struct str str_trim(struct str s);
bool str_eq(struct str s, const char *cstr);
/* Case-insensitive ASCII comparison. */
bool str_eq_nocase(struct str s, const char *cstr);
bool str_has_prefix(struct str s, const char *prefix);
bool str_has_suffix(struct str s, const char *suffix);
/* Offset of the first occurrence of needle in s, or -1. */
long str_find(struct str s, const char *needle);

#endif
