/*
 * import_wiki.c - the article format parser; see import_wiki.h.
 *
 * Two passes. check_bytes() validates the whole input (size, UTF-8, no
 * binary bytes, line lengths) so that nothing is parsed from bad input.
 * Then parse_lines() walks the lines with this state machine:
 *
 *     START --"= T ="--> LEAD --"Infobox"--> INFOBOX --blank/other--> LEAD
 *                         |                                            |
 *                         +------------------"==H=="-------------------+--> SECTION
 *
 * Inside SECTION, a heading containing "cast" turns on cast mode for it and
 * its sub-sections: "- Actor as Character: text" lines become cast credits
 * and the lines after one (up to a blank line) its description. Every
 * section's raw text is kept. finish() derives what needs the whole
 * document: synopsis (lead + Plot), seasons from the counts, the kind, and
 * a cancellation status from the prose when the infobox has none.
 */
#include "catalog/import_wiki.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/maturity.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/fold.h"
#include "core/mem.h"
#include "core/utf8.h"
#include "core/banned.h"

#define MAX_SEASONS  500
#define MAX_EPISODES 50000
#define MAX_RUNTIME  10000

enum field_kind {
	F_TAG_GENRE,
	F_TAG_COUNTRY,
	F_TAG_LANGUAGE,
	F_TAG_LOCATION,
	F_CREDIT,
	F_COMPANY,
	F_PLATFORM,
	F_RELATED,
	F_FIRST_AIRED,
	F_LAST_AIRED,
	F_STATUS,
	F_RUNTIME,
	F_SEASONS,
	F_EPISODES,
	F_RATING,
};

/* Infobox keys, in folded form (fold.h), and the field each fills. */
static const struct field {
	const char *key;
	enum field_kind kind;
	enum credit_role role; /* F_CREDIT only */
} fields[] = {
        {"genre", F_TAG_GENRE, 0},
        {"genres", F_TAG_GENRE, 0},
        {"country", F_TAG_COUNTRY, 0},
        {"country of origin", F_TAG_COUNTRY, 0},
        {"language", F_TAG_LANGUAGE, 0},
        {"languages", F_TAG_LANGUAGE, 0},
        {"original language", F_TAG_LANGUAGE, 0},
        {"location", F_TAG_LOCATION, 0},
        {"locations", F_TAG_LOCATION, 0},
        {"filming location", F_TAG_LOCATION, 0},
        {"filming locations", F_TAG_LOCATION, 0},
        {"production location", F_TAG_LOCATION, 0},
        {"production locations", F_TAG_LOCATION, 0},
        {"creator", F_CREDIT, ROLE_CREATOR},
        {"creators", F_CREDIT, ROLE_CREATOR},
        {"created by", F_CREDIT, ROLE_CREATOR},
        {"showrunner", F_CREDIT, ROLE_SHOWRUNNER},
        {"showrunners", F_CREDIT, ROLE_SHOWRUNNER},
        {"starring", F_CREDIT, ROLE_CAST},
        {"cast", F_CREDIT, ROLE_CAST},
        {"voices of", F_CREDIT, ROLE_CAST},
        {"composer", F_CREDIT, ROLE_COMPOSER},
        {"composers", F_CREDIT, ROLE_COMPOSER},
        {"music by", F_CREDIT, ROLE_COMPOSER},
        {"executive producer", F_CREDIT, ROLE_EXECUTIVE_PRODUCER},
        {"executive producers", F_CREDIT, ROLE_EXECUTIVE_PRODUCER},
        {"producer", F_CREDIT, ROLE_PRODUCER},
        {"producers", F_CREDIT, ROLE_PRODUCER},
        {"editor", F_CREDIT, ROLE_EDITOR},
        {"editors", F_CREDIT, ROLE_EDITOR},
        {"cinematography", F_CREDIT, ROLE_CINEMATOGRAPHER},
        {"cinematographer", F_CREDIT, ROLE_CINEMATOGRAPHER},
        {"director", F_CREDIT, ROLE_DIRECTOR},
        {"directors", F_CREDIT, ROLE_DIRECTOR},
        {"directed by", F_CREDIT, ROLE_DIRECTOR},
        {"writer", F_CREDIT, ROLE_WRITER},
        {"writers", F_CREDIT, ROLE_WRITER},
        {"written by", F_CREDIT, ROLE_WRITER},
        {"company", F_COMPANY, 0},
        {"companies", F_COMPANY, 0},
        {"production company", F_COMPANY, 0},
        {"production companies", F_COMPANY, 0},
        {"channel", F_PLATFORM, 0},
        {"network", F_PLATFORM, 0},
        {"original network", F_PLATFORM, 0},
        {"platform", F_PLATFORM, 0},
        {"related", F_RELATED, 0},
        {"related shows", F_RELATED, 0},
        {"first aired", F_FIRST_AIRED, 0},
        {"release date", F_FIRST_AIRED, 0},
        {"released", F_FIRST_AIRED, 0},
        {"original release", F_FIRST_AIRED, 0},
        {"last aired", F_LAST_AIRED, 0},
        {"status", F_STATUS, 0},
        {"runtime", F_RUNTIME, 0},
        {"running time", F_RUNTIME, 0},
        {"num seasons", F_SEASONS, 0},
        {"no of seasons", F_SEASONS, 0},
        {"number of seasons", F_SEASONS, 0},
        {"num episodes", F_EPISODES, 0},
        {"no of episodes", F_EPISODES, 0},
        {"number of episodes", F_EPISODES, 0},
        {"rating", F_RATING, 0},
        {"maturity rating", F_RATING, 0},
        {"content rating", F_RATING, 0},
};

enum mode { MODE_START, MODE_LEAD, MODE_INFOBOX, MODE_SECTION };

struct parser {
	struct title_doc *doc;
	struct import_error *err;
	size_t lineno;
	enum mode mode;
	char *raw_title;

	/* the section being read; level 1 is the lead */
	int level;
	struct buf heading;
	struct buf body;
	int cast_level;  /* > 0 while inside a cast section of this level */
	long cast_index; /* credit receiving description lines, or -1 */
	struct buf cast_desc;

	struct buf lead, plot;
	int num_seasons, num_episodes;
	bool has_director, has_seasons_key;
	char last_aired[DATE_ISO_LEN + 1];
};

static enum bg_err fail(struct parser *p, enum bg_err rc, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static enum bg_err fail(struct parser *p, enum bg_err rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->err->message, sizeof(p->err->message), fmt, ap);
	va_end(ap);
	p->err->line = p->lineno;
	return rc;
}

/* A copy of s trimmed, with runs of white space collapsed to one space. */
static char *clean_text(struct str s)
{
	s = str_trim(s);
	char *out = xmalloc(s.len + 1);
	size_t n = 0;
	bool space = false;
	for (size_t i = 0; i < s.len; i++) {
		if (isspace((unsigned char)s.ptr[i])) {
			space = true;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = false;
		out[n++] = s.ptr[i];
	}
	out[n] = '\0';
	return out;
}

/* Calls add for each comma-separated, non-empty item of value. */
static void for_each_item(struct str value, void (*add)(struct parser *, const char *, void *),
                          struct parser *p, void *ctx)
{
	size_t start = 0;
	for (size_t i = 0; i <= value.len; i++) {
		if (i < value.len && value.ptr[i] != ',')
			continue;
		char *item = clean_text(str_from(value.ptr + start, i - start));
		if (*item)
			add(p, item, ctx);
		free(item);
		start = i + 1;
	}
}

static void add_to_list(struct parser *p, const char *item, void *ctx)
{
	(void)p;
	strlist_add_unique(ctx, item, strlen(item));
}

static void add_credit(struct parser *p, const char *item, void *ctx)
{
	title_doc_credit(p->doc, *(enum credit_role *)ctx, item);
}

/* Reads a non-negative integer at the start of s (after spaces). */
static bool leading_int(struct str s, long max, int *out)
{
	s = str_trim(s);
	long v = 0;
	size_t i = 0;
	while (i < s.len && isdigit((unsigned char)s.ptr[i])) {
		v = v * 10 + (s.ptr[i] - '0');
		if (v > max)
			return false;
		i++;
	}
	if (i == 0)
		return false;
	*out = (int)v;
	return true;
}

/* "44–56 minutes", "44-56 min", "50 minutes" */
static bool parse_runtime(struct str s, int *lo, int *hi)
{
	s = str_trim(s);
	size_t i = 0;
	if (!leading_int(s, MAX_RUNTIME, lo))
		return false;
	while (i < s.len && isdigit((unsigned char)s.ptr[i]))
		i++;
	*hi = *lo;
	struct str rest = str_trim(str_from(s.ptr + i, s.len - i));
	const char *dashes[] = {"-", "\xE2\x80\x93", "\xE2\x80\x94", "to "};
	for (size_t d = 0; d < sizeof(dashes) / sizeof(dashes[0]); d++) {
		if (str_has_prefix(rest, dashes[d])) {
			size_t n = strlen(dashes[d]);
			if (!leading_int(str_from(rest.ptr + n, rest.len - n), MAX_RUNTIME, hi))
				return false;
			break;
		}
	}
	return *lo > 0 && *hi >= *lo;
}

/* A date value: the whole value, or the first long-form date inside it. */
static bool parse_date_value(struct str value, char out[DATE_ISO_LEN + 1])
{
	size_t end;
	if (date_parse(value, out) == BG_OK)
		return true;
	if (value.len >= DATE_ISO_LEN &&
	    date_parse(str_from(value.ptr, DATE_ISO_LEN), out) == BG_OK)
		return true;
	return date_find(value, out, &end);
}

/* "US TV" or "MPA" for a US rating, "other" for any other text. */
static const char *rating_system_of(const char *value)
{
	const char *system = maturity_system(value);
	return system ? system : "other";
}

static enum bg_err apply_field(struct parser *p, const struct field *f, struct str key,
                               struct str value)
{
	struct title_doc *doc = p->doc;
	struct strlist *lists[] = {
	        [F_TAG_GENRE] = &doc->genres,       [F_TAG_COUNTRY] = &doc->countries,
	        [F_TAG_LANGUAGE] = &doc->languages, [F_TAG_LOCATION] = &doc->locations,
	        [F_COMPANY] = &doc->companies,      [F_PLATFORM] = &doc->platforms,
	        [F_RELATED] = &doc->related};
	char *text;
	enum credit_role role = f->role;
	switch (f->kind) {
	case F_TAG_GENRE:
	case F_TAG_COUNTRY:
	case F_TAG_LANGUAGE:
	case F_TAG_LOCATION:
	case F_COMPANY:
	case F_PLATFORM:
	case F_RELATED:
		for_each_item(value, add_to_list, p, lists[f->kind]);
		return BG_OK;
	case F_CREDIT:
		if (role == ROLE_DIRECTOR)
			p->has_director = true;
		for_each_item(value, add_credit, p, &role);
		return BG_OK;
	case F_FIRST_AIRED:
		if (!parse_date_value(value, doc->first_aired))
			return fail(p, BG_INVALID, "'%.*s' is not a date: '%.*s'", (int)key.len,
			            key.ptr, (int)value.len, value.ptr);
		return BG_OK;
	case F_LAST_AIRED:
		if (!parse_date_value(value, p->last_aired))
			return fail(p, BG_INVALID, "'%.*s' is not a date: '%.*s'", (int)key.len,
			            key.ptr, (int)value.len, value.ptr);
		return BG_OK;
	case F_STATUS:
		text = clean_text(value);
		doc->status = title_status_parse(text);
		if (!doc->status) {
			title_doc_add_extra(doc, "Status", text); /* kept, not modelled */
		}
		free(text);
		return BG_OK;
	case F_RUNTIME:
		if (!parse_runtime(value, &doc->runtime_min, &doc->runtime_max))
			return fail(p, BG_INVALID, "'%.*s' is not a runtime in minutes: '%.*s'",
			            (int)key.len, key.ptr, (int)value.len, value.ptr);
		return BG_OK;
	case F_SEASONS:
	case F_EPISODES: {
		int max = f->kind == F_SEASONS ? MAX_SEASONS : MAX_EPISODES;
		int *out = f->kind == F_SEASONS ? &p->num_seasons : &p->num_episodes;
		if (!leading_int(value, max, out))
			return fail(p, BG_INVALID, "'%.*s' is not a count from 0 to %d: '%.*s'",
			            (int)key.len, key.ptr, max, (int)value.len, value.ptr);
		p->has_seasons_key = true;
		return BG_OK;
	}
	case F_RATING:
		free(doc->rating_value);
		free(doc->rating_system);
		doc->rating_value = clean_text(value);
		doc->rating_system = xstrdup(rating_system_of(doc->rating_value));
		return BG_OK;
	}
	return BG_OK;
}

static enum bg_err parse_infobox_line(struct parser *p, struct str line)
{
	struct str entry = str_trim(str_from(line.ptr + 2, line.len - 2));
	long colon = str_find(entry, ":");
	if (colon < 0)
		return fail(p, BG_INVALID, "infobox entry is not '- Key: Value': '%.*s'",
		            (int)(entry.len > 80 ? 80 : entry.len), entry.ptr);
	struct str key = str_trim(str_from(entry.ptr, (size_t)colon));
	struct str value = str_trim(str_from(entry.ptr + colon + 1, entry.len - (size_t)colon - 1));
	if (key.len == 0)
		return fail(p, BG_INVALID, "infobox entry has an empty key");
	if (value.len == 0)
		return BG_OK;

	struct buf folded = BUF_INIT(BUF_MAX_SMALL);
	fold_text(key.ptr, key.len, &folded);
	const struct field *f = NULL;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]) && !f; i++)
		if (strcmp(folded.ptr, fields[i].key) == 0)
			f = &fields[i];
	buf_release(&folded);

	if (f)
		return apply_field(p, f, key, value);
	char *k = clean_text(key), *v = clean_text(value);
	title_doc_add_extra(p->doc, k, v);
	free(k);
	free(v);
	return BG_OK;
}

/* Strips "(TV series)", "(2015 film)", "(miniseries)"... from a title. */
static char *display_title(const char *raw, bool *says_film, bool *says_series)
{
	size_t len = strlen(raw);
	*says_film = *says_series = false;
	const char *open = strrchr(raw, '(');
	if (len == 0 || raw[len - 1] != ')' || !open || open == raw)
		return xstrdup(raw);
	char *qualifier = fold_dup(open);
	*says_film = strstr(qualifier, "film") || strstr(qualifier, "movie");
	*says_series =
	        strstr(qualifier, "series") || strstr(qualifier, "tv") || strstr(qualifier, "show");
	free(qualifier);
	if (!*says_film && !*says_series)
		return xstrdup(raw);
	return clean_text(str_from(raw, (size_t)(open - raw)));
}

static bool is_blank(struct str line)
{
	return str_trim(line).len == 0;
}

/* Level of a "== Heading ==" line, or 0 if the line is not one. */
static int heading_level(struct str line)
{
	int level = 0;
	while ((size_t)level < line.len && line.ptr[level] == '=')
		level++;
	return level;
}

static struct str heading_text(struct str line, int level)
{
	struct str s = str_from(line.ptr + level, line.len - (size_t)level);
	while (s.len && (s.ptr[s.len - 1] == '=' || isspace((unsigned char)s.ptr[s.len - 1])))
		s.len--;
	return str_trim(s);
}

/* Appends text to b as paragraphs: one blank line between, none at the ends. */
static void add_paragraphs(struct buf *b, const char *text)
{
	size_t len = strlen(text);
	while (len && isspace((unsigned char)text[len - 1]))
		len--;
	while (len && isspace((unsigned char)*text)) {
		text++;
		len--;
	}
	if (!len)
		return;
	if (b->len)
		buf_adds(b, "\n\n");
	buf_add(b, text, len);
}

static void end_cast_entry(struct parser *p)
{
	if (p->cast_index >= 0 && p->cast_desc.len) {
		struct credit *c = &p->doc->credits[p->cast_index];
		char *desc = clean_text(str_from(p->cast_desc.ptr, p->cast_desc.len));
		if (c->description) {
			struct buf joined = BUF_INIT(BUF_MAX_LARGE);
			buf_adds(&joined, c->description);
			add_paragraphs(&joined, desc);
			free(c->description);
			c->description = buf_detach(&joined, NULL);
			free(desc);
		} else {
			c->description = desc;
		}
	}
	p->cast_index = -1;
	buf_reset(&p->cast_desc);
}

/* Closes the section being read: keeps its text, feeds lead and plot. */
static void end_section(struct parser *p)
{
	end_cast_entry(p);
	struct buf tidy = BUF_INIT(BUF_MAX_LARGE);
	/* Collapse runs of blank lines so stored text does not depend on them. */
	const char *s = p->body.ptr;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		struct str line = str_from(s, n);
		if (is_blank(line)) {
			if (tidy.len && !str_has_suffix(str_from(tidy.ptr, tidy.len), "\n\n"))
				buf_addch(&tidy, '\n');
		} else {
			buf_add(&tidy, s, n);
			buf_addch(&tidy, '\n');
		}
		s += n + (nl != NULL);
	}
	while (tidy.len && tidy.ptr[tidy.len - 1] == '\n')
		tidy.ptr[--tidy.len] = '\0';

	if (p->level == 1) {
		add_paragraphs(&p->lead, tidy.ptr);
	} else {
		if (p->level == 2 &&
		    str_eq_nocase(str_from(p->heading.ptr, p->heading.len), "plot"))
			add_paragraphs(&p->plot, tidy.ptr);
		if (p->level == 2 &&
		    (str_eq_nocase(str_from(p->heading.ptr, p->heading.len), "premise") ||
		     str_eq_nocase(str_from(p->heading.ptr, p->heading.len), "synopsis")))
			add_paragraphs(&p->plot, tidy.ptr);
	}
	if (p->level == 1 || tidy.len || p->heading.len)
		title_doc_add_section(p->doc, p->level, p->level == 1 ? "" : p->heading.ptr,
		                      tidy.ptr);
	buf_release(&tidy);
	buf_reset(&p->body);
}

static bool heading_is_cast(struct str heading)
{
	struct buf folded = BUF_INIT(BUF_MAX_SMALL);
	fold_text(heading.ptr, heading.len, &folded);
	bool yes = strncmp(folded.ptr, "cast", 4) == 0 || strstr(folded.ptr, " cast") ||
	           strcmp(folded.ptr, "starring") == 0;
	buf_release(&folded);
	return yes;
}

static enum bg_err start_section(struct parser *p, struct str line, int level)
{
	if (level == 1)
		return fail(p, BG_INVALID, "a second '= Title =' line; one article per file");
	end_section(p);
	struct str text = heading_text(line, level);
	if (text.len == 0)
		return fail(p, BG_INVALID, "heading has no text");
	p->level = level;
	buf_reset(&p->heading);
	buf_add(&p->heading, text.ptr, text.len);
	if (p->cast_level && level <= p->cast_level)
		p->cast_level = 0;
	if (!p->cast_level && heading_is_cast(text))
		p->cast_level = level;
	p->mode = MODE_SECTION;
	return BG_OK;
}

/* "- Krysten Ritter as Jessica Jones: description" */
static void parse_cast_line(struct parser *p, struct str line)
{
	end_cast_entry(p);
	struct str entry = str_trim(str_from(line.ptr + 2, line.len - 2));
	long as = str_find(entry, " as ");
	struct str actor = entry, character = {NULL, 0}, desc = {NULL, 0};
	if (as > 0) {
		actor = str_from(entry.ptr, (size_t)as);
		struct str rest = str_from(entry.ptr + as + 4, entry.len - (size_t)as - 4);
		long colon = str_find(rest, ":");
		character = colon >= 0 ? str_from(rest.ptr, (size_t)colon) : rest;
		if (colon >= 0)
			desc = str_from(rest.ptr + colon + 1, rest.len - (size_t)colon - 1);
	} else {
		long colon = str_find(entry, ":");
		if (colon > 0) {
			actor = str_from(entry.ptr, (size_t)colon);
			desc = str_from(entry.ptr + colon + 1, entry.len - (size_t)colon - 1);
		}
	}
	char *name = clean_text(actor);
	if (!*name) {
		free(name);
		return;
	}
	struct credit *c = title_doc_credit(p->doc, ROLE_CAST, name);
	free(name);
	char *ch = clean_text(character);
	if (*ch) {
		free(c->character);
		c->character = ch;
	} else {
		free(ch);
	}
	p->cast_index = c - p->doc->credits;
	if (desc.ptr)
		buf_add(&p->cast_desc, desc.ptr, desc.len);
}

static enum bg_err parse_line(struct parser *p, struct str line)
{
	struct str trimmed = str_trim(line);
	int level = heading_level(trimmed);

	if (p->mode == MODE_START) {
		if (is_blank(line))
			return BG_OK;
		if (level != 1 || trimmed.len < 3 || trimmed.ptr[trimmed.len - 1] != '=' ||
		    trimmed.ptr[trimmed.len - 2] == '=')
			return fail(p, BG_INVALID, "expected a '= Title =' line first");
		struct str title = heading_text(trimmed, 1);
		if (title.len == 0)
			return fail(p, BG_INVALID, "the title line has no title");
		p->raw_title = clean_text(title);
		p->level = 1;
		p->mode = MODE_LEAD;
		return BG_OK;
	}
	if (p->mode == MODE_INFOBOX) {
		if (str_has_prefix(trimmed, "- "))
			return parse_infobox_line(p, trimmed);
		p->mode = MODE_LEAD;
		if (is_blank(line))
			return BG_OK;
	}
	if (level > 0 && trimmed.len > (size_t)level && trimmed.ptr[trimmed.len - 1] == '=')
		return start_section(p, trimmed, level);
	if (p->mode == MODE_LEAD && str_eq_nocase(trimmed, "infobox")) {
		p->mode = MODE_INFOBOX;
		return BG_OK;
	}

	buf_add(&p->body, line.ptr, line.len);
	buf_addch(&p->body, '\n');
	if (!p->cast_level)
		return BG_OK;
	if (str_has_prefix(trimmed, "- ") || str_has_prefix(trimmed, "* "))
		parse_cast_line(p, trimmed);
	else if (is_blank(line))
		end_cast_entry(p);
	else if (p->cast_index >= 0) {
		if (p->cast_desc.len)
			buf_addch(&p->cast_desc, ' ');
		buf_add(&p->cast_desc, trimmed.ptr, trimmed.len);
	}
	return BG_OK;
}

/* Finds "cancel(l)ed ... <date>" within one sentence of text. */
static bool find_cancellation(const char *text, char date[DATE_ISO_LEN + 1])
{
	for (const char *s = text; (s = strstr(s, "cancel")) != NULL; s++) {
		const char *end = s;
		while (*end && !(end[0] == '.' && (end[1] == ' ' || end[1] == '\n' || !end[1])))
			end++;
		size_t at;
		if (date_find(str_from(s, (size_t)(end - s)), date, &at))
			return true;
	}
	return false;
}

static void derive_status(struct parser *p)
{
	struct title_doc *doc = p->doc;
	if (!doc->status) {
		for (size_t i = 0; i < doc->section_count && !doc->status; i++) {
			struct section *sec = &doc->sections[i];
			char *folded = fold_dup(sec->heading);
			bool look = sec->level == 1 || strstr(folded, "cancel");
			free(folded);
			if (look && find_cancellation(sec->body, doc->status_date))
				doc->status = "cancelled";
		}
	}
	if (!doc->status && p->last_aired[0])
		doc->status = "ended";
	if (!doc->status_date[0] && p->last_aired[0] && doc->status &&
	    strcmp(doc->status, "ended") == 0)
		memcpy(doc->status_date, p->last_aired, sizeof(doc->status_date));
}

static void finish(struct parser *p)
{
	struct title_doc *doc = p->doc;
	end_section(p);
	bool says_film, says_series;
	doc->name = display_title(p->raw_title, &says_film, &says_series);
	doc->source_key = xstrdup(p->raw_title);
	if (says_film ||
	    (!says_series && !p->has_seasons_key && p->has_director && doc->platforms.n == 0))
		doc->kind = TITLE_FILM;
	else
		doc->kind = TITLE_SERIES;

	struct buf syn = BUF_INIT(BUF_MAX_LARGE);
	add_paragraphs(&syn, p->lead.ptr);
	add_paragraphs(&syn, p->plot.ptr);
	doc->synopsis = buf_detach(&syn, NULL);

	/* Only counts known: spread the episodes evenly, earlier seasons first. */
	if (doc->kind == TITLE_SERIES) {
		for (int s = 1; s <= p->num_seasons; s++) {
			int per = p->num_episodes / p->num_seasons;
			int extra = s <= p->num_episodes % p->num_seasons;
			title_doc_add_season(doc, s, per + extra);
		}
	}
	derive_status(p);
}

/* True if s holds the start of a multi-byte sequence and then ends. */
static bool is_cut_sequence(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];
	size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
	if (need == 0 || len >= need)
		return false;
	for (size_t i = 1; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return false;
	return true;
}

/* Whole-input checks; sets *start past a BOM. */
static enum bg_err check_bytes(struct parser *p, const char *data, size_t len, size_t *start)
{
	p->lineno = 0;
	if (len == 0)
		return fail(p, BG_INVALID, "the file is empty");
	if (len > IMPORT_WIKI_MAX_FILE)
		return fail(p, BG_TOO_LARGE, "the file is larger than %zu bytes",
		            IMPORT_WIKI_MAX_FILE);
	*start = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

	size_t valid = utf8_valid_prefix(data, len);
	size_t line_start = *start;
	p->lineno = 1;
	for (size_t i = *start; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		if (i == valid)
			return fail(p, BG_INVALID, "invalid UTF-8 at byte %zu%s",
			            i - line_start + 1,
			            is_cut_sequence(data + i, len - i)
			                    ? " (the file ends inside a multi-byte character)"
			                    : "");
		if (c == '\n') {
			p->lineno++;
			line_start = i + 1;
			continue;
		}
		if (c < 0x20 && c != '\t' && c != '\r')
			return fail(p, BG_INVALID, "binary data (byte 0x%02x) at byte %zu", c,
			            i - line_start + 1);
		if (i - line_start >= IMPORT_WIKI_MAX_LINE)
			return fail(p, BG_TOO_LARGE, "the line is longer than %zu bytes",
			            IMPORT_WIKI_MAX_LINE);
	}
	return BG_OK;
}

enum bg_err import_wiki_parse(const char *data, size_t len, struct title_doc *doc,
                              struct import_error *err)
{
	struct parser p = {
	        .doc = doc,
	        .err = err,
	        .mode = MODE_START,
	        .heading = BUF_INIT(BUF_MAX_SMALL),
	        .body = BUF_INIT(IMPORT_WIKI_MAX_FILE),
	        .cast_desc = BUF_INIT(IMPORT_WIKI_MAX_FILE),
	        .cast_index = -1,
	        .lead = BUF_INIT(IMPORT_WIKI_MAX_FILE),
	        .plot = BUF_INIT(IMPORT_WIKI_MAX_FILE),
	};
	err->line = 0;
	err->message[0] = '\0';
	size_t start = 0;
	enum bg_err rc = check_bytes(&p, data, len, &start);
	if (rc)
		goto out;

	p.lineno = 0;
	for (size_t pos = start; pos < len && !rc;) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len;
		struct str line = str_from(data + pos, end - pos);
		if (line.len && line.ptr[line.len - 1] == '\r')
			line.len--;
		p.lineno++;
		rc = parse_line(&p, line);
		pos = end + 1;
	}
	if (!rc && p.mode == MODE_START) {
		p.lineno = 0;
		rc = fail(&p, BG_INVALID, "no '= Title =' line (the file has only blank lines)");
	}
	if (!rc)
		finish(&p);
out:
	free(p.raw_title);
	buf_release(&p.heading);
	buf_release(&p.body);
	buf_release(&p.cast_desc);
	buf_release(&p.lead);
	buf_release(&p.plot);
	return rc;
}
