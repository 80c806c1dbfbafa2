/*
 * jpeg_plain.h - a plain JPEG decoded straight to pixels with
 * libjpeg-turbo, for the resizer's fast path (media/image.c).
 *
 * Plain means what a scraper's poster or FFmpeg's still is: baseline or
 * progressive 8-bit YCbCr or grey, no ICC profile, no EXIF block (so no
 * orientation to apply). Anything else is left to libvips, which manages
 * colour profiles, CMYK and rotation. libvips decodes through the same
 * libjpeg, but its pipeline hands strips between threads: 3.4-3.6 ms of
 * CPU for a 600x900 poster, against 0.9 ms here (bench/image_stages_bench.c).
 */
#ifndef BINGE_MEDIA_JPEG_PLAIN_H
#define BINGE_MEDIA_JPEG_PLAIN_H

#include <stddef.h>

/* The most pixels decoded into memory at once (a 7680x4320 frame is 33 M). */
#define JPEG_PLAIN_MAX_PIXELS ((size_t)40 * 1000 * 1000)

enum jpeg_plain_result {
	JPEG_PLAIN_OK,
	JPEG_PLAIN_NOT_PLAIN, /* a JPEG (or not one) for libvips to handle */
	JPEG_PLAIN_BROKEN,    /* a JPEG libjpeg refused: msg says why */
};

struct jpeg_pixels {
	unsigned char *px; /* rows of width * bands bytes, malloc'd */
	int width, height;
	int bands; /* 3 (RGB) or 1 (grey) */
};

/*
 * Decodes bytes into *out when they are a plain JPEG, shrunk while
 * decoding by the largest of 1, 2, 4 or 8 that keeps the width at least
 * min_width (libjpeg's scaled IDCT). The caller frees out->px.
 */
enum jpeg_plain_result jpeg_plain_decode(const void *bytes, size_t len, int min_width,
                                         struct jpeg_pixels *out, char *msg, size_t msg_len);

#endif
