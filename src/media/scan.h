/*
 * scan.h - bringing a library folder and the catalogue into agreement.
 *
 * A scan walks the folder (regular files, no symbolic links, no hidden
 * entries, at most SCAN_MAX_DEPTH deep), and for every video file:
 *   - known, same size and mtime: unchanged;
 *   - known, changed: probed again;
 *   - unknown, but a known file that vanished has its size and mtime:
 *     moved (the media id, and what refers to it, stays);
 *   - unknown: its path is parsed (media_name.h), it is probed (probe.h)
 *     and linked to the episode or film it names, creating the series,
 *     season, episode or film the catalogue lacks.
 * Subtitle files beside a video (sidecar.h) are linked to it as tracks,
 * again whenever the set of them or one of them changes. NFO files
 * (nfo_apply.h) fill in the titles the videos are linked to.
 * Known files no longer on disk are deleted. Files that are not video, or
 * whose name or content cannot be read as media, are reported and skipped;
 * nothing about one file stops the scan. Files are probed in parallel (one
 * ffprobe per CPU) before any write; then each file's change is one
 * transaction, in path order, so an interrupted scan leaves a consistent
 * catalogue and the next scan carries on.
 */
#ifndef BINGE_MEDIA_SCAN_H
#define BINGE_MEDIA_SCAN_H

#include <stddef.h>

#include "core/err.h"
#include "core/progress.h"
#include "core/strlist.h"
#include "media/media_store.h"
#include "media/scan_report.h"

#define SCAN_MAX_DEPTH    16
#define SCAN_PROBES       8   /* ffprobe processes at once, at most (one per CPU) */
#define SCAN_MAX_SIDECARS 32  /* subtitle files linked to one video */

struct store;


/*
 * Scans one library. Per-file problems go to the report; an error return
 * means the library could not be scanned at all (folder gone, database
 * error), with msg set.
 */
enum bg_err scan_library(struct store *st, const struct library *lib, struct progress *prog,
                         struct scan_report *report, char *msg, size_t msg_len);

#endif
