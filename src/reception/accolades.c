/* accolades.c - the Accolades table read, rowspans and all; see accolades.h. */
#include "reception/accolades.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/banned.h"

#define ROW_CELLS 8

/* One cell: its attributes (before " | ") and its text. */
struct cell {
	struct str attrs, text;
	bool header;
};

static struct cell cell_of(struct str line)
{
	struct cell c = {.header = line.ptr[0] == '!'};
	struct str rest = str_trim(str_from(line.ptr + 1, line.len - 1));
	long bar = str_find(rest, " | ");
	if (bar >= 0 && memchr(rest.ptr, '=', (size_t)bar)) {
		c.attrs = str_from(rest.ptr, (size_t)bar);
		c.text = str_trim(str_from(rest.ptr + bar + 3, rest.len - (size_t)bar - 3));
	} else {
		c.attrs = str_from(rest.ptr, 0);
		c.text = rest;
	}
	return c;
}

/* The value of attribute name="..." in attrs, into out; false if absent. */
static bool attr(struct str attrs, const char *name, char *out, size_t cap)
{
	char key[40];
	snprintf(key, sizeof(key), "%s=\"", name);
	long at = str_find(attrs, key);
	if (at < 0)
		return false;
	const char *v = attrs.ptr + at + strlen(key), *end = attrs.ptr + attrs.len;
	const char *q = memchr(v, '"', (size_t)(end - v));
	if (!q)
		return false;
	snprintf(out, cap, "%.*s", (int)(q - v), v);
	return true;
}

static int rowspan(struct str attrs)
{
	char v[16];
	long n = attr(attrs, "rowspan", v, sizeof(v)) ? strtol(v, NULL, 10) : 1;
	return n < 1 ? 1 : n > 1000 ? 1000 : (int)n;
}

static void copy_text(char *out, size_t cap, struct str s)
{
	snprintf(out, cap, "%.*s", (int)s.len, s.ptr);
}

static void result_of(struct str s, char *out, size_t cap)
{
	char low[32];
	size_t n = s.len < sizeof(low) - 1 ? s.len : sizeof(low) - 1;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)s.ptr[i]);
	low[n] = '\0';
	snprintf(out, cap, "%s",
	         strstr(low, "won") || strstr(low, "win") ? "won"
	         : strstr(low, "nom")                     ? "nominated"
	         : strstr(low, "pend")                    ? "pending"
	                                                  : "unknown");
}

/* Fills a nomination from the row's cells after the award. */
static void nominee_of(struct cell c, struct accolade *a)
{
	char sort[200] = "";
	bool has_sort = attr(c.attrs, "data-sort-value", sort, sizeof(sort));
	struct str name = c.text;
	bool quoted = name.len >= 2 && name.ptr[0] == '"' && name.ptr[name.len - 1] == '"';
	if (quoted)
		name = str_from(name.ptr + 1, name.len - 2);
	copy_text(a->nominee, sizeof(a->nominee), name);
	snprintf(a->nominee_kind, sizeof(a->nominee_kind), "%s",
	         quoted                          ? "episode"
	         : has_sort && strchr(sort, ',') ? "person"
	                                         : "title");
}

size_t accolades_parse(const char *text, struct accolade *out, size_t max)
{
	int year = 0, year_left = 0, award_left = 0;
	char award[160] = "";
	size_t got = 0;
	struct cell cells[ROW_CELLS];
	size_t n = 0;
	bool year_cell = false;
	const char *line = text;
	for (;;) {
		const char *nl = line ? strchr(line, '\n') : NULL;
		struct str l =
		        line ? str_trim(str_from(line, nl ? (size_t)(nl - line) : strlen(line)))
		             : str_from("", 0);
		bool end_of_row = !line || str_has_prefix(l, "|-") || str_has_prefix(l, "|}");
		if (end_of_row && (n || year_cell)) {
			/* a complete row: [year] [award] category nominee [result] [ref] */
			size_t i = 0;
			if (year_cell && i < n && cells[i].header) {
				char digits[8];
				copy_text(digits, sizeof(digits), cells[i].text);
				year = (int)strtol(digits, NULL, 10);
				year_left = rowspan(cells[i].attrs);
				i++;
			}
			if (award_left <= 0 && i < n) {
				copy_text(award, sizeof(award), cells[i].text);
				award_left = rowspan(cells[i].attrs);
				i++;
			}
			if (n >= i + 2 && year && got < max) {
				struct accolade *a = &out[got++];
				memset(a, 0, sizeof(*a));
				a->year = year;
				snprintf(a->award, sizeof(a->award), "%s", award);
				copy_text(a->category, sizeof(a->category), cells[i].text);
				nominee_of(cells[i + 1], a);
				result_of(i + 2 < n ? cells[i + 2].text : str_from("", 0),
				          a->result, sizeof(a->result));
			}
			year_left--;
			award_left--;
			if (year_left <= 0)
				year_left = 0;
			n = 0;
			year_cell = false;
		}
		if (!line)
			break;
		if (!end_of_row && l.len && (l.ptr[0] == '|' || l.ptr[0] == '!') && n < ROW_CELLS) {
			cells[n] = cell_of(l);
			year_cell |= cells[n].header;
			n++;
		}
		line = nl ? nl + 1 : NULL;
	}
	return got;
}

static bool whole(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

enum bg_err nomination_parse_csv(const char *line, size_t len, struct nomination *out, char *msg,
                                 size_t msg_len)
{
	char buf[2048];
	char *f[9];
	memset(out, 0, sizeof(*out));
	if (csv_split(line, len, buf, sizeof(buf), f, 9) != 9) {
		snprintf(msg, msg_len, "expected the 9 fields %s", NOMINATION_CSV_HEADER);
		return BG_INVALID;
	}
	const char *need[][2] = {{f[0], "title"},
	                         {f[2], "organisation"},
	                         {f[3], "award"},
	                         {f[4], "category"},
	                         {f[5], "nominee"}};
	for (size_t i = 0; i < 5; i++)
		if (!*need[i][0] || strlen(need[i][0]) >= 160) {
			snprintf(msg, msg_len, "%s: must be given (at most 159 bytes)", need[i][1]);
			return BG_INVALID;
		}
	if (!whole(f[1], 1900, 2200, &out->year)) {
		snprintf(msg, msg_len, "year: must be a year");
		return BG_INVALID;
	}
	if ((*f[6] && !whole(f[6], 1, 500, &out->season)) ||
	    (*f[7] && (!whole(f[7], 1, 100000, &out->episode) || !out->season))) {
		snprintf(msg, msg_len, "%s: must be a number from 1 (an episode needs its season)",
		         *f[6] && !out->season ? "season" : "episode");
		return BG_INVALID;
	}
	if (*f[8] && strcmp(f[8], "won") != 0 && strcmp(f[8], "nominated") != 0 &&
	    strcmp(f[8], "pending") != 0) {
		snprintf(msg, msg_len, "result: must be won, nominated, pending or empty");
		return BG_INVALID;
	}
	snprintf(out->title, sizeof(out->title), "%s", f[0]);
	snprintf(out->organisation, sizeof(out->organisation), "%s", f[2]);
	out->a.year = out->year;
	snprintf(out->a.award, sizeof(out->a.award), "%s", f[3]);
	snprintf(out->a.category, sizeof(out->a.category), "%s", f[4]);
	snprintf(out->a.nominee, sizeof(out->a.nominee), "%s", f[5]);
	snprintf(out->a.result, sizeof(out->a.result), "%s", *f[8] ? f[8] : "unknown");
	return BG_OK;
}
