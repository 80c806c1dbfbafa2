/*
 * probe.h - what is inside a media file, asked of ffprobe.
 *
 * binge runs ffprobe as a separate program (JSON output), as the
 * self-hosted media servers do, and links none of FFmpeg's libraries
 * (Debian builds them GPL). The child runs without a shell, with its output
 * capped at PROBE_MAX_OUTPUT bytes and killed after PROBE_TIMEOUT_MS.
 */
#ifndef BINGE_MEDIA_PROBE_H
#define BINGE_MEDIA_PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "media/media_info.h"

#define PROBE_MAX_OUTPUT ((size_t)1024 * 1024)
#define PROBE_TIMEOUT_MS 30000
/* A packet line is about 16 bytes: room for 10 hours at 120 frames/s. */
#define PROBE_MAX_KEYFRAME_OUTPUT ((size_t)80 * 1024 * 1024)

/*
 * Probes the file at path. Errors: BG_INVALID with msg when ffprobe cannot
 * read it as media (not a media file, damaged, no audio or video), BG_IO
 * when ffprobe cannot be run or times out.
 */
enum bg_err probe_file(const char *path, struct media_info *out, char *msg, size_t msg_len);

/*
 * What probe_file() parses: ffprobe's JSON for the file at path, appended
 * to output (a buf of at least PROBE_MAX_OUTPUT; the caller releases it),
 * for a caller that keeps it (media/probe_cache_store.h). Errors as probe_file().
 */
struct buf;
enum bg_err probe_file_json(const char *path, struct buf *output, char *msg, size_t msg_len);

/* Parses ffprobe's JSON (for tests and probe_file). Same errors. */
enum bg_err probe_parse(const char *json, size_t len, struct media_info *out, char *msg,
                        size_t msg_len);

/*
 * The times (ms, rising) of the keyframes of the file's first video stream:
 * where a copied stream may be cut into segments. Reads every packet
 * header, not the pictures. Errors as probe_file().
 */
enum bg_err probe_keyframes(const char *path, int64_t **out, size_t *count, char *msg,
                            size_t msg_len);

/* Parses ffprobe's "pts_time,flags" lines (for tests and probe_keyframes). */
enum bg_err probe_keyframes_parse(const char *text, size_t len, int64_t **out, size_t *count,
                                  char *msg, size_t msg_len);

#endif
