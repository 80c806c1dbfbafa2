/* title_json.c - title_doc <-> JSON; see title_json.h. */
#include "catalog/title_json.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/maturity.h"
#include "core/mem.h"
#include "core/banned.h"

static json_t *list_json(const struct strlist *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->items[i]));
	return a;
}

json_t *title_json_render(const struct title_doc *d)
{
	json_t *seasons = json_array(), *credits = json_array(), *extras = json_array();
	for (size_t i = 0; i < d->season_count; i++)
		json_array_append_new(seasons,
		                      json_pack("{s:I,s:i,s:i}", "id", (json_int_t)d->seasons[i].id,
		                                "number", d->seasons[i].number, "episode_count",
		                                d->seasons[i].episode_count));
	for (size_t i = 0; i < d->credit_count; i++) {
		const struct credit *c = &d->credits[i];
		json_t *o = json_pack("{s:s,s:s}", "role", credit_role_name(c->role), "person",
		                      c->person);
		if (c->character)
			json_object_set_new(o, "character", json_string(c->character));
		if (c->description)
			json_object_set_new(o, "description", json_string(c->description));
		json_array_append_new(credits, o);
	}
	for (size_t i = 0; i < d->extra_count; i++)
		json_array_append_new(extras, json_pack("{s:s,s:s}", "key", d->extras[i].key,
		                                        "value", d->extras[i].value));
	json_t *runtime = d->runtime_min ? json_pack("{s:i,s:i}", "min", d->runtime_min, "max",
	                                             d->runtime_max)
	                                 : json_null();
	/* Every title has an age level; unrated titles count as 18+. */
	int level = MATURITY_UNRATED;
	if (d->rating_value && !maturity_of_rating(d->rating_value, &level))
		level = MATURITY_UNRATED;
	json_t *rating =
	        json_pack("{s:o,s:o,s:s}", "system", title_json_str(d->rating_system), "value",
	                  title_json_str(d->rating_value), "age", maturity_label(level));
	return json_pack(
	        "{s:I,s:s,s:s,s:o,s:o,s:o,s:i,s:i,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,"
	        "s:o}",
	        "id", (json_int_t)d->id, "kind", title_kind_name(d->kind), "title", d->name,
	        "first_aired", title_json_str(d->first_aired), "status", title_json_str(d->status),
	        "status_date", title_json_str(d->status_date), "season_count", (int)d->season_count,
	        "episode_count", title_doc_episode_count(d), "seasons", seasons, "genres",
	        list_json(&d->genres), "countries", list_json(&d->countries), "languages",
	        list_json(&d->languages), "locations", list_json(&d->locations), "platforms",
	        list_json(&d->platforms), "companies", list_json(&d->companies), "related",
	        list_json(&d->related), "runtime_minutes", runtime, "rating", rating, "synopsis",
	        title_json_str(d->synopsis), "credits", credits, "extras", extras);
}

json_t *title_json_str(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static enum bg_err bad(char *msg, size_t len, const char *field, const char *why)
{
	snprintf(msg, len, "%s: %s", field, why);
	return BG_INVALID;
}

/* A string field; NULL (absent or null) is allowed unless required. */
static enum bg_err get_string(json_t *in, const char *key, bool required, const char **out,
                              char *msg, size_t len)
{
	json_t *v = json_object_get(in, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return required ? bad(msg, len, key, "is required") : BG_OK;
	if (!json_is_string(v))
		return bad(msg, len, key, "must be a string");
	*out = json_string_value(v);
	if (required && !**out)
		return bad(msg, len, key, "must not be empty");
	if (strlen(*out) > 65536)
		return bad(msg, len, key, "is too long");
	return BG_OK;
}

static enum bg_err get_list(json_t *in, const char *key, struct strlist *out, char *msg, size_t len)
{
	json_t *v = json_object_get(in, key);
	if (!v || json_is_null(v))
		return BG_OK;
	if (!json_is_array(v))
		return bad(msg, len, key, "must be an array of strings");
	size_t i;
	json_t *item;
	json_array_foreach(v, i, item)
	{
		if (!json_is_string(item) || !*json_string_value(item))
			return bad(msg, len, key, "must be an array of non-empty strings");
		strlist_add_unique(out, json_string_value(item), strlen(json_string_value(item)));
	}
	return BG_OK;
}

static enum bg_err get_credits(json_t *in, struct title_doc *doc, char *msg, size_t len)
{
	json_t *v = json_object_get(in, "credits");
	if (!v || json_is_null(v))
		return BG_OK;
	if (!json_is_array(v))
		return bad(msg, len, "credits", "must be an array");
	size_t i;
	json_t *c;
	json_array_foreach(v, i, c)
	{
		char field[64];
		snprintf(field, sizeof(field), "credits[%zu]", i);
		if (!json_is_object(c))
			return bad(msg, len, field, "must be an object");
		const char *key;
		json_t *val;
		json_object_foreach(c, key, val)
		{
			if (strcmp(key, "role") != 0 && strcmp(key, "person") != 0 &&
			    strcmp(key, "character") != 0 && strcmp(key, "description") != 0) {
				snprintf(msg, len, "%s: unknown field '%.64s'", field, key);
				return BG_INVALID;
			}
		}
		const char *role, *person, *character, *description;
		enum credit_role r;
		char sub[96];
		snprintf(sub, sizeof(sub), "%s.role", field);
		if (get_string(c, "role", true, &role, msg, len) || !credit_role_parse(role, &r))
			return bad(msg, len, sub, "must be a credit role (creator, cast, ...)");
		snprintf(sub, sizeof(sub), "%s.person", field);
		if (get_string(c, "person", true, &person, msg, len))
			return bad(msg, len, sub, "must be a non-empty string");
		if (get_string(c, "character", false, &character, msg, len) ||
		    get_string(c, "description", false, &description, msg, len))
			return bad(msg, len, field, "character and description must be strings");
		struct credit *cr = title_doc_credit(doc, r, person);
		free(cr->character);
		free(cr->description);
		cr->character = character && *character ? xstrdup(character) : NULL;
		cr->description = description && *description ? xstrdup(description) : NULL;
	}
	return BG_OK;
}

static enum bg_err get_seasons(json_t *in, struct title_doc *doc, char *msg, size_t len)
{
	json_t *v = json_object_get(in, "seasons");
	if (!v || json_is_null(v))
		return BG_OK;
	if (!json_is_array(v) || json_array_size(v) > 500)
		return bad(msg, len, "seasons", "must be an array of at most 500 seasons");
	size_t i;
	json_t *s;
	json_array_foreach(v, i, s)
	{
		char field[64];
		snprintf(field, sizeof(field), "seasons[%zu]", i);
		json_t *num = json_object_get(s, "number"),
		       *eps = json_object_get(s, "episode_count");
		if (!json_is_object(s) || json_object_size(s) != 2 || !json_is_integer(num) ||
		    !json_is_integer(eps))
			return bad(msg, len, field,
			           "must be {\"number\": integer, \"episode_count\": integer}");
		json_int_t n = json_integer_value(num), e = json_integer_value(eps);
		if (n < 0 || n > 500 || e < 0 || e > 1000)
			return bad(msg, len, field, "number 0-500, episode_count 0-1000");
		for (size_t k = 0; k < doc->season_count; k++)
			if (doc->seasons[k].number == (int)n)
				return bad(msg, len, field, "repeats a season number");
		title_doc_add_season(doc, (int)n, (int)e);
	}
	return BG_OK;
}

enum bg_err title_json_parse(json_t *in, struct title_doc *doc, char *msg, size_t len)
{
	static const char *const known[] = {
	        "kind",      "title",   "synopsis",  "first_aired", "status",    "runtime_minutes",
	        "rating",    "genres",  "countries", "languages",   "locations", "platforms",
	        "companies", "related", "credits",   "seasons"};
	if (!json_is_object(in))
		return bad(msg, len, "body", "must be a JSON object");
	const char *key;
	json_t *val;
	json_object_foreach(in, key, val)
	{
		bool ok = false;
		for (size_t i = 0; i < sizeof(known) / sizeof(known[0]) && !ok; i++)
			ok = strcmp(key, known[i]) == 0;
		if (!ok) {
			snprintf(msg, len, "unknown field '%.64s'", key);
			return BG_INVALID;
		}
	}
	const char *kind, *title, *synopsis, *first_aired, *status, *rating;
	enum bg_err rc;
	if ((rc = get_string(in, "kind", true, &kind, msg, len)))
		return rc;
	if (!title_kind_parse(kind, &doc->kind) ||
	    (doc->kind != TITLE_SERIES && doc->kind != TITLE_FILM))
		return bad(msg, len, "kind", "must be \"series\" or \"film\"");
	if ((rc = get_string(in, "title", true, &title, msg, len)) ||
	    (rc = get_string(in, "synopsis", false, &synopsis, msg, len)) ||
	    (rc = get_string(in, "first_aired", false, &first_aired, msg, len)) ||
	    (rc = get_string(in, "status", false, &status, msg, len)) ||
	    (rc = get_string(in, "rating", false, &rating, msg, len)))
		return rc;
	doc->name = xstrdup(title);
	doc->synopsis = synopsis ? xstrdup(synopsis) : NULL;
	if (first_aired && date_parse(str_from(first_aired, strlen(first_aired)), doc->first_aired))
		return bad(msg, len, "first_aired", "must be a date, YYYY-MM-DD");
	if (status && !(doc->status = title_status_parse(status)))
		return bad(msg, len, "status", "must be returning, ended, cancelled or released");
	int level;
	if (rating && !maturity_of_rating(rating, &level))
		return bad(
		        msg, len, "rating",
		        "must be TV-Y, TV-Y7, TV-G, TV-PG, TV-14, TV-MA, G, PG, PG-13, R or NC-17");
	if (rating) {
		doc->rating_value = xstrdup(rating);
		doc->rating_system = xstrdup(maturity_system(rating));
	}
	json_t *rt = json_object_get(in, "runtime_minutes");
	if (rt && !json_is_null(rt)) {
		json_t *lo = json_object_get(rt, "min"), *hi = json_object_get(rt, "max");
		if (!json_is_object(rt) || json_object_size(rt) != 2 || !json_is_integer(lo) ||
		    !json_is_integer(hi) || json_integer_value(lo) < 1 ||
		    json_integer_value(hi) < json_integer_value(lo) ||
		    json_integer_value(hi) > 10000)
			return bad(msg, len, "runtime_minutes",
			           "must be {\"min\": minutes, \"max\": minutes >= min}");
		doc->runtime_min = (int)json_integer_value(lo);
		doc->runtime_max = (int)json_integer_value(hi);
	}
	if ((rc = get_list(in, "genres", &doc->genres, msg, len)) ||
	    (rc = get_list(in, "countries", &doc->countries, msg, len)) ||
	    (rc = get_list(in, "languages", &doc->languages, msg, len)) ||
	    (rc = get_list(in, "locations", &doc->locations, msg, len)) ||
	    (rc = get_list(in, "platforms", &doc->platforms, msg, len)) ||
	    (rc = get_list(in, "companies", &doc->companies, msg, len)) ||
	    (rc = get_list(in, "related", &doc->related, msg, len)) ||
	    (rc = get_credits(in, doc, msg, len)) || (rc = get_seasons(in, doc, msg, len)))
		return rc;
	if (doc->kind == TITLE_FILM && doc->season_count)
		return bad(msg, len, "seasons", "a film has no seasons");
	return BG_OK;
}

json_t *title_row_json(const struct title_row *r)
{
	json_t *o = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)r->id, "kind",
	                      title_kind_name(r->kind), "title", r->name);
	if (r->kind == TITLE_SERIES || r->kind == TITLE_FILM) {
		json_object_set_new(o, "first_aired", title_json_str(r->first_aired));
		json_object_set_new(o, "rating", title_json_str(r->rating));
	} else {
		json_object_set_new(o, "parent_id", json_integer(r->parent_id));
		json_object_set_new(o, "number", json_integer(r->number));
		json_object_set_new(o, "release_at", title_json_str(r->release_at));
	}
	if (r->kind == TITLE_SERIES)
		json_object_set_new(o, "season_count", json_integer(r->season_count));
	if (r->kind == TITLE_SERIES || r->kind == TITLE_SEASON)
		json_object_set_new(o, "episode_count", json_integer(r->episode_count));
	return o;
}

json_t *search_hit_json(const struct search_hit *h)
{
	static const char *const types[] = {"title", "person", "character"};
	json_t *o = json_pack("{s:s,s:{s:I,s:s,s:s}}", "type", types[h->kind], "title", "id",
	                      (json_int_t)h->title_id, "kind", title_kind_name(h->title_kind),
	                      "title", h->title);
	if (h->person) {
		json_object_set_new(o, "person_id", json_integer(h->person_id));
		json_object_set_new(o, "person", json_string(h->person));
	}
	if (h->role)
		json_object_set_new(o, "role", json_string(h->role));
	if (h->character)
		json_object_set_new(o, "character", json_string(h->character));
	return o;
}

json_t *licence_windows_json(const struct licence_windows *w)
{
	json_t *items = json_array();
	for (size_t i = 0; i < w->n; i++) {
		const struct licence_window *x = &w->items[i];
		json_t *terr;
		if (x->worldwide) {
			terr = json_string("worldwide");
		} else {
			terr = json_array();
			for (size_t t = 0; t < x->territories.n; t++)
				json_array_append_new(terr, json_string(x->territories.items[t]));
		}
		json_array_append_new(items, json_pack("{s:I,s:s,s:o,s:s,s:o}", "id",
		                                       (json_int_t)x->id, "platform", x->platform,
		                                       "territories", terr, "from", x->starts_at,
		                                       "until", title_json_str(x->ends_at)));
	}
	return json_pack("{s:o}", "windows", items);
}

/* Whether every key of obj is one of allowed (NULL-terminated); else msg names it under field. */
static bool only_fields(json_t *obj, const char *const *allowed, const char *field, char *msg,
                        size_t len)
{
	const char *key;
	json_t *val;
	json_object_foreach(obj, key, val)
	{
		bool ok = false;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = strcmp(*a, key) == 0;
		if (!ok) {
			snprintf(msg, len, "%s: unknown field '%.64s'", field, key);
			return false;
		}
	}
	return true;
}

/* One window object; BG_INVALID with msg naming windows[i] and the field. */
static enum bg_err licence_window_parse(json_t *o, size_t i, struct licence_window *w, char *msg,
                                        size_t len)
{
	static const char *const fields[] = {"platform", "territories", "from", "until", NULL};
	char field[48];
	snprintf(field, sizeof(field), "windows[%zu]", i);
	if (!json_is_object(o))
		return bad(msg, len, field, "must be an object");
	if (!only_fields(o, fields, field, msg, len))
		return BG_INVALID;
	json_t *platform = json_object_get(o, "platform"),
	       *terr = json_object_get(o, "territories"), *from = json_object_get(o, "from"),
	       *until = json_object_get(o, "until");
	if (!json_is_string(platform)) {
		snprintf(msg, len, "%s.platform: must be a string", field);
		return BG_INVALID;
	}
	w->platform = (char *)json_string_value(platform);
	if (json_is_string(terr) && strcmp(json_string_value(terr), "worldwide") == 0) {
		w->worldwide = true;
	} else if (json_is_array(terr)) {
		size_t k;
		json_t *t;
		json_array_foreach(terr, k, t)
		{
			if (!json_is_string(t)) {
				snprintf(msg, len, "%s.territories: must hold country codes",
				         field);
				return BG_INVALID;
			}
			strlist_add_unique(&w->territories, json_string_value(t),
			                   strlen(json_string_value(t)));
		}
	} else {
		snprintf(msg, len, "%s.territories: must be \"worldwide\" or an array of codes",
		         field);
		return BG_INVALID;
	}
	if (!json_is_string(from) || (until && !json_is_null(until) && !json_is_string(until)) ||
	    strlen(json_string_value(from)) > DATE_TIME_LEN ||
	    (json_is_string(until) && strlen(json_string_value(until)) > DATE_TIME_LEN))
		return bad(msg, len, field, "from and until must be dates");
	snprintf(w->starts_at, sizeof(w->starts_at), "%s", json_string_value(from));
	snprintf(w->ends_at, sizeof(w->ends_at), "%s",
	         json_is_string(until) ? json_string_value(until) : "");
	char why[200];
	if (licence_window_check(w, why, sizeof(why))) {
		snprintf(msg, len, "%s.%s", field, why);
		return BG_INVALID;
	}
	return BG_OK;
}

enum bg_err licence_windows_parse(json_t *in, struct licence_windows *out, char *msg, size_t len)
{
	static const char *const fields[] = {"windows", NULL};
	if (!json_is_object(in))
		return bad(msg, len, "body", "must be a JSON object");
	if (!only_fields(in, fields, "body", msg, len))
		return BG_INVALID;
	json_t *arr = json_object_get(in, "windows");
	if (!json_is_array(arr) || json_array_size(arr) > LICENCE_WINDOWS_MAX) {
		snprintf(msg, len, "windows: must be an array (at most %d)", LICENCE_WINDOWS_MAX);
		return BG_INVALID;
	}
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o)
	{
		struct licence_window w = {0};
		enum bg_err rc = licence_window_parse(o, i, &w, msg, len);
		if (!rc)
			licence_windows_add(out, &w);
		strlist_release(&w.territories);
		if (rc) {
			licence_windows_release(out);
			return rc;
		}
	}
	return BG_OK;
}
