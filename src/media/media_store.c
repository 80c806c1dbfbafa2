/* media_store.c - libraries and media files; see media_store.h. */
#include "media/media_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "media/marker_store.h"
#include "media/still.h"
#include "store/store.h"
#include "core/banned.h"

/* Rows in one multi-row statement, at most (PostgreSQL: 64 files x 17 columns). */
#define MEDIA_ROWS_PER_STATEMENT 64

enum bg_err media_store_add_library(struct store *st, const char *path, const char *now,
                                    const char *platform, const char *territories,
                                    int64_t *id_out)
{
	enum bg_err rc = store_run(st, id_out,
	                           "INSERT INTO library (path, added_at, platform, territories)"
	                           " VALUES (?, ?, ?, ?) RETURNING id",
	                           "tttt", path, now, platform, platform ? territories : NULL);
	if (rc == BG_CONFLICT)
		return store_set_error(st, BG_CONFLICT, "'%s' is already a library", path);
	return rc;
}

#define LIBRARY_COLUMNS                                                                      \
	"SELECT l.id, l.path, (SELECT COUNT(*) FROM media_file m WHERE m.library_id = l.id)," \
	" l.platform, l.territories FROM library l "

static void read_library(struct store_stmt *stmt, void *item)
{
	struct library *l = item;
	l->id = store_col_int(stmt, 0);
	snprintf(l->path, sizeof(l->path), "%s", store_col_text(stmt, 1));
	l->files = store_col_int(stmt, 2);
	store_col_copy(stmt, 3, l->platform, sizeof(l->platform));
	store_col_copy(stmt, 4, l->territories, sizeof(l->territories));
}

static enum bg_err read_reach(struct store_stmt *stmt, void *ctx)
{
	struct library_reach *r = ctx;
	r->titles++;
	if (store_col_int(stmt, 1)) {
		r->worldwide++;
	} else if (store_col_int(stmt, 2)) {
		r->some_territories++;
	} else {
		if (r->nobody < REACH_NAMES_MAX)
			r->nobody_names[r->nobody] = xstrdup(store_col_text(stmt, 0));
		r->nobody++;
	}
	return BG_OK;
}

enum bg_err media_store_library_reach(struct store *st, int64_t id, const char *now,
                                      struct library_reach *out)
{
	memset(out, 0, sizeof(*out));
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT t.name,"
	        " CASE WHEN EXISTS (SELECT 1 FROM licence_window w WHERE w.title_id = t.id"
	        "  AND w.worldwide = 1 AND w.starts_at <= ?"
	        "  AND (w.ends_at IS NULL OR w.ends_at > ?)) THEN 1 ELSE 0 END,"
	        " CASE WHEN EXISTS (SELECT 1 FROM licence_window w WHERE w.title_id = t.id"
	        "  AND w.starts_at <= ? AND (w.ends_at IS NULL OR w.ends_at > ?)) THEN 1 ELSE 0 END"
	        " FROM title t WHERE t.id IN (SELECT e.top_id FROM media_file m"
	        "  JOIN title e ON e.id = m.title_id WHERE m.library_id = ?)"
	        " ORDER BY t.name_folded, t.id",
	        &stmt);
	if (rc)
		return rc;
	for (int i = 1; i <= 4; i++)
		store_bind_text(stmt, i, now);
	store_bind_int(stmt, 5, id);
	rc = store_rows(stmt, read_reach, out);
	if (rc)
		library_reach_release(out);
	return rc;
}

void library_reach_release(struct library_reach *r)
{
	for (int i = 0; i < REACH_NAMES_MAX; i++)
		free(r->nobody_names[i]);
	memset(r, 0, sizeof(*r));
}

enum bg_err media_store_library(struct store *st, int64_t id, struct library *out)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, LIBRARY_COLUMNS "WHERE l.id = ?", &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, id);
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		read_library(stmt, out);
		rc = BG_OK;
	} else if (rc == BG_DONE) {
		rc = store_set_error(st, BG_NOT_FOUND, "no library with id %lld", (long long)id);
	}
	store_finalize(stmt);
	return rc;
}

enum bg_err media_store_libraries(struct store *st, struct library **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, LIBRARY_COLUMNS "ORDER BY l.id", &stmt);
	if (rc)
		return rc;
	return store_collect(stmt, sizeof(struct library), read_library, NULL, out, count);
}

void media_files_release(struct media_files *files)
{
	for (size_t i = 0; i < files->n; i++) {
		free(files->items[i].rel_path);
		free(files->items[i].sidecars);
	}
	free(files->items);
	*files = (struct media_files)MEDIA_FILES_INIT;
}

static void read_media_file(struct store_stmt *stmt, void *item)
{
	*(struct media_file *)item =
	        (struct media_file){.id = store_col_int(stmt, 0),
	                            .rel_path = xstrdup(store_col_text(stmt, 1)),
	                            .size = store_col_int(stmt, 2),
	                            .mtime = store_col_int(stmt, 3),
	                            .sidecars = xstrdup(store_col_text(stmt, 4)),
	                            .probe_version = (int)store_col_int(stmt, 5),
	                            .title_id = store_col_int(stmt, 6)};
}

static void release_media_file(void *item)
{
	free(((struct media_file *)item)->rel_path);
	free(((struct media_file *)item)->sidecars);
}

enum bg_err media_store_files(struct store *st, int64_t library_id, struct media_files *out)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st, "SELECT id, rel_path, size, mtime, sidecars, probe_version, title_id"
	                " FROM media_file WHERE library_id = ? ORDER BY rel_path", &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, library_id);
	rc = store_collect(stmt, sizeof(struct media_file), read_media_file, release_media_file,
	                   &out->items, &out->n);
	out->cap = out->n;
	return rc;
}

enum bg_err media_store_nfo_applied(struct store *st, int64_t library_id, const char *rel_path,
                                    int64_t size, int64_t mtime, int64_t title_id, bool *out)
{
	int64_t one = 0;
	enum bg_err rc = store_run(st, &one,
	                           "SELECT 1 FROM nfo_file WHERE library_id = ? AND rel_path = ?"
	                           " AND size = ? AND mtime = ? AND title_id = ?",
	                           "itiii", library_id, rel_path, size, mtime, title_id);
	*out = rc == BG_OK;
	return rc == BG_NOT_FOUND ? BG_OK : rc;
}

enum bg_err media_store_nfo_record(struct store *st, int64_t library_id, const char *rel_path,
                                   int64_t size, int64_t mtime, int64_t title_id)
{
	return store_run(st, NULL,
	                 "INSERT INTO nfo_file (library_id, rel_path, size, mtime, title_id)"
	                 " VALUES (?, ?, ?, ?, ?) ON CONFLICT (library_id, rel_path) DO UPDATE SET"
	                 " size = excluded.size, mtime = excluded.mtime, title_id = excluded.title_id",
	                 "itiii", library_id, rel_path, size, mtime, title_id);
}

static void read_still_source(struct store_stmt *stmt, void *item)
{
	struct still_source *s = item;
	*s = (struct still_source){.media_id = store_col_int(stmt, 0),
	                           .title_id = store_col_int(stmt, 1),
	                           .size = store_col_int(stmt, 3),
	                           .mtime = store_col_int(stmt, 4),
	                           .duration_ms = store_col_int(stmt, 5)};
	store_col_copy(stmt, 2, s->path, sizeof(s->path));
}

enum bg_err media_store_without_stills(struct store *st, size_t max, struct still_source **out,
                                       size_t *n)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT m.id, m.title_id, l.path || '/' || m.rel_path, m.size, m.mtime, m.duration_ms"
	        " FROM media_file m JOIN library l ON l.id = m.library_id"
	        " JOIN title t ON t.id = m.title_id AND t.kind = 'episode'"
	        " WHERE m.video_codec IS NOT NULL AND NOT EXISTS (SELECT 1 FROM artwork a"
	        "  WHERE a.title_id = m.title_id AND a.kind = 'still')"
	        " ORDER BY m.id LIMIT ?",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, (int64_t)max);
	return store_collect(stmt, sizeof(struct still_source), read_still_source, NULL, out, n);
}

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

/* Embedded tracks are numbered from 0, sidecars from here: one key for both. */
#define SIDECAR_ORD 1000

/* One track row: whose, its place, and whether it is a sidecar (a file beside the video). */
struct track_row {
	int64_t media_id, ord;
	const struct media_track *t;
	bool sidecar;
};

/* Inserts rows[0..n), several a statement where that saves round trips. */
static enum bg_err insert_tracks(struct store *st, const struct track_row *rows, size_t n)
{
	enum bg_err rc = BG_OK;
	for (size_t done = 0, k; done < n && !rc; done += k) {
		k = store_rows_per_statement(st, n - done, MEDIA_ROWS_PER_STATEMENT);
		char *sql = store_rows_sql("INSERT INTO media_track (media_id, ord, kind, stream_index,"
		                           " codec, language, title, channels, is_default, forced,"
		                           " hearing_impaired, file) VALUES ",
		                           "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", k, "");
		struct store_stmt *stmt;
		rc = store_prepare(st, sql, &stmt);
		free(sql);
		if (rc)
			break;
		int p = 1;
		for (size_t i = done; i < done + k; i++) {
			const struct media_track *t = rows[i].t;
			store_bind_int(stmt, p++, rows[i].media_id);
			store_bind_int(stmt, p++, rows[i].ord);
			store_bind_text(stmt, p++, t->kind == TRACK_AUDIO ? "audio" : "subtitle");
			store_bind_int(stmt, p++, t->index);
			store_bind_text(stmt, p++, t->codec);
			store_bind_text(stmt, p++, t->language);
			store_bind_text(stmt, p++, t->title);
			store_bind_int(stmt, p++, t->channels);
			store_bind_int(stmt, p++, t->is_default);
			store_bind_int(stmt, p++, t->forced);
			store_bind_int(stmt, p++, t->hearing_impaired);
			store_bind_text(stmt, p++, rows[i].sidecar ? t->file : NULL);
		}
		rc = store_step(stmt);
		rc = rc == BG_DONE ? BG_OK : rc;
		store_finalize(stmt);
	}
	return rc;
}

/* The track rows of one file's tracks t[0..n), into rows (n of them). */
static void track_rows(int64_t media_id, const struct media_track *t, size_t n, bool sidecars,
                       struct track_row *rows)
{
	for (size_t i = 0; i < n; i++)
		rows[i] = (struct track_row){media_id, (int64_t)(i + (sidecars ? SIDECAR_ORD : 0)), &t[i],
		                             sidecars};
}

/* A file's embedded tracks or its sidecars, replacing those it had (none when fresh). */
static enum bg_err put_tracks(struct store *st, int64_t media_id, const struct media_track *t,
                              size_t n, bool sidecars, bool fresh)
{
	enum bg_err rc = fresh ? BG_OK
	                       : store_run(st, NULL,
	                                   sidecars ? "DELETE FROM media_track WHERE media_id = ? AND"
	                                              " stream_index < 0"
	                                            : "DELETE FROM media_track WHERE media_id = ? AND"
	                                              " stream_index >= 0",
	                                   "i", media_id);
	if (rc || n == 0)
		return rc;
	struct track_row *rows = xmalloc(n * sizeof(*rows));
	track_rows(media_id, t, n, sidecars, rows);
	rc = insert_tracks(st, rows, n);
	free(rows);
	return rc;
}

enum bg_err media_store_set_sidecars(struct store *st, int64_t media_id, const char *key,
                                     const struct media_track *tracks, size_t n)
{
	enum bg_err rc = put_tracks(st, media_id, tracks, n, true, false);
	if (!rc)
		rc = store_run(st, NULL, "UPDATE media_file SET sidecars = ? WHERE id = ?", "ti",
		               key, media_id);
	return rc;
}

static void read_track(struct store_stmt *stmt, void *item)
{
	struct media_track *t = item;
	t->kind = strcmp(store_col_text(stmt, 0), "audio") == 0 ? TRACK_AUDIO : TRACK_SUBTITLE;
	t->index = (int)store_col_int(stmt, 1);
	store_col_copy(stmt, 2, t->codec, sizeof(t->codec));
	store_col_copy(stmt, 3, t->language, sizeof(t->language));
	store_col_copy(stmt, 4, t->title, sizeof(t->title));
	t->channels = (int)store_col_int(stmt, 5);
	t->is_default = store_col_int(stmt, 6) != 0;
	t->forced = store_col_int(stmt, 7) != 0;
	t->hearing_impaired = store_col_int(stmt, 8) != 0;
	store_col_copy(stmt, 9, t->file, sizeof(t->file));
	t->id = (int)store_col_int(stmt, 10);
}

enum bg_err media_store_tracks(struct store *st, int64_t media_id, struct media_track **out,
                               size_t *count)
{
	*out = NULL;
	*count = 0;
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "SELECT kind, stream_index, codec, language, title, channels,"
	                               " is_default, forced, hearing_impaired, COALESCE(file, ''), ord"
	                               " FROM media_track WHERE media_id = ? ORDER BY ord",
	                               &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, media_id);
	return store_collect(stmt, sizeof(struct media_track), read_track, NULL, out, count);
}

/* media_file's columns a scan writes, in the order bind_file() binds them. */
#define FILE_COLUMNS                                                                     \
	"library_id, rel_path, size, mtime, title_id, episode_end, container, duration_ms," \
	" video_codec, width, height, hdr, audio_codec, audio_channels, probe_version,"    \
	" probed_at, bit_depth"
#define FILE_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define FILE_COLUMNS_N 17

/* Binds f's FILE_COLUMNS from parameter p on. */
static void bind_file(struct store_stmt *stmt, int p, int64_t library_id,
                      const struct media_file_new *f, const char *now)
{
	const struct media_info *m = f->info;
	store_bind_int(stmt, p++, library_id);
	store_bind_text(stmt, p++, f->rel_path);
	store_bind_int(stmt, p++, f->size);
	store_bind_int(stmt, p++, f->mtime);
	if (f->title_id)
		store_bind_int(stmt, p++, f->title_id);
	else
		store_bind_null(stmt, p++);
	store_bind_int(stmt, p++, f->episode_end);
	store_bind_text(stmt, p++, m->container[0] ? m->container : "unknown");
	store_bind_int(stmt, p++, m->duration_ms);
	store_bind_text(stmt, p++, or_null(m->video_codec));
	store_bind_int(stmt, p++, m->width);
	store_bind_int(stmt, p++, m->height);
	store_bind_text(stmt, p++, or_null(m->hdr));
	store_bind_text(stmt, p++, or_null(m->audio_codec));
	store_bind_int(stmt, p++, m->audio_channels);
	store_bind_int(stmt, p++, MEDIA_PROBE_VERSION);
	store_bind_text(stmt, p++, now);
	if (m->video_codec[0])
		store_bind_int(stmt, p, m->bit_depth);
	else
		store_bind_null(stmt, p);
}

enum bg_err media_store_update_file(struct store *st, int64_t library_id, int64_t id,
                                    const struct media_file_new *f, const char *now)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "UPDATE media_file SET (" FILE_COLUMNS ") = " FILE_ROW " WHERE id = ? RETURNING id",
	        &stmt);
	if (rc)
		return rc;
	bind_file(stmt, 1, library_id, f, now);
	store_bind_int(stmt, FILE_COLUMNS_N + 1, id);
	rc = store_step(stmt);
	store_finalize(stmt);
	if (rc == BG_DONE)
		return store_set_error(st, BG_NOT_FOUND, "no media file %lld", (long long)id);
	if (rc != BG_ROW)
		return rc;
	const struct media_info *m = f->info;
	rc = put_tracks(st, id, m->tracks, m->tracks_n, false, false);
	return rc ? rc : marker_store_put(st, id, &m->chapters, MARKER_CHAPTER);
}

/* Inserts files[0..n) in one statement and sets their ids, by path (RETURNING's order is the
 * engine's to choose). */
static enum bg_err insert_files(struct store *st, int64_t library_id, struct media_file_new *files,
                                size_t n, const char *now)
{
	char *sql = store_rows_sql("INSERT INTO media_file (" FILE_COLUMNS ") VALUES ", FILE_ROW, n,
	                           " RETURNING id, rel_path");
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, sql, &stmt);
	free(sql);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		bind_file(stmt, 1 + (int)i * FILE_COLUMNS_N, library_id, &files[i], now);
	size_t got = 0;
	while ((rc = store_step(stmt)) == BG_ROW) {
		const char *path = store_col_text(stmt, 1);
		for (size_t i = 0; i < n; i++)
			if (!files[i].id && strcmp(files[i].rel_path, path) == 0) {
				files[i].id = store_col_int(stmt, 0);
				got++;
				break;
			}
	}
	store_finalize(stmt);
	if (rc == BG_DONE && got != n)
		return store_set_error(st, BG_IO, "media files: %zu of %zu rows came back", got, n);
	return rc == BG_DONE ? BG_OK : rc;
}

enum bg_err media_store_add_files(struct store *st, int64_t library_id,
                                  struct media_file_new *files, size_t n, const char *now)
{
	enum bg_err rc = BG_OK;
	size_t tracks = 0;
	for (size_t i = 0; i < n; i++) {
		files[i].id = 0;
		tracks += files[i].info->tracks_n;
	}
	for (size_t done = 0, k; done < n && !rc; done += k) {
		k = store_rows_per_statement(st, n - done, MEDIA_ROWS_PER_STATEMENT);
		rc = insert_files(st, library_id, files + done, k, now);
	}
	/* Every file's embedded tracks, then the markers its chapters name (few files have any). */
	struct track_row *rows = xmalloc((tracks ? tracks : 1) * sizeof(*rows));
	size_t at = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		track_rows(files[i].id, files[i].info->tracks, files[i].info->tracks_n, false, rows + at);
		at += files[i].info->tracks_n;
	}
	if (!rc)
		rc = insert_tracks(st, rows, at);
	free(rows);
	for (size_t i = 0; i < n && !rc; i++)
		rc = marker_store_add(st, files[i].id, &files[i].info->chapters, MARKER_CHAPTER);
	return rc;
}

enum bg_err media_store_move_file(struct store *st, int64_t id, const char *rel_path,
                                  int64_t title_id)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st, "UPDATE media_file SET rel_path = ?, title_id = ? WHERE id = ?", &stmt);
	if (rc)
		return rc;
	store_bind_text(stmt, 1, rel_path);
	if (title_id)
		store_bind_int(stmt, 2, title_id);
	else
		store_bind_null(stmt, 2);
	store_bind_int(stmt, 3, id);
	rc = store_step(stmt);
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

enum bg_err media_store_delete_files(struct store *st, const int64_t *ids, size_t n)
{
	if (!n)
		return BG_OK;
	struct buf sql = BUF_INIT(BUF_MAX_LARGE);
	buf_adds(&sql, "DELETE FROM media_file WHERE id IN (");
	for (size_t i = 0; i < n; i++)
		buf_adds(&sql, i ? ", ?" : "?");
	buf_addch(&sql, ')');
	if (buf_error(&sql)) {
		buf_release(&sql);
		return store_set_error(st, BG_TOO_LARGE, "%zu media files to delete at once", n);
	}
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, sql.ptr, &stmt);
	buf_release(&sql);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		store_bind_int(stmt, (int)i + 1, ids[i]);
	rc = store_step(stmt);
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

static void read_media_item(struct store_stmt *stmt, void *item)
{
	struct media_item *m = item;
	m->id = store_col_int(stmt, 0);
	store_col_copy(stmt, 1, m->info.container, sizeof(m->info.container));
	m->info.duration_ms = store_col_int(stmt, 2);
	store_col_copy(stmt, 3, m->info.video_codec, sizeof(m->info.video_codec));
	m->info.width = (int)store_col_int(stmt, 4);
	m->info.height = (int)store_col_int(stmt, 5);
	store_col_copy(stmt, 6, m->info.hdr, sizeof(m->info.hdr));
	store_col_copy(stmt, 7, m->info.audio_codec, sizeof(m->info.audio_codec));
	m->info.audio_channels = (int)store_col_int(stmt, 8);
	m->info.bit_depth = (int)store_col_int(stmt, 9);
}

enum bg_err media_store_for_title(struct store *st, int64_t title_id, struct media_item **out,
                                  size_t *count)
{
	*out = NULL;
	*count = 0;
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT id, container, duration_ms, video_codec, width, height, hdr, audio_codec,"
	        " audio_channels, COALESCE(bit_depth, 0) FROM media_file"
	        " WHERE title_id = ? ORDER BY id",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, title_id);
	return store_collect(stmt, sizeof(struct media_item), read_media_item, NULL, out, count);
}

static void read_episode_media(struct store_stmt *stmt, void *item)
{
	struct episode_media *e = item;
	e->media_id = store_col_int(stmt, 0);
	e->season = (int)store_col_int(stmt, 1);
	e->episode = (int)store_col_int(stmt, 2);
	e->duration_ms = store_col_int(stmt, 3);
	snprintf(e->path, sizeof(e->path), "%s/%s", store_col_text(stmt, 4), store_col_text(stmt, 5));
}

enum bg_err media_store_of_series(struct store *st, int64_t series_id, int season,
                                  struct episode_media **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT m.id, s.number, e.number, m.duration_ms, l.path, m.rel_path"
	        " FROM title s JOIN title e ON e.parent_id = s.id AND e.kind = 'episode'"
	        " JOIN media_file m ON m.title_id = e.id JOIN library l ON l.id = m.library_id"
	        " WHERE s.parent_id = ? AND s.kind = 'season' AND (? = 0 OR s.number = ?)"
	        " ORDER BY s.number, e.number, m.id",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, series_id);
	store_bind_int(stmt, 2, season);
	store_bind_int(stmt, 3, season);
	return store_collect(stmt, sizeof(struct episode_media), read_episode_media, NULL, out,
	                     count);
}

enum bg_err media_store_locate(struct store *st, int64_t id, struct media_location *out)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT m.id, m.container, m.duration_ms, m.video_codec, m.width, m.height, m.hdr,"
	        " m.audio_codec, m.audio_channels, COALESCE(m.bit_depth, 0),"
	        " l.path, m.rel_path, COALESCE(m.title_id, 0), m.size, m.mtime"
	        " FROM media_file m JOIN library l ON l.id = m.library_id WHERE m.id = ?",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, id);
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		struct media_item item = {0};
		read_media_item(stmt, &item);
		out->info = item.info;
		out->duration_ms = item.info.duration_ms;
		int n = snprintf(out->path, sizeof(out->path), "%s/%s", store_col_text(stmt, 10),
		                 store_col_text(stmt, 11));
		out->title_id = store_col_int(stmt, 12);
		out->size = store_col_int(stmt, 13);
		out->mtime = store_col_int(stmt, 14);
		rc = n > 0 && (size_t)n < sizeof(out->path)
		             ? BG_OK
		             : store_set_error(st, BG_TOO_LARGE, "media path too long");
	} else if (rc == BG_DONE) {
		rc = store_set_error(st, BG_NOT_FOUND, "no media with id %lld", (long long)id);
	}
	store_finalize(stmt);
	return rc;
}
