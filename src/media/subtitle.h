/*
 * subtitle.h - text subtitles as WebVTT, the one format every browser's
 * <track> reads.
 *
 * A track (a text stream inside the file, or an SRT/ASS/VTT file beside
 * it) is converted by FFmpeg once, on first request, into the subtitle
 * cache, under a name that carries the source's size and modification
 * time: a changed file gets a new conversion, never a stale one. The
 * conversion is written to a temporary name and renamed, so a reader never
 * sees half a file and two requests racing both end with a whole one.
 * A sidecar that is not UTF-8 is read as Windows-1252, the usual encoding
 * of SRT files that are not.
 */
#ifndef BINGE_MEDIA_SUBTITLE_H
#define BINGE_MEDIA_SUBTITLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "media/media_info.h"

#define SUBTITLE_TIMEOUT_MS 60000 /* reading a long film's subtitle stream */
#define SUBTITLE_MAX_BYTES  ((int64_t)16 << 20)

/* The video a track belongs to, as the store locates it. */
struct subtitle_source {
	int64_t media_id;
	const char *path; /* the video file */
	int64_t size, mtime;
};

/*
 * Writes into out the path of track t's WebVTT in cache_dir, converting it
 * first when the cache lacks it. Errors, with msg: BG_INVALID (t is not a
 * text subtitle), BG_NOT_FOUND (the sidecar file is gone), BG_IO (FFmpeg
 * failed or took longer than SUBTITLE_TIMEOUT_MS; the cache cannot be
 * written), BG_TOO_LARGE (a path too long, or a sidecar over
 * SUBTITLE_MAX_BYTES).
 */
enum bg_err subtitle_vtt(const char *cache_dir, const struct subtitle_source *src,
                         const struct media_track *t, char *out, size_t out_len, char *msg,
                         size_t msg_len);

#endif
