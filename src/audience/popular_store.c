/* popular_store.c - the week's most watched titles in a territory; see popular_store.h. */
#include "audience/popular_store.h"

#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "core/banned.h"

static enum bg_err read_popular(struct store_stmt *stmt, void *ctx)
{
	struct popular *p = ctx;
	if (p->n == POPULAR_MAX)
		return BG_DONE;
	p->ids[p->n] = store_col_int(stmt, 0);
	p->viewers[p->n++] = store_col_int(stmt, 1);
	return BG_OK;
}

enum bg_err popular_store_week(struct store *st, const char *territory, const char *now_text,
                               struct popular *out)
{
	memset(out, 0, sizeof(*out));
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
	out->this_week = latest > now - week;
	int64_t end = out->this_week ? now : latest;
	char from[DATE_TIME_LEN + 1];
	date_time_format(end - week, from);
	date_time_format(end, out->week_end);
	rc = store_prepare(
	        st,
	        "SELECT tt.top_id AS id, COUNT(DISTINCT e.profile_id) AS viewers"
	        " FROM viewing_event e JOIN title tt ON tt.id = e.title_id"
	        " JOIN profile p ON p.id = e.profile_id JOIN app_user u ON u.id = p.user_id"
	        " WHERE e.at > ? AND e.at <= ? AND u.territory = ? GROUP BY tt.top_id"
	        " ORDER BY viewers DESC, id LIMIT ?",
	        &stmt);
	if (rc)
		return rc;
	store_bind_text(stmt, 1, from);
	store_bind_text(stmt, 2, out->week_end);
	store_bind_text(stmt, 3, territory);
	store_bind_int(stmt, 4, POPULAR_MAX);
	return store_rows(stmt, read_popular, out);
}
