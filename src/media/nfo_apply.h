/*
 * nfo_apply.h - a library folder's NFO files (catalog/nfo.h) applied to the
 * titles a scan linked its videos to:
 *
 *   DIR/tvshow.nfo   the series of the episodes under DIR
 *   DIR/season.nfo   the season of the episodes in DIR
 *   DIR/movie.nfo    the film in DIR
 *   DIR/NAME.nfo     the episode or film of DIR/NAME.<video>
 *
 * A title an importer made (the article) keeps its own values and gets
 * only what it lacks; a title the scan made takes the NFO's (nfo_merge()).
 * An NFO file is read again only when it changed or its title did, and a
 * bad one is reported ("path: line 3: not XML: ...") and skipped.
 */
#ifndef BINGE_MEDIA_NFO_APPLY_H
#define BINGE_MEDIA_NFO_APPLY_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "media/folder_title.h"
#include "media/media_store.h"

struct store;
struct scan_report;

/*
 * Applies the NFO files nfos[0..n-1] of library lib (at root) to the titles
 * of its videos (files: the library's files after the scan, by path).
 * Per-file problems go to the report; an error return is the database's.
 */
enum bg_err nfo_apply_library(struct store *st, int64_t lib, const char *root,
                              const struct found_file *nfos, size_t n,
                              const struct media_files *files, struct scan_report *report);

#endif
