/* home_media.c - the Home media table read; see home_media.h. */
#include "reception/home_media.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/banned.h"

#define MAX_CELLS 16

/* Splits a "| a | b |" row into trimmed cells; returns how many (0: not a row). */
static size_t cells_of(const char *line, size_t len, struct str *cells)
{
	struct str row = str_trim(str_from(line, len));
	if (!row.len || row.ptr[0] != '|')
		return 0;
	size_t n = 0, start = 1;
	for (size_t i = 1; i <= row.len && n < MAX_CELLS; i++)
		if (i == row.len || row.ptr[i] == '|') {
			if (i < row.len || i > start)
				cells[n++] = str_trim(str_from(row.ptr + start, i - start));
			start = i + 1;
		}
	/* a trailing "|" leaves an empty last cell: not a column */
	while (n && !cells[n - 1].len && row.ptr[row.len - 1] == '|')
		n--;
	return n;
}

/* "Region X" -> X, when X is 1-6 or A-C. */
static bool region_of(struct str cell, char *out)
{
	if (!str_has_prefix(cell, "Region ") || cell.len != 8)
		return false;
	char c = cell.ptr[7];
	if (!((c >= '1' && c <= '6') || (c >= 'A' && c <= 'C')))
		return false;
	out[0] = c;
	out[1] = '\0';
	return true;
}

size_t home_media_parse(const char *text, struct home_media_release *out, size_t max)
{
	char regions[MAX_CELLS][4];
	size_t n_regions = 0, got = 0;
	for (const char *line = text; line && *line && got < max;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		struct str cells[MAX_CELLS];
		size_t n = cells_of(line, len, cells);
		line = nl ? nl + 1 : NULL;
		if (!n)
			continue;
		char r[4];
		if (region_of(cells[0], r)) { /* the region row */
			n_regions = 0;
			for (size_t i = 0; i < n && region_of(cells[i], regions[n_regions]); i++)
				n_regions++;
			continue;
		}
		char number[8];
		snprintf(number, sizeof(number), "%.*s", (int)(cells[0].len < 7 ? cells[0].len : 7),
		         cells[0].ptr);
		char *end;
		long season = strtol(number, &end, 10);
		if (!n_regions || !cells[0].len || *end || season < 1 || season > 500)
			continue;
		for (size_t i = 1; i < n && i - 1 < n_regions && got < max; i++) {
			struct home_media_release *h = &out[got];
			if (!cells[i].len || date_parse(cells[i], h->date))
				continue; /* empty: unknown */
			h->season = (int)season;
			h->region[0] = regions[i - 1][0];
			h->region[1] = '\0';
			snprintf(h->format, sizeof(h->format), "%s",
			         regions[i - 1][0] <= '6' ? "DVD" : "Blu-ray");
			got++;
		}
	}
	return got;
}
