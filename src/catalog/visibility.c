/* visibility.c - binding the visibility rule's parameters; see visibility.h. */
#include "catalog/visibility.h"

#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "core/banned.h"

void viewer_init_unrestricted(struct viewer *v, int64_t at)
{
	memset(v, 0, sizeof(*v));
	v->unrestricted = true;
	v->ceiling = 18;
	memcpy(v->territory, "ZZ", 3);
	date_time_format(at, v->now);
}

void viewer_init_profile(struct viewer *v, int ceiling, const char *territory, int64_t at)
{
	memset(v, 0, sizeof(*v));
	v->ceiling = ceiling;
	snprintf(v->territory, sizeof(v->territory), "%s", territory);
	date_time_format(at, v->now);
}

void visibility_bind(struct store_stmt *stmt, int first, const struct viewer *v)
{
	struct viewer all;
	if (!v) {
		viewer_init_unrestricted(&all, date_time_now());
		v = &all;
	}
	store_bind_int(stmt, first, v->unrestricted ? 1 : 0);
	visibility_bind_status(stmt, first + 1, v);
}

void visibility_bind_status(struct store_stmt *stmt, int first, const struct viewer *v)
{
	store_bind_text(stmt, first, v->territory);
	store_bind_int(stmt, first + 1, v->ceiling);
	store_bind_text(stmt, first + 2, v->now);
	store_bind_text(stmt, first + 3, v->now);
	store_bind_text(stmt, first + 4, v->territory);
	store_bind_text(stmt, first + 5, v->now);
}
