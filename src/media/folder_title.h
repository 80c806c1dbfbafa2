/*
 * folder_title.h - which title a file beside the media (an NFO file, an
 * image) describes, found from the videos the scan linked around it.
 */
#ifndef BINGE_MEDIA_FOLDER_TITLE_H
#define BINGE_MEDIA_FOLDER_TITLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "media/media_store.h"

struct store;

/* A file the scan's walk found (a video, a subtitle, an NFO file, an image). */
struct found_file {
	char *rel_path;
	int64_t size, mtime;
	int64_t device, inode; /* the file's identity on disk (media/probe_cache_store.h) */
};

enum folder_target {
	FOLDER_TOP,    /* the series or film of any video under the file's folder */
	FOLDER_SEASON, /* the season of a video in the file's folder */
	FOLDER_HERE,   /* the title of a video in the file's folder */
	FOLDER_STEM,   /* the title of the video whose name, less its extension, is
	                  the file's first stem_len characters ("Ep.nfo", "Ep-thumb.jpg") */
};

/*
 * The title file rel_path describes (0 when no linked video is where the
 * target says; files: the library's files, by path). Errors: the database's.
 */
enum bg_err folder_title(struct store *st, const struct media_files *files, const char *rel_path,
                         enum folder_target target, size_t stem_len, int64_t *title);

#endif
