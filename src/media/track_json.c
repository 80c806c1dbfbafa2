/* track_json.c - tracks as JSON; see track_json.h. */
#include "media/track_json.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/banned.h"

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

json_t *track_json_array(const struct media_track *tracks, size_t n, enum track_kind kind)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct media_track *t = &tracks[i];
		if (t->kind != kind)
			continue;
		char label[TRACK_LABEL_MAX];
		track_label(t, label);
		json_t *o = json_pack("{s:i,s:s,s:s,s:s,s:s,s:b}", "id", t->id, "language",
		                      t->language, "srclang", language_tag(t->language), "label",
		                      label, "codec", t->codec, "default", t->is_default);
		if (kind == TRACK_AUDIO) {
			json_object_set_new(o, "channels", json_integer(t->channels));
		} else {
			json_object_set_new(o, "forced", json_boolean(t->forced));
			json_object_set_new(o, "sdh", json_boolean(t->hearing_impaired));
			json_object_set_new(o, "external", json_boolean(t->index < 0));
			/* Text is served as WebVTT; a picture is burned into the video. */
			json_object_set_new(o, "text", json_boolean(media_track_is_text(t)));
		}
		json_array_append_new(a, o);
	}
	return a;
}
