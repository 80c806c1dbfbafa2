/*
 * media_name_fuzz.c - libFuzzer target for the media path parser and the
 * sidecar subtitle names: any bytes (as a path, or as "video\nsubtitle")
 * parse or not, never crash or read out of bounds; a parse names a show and
 * sane numbers, a sidecar a known language code and its own file name.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

#include "media/media_name.h"
#include "media/sidecar.h"

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
	char *newline = strchr(path, '\n');
	if (newline) {
		*newline = '\0';
		struct media_track t;
		if (sidecar_match(path, newline + 1, &t)) {
			CHECK(t.kind == TRACK_SUBTITLE && t.index == -1);
			CHECK(strlen(t.language) == 3);
			CHECK(strcmp(t.file, newline + 1) == 0);
			CHECK(sidecar_is_subtitle(t.file));
		}
	}
	return 0;
}
