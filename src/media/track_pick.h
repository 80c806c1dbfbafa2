/*
 * track_pick.h - which audio and subtitles a viewer starts with, from what
 * they prefer (media/track_pick.c has the rules, docs/playback.md the
 * examples).
 *
 *   audio      the first track in the preferred language; else the one the
 *              file marks default; else the first.
 *   subtitles  on: the preferred subtitle language's first full track
 *              (not forced; a plain one before SDH). Off: none, unless
 *              the audio is not in the preferred audio language, when
 *              subtitles in that language are shown if the file has them
 *              (Jellyfin's "smart" mode: an English speaker watching a
 *              Spanish-only film gets English subtitles).
 *
 * Pure: no I/O.
 */
#ifndef BINGE_MEDIA_TRACK_PICK_H
#define BINGE_MEDIA_TRACK_PICK_H

#include <stdbool.h>
#include <stddef.h>

#include "media/media_info.h"

struct track_prefs {
	char audio[LANGUAGE_CODE_MAX];     /* the language wanted for audio */
	char subtitles[LANGUAGE_CODE_MAX]; /* for subtitles; "" when off */
	const char *from;                  /* "series", "profile" or "territory" */
};

struct track_picked {
	int audio_id, audio_index; /* the track's id and its 0:a:N; -1: no audio */
	int subtitle_id;           /* -1: none shown */
	const char *from;          /* the preferences' source (struct track_prefs) */
};

void track_pick(const struct media_track *tracks, size_t n, const struct track_prefs *prefs,
                struct track_picked *out);

#endif
