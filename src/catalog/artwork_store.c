/* artwork_store.c - images of titles; see artwork_store.h. */
#include "catalog/artwork_store.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "catalog/catalog_store.h"
#include "store/store.h"
#include "core/banned.h"

static const char *const kind_names[ARTWORK_KINDS] = {"poster", "backdrop", "logo", "still"};

const char *artwork_kind_name(enum artwork_kind kind)
{
	return kind_names[kind];
}

static bool kind_parse(const char *s, enum artwork_kind *out)
{
	for (int i = 0; i < ARTWORK_KINDS; i++)
		if (s && strcmp(s, kind_names[i]) == 0) {
			*out = (enum artwork_kind)i;
			return true;
		}
	return false;
}

struct artwork_put_args {
	int64_t title_id;
	enum artwork_kind kind;
	const char *path;
	int64_t size, mtime;
	bool made, *changed;
};

static enum bg_err artwork_put_tx(struct store *st, void *ctx)
{
	const struct artwork_put_args *a = ctx;
	/* A local file wins over a made still; the same file at the same size
	 * and time is no change. */
	int64_t id = 0;
	enum bg_err rc = store_run(
	        st, &id,
	        "INSERT INTO artwork (title_id, kind, path, size, mtime, made)"
	        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (title_id, kind) DO UPDATE"
	        " SET path = excluded.path, size = excluded.size,"
	        " mtime = excluded.mtime, made = excluded.made"
	        " WHERE (artwork.made = 1 OR excluded.made = 0) AND"
	        " (artwork.path <> excluded.path OR artwork.size <> excluded.size"
	        " OR artwork.mtime <> excluded.mtime OR artwork.made <> excluded.made)"
	        " RETURNING id",
	        "ittiid", a->title_id, artwork_kind_name(a->kind), a->path, a->size, a->mtime,
	        a->made ? 1 : 0);
	*a->changed = rc == BG_OK;
	/* A changed image changes what cached answers hold (store/generation.h). */
	if (*a->changed)
		rc = catalog_store_bump_generation(st);
	return rc == BG_NOT_FOUND ? BG_OK : rc;
}

enum bg_err artwork_store_put(struct store *st, int64_t title_id, enum artwork_kind kind,
                              const char *path, int64_t size, int64_t mtime, bool made,
                              bool *changed)
{
	struct artwork_put_args a = {title_id, kind, path, size, mtime, made, changed};
	*changed = false;
	return store_transact(st, artwork_put_tx, &a);
}

enum bg_err artwork_store_has(struct store *st, int64_t title_id, enum artwork_kind kind, bool *out)
{
	int64_t id = 0;
	enum bg_err rc =
	        store_run(st, &id, "SELECT id FROM artwork WHERE title_id = ? AND kind = ?", "it",
	                  title_id, artwork_kind_name(kind));
	*out = rc == BG_OK;
	return rc == BG_NOT_FOUND ? BG_OK : rc;
}

enum bg_err artwork_store_get(struct store *st, int64_t id, struct artwork *out)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "SELECT a.id, a.title_id, COALESCE(t.top_id, t.id), a.kind,"
	                               " a.path, a.size, a.mtime, a.made FROM artwork a"
	                               " JOIN title t ON t.id = a.title_id WHERE a.id = ?",
	                               &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, id);
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		*out = (struct artwork){.id = store_col_int(stmt, 0),
		                        .title_id = store_col_int(stmt, 1),
		                        .top_id = store_col_int(stmt, 2),
		                        .size = store_col_int(stmt, 5),
		                        .mtime = store_col_int(stmt, 6),
		                        .made = store_col_int(stmt, 7) != 0};
		kind_parse(store_col_text(stmt, 3), &out->kind);
		store_col_copy(stmt, 4, out->path, sizeof(out->path));
		rc = BG_OK;
	} else if (rc == BG_DONE) {
		rc = store_set_error(st, BG_NOT_FOUND, "no image %lld", (long long)id);
	}
	store_finalize(stmt);
	return rc;
}

enum bg_err artwork_store_of_titles(struct store *st, const int64_t *ids, size_t n, int64_t *out)
{
	memset(out, 0, sizeof(*out) * n * ARTWORK_KINDS);
	if (!n)
		return BG_OK;
	struct store_stmt *stmt;
	enum bg_err rc;
	if (n == 1) {
		/* A title page: one statement the connection keeps prepared. An
		 * inlined id made SQLite parse and plan it again per page (6% of
		 * a title page's server CPU). */
		rc = store_prepare(st, "SELECT title_id, kind, id FROM artwork WHERE title_id = ?",
		                   &stmt);
		if (rc)
			return rc;
		store_bind_int(stmt, 1, ids[0]);
	} else {
		/* One query for a page of titles: their ids inlined (numbers only). */
		struct buf sql = BUF_INIT(64 * 1024);
		buf_addf(&sql, "SELECT title_id, kind, id FROM artwork WHERE title_id IN (");
		for (size_t i = 0; i < n; i++)
			buf_addf(&sql, "%s%lld", i ? "," : "", (long long)ids[i]);
		buf_addf(&sql, ")");
		if (buf_error(&sql)) {
			buf_release(&sql);
			return store_set_error(st, BG_TOO_LARGE,
			                       "too many titles for one artwork query");
		}
		rc = store_prepare(st, sql.ptr, &stmt);
		buf_release(&sql);
		if (rc)
			return rc;
	}
	while ((rc = store_step(stmt)) == BG_ROW) {
		int64_t title = store_col_int(stmt, 0);
		enum artwork_kind kind;
		if (!kind_parse(store_col_text(stmt, 1), &kind))
			continue;
		for (size_t i = 0; i < n; i++)
			if (ids[i] == title)
				out[i * ARTWORK_KINDS + kind] = store_col_int(stmt, 2);
	}
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}
