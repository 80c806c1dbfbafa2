/*
 * package.h - HLS packaged ahead: every segment of every rendition of a
 * ladder made before anyone asks, then served as static files, by binge
 * (sendfile) or by any web server or CDN in front of it.
 *
 *   PACKAGES/<media id>-<size>-<mtime>/renditions    rendition names, one a line
 *   PACKAGES/<media id>-<size>-<mtime>/<rendition>/init.mp4, seg<N>.m4s
 *
 * The segments are cut as the encoder pool cuts them (the same FFmpeg
 * command, media/ffmpeg_hls.h), so the playlists and URLs of a packaged
 * file are those of one made on demand. A package is written into
 * "<key>.partial-<tag>" and renamed when whole: a package that exists is
 * complete, and a packager killed half-way leaves only a partial
 * directory, which the next packaging of that file removes. A file
 * replaced on disk (another size or mtime) has no package until it is
 * packaged again.
 */
#ifndef BINGE_MEDIA_PACKAGE_H
#define BINGE_MEDIA_PACKAGE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "media/delivery.h"
#include "media/media_info.h"

/* A ladder's rungs, and an audio rendition per stream beside them. */
#define PACKAGE_MAX_RENDITIONS (6 + DELIVERY_MAX_AUDIO)

/* The file version a package is made of. */
struct package_source {
	int64_t media_id;
	const char *path;
	int64_t size, mtime;
	const struct media_info *info;
	/* Its tracks, to read the names of a package's audio renditions
	 * (".aN"); without them only the first audio stream's are read. */
	const struct media_track *tracks;
	size_t tracks_n;
};

/* Work done so far, as a fraction of the whole (0 to 1). */
typedef void (*package_progress_fn)(double done, void *ctx);

/*
 * Makes the package of src with renditions r[0..n-1] under root, unless it
 * exists (*made false). Partial directories of earlier attempts at this
 * file are removed first. progress (may be NULL) is called as FFmpeg goes;
 * *stop set (by a signal handler) ends the work early with BG_IO and
 * nothing published. Errors: BG_IO (cannot write, FFmpeg failed), with msg.
 */
enum bg_err package_build(const char *root, const struct package_source *src,
                          const struct rendition *r, int n, package_progress_fn progress,
                          void *ctx, volatile sig_atomic_t *stop, bool *made, char *msg,
                          size_t len);

/*
 * The renditions of src's package, parsed against its probe; 0 when it has
 * none (or a package that does not parse, which is then left unserved).
 */
int package_renditions(const char *root, const struct package_source *src, struct rendition *out,
                       int max);

/*
 * The path of segment n (-1: the init segment) of rendition name in src's
 * package; false when there is no such file.
 */
bool package_segment(const char *root, const struct package_source *src, const char *rendition,
                     long n, char *path, size_t len);

#endif
