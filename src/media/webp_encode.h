/*
 * webp_encode.h - pixels to a WebP file with libwebp, for the resizer's
 * fast path (media/image.c). libvips's webpsave calls the same encoder
 * but first runs its pipeline over the image: 3.6-3.7 ms of CPU for a
 * 320x480 poster, against 2.5-2.7 ms here (bench/image_stages_bench.c).
 */
#ifndef BINGE_MEDIA_WEBP_ENCODE_H
#define BINGE_MEDIA_WEBP_ENCODE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * rows of width * bands bytes (3: RGB, 1: grey) as a lossy WebP at
 * quality 0-100 into *out (malloc'd, *out_len bytes); false with msg.
 */
bool webp_encode(const unsigned char *px, int width, int height, int bands, int quality,
                 unsigned char **out, size_t *out_len, char *msg, size_t msg_len);

#endif
