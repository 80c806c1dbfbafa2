/* title_doc.c - the catalogue's exchange struct; see title_doc.h. */
#include "catalog/title_doc.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/fold.h"
#include "core/mem.h"
#include "core/banned.h"

static const char *const kind_names[] = {
#define TITLE_KIND_STR(name, str) str,
        TITLE_KIND_MAP(TITLE_KIND_STR)
#undef TITLE_KIND_STR
};

static const struct {
	const char *name, *label;
} roles[] = {
#define CREDIT_ROLE_STR(name, str, label) {str, label},
        CREDIT_ROLE_MAP(CREDIT_ROLE_STR)
#undef CREDIT_ROLE_STR
};

const char *title_kind_name(enum title_kind kind)
{
	return kind_names[kind];
}

bool title_kind_parse(const char *s, enum title_kind *out)
{
	for (size_t i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++) {
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (enum title_kind)i;
			return true;
		}
	}
	return false;
}

const char *credit_role_name(enum credit_role role)
{
	return roles[role].name;
}

const char *credit_role_label(enum credit_role role)
{
	return roles[role].label;
}

bool credit_role_parse(const char *s, enum credit_role *out)
{
	for (int i = 0; i < ROLE_COUNT; i++) {
		if (strcmp(s, roles[i].name) == 0) {
			*out = (enum credit_role)i;
			return true;
		}
	}
	return false;
}

const char *title_status_parse(const char *s)
{
	static const char *const names[] = {
#define TITLE_STATUS_STR(name, str) str,
	        TITLE_STATUS_MAP(TITLE_STATUS_STR)
#undef TITLE_STATUS_STR
	};
	char *folded = fold_dup(s);
	const char *found = NULL;
	if (strcmp(folded, "canceled") == 0)
		found = "cancelled";
	else if (strcmp(folded, "returning series") == 0 || strcmp(folded, "renewed") == 0)
		found = "returning";
	for (size_t i = 0; !found && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(folded, names[i]) == 0)
			found = names[i];
	free(folded);
	return found;
}

void title_doc_init(struct title_doc *doc)
{
	memset(doc, 0, sizeof(*doc));
	doc->kind = TITLE_SERIES;
}

void title_doc_release(struct title_doc *doc)
{
	free(doc->name);
	free(doc->source_key);
	free(doc->synopsis);
	free(doc->rating_system);
	free(doc->rating_value);
	struct strlist *lists[] = {&doc->genres,    &doc->countries, &doc->languages,
	                           &doc->locations, &doc->companies, &doc->platforms,
	                           &doc->related};
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		strlist_release(lists[i]);
	for (size_t i = 0; i < doc->credit_count; i++) {
		free(doc->credits[i].person);
		free(doc->credits[i].character);
		free(doc->credits[i].description);
	}
	free(doc->credits);
	for (size_t i = 0; i < doc->extra_count; i++) {
		free(doc->extras[i].key);
		free(doc->extras[i].value);
	}
	free(doc->extras);
	free(doc->seasons);
	for (size_t i = 0; i < doc->section_count; i++) {
		free(doc->sections[i].heading);
		free(doc->sections[i].body);
	}
	free(doc->sections);
	title_doc_init(doc);
}

struct credit *title_doc_credit(struct title_doc *doc, enum credit_role role, const char *person)
{
	for (size_t i = 0; i < doc->credit_count; i++)
		if (doc->credits[i].role == role && strcmp(doc->credits[i].person, person) == 0)
			return &doc->credits[i];
	doc->credits =
	        xgrow(doc->credits, sizeof(*doc->credits), doc->credit_count + 1, &doc->credit_cap);
	struct credit *c = &doc->credits[doc->credit_count++];
	*c = (struct credit){.role = role, .person = xstrdup(person)};
	return c;
}

void title_doc_add_extra(struct title_doc *doc, const char *key, const char *value)
{
	doc->extras =
	        xgrow(doc->extras, sizeof(*doc->extras), doc->extra_count + 1, &doc->extra_cap);
	doc->extras[doc->extra_count++] = (struct attr){xstrdup(key), xstrdup(value)};
}

struct season_info *title_doc_add_season(struct title_doc *doc, int number, int episode_count)
{
	doc->seasons =
	        xgrow(doc->seasons, sizeof(*doc->seasons), doc->season_count + 1, &doc->season_cap);
	doc->seasons[doc->season_count] = (struct season_info){0, number, episode_count};
	return &doc->seasons[doc->season_count++];
}

void title_doc_add_section(struct title_doc *doc, int level, const char *heading, const char *body)
{
	doc->sections = xgrow(doc->sections, sizeof(*doc->sections), doc->section_count + 1,
	                      &doc->section_cap);
	doc->sections[doc->section_count++] =
	        (struct section){level, xstrdup(heading), xstrdup(body)};
}

void title_doc_sort_credits(struct title_doc *doc)
{
	if (!doc->credit_count)
		return;
	struct credit *sorted = xmalloc(sizeof(*sorted) * doc->credit_count);
	size_t n = 0;
	for (int r = 0; r < ROLE_COUNT; r++)
		for (size_t i = 0; i < doc->credit_count; i++)
			if (doc->credits[i].role == (enum credit_role)r)
				sorted[n++] = doc->credits[i];
	memcpy(doc->credits, sorted, n * sizeof(*sorted));
	free(sorted);
}

int title_doc_episode_count(const struct title_doc *doc)
{
	int n = 0;
	for (size_t i = 0; i < doc->season_count; i++)
		n += doc->seasons[i].episode_count;
	return n;
}
