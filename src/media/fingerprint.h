/*
 * fingerprint.h - a file's audio fingerprint, from FFmpeg's chromaprint
 * muxer (Debian's FFmpeg is built with libchromaprint): raw 32-bit items,
 * one per INTRO_ITEM_S of sound (media/intro.h). FFmpeg runs as a child
 * (no shell), its output capped and killed after FINGERPRINT_TIMEOUT_MS.
 */
#ifndef BINGE_MEDIA_FINGERPRINT_H
#define BINGE_MEDIA_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define FINGERPRINT_TIMEOUT_MS 120000

/*
 * The fingerprint of the first seconds of path's first audio stream, into
 * *out (freed by the caller), *n items. Errors, with msg: BG_IO (FFmpeg
 * failed, took too long, or the file has no audio).
 */
enum bg_err fingerprint_file(const char *path, int seconds, uint32_t **out, size_t *n, char *msg,
                             size_t len);

#endif
