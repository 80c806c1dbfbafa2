/*
 * jpeg_plain_test.c - the resizer's fast path (media/jpeg_plain.h,
 * media/webp_encode.h) on JPEGs written here with libjpeg: which files
 * count as plain, shrinking while decoding, broken files, and WebP out.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h> /* before jpeglib.h */
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jpeglib.h>
#include <webp/decode.h>

#include "media/jpeg_plain.h"
#include "media/webp_encode.h"

enum extra { EXTRA_NONE, EXTRA_EXIF, EXTRA_ICC, EXTRA_XMP };

/* A w x h JPEG of one colour in the given colour space, into malloc'd bytes. */
static unsigned char *jpeg_of(int w, int h, J_COLOR_SPACE space, int components,
                              const unsigned char *colour, enum extra extra, unsigned long *len)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	unsigned char *out = NULL;
	jpeg_mem_dest(&c, &out, len);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = components;
	c.in_color_space = space;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 95, TRUE);
	jpeg_start_compress(&c, TRUE);
	static const unsigned char exif[] = "Exif\0\0MM\0*\0\0\0\10";
	static const unsigned char icc[] = {0, 0, 0, 0};
	static const char xmp[] = "http://ns.adobe.com/xap/1.0/";
	if (extra == EXTRA_EXIF)
		jpeg_write_marker(&c, JPEG_APP0 + 1, exif, sizeof(exif));
	if (extra == EXTRA_ICC)
		jpeg_write_icc_profile(&c, icc, sizeof(icc));
	if (extra == EXTRA_XMP)
		jpeg_write_marker(&c, JPEG_APP0 + 1, (const JOCTET *)xmp, sizeof(xmp));
	unsigned char *row = malloc((size_t)w * components);
	for (int x = 0; x < w; x++)
		memcpy(row + (size_t)x * components, colour, (size_t)components);
	while (c.next_scanline < c.image_height)
		jpeg_write_scanlines(&c, &row, 1);
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	return out;
}

static const unsigned char rose[3] = {200, 50, 100};

static void test_plain_colour(void **state)
{
	(void)state;
	unsigned long len;
	unsigned char *j = jpeg_of(64, 48, JCS_RGB, 3, rose, EXTRA_NONE, &len);
	struct jpeg_pixels px;
	char msg[256];
	assert_int_equal(jpeg_plain_decode(j, len, 64, &px, msg, sizeof(msg)), JPEG_PLAIN_OK);
	assert_int_equal(px.width, 64);
	assert_int_equal(px.height, 48);
	assert_int_equal(px.bands, 3);
	for (int b = 0; b < 3; b++) /* a middle pixel, within JPEG's rounding */
		assert_in_range(px.px[(24 * 64 + 32) * 3 + b], rose[b] - 4, rose[b] + 4);
	free(px.px);
	free(j);
}

static void test_grey(void **state)
{
	(void)state;
	unsigned long len;
	const unsigned char grey = 90;
	unsigned char *j = jpeg_of(32, 32, JCS_GRAYSCALE, 1, &grey, EXTRA_NONE, &len);
	struct jpeg_pixels px;
	char msg[256];
	assert_int_equal(jpeg_plain_decode(j, len, 32, &px, msg, sizeof(msg)), JPEG_PLAIN_OK);
	assert_int_equal(px.bands, 1);
	assert_in_range(px.px[16 * 32 + 16], 88, 92);
	free(px.px);
	free(j);
}

/* The largest of 2, 4, 8 that keeps the width asked, as libvips's shrink-on-load. */
static void test_shrink_while_decoding(void **state)
{
	(void)state;
	unsigned long len;
	unsigned char *j = jpeg_of(640, 960, JCS_RGB, 3, rose, EXTRA_NONE, &len);
	const struct {
		int min_width, width, height;
	} cases[] = {{640, 640, 960}, {600, 640, 960}, {320, 320, 480}, {319, 320, 480},
	             {321, 640, 960}, {160, 160, 240}, {80, 80, 120},   {10, 80, 120}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct jpeg_pixels px;
		char msg[256];
		assert_int_equal(
		        jpeg_plain_decode(j, len, cases[i].min_width, &px, msg, sizeof(msg)),
		        JPEG_PLAIN_OK);
		assert_int_equal(px.width, cases[i].width);
		assert_int_equal(px.height, cases[i].height);
		free(px.px);
	}
	free(j);
}

/* EXIF (which may rotate), an ICC profile and CMYK are left to libvips; XMP is not. */
static void test_not_plain(void **state)
{
	(void)state;
	unsigned long len;
	struct jpeg_pixels px;
	char msg[256];
	unsigned char *j = jpeg_of(16, 16, JCS_RGB, 3, rose, EXTRA_EXIF, &len);
	assert_int_equal(jpeg_plain_decode(j, len, 16, &px, msg, sizeof(msg)),
	                 JPEG_PLAIN_NOT_PLAIN);
	free(j);
	j = jpeg_of(16, 16, JCS_RGB, 3, rose, EXTRA_ICC, &len);
	assert_int_equal(jpeg_plain_decode(j, len, 16, &px, msg, sizeof(msg)),
	                 JPEG_PLAIN_NOT_PLAIN);
	free(j);
	const unsigned char cmyk[4] = {10, 200, 30, 0};
	j = jpeg_of(16, 16, JCS_CMYK, 4, cmyk, EXTRA_NONE, &len);
	assert_int_equal(jpeg_plain_decode(j, len, 16, &px, msg, sizeof(msg)),
	                 JPEG_PLAIN_NOT_PLAIN);
	free(j);
	j = jpeg_of(16, 16, JCS_RGB, 3, rose, EXTRA_XMP, &len);
	assert_int_equal(jpeg_plain_decode(j, len, 16, &px, msg, sizeof(msg)), JPEG_PLAIN_OK);
	free(px.px);
	free(j);
	const unsigned char png[] = "\x89PNG\r\n\x1a\n";
	assert_int_equal(jpeg_plain_decode(png, sizeof(png), 16, &px, msg, sizeof(msg)),
	                 JPEG_PLAIN_NOT_PLAIN);
	assert_int_equal(jpeg_plain_decode(png, 0, 16, &px, msg, sizeof(msg)),
	                 JPEG_PLAIN_NOT_PLAIN);
}

/* A header claiming more pixels than the bound is left to libvips, which streams. */
static void test_too_many_pixels(void **state)
{
	(void)state;
	unsigned long len;
	unsigned char *j = jpeg_of(16, 16, JCS_RGB, 3, rose, EXTRA_NONE, &len);
	bool patched = false;
	for (unsigned long i = 2; i + 9 < len && !patched; i++)
		if (j[i] == 0xFF && j[i + 1] == 0xC0) { /* SOF0: length, precision, height, width */
			j[i + 5] = 0x27, j[i + 6] = 0x10; /* height 10000 */
			j[i + 7] = 0x27, j[i + 8] = 0x10; /* width 10000 */
			patched = true;
		}
	assert_true(patched);
	struct jpeg_pixels px;
	char msg[256];
	assert_int_equal(jpeg_plain_decode(j, len, 320, &px, msg, sizeof(msg)),
	                 JPEG_PLAIN_NOT_PLAIN);
	free(j);
}

static void test_broken(void **state)
{
	(void)state;
	unsigned long len;
	unsigned char *j = jpeg_of(64, 64, JCS_RGB, 3, rose, EXTRA_NONE, &len);
	struct jpeg_pixels px;
	char msg[256] = "";
	/* Cut inside the header: libjpeg refuses, and the message says so. */
	assert_int_equal(jpeg_plain_decode(j, 40, 64, &px, msg, sizeof(msg)), JPEG_PLAIN_BROKEN);
	assert_non_null(strstr(msg, "not a valid JPEG"));
	/* Cut in the image data: decoded, the rest filled, as libvips does. */
	assert_int_equal(jpeg_plain_decode(j, len - 40, 64, &px, msg, sizeof(msg)), JPEG_PLAIN_OK);
	free(px.px);
	/* A corrupt frame header. */
	for (unsigned long i = 2; i + 1 < len; i++)
		if (j[i] == 0xFF && j[i + 1] == 0xC0) {
			j[i + 9] = 0; /* zero components */
			break;
		}
	assert_int_equal(jpeg_plain_decode(j, len, 64, &px, msg, sizeof(msg)), JPEG_PLAIN_BROKEN);
	free(j);
}

static void test_webp(void **state)
{
	(void)state;
	unsigned char rgb[40 * 30 * 3];
	for (size_t i = 0; i < sizeof(rgb); i += 3)
		memcpy(rgb + i, rose, 3);
	unsigned char *out = NULL;
	size_t len = 0;
	char msg[256];
	assert_true(webp_encode(rgb, 40, 30, 3, 80, &out, &len, msg, sizeof(msg)));
	assert_memory_equal(out, "RIFF", 4);
	assert_memory_equal(out + 8, "WEBP", 4);
	int w = 0, h = 0;
	uint8_t *back = WebPDecodeRGB(out, len, &w, &h);
	assert_non_null(back);
	assert_int_equal(w, 40);
	assert_int_equal(h, 30);
	for (int b = 0; b < 3; b++)
		assert_in_range(back[(15 * 40 + 20) * 3 + b], rose[b] - 8, rose[b] + 8);
	WebPFree(back);
	free(out);
	/* Grey in, grey out. */
	unsigned char grey[20 * 10];
	memset(grey, 90, sizeof(grey));
	assert_true(webp_encode(grey, 20, 10, 1, 80, &out, &len, msg, sizeof(msg)));
	back = WebPDecodeRGB(out, len, &w, &h);
	assert_non_null(back);
	assert_int_equal(w, 20);
	assert_in_range(back[0], 86, 94);
	assert_in_range(back[1], 86, 94);
	WebPFree(back);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_plain_colour),
	        cmocka_unit_test(test_grey),
	        cmocka_unit_test(test_shrink_while_decoding),
	        cmocka_unit_test(test_not_plain),
	        cmocka_unit_test(test_too_many_pixels),
	        cmocka_unit_test(test_broken),
	        cmocka_unit_test(test_webp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
