/*
 * artwork_apply.h - a library folder's images (media/artwork_name.h) set as
 * the artwork of the titles a scan linked its videos to. An image already
 * set, at the same size and time, is no change; one whose name says no
 * title that has a video here is reported and skipped.
 */
#ifndef BINGE_MEDIA_ARTWORK_APPLY_H
#define BINGE_MEDIA_ARTWORK_APPLY_H

#include <stddef.h>

#include "core/err.h"
#include "media/media_store.h"
#include "media/nfo_apply.h"

struct store;
struct scan_report;

/*
 * Sets the images found[0..n-1] of the library at root (its files after
 * the scan in files, by path). Errors: the database's.
 */
enum bg_err artwork_apply_library(struct store *st, const char *root,
                                  const struct found_file *found, size_t n,
                                  const struct media_files *files, struct scan_report *report);

#endif
