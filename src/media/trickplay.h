/*
 * trickplay.h - preview pictures for the seek bar: one thumbnail every
 * TRICKPLAY_INTERVAL_S, TRICKPLAY_WIDTH pixels wide (the video's
 * width when less: no upscaling), tiled TRICKPLAY_TILES
 * by TRICKPLAY_TILES into JPEG sprite sheets, with a WebVTT index whose
 * cues name a sheet and a rectangle ("3.jpg#xywh=320,180,320,180"), the
 * layout Jellyfin uses.
 *
 * FFmpeg decodes keyframes only (-skip_frame nokey): the thumbnail of an
 * interval is the keyframe at or before it, and a file is read many times
 * faster than decoding every frame (docs/playback.md has the measurement).
 * Sheets are written into a temporary folder renamed into place, under
 * TRICKPLAY/<media>-<size>-<mtime>/, so a changed file gets new ones.
 */
#ifndef BINGE_MEDIA_TRICKPLAY_H
#define BINGE_MEDIA_TRICKPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

#define TRICKPLAY_INTERVAL_S 10
#define TRICKPLAY_WIDTH      320
#define TRICKPLAY_TILES      10
#define TRICKPLAY_TIMEOUT_MS (30 * 60 * 1000)

struct trickplay_source {
	int64_t media_id;
	const char *path;
	int64_t size, mtime, duration_ms;
	int width, height; /* of the video */
};

/* The folder of a file's sheets under root. */
void trickplay_dir(const char *root, const struct trickplay_source *src, char *out, size_t len);

/* True when the file's sheets are made. */
bool trickplay_exists(const char *root, const struct trickplay_source *src);

/* Makes the file's sheets. Errors, with msg: BG_INVALID (no video), BG_IO. */
enum bg_err trickplay_make(const char *root, const struct trickplay_source *src, char *msg,
                           size_t len);

/* The thumbnails' width for the file (even). */
int trickplay_width(const struct trickplay_source *src);

/* Their height (even, by the video's aspect). */
int trickplay_height(const struct trickplay_source *src);

/*
 * The WebVTT index into out: a cue per interval naming "<sheet>.jpg?query"
 * and the thumbnail's rectangle.
 */
void trickplay_vtt(const struct trickplay_source *src, const char *query, struct buf *out);

#endif
