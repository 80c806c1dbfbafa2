/* media_info.c - what a probe found; see media_info.h. */
#include "media/media_info.h"

#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

bool media_track_is_text(const struct media_track *t)
{
	static const char *const text[] = {"subrip", "srt",     "ass",      "ssa",
	                                   "webvtt", "mov_text", "text",    "microdvd",
	                                   "subviewer", "subviewer1", "realtext", "sami"};
	if (t->kind != TRACK_SUBTITLE)
		return false;
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		if (strcmp(t->codec, text[i]) == 0)
			return true;
	return false;
}

void media_info_release(struct media_info *m)
{
	free(m->tracks);
	m->tracks = NULL;
	m->tracks_n = 0;
}
