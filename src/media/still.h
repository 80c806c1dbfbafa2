/*
 * still.h - an episode's still, made by FFmpeg from its video when its
 * folder has none (no NAME-thumb.jpg): the keyframe at or just before a
 * tenth of the runtime (past a cold open's black, before anything much),
 * at most 1280 px wide, JPEG, written then renamed into
 * DIR/<media id>-<size>-<mtime>.jpg.
 */
#ifndef BINGE_MEDIA_STILL_H
#define BINGE_MEDIA_STILL_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define STILL_TIMEOUT_MS 60000

/* One video to make a still of. */
struct still_source {
	int64_t media_id, title_id;
	char path[4096];
	int64_t size, mtime, duration_ms;
};

#define STILL_JOBS 8  /* FFmpeg processes at once, at most (one per processor) */
#define STILL_BATCH 8 /* files per FFmpeg process, at most */

/* One source's still: BG_OK and its path, or BG_IO (FFmpeg failed or timed out, or
 * the still cannot be written) and why. */
struct still_result {
	enum bg_err rc;
	char path[4200];
	char msg[256];
};

/*
 * The still of each of srcs[0..n) under dir into results[i] (made once: an
 * existing one is kept), one FFmpeg per processor (up to STILL_JOBS) at
 * once, each making the stills of up to STILL_BATCH files: starting FFmpeg
 * (some 200 shared libraries) cost more than decoding a frame, once per
 * file. Files a batch leaves without a still are made again exactly, then
 * one by one, so a bad file fails alone with its own message. Shows
 * progress on pg (started by the caller; may be NULL).
 */
struct progress;
void still_make_many(const char *dir, const struct still_source *srcs, size_t n,
                     struct still_result *results, struct progress *pg);

#endif
