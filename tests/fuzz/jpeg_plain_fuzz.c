/*
 * jpeg_plain_fuzz.c - libFuzzer target for the resizer's JPEG fast path
 * (media/jpeg_plain.h): any bytes decode, are left to libvips or are
 * refused with a message naming JPEG, never crash, leak or read out of
 * bounds; a decoded image has one or three bands, within the pixel bound,
 * every byte of its rows written.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

#include "media/jpeg_plain.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The first byte picks the width asked, as a request's w= would. */
	int min_width = size ? 16 + data[0] * 4 : 320;
	struct jpeg_pixels px;
	char msg[256] = "";
	enum jpeg_plain_result r = jpeg_plain_decode(data, size, min_width, &px, msg, sizeof(msg));
	if (r == JPEG_PLAIN_OK) {
		CHECK(px.width > 0 && px.height > 0);
		CHECK(px.bands == 1 || px.bands == 3);
		CHECK((size_t)px.width * px.height <= JPEG_PLAIN_MAX_PIXELS);
		/* Every byte is written (MSan would say) and inside the allocation (ASan). */
		volatile unsigned sum = 0;
		for (size_t i = 0; i < (size_t)px.width * px.height * px.bands; i++)
			sum += px.px[i];
		(void)sum;
		free(px.px);
	} else if (r == JPEG_PLAIN_BROKEN) {
		CHECK(strstr(msg, "JPEG") != NULL || strstr(msg, "memory") != NULL);
	}
	return 0;
}
