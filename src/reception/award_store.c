/* award_store.c - imported nominations and nominee links; see award_store.h. */
#include "reception/award_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "catalog/catalog_store.h"
#include "store/store.h"
#include "core/banned.h"

/* Checks that title_id has the nomination's season and episode. */
static enum bg_err check_parts(struct store *st, int64_t title_id, const struct nomination *n,
                               char *msg, size_t msg_len)
{
	if (!n->season)
		return BG_OK;
	int64_t id;
	enum bg_err rc =
	        n->episode ? store_run(st, &id,
	                               "SELECT e.id FROM title e JOIN title s ON s.id = e.parent_id"
	                               " WHERE s.parent_id = ? AND s.number = ? AND e.number = ?"
	                               " AND e.kind = 'episode'",
	                               "idd", title_id, n->season, n->episode)
	                   : store_run(st, &id,
	                               "SELECT id FROM title WHERE parent_id = ? AND number = ?"
	                               " AND kind = 'season'",
	                               "id", title_id, n->season);
	if (rc == BG_NOT_FOUND) {
		snprintf(msg, msg_len, "%s: '%.100s' has no season %d%s",
		         n->episode ? "episode" : "season", n->title, n->season,
		         n->episode ? " episode of that number" : "");
		return BG_INVALID;
	}
	return rc;
}

/* award_store_put's arguments, for its transaction. */
struct award_put {
	const struct nomination *n;
	size_t count, *bad_index;
	char *msg;
	size_t msg_len;
};

static enum bg_err put_all(struct store *st, void *ctx)
{
	const struct award_put *a = ctx;
	const struct nomination *n = a->n;
	char *msg = a->msg;
	size_t msg_len = a->msg_len;
	enum bg_err rc = BG_OK;
	for (size_t i = 0; i < a->count && !rc; i++) {
		int64_t title_id;
		*a->bad_index = i;
		rc = catalog_store_resolve(st, n[i].title, &title_id);
		if (rc == BG_NOT_FOUND || rc == BG_CONFLICT) {
			snprintf(msg, msg_len, "title: %s", store_errmsg(st));
			rc = BG_INVALID;
		}
		if (!rc)
			rc = check_parts(st, title_id, &n[i], msg, msg_len);
		if (!rc)
			rc = store_run(
			        st, NULL,
			        "DELETE FROM award_nomination WHERE title_id = ? AND year = ?"
			        " AND award = ? AND category = ? AND nominee = ?",
			        "idttt", title_id, n[i].year, n[i].a.award, n[i].a.category,
			        n[i].a.nominee);
		if (!rc)
			rc = store_run(
			        st, NULL,
			        "INSERT INTO award_nomination (title_id, year, organisation, award,"
			        " category, nominee, season, episode, result)"
			        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			        "idttttddt", title_id, n[i].year, n[i].organisation, n[i].a.award,
			        n[i].a.category, n[i].a.nominee, n[i].season, n[i].episode,
			        n[i].a.result);
	}
	return rc;
}

enum bg_err award_store_put(struct store *st, const struct nomination *n, size_t count,
                            size_t *bad_index, char *msg, size_t msg_len)
{
	struct award_put a = {n, count, bad_index, msg, msg_len};
	return store_transact(st, put_all, &a);
}

/* One row of award_store_of_title(). */
static void read_nomination(struct store_stmt *stmt, void *item)
{
	struct nomination *n = item;
	n->year = n->a.year = (int)store_col_int(stmt, 0);
	store_col_copy(stmt, 1, n->organisation, sizeof(n->organisation));
	store_col_copy(stmt, 2, n->a.award, sizeof(n->a.award));
	store_col_copy(stmt, 3, n->a.category, sizeof(n->a.category));
	store_col_copy(stmt, 4, n->a.nominee, sizeof(n->a.nominee));
	n->season = (int)store_col_int(stmt, 5);
	n->episode = (int)store_col_int(stmt, 6);
	store_col_copy(stmt, 7, n->a.result, sizeof(n->a.result));
}

enum bg_err award_store_of_title(struct store *st, int64_t title_id, struct nomination **out,
                                 size_t *count)
{
	*out = NULL;
	*count = 0;
	struct store_stmt *stmt;
	enum bg_err rc =
	        store_prepare(st,
	                      "SELECT year, organisation, award, category, nominee, season,"
	                      " episode, result FROM award_nomination WHERE title_id = ?"
	                      " ORDER BY year, award, category, id",
	                      &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, title_id);
	return store_collect(stmt, sizeof(struct nomination), read_nomination, NULL, out, count);
}

enum bg_err award_store_person(struct store *st, const char *name, int64_t *id)
{
	*id = 0;
	enum bg_err rc = store_run(st, id, "SELECT id FROM person WHERE name = ?", "t", name);
	return rc == BG_NOT_FOUND ? BG_OK : rc;
}

enum bg_err award_store_episode(struct store *st, int64_t title_id, const char *name, int *season,
                                int *episode)
{
	*season = *episode = 0;
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "SELECT s.number, e.number FROM title e JOIN title s"
	                               " ON s.id = e.parent_id WHERE e.top_id = ?"
	                               " AND e.kind = 'episode' AND e.name = ? LIMIT 1",
	                               &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, title_id);
	store_bind_text(stmt, 2, name);
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		*season = (int)store_col_int(stmt, 0);
		*episode = (int)store_col_int(stmt, 1);
	}
	store_finalize(stmt);
	return rc == BG_ROW || rc == BG_DONE ? BG_OK : rc;
}
