/* popular_store.c - the week's most watched titles in a territory; see popular_store.h. */
#include "audience/popular_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "store/store.h"
#include "core/banned.h"

/* Collects a popular_store_weeks() read: rows by territory, most viewers first. */
struct weeks {
	struct popular_territory *out;
	size_t n;
	const struct popular *window;
};

static enum bg_err read_week_row(struct store_stmt *stmt, void *ctx)
{
	struct weeks *w = ctx;
	const char *territory = store_col_text(stmt, 0);
	struct popular_territory *t = w->n ? &w->out[w->n - 1] : NULL;
	if (!t || strcmp(t->territory, territory) != 0) {
		if (w->n == POPULAR_TERRITORIES_MAX)
			return BG_DONE;
		t = &w->out[w->n++];
		snprintf(t->territory, sizeof(t->territory), "%s", territory);
		t->week = *w->window;
	}
	if (t->week.n < POPULAR_MAX) {
		t->week.ids[t->week.n] = store_col_int(stmt, 1);
		t->week.viewers[t->week.n++] = store_col_int(stmt, 2);
	}
	return BG_OK;
}

enum bg_err popular_store_weeks(struct store *st, const char *now_text, struct popular *window,
                                struct popular_territory **out, size_t *n)
{
	memset(window, 0, sizeof(*window));
	*out = NULL;
	*n = 0;
	int64_t now;
	if (date_time_parse(now_text, &now))
		return store_set_error(st, BG_INVALID, "bad clock '%s'", now_text);
	/* The latest event up to now: one step down the time index. */
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st, "SELECT at FROM viewing_event WHERE at <= ? ORDER BY at DESC LIMIT 1", &stmt);
	if (rc)
		return rc;
	store_bind_text(stmt, 1, now_text);
	rc = store_step(stmt);
	int64_t latest = 0;
	bool any = rc == BG_ROW && date_time_parse(store_col_text(stmt, 0), &latest) == BG_OK;
	store_finalize(stmt);
	if (rc != BG_ROW && rc != BG_DONE)
		return rc;
	if (!any)
		return BG_OK;
	int64_t week = (int64_t)POPULAR_DAYS * 86400;
	window->this_week = latest > now - week;
	int64_t end = window->this_week ? now : latest;
	char from[DATE_TIME_LEN + 1];
	date_time_format(end - week, from);
	date_time_format(end, window->week_end);
	rc = store_prepare(
	        st,
	        "SELECT u.territory, tt.top_id AS id, COUNT(DISTINCT e.profile_id) AS viewers"
	        " FROM viewing_event e JOIN title tt ON tt.id = e.title_id"
	        " JOIN profile p ON p.id = e.profile_id JOIN app_user u ON u.id = p.user_id"
	        " WHERE e.at > ? AND e.at <= ? GROUP BY u.territory, tt.top_id"
	        " ORDER BY u.territory, viewers DESC, id",
	        &stmt);
	if (rc)
		return rc;
	store_bind_text(stmt, 1, from);
	store_bind_text(stmt, 2, window->week_end);
	struct weeks w = {xmalloc(POPULAR_TERRITORIES_MAX * sizeof(*w.out)), 0, window};
	rc = store_rows(stmt, read_week_row, &w);
	if (rc) {
		free(w.out);
		return rc;
	}
	*out = w.out;
	*n = w.n;
	return BG_OK;
}

void popular_of(const struct popular_territory *weeks, size_t n, const struct popular *window,
                const char *territory, struct popular *out)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(weeks[i].territory, territory) == 0) {
			*out = weeks[i].week;
			return;
		}
	*out = *window;
}
