/*
 * jpeg_plain.c - a plain JPEG decoded with libjpeg-turbo; see jpeg_plain.h.
 */
#include "media/jpeg_plain.h"

#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h> /* before jpeglib.h, which uses FILE and size_t */
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "core/banned.h"

/* libjpeg reports a fatal error by calling error_exit, which must not return. */
struct refusal {
	struct jpeg_error_mgr mgr;
	jmp_buf back;
};

static void refuse(j_common_ptr c)
{
	longjmp(((struct refusal *)c->err)->back, 1);
}

/* Warnings (a truncated file, say) are not printed: libvips accepts such files too. */
static void quiet(j_common_ptr c)
{
	(void)c;
}

static bool starts_with(const jpeg_saved_marker_ptr m, const char *tag, size_t tag_len)
{
	return m->data_length >= tag_len && memcmp(m->data, tag, tag_len) == 0;
}

/* An EXIF block may rotate the image; an ICC profile needs colour management. */
static bool has_exif_or_icc(j_decompress_ptr d)
{
	for (jpeg_saved_marker_ptr m = d->marker_list; m; m = m->next)
		if ((m->marker == JPEG_APP0 + 1 && starts_with(m, "Exif\0", 6)) ||
		    (m->marker == JPEG_APP0 + 2 && starts_with(m, "ICC_PROFILE", 12)))
			return true;
	return false;
}

static bool plain_header(j_decompress_ptr d)
{
	bool colour = d->num_components == 3 &&
	              (d->jpeg_color_space == JCS_YCbCr || d->jpeg_color_space == JCS_RGB);
	bool grey = d->num_components == 1 && d->jpeg_color_space == JCS_GRAYSCALE;
	return (colour || grey) && d->data_precision == 8 && !has_exif_or_icc(d) &&
	       (size_t)d->image_width * d->image_height <= JPEG_PLAIN_MAX_PIXELS;
}

enum jpeg_plain_result jpeg_plain_decode(const void *bytes, size_t len, int min_width,
                                         struct jpeg_pixels *out, char *msg, size_t msg_len)
{
	const unsigned char *b = bytes;
	if (len < 3 || b[0] != 0xFF || b[1] != 0xD8 || b[2] != 0xFF)
		return JPEG_PLAIN_NOT_PLAIN;
	struct jpeg_decompress_struct d;
	struct refusal err;
	d.err = jpeg_std_error(&err.mgr);
	err.mgr.error_exit = refuse;
	err.mgr.output_message = quiet;
	unsigned char *volatile px = NULL; /* freed after a longjmp too */
	if (setjmp(err.back)) {
		char why[JMSG_LENGTH_MAX];
		err.mgr.format_message((j_common_ptr)&d, why);
		snprintf(msg, msg_len, "not a valid JPEG: %s", why);
		jpeg_destroy_decompress(&d);
		free(px);
		return JPEG_PLAIN_BROKEN;
	}
	jpeg_create_decompress(&d);
	jpeg_mem_src(&d, b, (unsigned long)len);
	/* Only the first bytes: enough to tell EXIF and ICC blocks by their tags. */
	jpeg_save_markers(&d, JPEG_APP0 + 1, 16);
	jpeg_save_markers(&d, JPEG_APP0 + 2, 16);
	jpeg_read_header(&d, TRUE);
	if (!plain_header(&d)) {
		jpeg_destroy_decompress(&d);
		return JPEG_PLAIN_NOT_PLAIN;
	}
	unsigned shrink = 1;
	while (shrink < 8 && d.image_width >= (unsigned)min_width * shrink * 2)
		shrink *= 2;
	d.scale_num = 1;
	d.scale_denom = shrink;
	d.out_color_space = d.num_components == 3 ? JCS_RGB : JCS_GRAYSCALE;
	jpeg_start_decompress(&d);
	size_t stride = (size_t)d.output_width * d.output_components;
	px = malloc(stride * d.output_height);
	if (!px) {
		snprintf(msg, msg_len, "out of memory for a %ux%u image", d.output_width,
		         d.output_height);
		jpeg_destroy_decompress(&d);
		return JPEG_PLAIN_BROKEN;
	}
	while (d.output_scanline < d.output_height) {
		JSAMPROW rows[16];
		JDIMENSION n = 0;
		for (; n < 16 && d.output_scanline + n < d.output_height; n++)
			rows[n] = px + stride * (d.output_scanline + n);
		jpeg_read_scanlines(&d, rows, n);
	}
	jpeg_finish_decompress(&d);
	*out = (struct jpeg_pixels){.px = px,
	                            .width = (int)d.output_width,
	                            .height = (int)d.output_height,
	                            .bands = d.output_components};
	jpeg_destroy_decompress(&d);
	return JPEG_PLAIN_OK;
}
