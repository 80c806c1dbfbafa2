/* range.c - byte ranges; see range.h. */
#include "http/range.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "core/banned.h"

/* Reads a decimal number at *p; false on overflow or no digits. */
static bool number(const char **p, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s)) {
		unsigned d = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
		s++;
	}
	*p = s;
	*out = v;
	return true;
}

static void skip_ows(const char **p)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
}

enum range_result range_parse(const char *header, uint64_t size, uint64_t *start, uint64_t *length)
{
	if (!header)
		return RANGE_NONE;
	const char *p = header;
	skip_ows(&p);
	if (strncasecmp(p, "bytes=", 6) != 0)
		return RANGE_NONE; /* another unit: ignore (units are case-insensitive, RFC
		                      9110 14.1) */
	p += 6;
	skip_ows(&p);
	uint64_t first = 0, last = 0;
	bool has_first = number(&p, &first), has_last;
	if (*p != '-')
		return RANGE_NONE;
	p++;
	has_last = number(&p, &last);
	skip_ows(&p);
	if (*p != '\0')
		return RANGE_NONE; /* several ranges, or junk: send it all */
	if (!has_first && !has_last)
		return RANGE_NONE;
	if (!has_first) { /* suffix: the last `last` bytes */
		if (last == 0 || size == 0)
			return RANGE_UNSATISFIABLE;
		*length = last < size ? last : size;
		*start = size - *length;
		return RANGE_PARTIAL;
	}
	if (has_last && last < first)
		return RANGE_NONE; /* invalid: ignore */
	if (first >= size)
		return RANGE_UNSATISFIABLE;
	if (!has_last || last >= size)
		last = size - 1;
	*start = first;
	*length = last - first + 1;
	return RANGE_PARTIAL;
}

bool range_if_range_holds(const char *if_range, const char *etag, const char *last_modified)
{
	if (!if_range)
		return true;
	if (if_range[0] == '"' || strncmp(if_range, "W/", 2) == 0)
		return strcmp(if_range, etag) == 0; /* weak tags never match (§13.1.5) */
	return strcmp(if_range, last_modified) == 0;
}
