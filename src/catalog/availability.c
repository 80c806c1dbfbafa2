/* availability.c - licence windows as values; see availability.h. */
#include "catalog/availability.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/territory.h"
#include "core/banned.h"

void licence_windows_release(struct licence_windows *w)
{
	for (size_t i = 0; i < w->n; i++) {
		free(w->items[i].platform);
		strlist_release(&w->items[i].territories);
	}
	free(w->items);
	*w = (struct licence_windows)LICENCE_WINDOWS_INIT;
}

void licence_windows_add(struct licence_windows *list, const struct licence_window *w)
{
	list->items = xgrow(list->items, sizeof(*list->items), list->n + 1, &list->cap);
	struct licence_window *c = &list->items[list->n++];
	*c = *w;
	c->platform = xstrdup(w->platform ? w->platform : "");
	c->territories = (struct strlist)STRLIST_INIT;
	for (size_t i = 0; i < w->territories.n; i++)
		strlist_add(&c->territories, w->territories.items[i],
		            strlen(w->territories.items[i]));
}

void licence_window_set_territories(struct licence_window *w, const char *text)
{
	w->worldwide = strcmp(text, "worldwide") == 0;
	for (const char *p = text; !w->worldwide && *p;) {
		size_t n = strcspn(p, ",");
		if (n)
			strlist_add_unique(&w->territories, p, n);
		p += n + (p[n] == ',');
	}
}

enum bg_err licence_policy_check(const char *platform, const char *territories, char *msg,
                                 size_t msg_len)
{
	struct licence_window w = {.platform = (char *)platform, .starts_at = "2000-01-01"};
	licence_window_set_territories(&w, territories);
	enum bg_err rc = licence_window_check(&w, msg, msg_len);
	strlist_release(&w.territories);
	return rc;
}

enum bg_err licence_window_check(const struct licence_window *w, char *msg, size_t msg_len)
{
	int64_t start, end;
	if (!w->platform || !*w->platform) {
		snprintf(msg, msg_len, "platform: must not be empty");
		return BG_INVALID;
	}
	if (!w->worldwide && w->territories.n == 0) {
		snprintf(msg, msg_len, "territories: give ISO 3166-1 codes or worldwide");
		return BG_INVALID;
	}
	for (size_t i = 0; i < w->territories.n; i++) {
		if (!territory_is_valid(w->territories.items[i])) {
			snprintf(msg, msg_len,
			         "territories: '%.8s' is not an ISO 3166-1 alpha-2 code",
			         w->territories.items[i]);
			return BG_INVALID;
		}
	}
	if (date_time_parse(w->starts_at, &start)) {
		snprintf(msg, msg_len, "from: '%.24s' is not a date or UTC time", w->starts_at);
		return BG_INVALID;
	}
	if (w->ends_at[0]) {
		if (date_time_parse(w->ends_at, &end)) {
			snprintf(msg, msg_len, "until: '%.24s' is not a date or UTC time",
			         w->ends_at);
			return BG_INVALID;
		}
		if (end <= start) {
			snprintf(msg, msg_len, "until: must be after from");
			return BG_INVALID;
		}
	}
	return BG_OK;
}
