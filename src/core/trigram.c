/* trigram.c - trigram similarity; see trigram.h. */
#include "core/trigram.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

#define TRIGRAMS_MAX 256 /* a longer string's later trigrams are not counted */

/* The distinct trigrams of s (as 24-bit numbers), sorted; their count. */
static size_t trigrams_of(const char *s, uint32_t out[TRIGRAMS_MAX])
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && n < TRIGRAMS_MAX) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		/* A word, padded: "  w", " wo", "wor", ..., "rd ". */
		unsigned char a = ' ', b = ' ';
		for (; n < TRIGRAMS_MAX; p++) {
			unsigned char c = *p && *p != ' ' ? *p : ' ';
			out[n++] = (uint32_t)a << 16 | (uint32_t)b << 8 | c;
			if (c == ' ')
				break;
			a = b;
			b = c;
		}
	}
	/* Sort (insertion: short lists) and drop repeats. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
			uint32_t t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (!kept || out[kept - 1] != out[i])
			out[kept++] = out[i];
	return kept;
}

double trigram_similarity(const char *a, const char *b)
{
	uint32_t x[TRIGRAMS_MAX], y[TRIGRAMS_MAX];
	size_t nx = trigrams_of(a, x), ny = trigrams_of(b, y);
	if (!nx || !ny)
		return 0.0;
	size_t i = 0, j = 0, shared = 0;
	while (i < nx && j < ny) {
		if (x[i] == y[j]) {
			shared++;
			i++;
			j++;
		} else if (x[i] < y[j]) {
			i++;
		} else {
			j++;
		}
	}
	return (double)shared / (double)(nx + ny - shared);
}
