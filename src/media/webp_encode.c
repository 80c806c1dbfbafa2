/*
 * webp_encode.c - pixels to WebP with libwebp; see webp_encode.h.
 */
#include "media/webp_encode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <webp/encode.h>

#include "core/banned.h"

bool webp_encode(const unsigned char *px, int width, int height, int bands, int quality,
                 unsigned char **out, size_t *out_len, char *msg, size_t msg_len)
{
	WebPConfig config;
	WebPPicture pic;
	if (!WebPConfigInit(&config) || !WebPPictureInit(&pic)) {
		snprintf(msg, msg_len, "libwebp is not the version binge was built for");
		return false;
	}
	config.quality = (float)quality;
	/* Speed over the last per cent of size (method 2 of 6, as libvips's
	 * effort 2): an image is made once and sent many times. */
	config.method = 2;
	pic.width = width;
	pic.height = height;
	pic.use_argb = 0;
	unsigned char *grey_as_rgb = NULL;
	if (bands == 1) { /* libwebp imports RGB, not grey */
		grey_as_rgb = malloc((size_t)width * height * 3);
		if (!grey_as_rgb) {
			snprintf(msg, msg_len, "out of memory for a %dx%d image", width, height);
			return false;
		}
		for (size_t i = 0; i < (size_t)width * height; i++)
			grey_as_rgb[3 * i] = grey_as_rgb[3 * i + 1] = grey_as_rgb[3 * i + 2] =
			        px[i];
		px = grey_as_rgb;
	}
	WebPMemoryWriter writer;
	WebPMemoryWriterInit(&writer);
	pic.writer = WebPMemoryWrite;
	pic.custom_ptr = &writer;
	bool ok = WebPPictureImportRGB(&pic, px, width * 3) && WebPEncode(&config, &pic);
	if (!ok)
		snprintf(msg, msg_len, "libwebp cannot encode a %dx%d image (error %d)", width,
		         height, (int)pic.error_code);
	WebPPictureFree(&pic);
	free(grey_as_rgb);
	/* libwebp's buffer is freed by libwebp: the caller gets a malloc'd copy. */
	*out = ok ? malloc(writer.size) : NULL;
	if (ok && !*out) {
		snprintf(msg, msg_len, "out of memory for a %zu-byte WebP", writer.size);
		ok = false;
	}
	if (ok) {
		memcpy(*out, writer.mem, writer.size);
		*out_len = writer.size;
	}
	WebPMemoryWriterClear(&writer);
	return ok;
}
