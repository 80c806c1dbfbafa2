/* event_store.c - the viewing event log; see event_store.h. */
#include "store/event_store.h"

#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "core/banned.h"

enum bg_err event_store_check(struct store *st, const struct viewing_event *e, char *msg,
                              size_t msg_len)
{
	int64_t found;
	enum bg_err rc =
	        store_run(st, &found, "SELECT id FROM profile WHERE id = ?", "i", e->profile_id);
	if (rc == BG_NOT_FOUND) {
		snprintf(msg, msg_len, "profile_id: no profile %lld", (long long)e->profile_id);
		return BG_INVALID;
	}
	if (!rc)
		rc = store_run(st, &found,
		               "SELECT id FROM title WHERE id = ? AND kind IN ('episode', 'film')",
		               "i", e->title_id);
	if (rc == BG_NOT_FOUND) {
		snprintf(msg, msg_len, "title_id: no episode or film %lld", (long long)e->title_id);
		return BG_INVALID;
	}
	return rc;
}

enum bg_err event_store_add(struct store *st, const struct viewing_event *e, bool *inserted)
{
	int64_t one;
	enum bg_err rc = store_run(st, &one,
	                           "INSERT INTO viewing_event (id, profile_id, title_id, kind,"
	                           " position_ms, device, at) VALUES (?, ?, ?, ?, ?, ?, ?)"
	                           " ON CONFLICT (id) DO NOTHING RETURNING 1",
	                           "tiititt", e->id, e->profile_id, e->title_id, e->kind,
	                           e->position_ms, e->device, e->at);
	*inserted = rc == BG_OK;
	return rc == BG_NOT_FOUND ? BG_OK : rc;
}

enum bg_err event_store_each(struct store *st,
                             enum bg_err (*fn)(const struct viewing_event *e, void *ctx), void *ctx)
{
	struct store_stmt *stmt;
	enum bg_err rc =
	        store_prepare(st,
	                      "SELECT id, profile_id, title_id, kind, position_ms, device, at"
	                      " FROM viewing_event ORDER BY at, id",
	                      &stmt);
	if (rc)
		return rc;
	while ((rc = store_step(stmt)) == BG_ROW) {
		struct viewing_event e = {0};
		snprintf(e.id, sizeof(e.id), "%s", store_col_text(stmt, 0));
		e.profile_id = store_col_int(stmt, 1);
		e.title_id = store_col_int(stmt, 2);
		snprintf(e.kind, sizeof(e.kind), "%s", store_col_text(stmt, 3));
		e.position_ms = store_col_int(stmt, 4);
		snprintf(e.device, sizeof(e.device), "%s", store_col_text(stmt, 5));
		snprintf(e.at, sizeof(e.at), "%s", store_col_text(stmt, 6));
		rc = fn(&e, ctx);
		if (rc)
			break;
	}
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}
