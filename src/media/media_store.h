/*
 * media_store.h - libraries and media files in the store.
 */
#ifndef BINGE_MEDIA_MEDIA_STORE_H
#define BINGE_MEDIA_MEDIA_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "media/media_info.h"

struct store;

/*
 * A media folder and its availability policy: the series and films its
 * scans create get a licence window on platform in territories from the
 * scan's time (migration 0030). platform "" = none: they wait for an
 * operator's window.
 */
struct library {
	int64_t id;
	char path[4096];
	int64_t files; /* media files the last scan left in it */
	char platform[128];
	char territories[1024]; /* "worldwide" or "US,GB,..." */
};

/*
 * Adds a library folder (absolute path) with its policy (platform NULL:
 * none; territories as in struct library). Errors: BG_CONFLICT if known.
 */
enum bg_err media_store_add_library(struct store *st, const char *path, const char *now,
                                    const char *platform, const char *territories,
                                    int64_t *id_out);

/* Who can see a library's series and films now, for the scan's report. */
#define REACH_NAMES_MAX 5
struct library_reach {
	int titles;                      /* series and films with media in the library */
	int worldwide;                   /* with an open window everywhere */
	int some_territories;            /* with open windows in some territories only */
	int nobody;                      /* with no open window: no viewer sees them */
	char *nobody_names[REACH_NAMES_MAX]; /* the first of those, by name (caller frees) */
};

/* The reach of library id's titles at instant now. Release with library_reach_release(). */
enum bg_err media_store_library_reach(struct store *st, int64_t id, const char *now,
                                      struct library_reach *out);
void library_reach_release(struct library_reach *r);

/* One library. Errors: BG_NOT_FOUND. */
enum bg_err media_store_library(struct store *st, int64_t id, struct library *out);

/* All libraries by id; *out is an array the caller frees. */
enum bg_err media_store_libraries(struct store *st, struct library **out, size_t *count);

/* A known file of a library, as the last scan left it. */
struct media_file {
	int64_t id;
	char *rel_path;
	int64_t size, mtime;
	char *sidecars;    /* what the last scan saw beside it (sidecar_key) */
	int probe_version; /* MEDIA_PROBE_VERSION when probed by this binge */
	int64_t title_id;  /* the episode or film it plays; 0 when unlinked */
	bool seen;         /* for the scan: found on disk this time */
	bool written;      /* for the scan: changed, moved or probed again this time */
};

struct media_files {
	struct media_file *items;
	size_t n, cap;
};

#define MEDIA_FILES_INIT   \
	{                  \
		NULL, 0, 0 \
	}
void media_files_release(struct media_files *files);

/*
 * Whether the NFO file rel_path of a library was applied to title_id as it
 * is now (size, mtime), by an earlier scan.
 */
enum bg_err media_store_nfo_applied(struct store *st, int64_t library_id, const char *rel_path,
                                    int64_t size, int64_t mtime, int64_t title_id, bool *out);

/* Records that the NFO file was applied to title_id. */
enum bg_err media_store_nfo_record(struct store *st, int64_t library_id, const char *rel_path,
                                   int64_t size, int64_t mtime, int64_t title_id);

struct still_source;
/*
 * The episodes' videos whose episode has no still yet (media/still.h), at
 * most max. Free *out.
 */
enum bg_err media_store_without_stills(struct store *st, size_t max, struct still_source **out,
                                       size_t *n);

/* The files of a library into out, by path (overwritten; free with media_files_release()). */
enum bg_err media_store_files(struct store *st, int64_t library_id, struct media_files *out);

/* What binge reads from a file's probe; a scan probes rows made with less again. */
#define MEDIA_PROBE_VERSION 2 /* 1: every audio and subtitle stream; 2: chapters */

/* A file's row as a scan writes it: its probe and its title link. */
struct media_file_new {
	const char *rel_path;
	int64_t size, mtime;
	int64_t title_id; /* 0: none */
	int episode_end;
	const struct media_info *info;
	int64_t id; /* out */
};

/*
 * Inserts files[0..n), none of which has a row yet, with their probes'
 * embedded tracks and chapter markers: several rows a statement where the
 * engine gains by it (store_batch_rows: on PostgreSQL each statement is a
 * round trip). Sets each file's id.
 */
enum bg_err media_store_add_files(struct store *st, int64_t library_id,
                                  struct media_file_new *files, size_t n, const char *now);

/* Rewrites file id's row (its probe changed), replacing its tracks and chapter markers. */
enum bg_err media_store_update_file(struct store *st, int64_t library_id, int64_t id,
                                    const struct media_file_new *f, const char *now);

/* Records that file id moved to rel_path (same content), relinked to title_id. */
enum bg_err media_store_move_file(struct store *st, int64_t id, const char *rel_path,
                                  int64_t title_id);

/* Deletes the media files ids[0..n) in one statement (their tracks and markers with them). */
enum bg_err media_store_delete_files(struct store *st, const int64_t *ids, size_t n);

/*
 * Replaces the sidecar subtitle tracks of media id with tracks (n of them)
 * and remembers key, the scan's summary of the files they came from.
 */
enum bg_err media_store_set_sidecars(struct store *st, int64_t media_id, const char *key,
                                     const struct media_track *tracks, size_t n);

/* The tracks of media id, embedded first, then sidecars; *out is freed by the caller. */
enum bg_err media_store_tracks(struct store *st, int64_t media_id, struct media_track **out,
                               size_t *count);

/* One media item of a title, for JSON. */
struct media_item {
	int64_t id;
	struct media_info info;
};

/*
 * The media of a title (an episode or film), by id. *out is an array the
 * caller frees.
 */
enum bg_err media_store_for_title(struct store *st, int64_t title_id, struct media_item **out,
                                  size_t *count);

/* Where a media file is, and what it is of (title_id 0: not linked). */
struct media_location {
	char path[8192]; /* library path + "/" + relative path */
	int64_t title_id;
	int64_t duration_ms;
	int64_t size, mtime; /* as the last scan saw them: the cache key of its streams */
	struct media_info info;
};

/* Errors: BG_NOT_FOUND. */
enum bg_err media_store_locate(struct store *st, int64_t id, struct media_location *out);

/* A media file of an episode of a series, for work on whole seasons. */
struct episode_media {
	int64_t media_id;
	int season, episode;
	int64_t duration_ms;
	char path[8192];
};

/* The media of a series' episodes (season 0: all seasons), by season and episode. */
enum bg_err media_store_of_series(struct store *st, int64_t series_id, int season,
                                  struct episode_media **out, size_t *count);

#endif
