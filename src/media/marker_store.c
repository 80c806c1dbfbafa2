/* marker_store.c - intro and credits markers; see marker_store.h. */
#include "media/marker_store.h"

#include <string.h>

#include "store/store.h"
#include "core/banned.h"

const char *marker_source_name(enum marker_source s)
{
	return s == MARKER_ADMIN ? "admin" : s == MARKER_CHAPTER ? "chapter" : "fingerprint";
}

static enum marker_source source_of(const char *name)
{
	return strcmp(name, "admin") == 0     ? MARKER_ADMIN
	       : strcmp(name, "chapter") == 0 ? MARKER_CHAPTER
	                                      : MARKER_FINGERPRINT;
}

/* The rank of a source column, in SQL, for the upsert's condition. */
#define RANK(col) \
	"(CASE " col " WHEN 'admin' THEN 3 WHEN 'chapter' THEN 2 ELSE 1 END)"

static enum bg_err put_one(struct store *st, int64_t media_id, const char *kind, int64_t start,
                           int64_t end, enum marker_source source)
{
	return store_run(st, NULL,
	                 "INSERT INTO media_marker (media_id, kind, start_ms, end_ms, source)"
	                 " VALUES (?, ?, ?, ?, ?) ON CONFLICT (media_id, kind) DO UPDATE SET"
	                 " start_ms = excluded.start_ms, end_ms = excluded.end_ms,"
	                 " source = excluded.source"
	                 " WHERE " RANK("excluded.source") " >= " RANK("media_marker.source"),
	                 "itiit", media_id, kind, start, end, marker_source_name(source));
}

enum bg_err marker_store_put(struct store *st, int64_t media_id, const struct media_markers *m,
                             enum marker_source source)
{
	enum bg_err rc = BG_OK;
	if (source == MARKER_CHAPTER)
		rc = store_run(st, NULL,
		               "DELETE FROM media_marker WHERE media_id = ? AND source = 'chapter'",
		               "i", media_id);
	return rc ? rc : marker_store_add(st, media_id, m, source);
}

enum bg_err marker_store_add(struct store *st, int64_t media_id, const struct media_markers *m,
                             enum marker_source source)
{
	enum bg_err rc = BG_OK;
	if (m->intro_start >= 0 && m->intro_end > m->intro_start)
		rc = put_one(st, media_id, "intro", m->intro_start, m->intro_end, source);
	if (!rc && m->credits_start >= 0)
		rc = put_one(st, media_id, "credits", m->credits_start, -1, source);
	return rc;
}

enum bg_err marker_store_clear(struct store *st, int64_t media_id, const char *kind)
{
	return store_run(st, NULL, "DELETE FROM media_marker WHERE media_id = ? AND kind = ?", "it",
	                 media_id, kind);
}

static enum bg_err read_marker(struct store_stmt *stmt, void *ctx)
{
	struct marker_set *out = ctx;
	enum marker_source source = source_of(store_col_text(stmt, 3));
	if (strcmp(store_col_text(stmt, 0), "intro") == 0) {
		out->at.intro_start = store_col_int(stmt, 1);
		out->at.intro_end = store_col_int(stmt, 2);
		out->intro_source = source;
	} else {
		out->at.credits_start = store_col_int(stmt, 1);
		out->credits_source = source;
	}
	return BG_OK;
}

enum bg_err marker_store_get(struct store *st, int64_t media_id, struct marker_set *out)
{
	*out = (struct marker_set){.at = MEDIA_MARKERS_NONE};
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st, "SELECT kind, start_ms, COALESCE(end_ms, -1), source FROM media_marker"
	            " WHERE media_id = ?",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, media_id);
	return store_rows(stmt, read_marker, out);
}
