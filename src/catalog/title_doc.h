/*
 * title_doc.h - a top-level title and everything binge knows about it.
 *
 * struct title_doc is the catalogue's unit of exchange: importers produce
 * one (import_wiki.h), catalog_store_put() writes one, catalog_store_load()
 * reads one back, and the CLI renders one. A doc owns all its strings.
 *
 * Kinds are series, season, episode and film; a series doc carries its
 * seasons (number and episode count). Credit roles come from one X-macro
 * table, so the schema's CHECK list, the JSON names and the text labels
 * agree.
 */
#ifndef BINGE_CATALOG_TITLE_DOC_H
#define BINGE_CATALOG_TITLE_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/strlist.h"

#define TITLE_KIND_MAP(X)     \
	X(SERIES, "series")   \
	X(SEASON, "season")   \
	X(EPISODE, "episode") \
	X(FILM, "film")

enum title_kind {
#define TITLE_KIND_ENUM(name, str) TITLE_##name,
	TITLE_KIND_MAP(TITLE_KIND_ENUM)
#undef TITLE_KIND_ENUM
};

/* name (stored and JSON form), label (text output, plural) */
#define CREDIT_ROLE_MAP(X)                                                 \
	X(CREATOR, "creator", "Created by")                                \
	X(SHOWRUNNER, "showrunner", "Showrunners")                         \
	X(CAST, "cast", "Cast")                                            \
	X(DIRECTOR, "director", "Directed by")                             \
	X(WRITER, "writer", "Written by")                                  \
	X(COMPOSER, "composer", "Music by")                                \
	X(EXECUTIVE_PRODUCER, "executive_producer", "Executive producers") \
	X(PRODUCER, "producer", "Producers")                               \
	X(EDITOR, "editor", "Editors")                                     \
	X(CINEMATOGRAPHER, "cinematographer", "Cinematography")

/* The X-macro expansion confuses clang-format's indentation here. */
/* clang-format off */
enum credit_role {
#define CREDIT_ROLE_ENUM(name, str, label) ROLE_##name,
	CREDIT_ROLE_MAP(CREDIT_ROLE_ENUM)
#undef CREDIT_ROLE_ENUM
	ROLE_COUNT
};
/* clang-format on */

const char *title_kind_name(enum title_kind kind);
/* False if s names no kind. */
bool title_kind_parse(const char *s, enum title_kind *out);

const char *credit_role_name(enum credit_role role);
const char *credit_role_label(enum credit_role role);
bool credit_role_parse(const char *s, enum credit_role *out);

struct credit {
	enum credit_role role;
	char *person;
	char *character;   /* cast only; NULL if unknown */
	char *description; /* cast only; NULL if unknown */
};

struct season_info {
	int64_t id; /* 0 until stored */
	int number;
	int episode_count;
};

struct attr {
	char *key;
	char *value;
};

struct section {
	int level;
	char *heading;
	char *body;
};

#define TITLE_STATUS_MAP(X)       \
	X(RETURNING, "returning") \
	X(ENDED, "ended") X(CANCELLED, "cancelled") X(RELEASED, "released")

struct title_doc {
	int64_t id; /* 0 until stored */
	enum title_kind kind;
	char *name;
	char *source_key; /* the importer's identity for re-imports */
	char *synopsis;
	char first_aired[DATE_ISO_LEN + 1]; /* "" if unknown */
	const char *status;                 /* a TITLE_STATUS_MAP string or NULL */
	char status_date[DATE_ISO_LEN + 1];
	int runtime_min, runtime_max; /* minutes; 0 if unknown */
	char *rating_system, *rating_value;

	struct strlist genres, countries, languages, locations;
	struct strlist companies, platforms, related;

	struct credit *credits;
	size_t credit_count, credit_cap;
	struct attr *extras;
	size_t extra_count, extra_cap;
	struct season_info *seasons;
	size_t season_count, season_cap;
	struct section *sections;
	size_t section_count, section_cap;
};

void title_doc_init(struct title_doc *doc);
void title_doc_release(struct title_doc *doc);

/*
 * The credit for (role, person), added at the end of the billing order if
 * it is not there yet. The returned pointer is valid until the next add.
 */
struct credit *title_doc_credit(struct title_doc *doc, enum credit_role role, const char *person);
void title_doc_add_extra(struct title_doc *doc, const char *key, const char *value);
/* Appends a season (id 0: set it once stored); valid until the next add. */
struct season_info *title_doc_add_season(struct title_doc *doc, int number, int episode_count);
void title_doc_add_section(struct title_doc *doc, int level, const char *heading, const char *body);

/*
 * Orders credits by role (CREDIT_ROLE_MAP order), keeping the billing order
 * within each role.
 */
void title_doc_sort_credits(struct title_doc *doc);

/* Sum of the seasons' episode counts. */
int title_doc_episode_count(const struct title_doc *doc);

/*
 * The canonical status string for s ("Canceled" -> "cancelled"), or NULL
 * if s is not a known status.
 */
const char *title_status_parse(const char *s);

#endif
