/*
 * media_name_fuzz.c - libFuzzer target for the media path parser: any
 * bytes (as a path) parse or not, never crash or read out of bounds, and a
 * parse names a show and sane numbers.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

#include "media/media_name.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[8192];
	if (size >= sizeof(path))
		size = sizeof(path) - 1;
	memcpy(path, data, size);
	path[size] = '\0';
	struct media_name m;
	if (media_name_parse(path, &m)) {
		CHECK(m.kind == MEDIA_EPISODE || m.kind == MEDIA_FILM);
		CHECK(m.show[0] != '\0');
		CHECK(m.kind != MEDIA_EPISODE ||
		      (m.season >= 0 && m.episode >= 0 && m.episode_end >= m.episode));
	} else {
		CHECK(m.kind == MEDIA_NONE);
	}
	return 0;
}
