/* event_store.c - the viewing event log; see event_store.h. */
#include "store/event_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/catalog_store.h"
#include "store/store.h"
#include "core/mem.h"
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

void event_writer_init(struct event_writer *w, struct store *st)
{
	*w = (struct event_writer){.st = st, .pending_at = PAIRMAP_INIT, .info_at = PAIRMAP_INIT};
}

void event_writer_release(struct event_writer *w)
{
	pairmap_release(&w->pending_at);
	pairmap_release(&w->info_at);
	free(w->pending);
	free(w->info);
	*w = (struct event_writer){0};
}

/* The top-level title of an episode or film and whether it ends a season. */
static enum bg_err title_info(struct event_writer *w, int64_t title_id,
                              const struct event_title_info **out)
{
	bool added;
	size_t i = pairmap_intern(&w->info_at, title_id, 0, w->info_n, &added);
	if (!added) {
		*out = &w->info[i];
		return BG_OK;
	}
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(w->st,
	                               "SELECT t.top_id, CASE WHEN t.kind = 'film' OR NOT EXISTS"
	                               " (SELECT 1 FROM title n WHERE n.parent_id = t.parent_id"
	                               " AND n.number > t.number) THEN 1 ELSE 0 END"
	                               " FROM title t WHERE t.id = ?",
	                               &stmt);
	if (rc)
		goto err_forget;
	store_bind_int(stmt, 1, title_id);
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		w->info = xgrow(w->info, sizeof(*w->info), w->info_n + 1, &w->info_cap);
		w->info[w->info_n] = (struct event_title_info){title_id, store_col_int(stmt, 0),
		                                               store_col_int(stmt, 1) != 0};
		*out = &w->info[w->info_n++];
		rc = BG_OK;
	} else if (rc == BG_DONE) {
		rc = store_set_error(w->st, BG_NOT_FOUND, "no title %lld", (long long)title_id);
	}
	store_finalize(stmt);
	if (!rc)
		return BG_OK;
err_forget:
	/* the map must not point past the array */
	pairmap_clear(&w->info_at);
	for (size_t k = 0; k < w->info_n; k++)
		pairmap_intern(&w->info_at, w->info[k].title_id, 0, k, &added);
	return rc;
}

enum bg_err event_writer_add(struct event_writer *w, const struct viewing_event *e, bool *inserted)
{
	int64_t at;
	*inserted = false;
	if (date_time_parse(e->at, &at))
		return store_set_error(w->st, BG_INVALID, "event '%s': bad time '%s'", e->id,
		                       e->at);
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(w->st,
	                               "INSERT INTO viewing_event (id, profile_id, title_id, kind,"
	                               " position_ms, device, at) VALUES (?, ?, ?, ?, ?, ?, ?)"
	                               " ON CONFLICT (id) DO NOTHING",
	                               &stmt);
	if (rc)
		return rc;
	store_bind_text(stmt, 1, e->id);
	store_bind_int(stmt, 2, e->profile_id);
	store_bind_int(stmt, 3, e->title_id);
	store_bind_text(stmt, 4, e->kind);
	store_bind_int(stmt, 5, e->position_ms);
	store_bind_text(stmt, 6, e->device);
	store_bind_text(stmt, 7, e->at);
	rc = store_step(stmt);
	bool fresh = rc == BG_DONE && store_changes(stmt) == 1;
	store_finalize(stmt);
	if (rc != BG_DONE)
		return rc;
	if (!fresh)
		return BG_OK; /* a duplicate changes no summary */
	*inserted = true;
	bool added;
	size_t i = pairmap_intern(&w->pending_at, e->profile_id, e->title_id, w->pending_n, &added);
	if (added) {
		w->pending =
		        xgrow(w->pending, sizeof(*w->pending), w->pending_n + 1, &w->pending_cap);
		w->pending[w->pending_n++] =
		        (struct event_pending){e->profile_id, e->title_id, at, INT64_MAX, at};
	}
	struct event_pending *p = &w->pending[i];
	if (at < p->first_s)
		p->first_s = at;
	if (at > p->last_s)
		p->last_s = at;
	if (strcmp(e->kind, "complete") == 0 && at < p->completed_s)
		p->completed_s = at;
	return w->pending_n >= EVENT_WRITER_PENDING_MAX ? event_writer_flush(w) : BG_OK;
}

/* The earlier / later of two instants in SQL both engines speak (NULL: none). */
#define EARLIER(table, col)                                                               \
	col " = CASE WHEN " table "." col " IS NULL OR excluded." col " < " table "." col \
	    " THEN excluded." col " ELSE " table "." col " END"
#define LATER(table, col)                                                                         \
	col " = CASE WHEN excluded." col " > " table "." col " THEN excluded." col " ELSE " table \
	    "." col " END"

/* Runs an upsert of (a, b, c, first, done or NULL, last). */
static enum bg_err run_upsert(struct store *st, const char *sql, int64_t a, int64_t b, int64_t c,
                              int64_t first, int64_t done, int64_t last)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, sql, &stmt);
	if (rc)
		return rc;
	int n = 1;
	store_bind_int(stmt, n++, a);
	store_bind_int(stmt, n++, b);
	if (c >= 0)
		store_bind_int(stmt, n++, c);
	store_bind_int(stmt, n++, first);
	if (done == INT64_MAX)
		store_bind_null(stmt, n++);
	else
		store_bind_int(stmt, n++, done);
	store_bind_int(stmt, n, last);
	rc = store_step(stmt);
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

/* clang-format off */
static const char upsert_episode_sql[] =
	"INSERT INTO episode_view (profile_id, title_id, top_id, first_s, completed_s, last_s)"
	" VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (profile_id, title_id) DO UPDATE SET "
	EARLIER("episode_view", "first_s") ", "
	EARLIER("episode_view", "completed_s") ", "
	LATER("episode_view", "last_s");

static const char upsert_title_sql[] =
	"INSERT INTO title_view (profile_id, top_id, first_s, finished_s, last_s)"
	" VALUES (?, ?, ?, ?, ?) ON CONFLICT (profile_id, top_id) DO UPDATE SET "
	EARLIER("title_view", "first_s") ", "
	EARLIER("title_view", "finished_s") ", "
	LATER("title_view", "last_s");
/* clang-format on */

static enum bg_err upsert_episode(struct store *st, const struct event_pending *p, int64_t top_id)
{
	return run_upsert(st, upsert_episode_sql, p->profile_id, p->title_id, top_id, p->first_s,
	                  p->completed_s, p->last_s);
}

static enum bg_err upsert_title(struct store *st, const struct event_pending *t)
{
	return run_upsert(st, upsert_title_sql, t->profile_id, t->title_id, -1, t->first_s,
	                  t->completed_s, t->last_s);
}

enum bg_err event_writer_flush(struct event_writer *w)
{
	/* per (profile, top-level title), gathered from the per-episode changes */
	struct pairmap top_at = PAIRMAP_INIT;
	struct event_pending *tops = NULL;
	size_t tops_n = 0, tops_cap = 0;
	enum bg_err rc = BG_OK;
	for (size_t i = 0; i < w->pending_n && !rc; i++) {
		const struct event_pending *p = &w->pending[i];
		const struct event_title_info *info = NULL;
		rc = title_info(w, p->title_id, &info);
		if (!rc)
			rc = upsert_episode(w->st, p, info->top_id);
		if (rc)
			break;
		bool added;
		size_t k = pairmap_intern(&top_at, p->profile_id, info->top_id, tops_n, &added);
		if (added) {
			tops = xgrow(tops, sizeof(*tops), tops_n + 1, &tops_cap);
			tops[tops_n++] = (struct event_pending){p->profile_id, info->top_id,
			                                        p->first_s, INT64_MAX, p->last_s};
		}
		struct event_pending *t = &tops[k];
		t->first_s = p->first_s < t->first_s ? p->first_s : t->first_s;
		t->last_s = p->last_s > t->last_s ? p->last_s : t->last_s;
		if (info->finale && p->completed_s < t->completed_s)
			t->completed_s = p->completed_s;
	}
	for (size_t k = 0; k < tops_n && !rc; k++)
		rc = upsert_title(w->st, &tops[k]);
	pairmap_release(&top_at);
	free(tops);
	if (!rc) {
		pairmap_clear(&w->pending_at);
		w->pending_n = 0;
	}
	return rc;
}

enum bg_err event_store_add(struct store *st, const struct viewing_event *e, bool *inserted)
{
	struct event_writer w;
	event_writer_init(&w, st);
	enum bg_err rc = event_writer_add(&w, e, inserted);
	if (!rc)
		rc = event_writer_flush(&w);
	event_writer_release(&w);
	return rc;
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
