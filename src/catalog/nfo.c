/* nfo.c - Kodi/Jellyfin NFO files; see nfo.h. */
#include "catalog/nfo.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/maturity.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/banned.h"

#define NFO_MAX_BYTES (4 << 20)

static const struct {
	const char *root;
	enum nfo_kind kind;
	enum title_kind title;
} roots[] = {{"tvshow", NFO_SHOW, TITLE_SERIES},
             {"season", NFO_SEASON, TITLE_SEASON},
             {"episodedetails", NFO_EPISODE, TITLE_EPISODE},
             {"movie", NFO_MOVIE, TITLE_FILM}};

/*
 * The text up to the end of the first root element: Kodi allows a scraper
 * URL after it, and a double episode's file holds one <episodedetails> per
 * episode (the first is read).
 */
static size_t root_extent(const char *xml, size_t len)
{
	const char *p = xml, *end = xml + len;
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		if (!lt || lt + 1 >= end)
			return len;
		if (!isalpha((unsigned char)lt[1])) { /* <?xml ...?>, <!-- ... -->, <!DOCTYPE> */
			p = lt + 1;
			continue;
		}
		size_t n = 0;
		while (lt + 1 + n < end && (isalnum((unsigned char)lt[1 + n]) || lt[1 + n] == '_'))
			n++;
		char close[40];
		if (n + 4 > sizeof(close))
			return len;
		snprintf(close, sizeof(close), "</%.*s>", (int)n, lt + 1);
		size_t cl = strlen(close);
		for (const char *at = lt; at + cl <= end; at++)
			if (*at == '<' && memcmp(at, close, cl) == 0)
				return (size_t)(at - xml) + cl;
		return len;
	}
	return len;
}

/* A child element's text, trimmed; NULL when absent or empty. Owned. */
static char *text_of(xmlNode *node)
{
	xmlChar *raw = xmlNodeGetContent(node);
	if (!raw)
		return NULL;
	const char *s = (const char *)raw;
	while (*s && isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	char *out = n ? xstrndup(s, n) : NULL;
	xmlFree(raw);
	return out;
}

static bool named(const xmlNode *node, const char *name)
{
	return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

static xmlNode *child(xmlNode *parent, const char *name)
{
	for (xmlNode *c = parent->children; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

static char *child_text(xmlNode *parent, const char *name)
{
	xmlNode *c = child(parent, name);
	return c ? text_of(c) : NULL;
}

/* A whole number in text, or fallback. */
static int number_of(const char *text, int fallback)
{
	if (!text)
		return fallback;
	char *end;
	long v = strtol(text, &end, 10);
	return end != text && v >= INT_MIN && v <= INT_MAX ? (int)v : fallback;
}

static void set_string(char **field, char *value)
{
	if (!value)
		return;
	free(*field);
	*field = value;
}

/* "US:TV-MA", "Rated PG-13", "TV-MA": the US rating, or false. */
static bool us_rating(const char *text, char *out, size_t len)
{
	if (strncmp(text, "US:", 3) == 0)
		text += 3;
	if (strncmp(text, "Rated ", 6) == 0)
		text += 6;
	snprintf(out, len, "%s", text);
	return maturity_system(out) != NULL;
}

/*
 * mpaa and certification: "TV-MA", "US:PG-13 / GB:15". The US entry becomes
 * the rating; the others are kept as the extra "certification".
 */
static void read_certifications(struct title_doc *doc, const char *text)
{
	if (!text)
		return;
	char *copy = xstrdup(text), *save = NULL;
	for (char *part = strtok_r(copy, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
		while (isspace((unsigned char)*part))
			part++;
		size_t n = strlen(part);
		while (n && isspace((unsigned char)part[n - 1]))
			part[--n] = '\0';
		char rating[32];
		if (!n || n >= sizeof(rating))
			continue;
		if (us_rating(part, rating, sizeof(rating))) {
			if (!doc->rating_value) {
				doc->rating_value = xstrdup(rating);
				doc->rating_system = xstrdup(maturity_system(rating));
			}
		} else {
			title_doc_add_extra(doc, "certification", part);
		}
	}
	free(copy);
}

/* The cast in billing order: <order> where given, else the file's order. */
struct actor {
	char *name, *role;
	int order, seen;
};

static int by_order(const void *a, const void *b)
{
	const struct actor *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->seen - y->seen;
}

static void read_actors(struct title_doc *doc, xmlNode *root)
{
	struct actor *actors = NULL;
	size_t n = 0, cap = 0;
	for (xmlNode *c = root->children; c; c = c->next) {
		if (!named(c, "actor"))
			continue;
		char *name = child_text(c, "name");
		if (!name)
			continue;
		actors = xgrow(actors, sizeof(*actors), n + 1, &cap);
		char *order = child_text(c, "order");
		actors[n] = (struct actor){name, child_text(c, "role"), number_of(order, INT_MAX),
		                           (int)n};
		free(order);
		n++;
	}
	if (n)
		qsort(actors, n, sizeof(*actors), by_order);
	for (size_t i = 0; i < n; i++) {
		struct credit *cr = title_doc_credit(doc, ROLE_CAST, actors[i].name);
		if (actors[i].role && !cr->character)
			cr->character = xstrdup(actors[i].role);
		free(actors[i].name);
		free(actors[i].role);
	}
	free(actors);
}

/* <uniqueid type="imdb">tt...</uniqueid> and the older <imdbid>, <tmdbid>. */
static void read_ids(struct title_doc *doc, xmlNode *root)
{
	for (xmlNode *c = root->children; c; c = c->next) {
		const char *old = named(c, "imdbid")   ? "imdb"
		                  : named(c, "tmdbid") ? "tmdb"
		                  : named(c, "tvdbid") ? "tvdb"
		                                       : NULL;
		if (!named(c, "uniqueid") && !old)
			continue;
		xmlChar *type = old ? NULL : xmlGetProp(c, (const xmlChar *)"type");
		char *value = text_of(c);
		char key[48];
		const char *source = old ? old : type ? (const char *)type : "unknown";
		if (value && strlen(source) < 32) {
			snprintf(key, sizeof(key), "%s_id", source);
			title_doc_add_extra(doc, key, value);
		}
		free(value);
		xmlFree(type);
	}
}

/* <ratings><rating name="imdb" max="10"><value>7.9</value><votes>N</votes>. */
static void read_ratings(struct title_doc *doc, xmlNode *root)
{
	xmlNode *ratings = child(root, "ratings");
	for (xmlNode *c = ratings ? ratings->children : NULL; c; c = c->next) {
		if (!named(c, "rating"))
			continue;
		xmlChar *name = xmlGetProp(c, (const xmlChar *)"name");
		xmlChar *max = xmlGetProp(c, (const xmlChar *)"max");
		char *value = child_text(c, "value"), *votes = child_text(c, "votes");
		if (name && value && strlen((const char *)name) < 32) {
			char key[48], text[160];
			snprintf(key, sizeof(key), "rating_%s", (const char *)name);
			snprintf(text, sizeof(text), "%.32s/%.16s%s%.32s%s", value,
			         max ? (const char *)max : "10", votes ? " (" : "",
			         votes ? votes : "", votes ? " votes)" : "");
			title_doc_add_extra(doc, key, text);
		}
		xmlFree(name);
		xmlFree(max);
		free(value);
		free(votes);
	}
}

static void read_date(char out[DATE_ISO_LEN + 1], xmlNode *root, const char *name)
{
	char *text = child_text(root, name);
	if (text && !out[0] && date_parse(str_from(text, strlen(text)), out) != BG_OK)
		out[0] = '\0';
	free(text);
}

static void read_list(struct strlist *list, xmlNode *root, const char *name)
{
	for (xmlNode *c = root->children; c; c = c->next) {
		if (!named(c, name))
			continue;
		char *v = text_of(c);
		if (v)
			strlist_add_unique(list, v, strlen(v));
		free(v);
	}
}

static void read_people(struct title_doc *doc, xmlNode *root, const char *name,
                        enum credit_role role)
{
	for (xmlNode *c = root->children; c; c = c->next) {
		if (!named(c, name))
			continue;
		char *v = text_of(c);
		if (v)
			title_doc_credit(doc, role, v);
		free(v);
	}
}

static void read_doc(struct nfo *out, xmlNode *root)
{
	struct title_doc *doc = &out->doc;
	set_string(&doc->name, child_text(root, "title"));
	set_string(&doc->synopsis, child_text(root, "plot"));
	if (!doc->synopsis)
		set_string(&doc->synopsis, child_text(root, "outline"));
	read_date(doc->first_aired, root, "premiered");
	read_date(doc->first_aired, root, "aired");
	char *year = child_text(root, "year");
	if (!doc->first_aired[0] && year && strlen(year) == 4 && number_of(year, 0) > 1800)
		snprintf(doc->first_aired, sizeof(doc->first_aired), "%.4s-01-01", year);
	free(year);
	char *runtime = child_text(root, "runtime");
	int minutes = number_of(runtime, 0);
	free(runtime);
	if (minutes > 0 && minutes < 100000)
		doc->runtime_min = doc->runtime_max = minutes;
	char *status = child_text(root, "status");
	if (status && strcmp(status, "Continuing") == 0)
		doc->status = "returning";
	else if (status)
		doc->status = title_status_parse(status);
	free(status);
	char *mpaa = child_text(root, "mpaa"), *cert = child_text(root, "certification");
	read_certifications(doc, mpaa);
	read_certifications(doc, cert);
	free(mpaa);
	free(cert);
	read_list(&doc->genres, root, "genre");
	read_list(&doc->companies, root, "studio");
	read_list(&doc->countries, root, "country");
	read_actors(doc, root);
	read_people(doc, root, "director", ROLE_DIRECTOR);
	read_people(doc, root, "credits", ROLE_WRITER); /* Kodi's name for writers */
	read_people(doc, root, "writer", ROLE_WRITER);
	char *original = child_text(root, "originaltitle"), *tagline = child_text(root, "tagline");
	if (original && (!doc->name || strcmp(original, doc->name) != 0))
		title_doc_add_extra(doc, "original_title", original);
	if (tagline)
		title_doc_add_extra(doc, "tagline", tagline);
	free(original);
	free(tagline);
	read_ids(doc, root);
	read_ratings(doc, root);
	char *season = child_text(root, out->kind == NFO_SEASON ? "seasonnumber" : "season");
	char *episode = child_text(root, "episode");
	out->season = number_of(season, 0);
	out->episode = number_of(episode, 0);
	free(season);
	free(episode);
}

/* libxml2 prints some errors (encodings) however it is asked: silenced,
 * the error is reported through msg. */
static void ignore_error(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

enum bg_err nfo_parse(const char *xml, size_t len, struct nfo *out, char *msg, size_t msg_len)
{
	xmlSetGenericErrorFunc(NULL, ignore_error);
	*out = (struct nfo){0};
	title_doc_init(&out->doc);
	if (len > NFO_MAX_BYTES) {
		snprintf(msg, msg_len, "larger than %d MiB, not an NFO file", NFO_MAX_BYTES >> 20);
		return BG_INVALID;
	}
	size_t n = root_extent(xml, len);
	xmlResetLastError();
	/* No network, no DTD loaded, entities left as they are (no XXE). */
	xmlDocPtr x = xmlReadMemory(xml, (int)n, "nfo.xml", NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!x) {
		const xmlError *e = xmlGetLastError();
		snprintf(msg, msg_len, "line %d: not XML: %s", e ? e->line : 0,
		         e && e->message ? e->message : "unreadable");
		size_t m = strlen(msg);
		while (m && (msg[m - 1] == '\n' || msg[m - 1] == ' '))
			msg[--m] = '\0';
		return BG_INVALID;
	}
	xmlNode *root = xmlDocGetRootElement(x);
	size_t i = 0;
	while (root && i < sizeof(roots) / sizeof(roots[0]) && !named(root, roots[i].root))
		i++;
	if (!root || i == sizeof(roots) / sizeof(roots[0])) {
		snprintf(msg, msg_len,
		         "line %d: <%.40s> is not an NFO root (tvshow, season, "
		         "episodedetails, movie)",
		         root ? root->line : 1, root ? (const char *)root->name : "");
		xmlFreeDoc(x);
		return BG_INVALID;
	}
	out->kind = roots[i].kind;
	out->doc.kind = roots[i].title;
	read_doc(out, root);
	xmlFreeDoc(x);
	return BG_OK;
}

void nfo_release(struct nfo *n)
{
	title_doc_release(&n->doc);
}

static void take_string(char **into, const char *from, bool replace)
{
	if (from && (replace || !*into || !**into)) {
		free(*into);
		*into = xstrdup(from);
	}
}

static void take_list(struct strlist *into, const struct strlist *from, bool replace)
{
	if (!from->n || (!replace && into->n))
		return;
	strlist_release(into);
	for (size_t i = 0; i < from->n; i++)
		strlist_add(into, from->items[i], strlen(from->items[i]));
}

static bool has_extra(const struct title_doc *doc, const char *key, const char *value)
{
	for (size_t i = 0; i < doc->extra_count; i++)
		if (strcmp(doc->extras[i].key, key) == 0 &&
		    (!value || strcmp(doc->extras[i].value, value) == 0))
			return true;
	return false;
}

void nfo_merge(struct title_doc *doc, const struct nfo *n, bool nfo_wins)
{
	const struct title_doc *f = &n->doc;
	/* The name stays: a scan finds the title again by its folder's name. */
	if (f->name && doc->name && strcmp(f->name, doc->name) != 0 &&
	    !has_extra(doc, "nfo_title", NULL))
		title_doc_add_extra(doc, "nfo_title", f->name);
	take_string(&doc->synopsis, f->synopsis, nfo_wins);
	if (f->first_aired[0] && (nfo_wins || !doc->first_aired[0]))
		memcpy(doc->first_aired, f->first_aired, sizeof(doc->first_aired));
	if (f->runtime_min && (nfo_wins || !doc->runtime_min)) {
		doc->runtime_min = f->runtime_min;
		doc->runtime_max = f->runtime_max;
	}
	if (f->status && (nfo_wins || !doc->status))
		doc->status = f->status;
	if (f->rating_value && (nfo_wins || !doc->rating_value)) {
		take_string(&doc->rating_value, f->rating_value, true);
		take_string(&doc->rating_system, f->rating_system, true);
	}
	take_list(&doc->genres, &f->genres, nfo_wins);
	take_list(&doc->companies, &f->companies, nfo_wins);
	take_list(&doc->countries, &f->countries, nfo_wins);
	if (nfo_wins && f->credit_count) {
		/* The folder is the only source: its credits are the title's. */
		for (size_t i = 0; i < doc->credit_count; i++) {
			free(doc->credits[i].person);
			free(doc->credits[i].character);
			free(doc->credits[i].description);
		}
		doc->credit_count = 0;
	}
	for (size_t i = 0; i < f->credit_count; i++) {
		struct credit *c = title_doc_credit(doc, f->credits[i].role, f->credits[i].person);
		if (f->credits[i].character && !c->character)
			c->character = xstrdup(f->credits[i].character);
	}
	for (size_t i = 0; i < f->extra_count; i++) {
		/* A certification per country may repeat its key; the rest one each. */
		bool many = strcmp(f->extras[i].key, "certification") == 0;
		if (!has_extra(doc, f->extras[i].key, many ? f->extras[i].value : NULL))
			title_doc_add_extra(doc, f->extras[i].key, f->extras[i].value);
	}
	title_doc_sort_credits(doc);
}
