/* track_json.c - tracks as JSON; see track_json.h. */
#include "media/track_json.h"

#include <stdio.h>
#include <string.h>

#include "core/banned.h"

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
