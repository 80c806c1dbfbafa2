/* event_store.c - the viewing event log; see event_store.h. */
#include "store/event_store.h"

#include <stdio.h>
#include <string.h>

#include "store/catalog_store.h"
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

static bool all_digits(const char *s)
{
	if (!*s || strlen(s) > 18)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static enum bg_err resolve_profile(struct store *st, const char *ref, int64_t *id, char *msg,
                                   size_t msg_len)
{
	enum bg_err rc;
	const char *slash = strchr(ref, '/');
	if (all_digits(ref)) {
		rc = store_run(st, id, "SELECT id FROM profile WHERE id = ?", "t", ref);
	} else if (slash && slash != ref && slash[1]) {
		char user[256];
		snprintf(user, sizeof(user), "%.*s", (int)(slash - ref), ref);
		rc = store_run(st, id,
		               "SELECT p.id FROM profile p JOIN app_user u ON u.id = p.user_id"
		               " WHERE u.name = ? AND p.name = ?",
		               "tt", user, slash + 1);
	} else {
		rc = BG_NOT_FOUND;
	}
	if (rc == BG_NOT_FOUND) {
		snprintf(msg, msg_len, "profile: no profile '%.100s' (an id or USER/PROFILE)", ref);
		return BG_INVALID;
	}
	return rc;
}

static enum bg_err resolve_title(struct store *st, const struct event_row *row, int64_t *id,
                                 char *msg, size_t msg_len)
{
	int64_t top;
	enum bg_err rc;
	if (row->season < 0 && all_digits(row->title)) {
		rc = store_run(st, id,
		               "SELECT id FROM title WHERE id = ? AND kind IN ('episode', 'film')",
		               "t", row->title);
		if (rc == BG_NOT_FOUND) {
			snprintf(msg, msg_len, "title: no episode or film %.40s", row->title);
			return BG_INVALID;
		}
		return rc;
	}
	rc = catalog_store_resolve(st, row->title, &top);
	if (rc == BG_NOT_FOUND || rc == BG_CONFLICT) {
		snprintf(msg, msg_len, "title: %s", store_errmsg(st));
		return BG_INVALID;
	}
	if (rc)
		return rc;
	if (row->season < 0) {
		rc = store_run(st, id, "SELECT id FROM title WHERE id = ? AND kind = 'film'", "i",
		               top);
		if (rc == BG_NOT_FOUND) {
			snprintf(msg, msg_len,
			         "season: '%.100s' is a series; give season and episode",
			         row->title);
			return BG_INVALID;
		}
		return rc;
	}
	rc = store_run(st, id,
	               "SELECT e.id FROM title e JOIN title s ON s.id = e.parent_id"
	               " WHERE s.parent_id = ? AND s.number = ? AND e.number = ?",
	               "idd", top, row->season, row->episode);
	if (rc == BG_NOT_FOUND) {
		snprintf(msg, msg_len, "episode: '%.100s' has no season %d episode %d", row->title,
		         row->season, row->episode);
		return BG_INVALID;
	}
	return rc;
}

void event_resolver_release(struct event_resolver *r)
{
	strmap_release(&r->profiles);
	strmap_release(&r->titles);
}

enum bg_err event_store_resolve(struct store *st, struct event_resolver *cache,
                                const struct event_row *row, struct viewing_event *out, char *msg,
                                size_t msg_len)
{
	memset(out, 0, sizeof(*out));
	char title_key[300];
	snprintf(title_key, sizeof(title_key), "%s\x1f%d\x1f%d", row->title, row->season,
	         row->episode);
	enum bg_err rc = BG_OK;
	if (!cache || !strmap_get(&cache->profiles, row->profile, &out->profile_id)) {
		rc = resolve_profile(st, row->profile, &out->profile_id, msg, msg_len);
		if (!rc && cache)
			strmap_put(&cache->profiles, row->profile, out->profile_id);
	}
	if (!rc && (!cache || !strmap_get(&cache->titles, title_key, &out->title_id))) {
		rc = resolve_title(st, row, &out->title_id, msg, msg_len);
		if (!rc && cache)
			strmap_put(&cache->titles, title_key, out->title_id);
	}
	if (rc)
		return rc;
	memcpy(out->id, row->id, sizeof(out->id));
	memcpy(out->kind, row->kind, sizeof(out->kind));
	out->position_ms = row->position_ms;
	memcpy(out->device, row->device, sizeof(out->device));
	memcpy(out->at, row->at, sizeof(out->at));
	return BG_OK;
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

enum bg_err event_store_each(struct store *st, const char *since,
                             enum bg_err (*fn)(const struct viewing_event *e, void *ctx), void *ctx)
{
	struct store_stmt *stmt;
	enum bg_err rc =
	        store_prepare(st,
	                      "SELECT id, profile_id, title_id, kind, position_ms, device, at"
	                      " FROM viewing_event WHERE at >= ? ORDER BY at, id",
	                      &stmt);
	if (rc)
		return rc;
	store_bind_text(stmt, 1, since ? since : "");
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
