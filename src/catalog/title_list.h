/*
 * title_list.h - the items of catalogue lists: title rows (listings,
 * episodes) and search hits. Filled by catalog/catalog_view.c, rendered by
 * catalog/title_json.c for the CLI and the HTTP API alike. Each list owns
 * its strings.
 */
#ifndef BINGE_CATALOG_TITLE_LIST_H
#define BINGE_CATALOG_TITLE_LIST_H

#include <stddef.h>
#include <stdint.h>

#include "catalog/title_doc.h"

struct title_row {
	int64_t id;
	enum title_kind kind;
	char *name;
	char first_aired[DATE_ISO_LEN + 1];
	int64_t parent_id;                  /* 0 for series and films */
	int number;                         /* season or episode number; 0 otherwise */
	int season_count;                   /* series only */
	int episode_count;                  /* series and seasons */
	char *rating;                       /* top-level titles: "TV-MA", or NULL */
	char release_at[DATE_TIME_LEN + 1]; /* seasons, episodes; "" if none */
	char *synopsis;                     /* NULL if none */
	int runtime_min;                    /* minutes; 0 if unknown */
};

struct title_rows {
	struct title_row *items;
	size_t n, cap;
};

#define TITLE_ROWS_INIT    \
	{                  \
		NULL, 0, 0 \
	}
void title_rows_release(struct title_rows *rows);

enum search_hit_kind { HIT_TITLE, HIT_PERSON, HIT_CHARACTER };

struct search_hit {
	enum search_hit_kind kind;
	int64_t title_id;
	enum title_kind title_kind;
	char *title;
	int64_t person_id; /* HIT_PERSON, HIT_CHARACTER */
	char *person;      /* HIT_PERSON, HIT_CHARACTER */
	char *role;        /* HIT_PERSON, HIT_CHARACTER: credit role name */
	char *character;   /* HIT_CHARACTER */
};

struct search_hits {
	struct search_hit *items;
	size_t n, cap;
};

#define SEARCH_HITS_INIT   \
	{                  \
		NULL, 0, 0 \
	}
void search_hits_release(struct search_hits *hits);

#endif
