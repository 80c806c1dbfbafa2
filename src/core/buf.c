/* buf.c - growable bounded buffer and string slices; see buf.h. */
#include "core/buf.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/banned.h"

char buf_empty_[1];

void buf_init(struct buf *b, size_t max)
{
	*b = (struct buf)BUF_INIT(max);
}

void buf_release(struct buf *b)
{
	if (b->cap)
		free(b->ptr);
	buf_init(b, b->max);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->err = BG_OK;
	if (b->cap)
		b->ptr[0] = '\0';
}

/* Makes room for extra more bytes plus the NUL; false if that passes max. */
static bool buf_reserve(struct buf *b, size_t extra)
{
	if (b->err)
		return false;
	if (extra > b->max - b->len) {
		b->err = BG_TOO_LARGE;
		return false;
	}
	size_t need = b->len + extra + 1;
	if (need > b->cap) {
		size_t cap = b->cap;
		char *old = b->cap ? b->ptr : NULL;
		b->ptr = xgrow(old, 1, need, &cap);
		if (!b->cap)
			b->ptr[0] = '\0';
		b->cap = cap;
	}
	return true;
}

void buf_add(struct buf *b, const void *ptr, size_t len)
{
	if (!buf_reserve(b, len))
		return;
	memcpy(b->ptr + b->len, ptr, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addch(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !buf_reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

enum bg_err buf_error(const struct buf *b)
{
	return b->err;
}

char *buf_detach(struct buf *b, size_t *len_out)
{
	char *p = b->cap ? b->ptr : xstrdup("");
	if (len_out)
		*len_out = b->len;
	buf_init(b, b->max);
	return p;
}

struct str str_trim(struct str s)
{
	while (s.len && isspace((unsigned char)s.ptr[0])) {
		s.ptr++;
		s.len--;
	}
	while (s.len && isspace((unsigned char)s.ptr[s.len - 1]))
		s.len--;
	return s;
}

bool str_eq(struct str s, const char *cstr)
{
	size_t n = strlen(cstr);
	return n == s.len && memcmp(s.ptr, cstr, n) == 0;
}

bool str_eq_nocase(struct str s, const char *cstr)
{
	size_t n = strlen(cstr);
	if (n != s.len)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s.ptr[i]) != tolower((unsigned char)cstr[i]))
			return false;
	return true;
}

bool str_has_prefix(struct str s, const char *prefix)
{
	size_t n = strlen(prefix);
	return n <= s.len && memcmp(s.ptr, prefix, n) == 0;
}

bool str_has_suffix(struct str s, const char *suffix)
{
	size_t n = strlen(suffix);
	return n <= s.len && memcmp(s.ptr + s.len - n, suffix, n) == 0;
}

long str_find(struct str s, const char *needle)
{
	size_t n = strlen(needle);
	if (n == 0)
		return 0;
	for (size_t i = 0; i + n <= s.len; i++)
		if (s.ptr[i] == needle[0] && memcmp(s.ptr + i, needle, n) == 0)
			return (long)i;
	return -1;
}
