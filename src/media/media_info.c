/* media_info.c - what a probe found; see media_info.h. */
#include "media/media_info.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
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

static const char *channel_layout(int channels)
{
	switch (channels) {
	case 1: return "Mono";
	case 2: return "Stereo";
	case 6: return "5.1";
	case 8: return "7.1";
	default: return NULL;
	}
}

void track_label(const struct media_track *t, char out[TRACK_LABEL_MAX])
{
	struct buf b = BUF_INIT(TRACK_LABEL_MAX - 1);
	buf_addf(&b, "%s", language_name(t->language));
	if (t->kind == TRACK_AUDIO && channel_layout(t->channels))
		buf_addf(&b, " %s", channel_layout(t->channels));
	if (t->forced)
		buf_addf(&b, " (forced)");
	if (t->hearing_impaired)
		buf_addf(&b, " (SDH)");
	if (t->title[0])
		buf_addf(&b, " – %s", t->title);
	snprintf(out, TRACK_LABEL_MAX, "%s", buf_error(&b) ? language_name(t->language) : b.ptr);
	buf_release(&b);
}

bool media_info_select_audio(struct media_info *m, const struct media_track *tracks, size_t n,
                             int index)
{
	for (size_t i = 0; i < n; i++) {
		const struct media_track *t = &tracks[i];
		if (t->kind != TRACK_AUDIO || t->index != index)
			continue;
		snprintf(m->audio_codec, sizeof(m->audio_codec), "%s", t->codec);
		m->audio_channels = t->channels;
		m->audio_index = index;
		return true;
	}
	return false;
}

bool media_info_select_burn_in(struct media_info *m, const struct media_track *tracks, size_t n,
                               int index)
{
	for (size_t i = 0; m->video_codec[0] && i < n; i++) {
		const struct media_track *t = &tracks[i];
		if (t->kind != TRACK_SUBTITLE || t->index < 0 || t->index != index ||
		    media_track_is_text(t))
			continue;
		m->burn_in = true;
		m->burn_index = index;
		return true;
	}
	return false;
}

void media_info_release(struct media_info *m)
{
	free(m->tracks);
	m->tracks = NULL;
	m->tracks_n = 0;
}
