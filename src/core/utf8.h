/*
 * utf8.h - strict UTF-8 decoding and validation.
 *
 * Strict means RFC 3629: no overlong forms, no surrogates (U+D800..DFFF),
 * nothing above U+10FFFF, no truncated sequences. Pure functions, no
 * allocation; O(len).
 */
#ifndef BINGE_CORE_UTF8_H
#define BINGE_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the code point starting at s[*pos], at most len - *pos bytes, into
 * *out and advances *pos past it. Returns false, leaving *pos unchanged, if
 * the bytes there are not a valid sequence (including one cut off by len).
 */
bool utf8_decode(const char *s, size_t len, size_t *pos, uint32_t *out);

/* The length of the longest valid UTF-8 prefix of s; len if all is valid. */
size_t utf8_valid_prefix(const char *s, size_t len);

/* Appends the UTF-8 encoding of cp (<= U+10FFFF) to out; returns its length. */
size_t utf8_encode(uint32_t cp, char out[4]);

#endif
