/*
 * image.h - artwork resized for a browser with libvips (a JPEG is decoded
 * at the size it is shrunk to, a plain one by libjpeg-turbo directly),
 * encoded as AVIF, WebP (libwebp for an opaque image) or JPEG, and kept
 * on disk so each size of each image is made once.
 *
 *   CACHE/<hash of path>-<size>-<mtime>-<width>.<jpg|webp|avif>
 *
 * A copy is written to a temporary name and renamed, so a reader never sees
 * half a file; a source changed on disk (size or time) gets new copies.
 */
#ifndef BINGE_MEDIA_IMAGE_H
#define BINGE_MEDIA_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum image_format { IMAGE_JPEG, IMAGE_WEBP, IMAGE_AVIF };

/* "jpeg", "webp", "avif" (and "jpg"); false for anything else. */
bool image_format_parse(const char *s, enum image_format *out);

/* The best format an Accept header takes that this libvips can write. */
enum image_format image_format_accepted(const char *accept);

/* "image/jpeg", "image/webp", "image/avif". */
const char *image_format_type(enum image_format f);

/* The widths served: a request's width is rounded up to one (bounded cache). */
int image_width_step(int wanted);

/*
 * The path of source (size bytes, modified at mtime) at width (no wider
 * than the source) in format f under cache_dir, made when missing.
 * libvips is opened and started by the first call that needs it.
 * Errors: BG_IO (libvips missing or too old, cannot read or decode the
 * source, cannot write), with msg.
 */
enum bg_err image_resized(const char *cache_dir, const char *source, int64_t size, int64_t mtime,
                          int width, enum image_format f, char *path, size_t path_len, char *msg,
                          size_t msg_len);

#endif
