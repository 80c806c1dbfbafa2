/*
 * track_prefs_store.h - the languages a profile wants (media/track_pick.h
 * picks the tracks from them): the last choice it made in the player for
 * the series or film, else the profile's own languages, else the language
 * of its account's territory with subtitles off.
 */
#ifndef BINGE_MEDIA_TRACK_PREFS_STORE_H
#define BINGE_MEDIA_TRACK_PREFS_STORE_H

#include <stdint.h>

#include "core/err.h"
#include "media/track_pick.h"

struct store;

/*
 * The preferences of profile_id (0: an admin's account, which has only its
 * territory's) when it watches title_id (an episode or film).
 */
enum bg_err track_prefs_load(struct store *st, int64_t profile_id, int64_t title_id,
                             const char *territory, struct track_prefs *out);

/*
 * Remembers the languages the profile chose in the player for the series
 * or film title_id belongs to; subtitles "" means off.
 */
enum bg_err track_prefs_remember(struct store *st, int64_t profile_id, int64_t title_id,
                                 const char *audio, const char *subtitles, const char *now);

/*
 * Sets the profile's own languages: audio NULL goes back to the
 * territory's; subtitles NULL or "" is off. Errors: BG_NOT_FOUND.
 */
enum bg_err track_prefs_set_profile(struct store *st, int64_t profile_id, const char *audio,
                                    const char *subtitles);

#endif
