/* track_pick.c - the tracks a viewer starts with; see track_pick.h. */
#include "media/track_pick.h"

#include <string.h>

#include "core/banned.h"

static const struct media_track *first_audio(const struct media_track *t, size_t n,
                                             const char *language, bool default_only)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].kind == TRACK_AUDIO && (!language || strcmp(t[i].language, language) == 0) &&
		    (!default_only || t[i].is_default))
			return &t[i];
	return NULL;
}

/* A full (not forced) text subtitle in language; plain before SDH. */
static const struct media_track *full_subtitle(const struct media_track *t, size_t n,
                                               const char *language)
{
	const struct media_track *sdh = NULL;
	for (size_t i = 0; i < n; i++) {
		if (t[i].kind != TRACK_SUBTITLE || t[i].forced || !media_track_is_text(&t[i]) ||
		    strcmp(t[i].language, language) != 0)
			continue;
		if (!t[i].hearing_impaired)
			return &t[i];
		if (!sdh)
			sdh = &t[i];
	}
	return sdh;
}

void track_pick(const struct media_track *tracks, size_t n, const struct track_prefs *prefs,
                struct track_picked *out)
{
	const struct media_track *audio = first_audio(tracks, n, prefs->audio, false);
	bool audio_in_language = audio != NULL;
	if (!audio)
		audio = first_audio(tracks, n, NULL, true);
	if (!audio)
		audio = first_audio(tracks, n, NULL, false);
	out->audio_id = audio ? audio->id : -1;
	out->audio_index = audio ? audio->index : -1;
	const char *want = prefs->subtitles[0] ? prefs->subtitles
	                   : !audio_in_language && audio && prefs->audio[0] ? prefs->audio
	                                                                    : NULL;
	const struct media_track *sub = want ? full_subtitle(tracks, n, want) : NULL;
	out->subtitle_id = sub ? sub->id : -1;
	out->from = prefs->from;
}
