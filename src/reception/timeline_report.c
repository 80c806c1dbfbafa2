/* timeline_report.c - franchise files in, story orders out; see timeline_report.h. */
#include "reception/timeline_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "reception/timeline.h"
#include "core/banned.h"

static void constraint_text(const struct franchise_constraint *c, char *out, size_t cap)
{
	if (c->after[0] && c->before[0])
		snprintf(out, cap, "%s between %s and %s", c->entry, c->after, c->before);
	else if (c->after[0])
		snprintf(out, cap, "%s after %s", c->entry, c->after);
	else
		snprintf(out, cap, "%s before %s", c->entry, c->before);
}

static size_t index_of(const struct franchise *f, const char *name)
{
	for (size_t i = 0; i < f->n_entries; i++)
		if (strcmp(f->entries[i].e.name, name) == 0)
			return i;
	return 0; /* checked on import: every name is an entry */
}

static json_t *entries_json(const struct franchise *f, const size_t *order)
{
	json_t *list = json_array();
	for (size_t i = 0; i < f->n_entries; i++) {
		const struct franchise_entry *e = &f->entries[order[i]];
		json_t *o = json_pack("{s:s,s:o}", "name", e->e.name, "released",
		                      e->e.released[0] ? json_string(e->e.released) : json_null());
		if (e->title_id) {
			json_object_set_new(o, "title_id", json_integer(e->title_id));
			if (e->season)
				json_object_set_new(o, "season", json_integer(e->season));
		}
		json_array_append_new(list, o);
	}
	return list;
}

enum bg_err timeline_report(struct store *st, const char *name, json_t **out)
{
	struct franchise f;
	enum bg_err rc = franchise_store_get(st, name, &f);
	if (rc)
		return rc;
	struct timeline_entry *entries = xmalloc((f.n_entries + 1) * sizeof(*entries));
	struct timeline_edge *edges = xmalloc((2 * f.n_constraints + 1) * sizeof(*edges));
	size_t m = 0;
	for (size_t i = 0; i < f.n_entries; i++)
		entries[i] = f.entries[i].e;
	for (size_t i = 0; i < f.n_constraints; i++) {
		const struct franchise_constraint *c = &f.constraints[i];
		size_t e = index_of(&f, c->entry);
		if (c->after[0])
			edges[m++] = (struct timeline_edge){index_of(&f, c->after), e, i};
		if (c->before[0])
			edges[m++] = (struct timeline_edge){e, index_of(&f, c->before), i};
	}
	struct timeline t;
	timeline_order(entries, f.n_entries, edges, m, &t);
	json_t *conflicts = json_array();
	for (size_t k = 0; k < t.n_conflicts; k++) {
		json_t *names = json_array(), *why = json_array();
		for (size_t i = 0; i < t.conflicts[k].n_entries; i++)
			json_array_append_new(
			        names, json_string(f.entries[t.conflicts[k].entries[i]].e.name));
		for (size_t i = 0; i < t.conflicts[k].n_sources; i++) {
			char text[800];
			constraint_text(&f.constraints[t.conflicts[k].sources[i]], text,
			                sizeof(text));
			json_array_append_new(why, json_string(text));
		}
		json_array_append_new(conflicts,
		                      json_pack("{s:o,s:o}", "entries", names, "constraints", why));
	}
	*out = json_pack("{s:s,s:o,s:o,s:o}", "franchise", f.name, "story_order",
	                 entries_json(&f, t.story), "release_order", entries_json(&f, t.release),
	                 "contradictions", conflicts);
	timeline_release(&t);
	free(entries);
	free(edges);
	franchise_release(&f);
	return BG_OK;
}

/* A string field of o into out (cap bytes); false with msg when of another type or too long. */
static bool text_field(json_t *o, const char *key, bool required, char *out, size_t cap,
                       const char *path, char *msg, size_t msg_len)
{
	json_t *v = json_object_get(o, key);
	out[0] = '\0';
	if (!v && !required)
		return true;
	if (!json_is_string(v) || (required && !json_string_length(v)) ||
	    json_string_length(v) >= cap) {
		snprintf(msg, msg_len, "%s.%s: must be a%s string of at most %zu bytes", path, key,
		         required ? " non-empty" : "", cap - 1);
		return false;
	}
	snprintf(out, cap, "%s", json_string_value(v));
	return true;
}

static bool parse_entry(json_t *o, size_t i, struct franchise_entry *e, char *msg, size_t msg_len)
{
	char path[32], released[64];
	snprintf(path, sizeof(path), "entries[%zu]", i);
	memset(e, 0, sizeof(*e));
	if (!json_is_object(o)) {
		snprintf(msg, msg_len, "%s: must be an object", path);
		return false;
	}
	if (!text_field(o, "name", true, e->e.name, sizeof(e->e.name), path, msg, msg_len) ||
	    !text_field(o, "title", false, e->title, sizeof(e->title), path, msg, msg_len) ||
	    !text_field(o, "released", false, released, sizeof(released), path, msg, msg_len))
		return false;
	if (released[0] && date_parse(str_from(released, strlen(released)), e->e.released)) {
		snprintf(msg, msg_len, "%s.released: must be YYYY-MM-DD", path);
		return false;
	}
	json_t *season = json_object_get(o, "season");
	if (season && (!json_is_integer(season) || json_integer_value(season) < 1 ||
	               json_integer_value(season) > 500 || !e->title[0])) {
		snprintf(msg, msg_len, "%s.season: a season number from 1, with a title", path);
		return false;
	}
	e->season = season ? (int)json_integer_value(season) : 0;
	return true;
}

enum bg_err timeline_parse(const char *text, size_t len, struct franchise *out, char *msg,
                           size_t msg_len)
{
	memset(out, 0, sizeof(*out));
	json_error_t err;
	json_t *root = json_loadb(text, len, 0, &err);
	json_t *entries = json_object_get(root, "entries"),
	       *cons = json_object_get(root, "constraints");
	enum bg_err rc = BG_INVALID;
	if (!json_is_object(root)) {
		snprintf(msg, msg_len, "not a JSON object: %s (line %d)", err.text, err.line);
	} else if (!text_field(root, "franchise", true, out->name, sizeof(out->name), "$", msg,
	                       msg_len)) {
	} else if (!json_is_array(entries) || !json_array_size(entries)) {
		snprintf(msg, msg_len, "entries: must be a non-empty array");
	} else if (cons && !json_is_array(cons)) {
		snprintf(msg, msg_len, "constraints: must be an array");
	} else {
		size_t n = json_array_size(entries), m = json_array_size(cons);
		out->entries = xcalloc(n, sizeof(*out->entries));
		out->constraints = xcalloc(m + 1, sizeof(*out->constraints));
		rc = BG_OK;
		for (size_t i = 0; i < n && !rc; i++, out->n_entries++)
			if (!parse_entry(json_array_get(entries, i), i, &out->entries[i], msg,
			                 msg_len))
				rc = BG_INVALID;
		for (size_t i = 0; i < m && !rc; i++, out->n_constraints++) {
			json_t *c = json_array_get(cons, i);
			char path[40];
			snprintf(path, sizeof(path), "constraints[%zu]", i);
			struct franchise_constraint *k = &out->constraints[i];
			if (!json_is_object(c) ||
			    !text_field(c, "entry", true, k->entry, sizeof(k->entry), path, msg,
			                msg_len) ||
			    !text_field(c, "after", false, k->after, sizeof(k->after), path, msg,
			                msg_len) ||
			    !text_field(c, "before", false, k->before, sizeof(k->before), path, msg,
			                msg_len)) {
				if (!json_is_object(c))
					snprintf(msg, msg_len, "%s: must be an object", path);
				rc = BG_INVALID;
			}
		}
	}
	json_decref(root);
	if (rc)
		franchise_release(out);
	return rc;
}
