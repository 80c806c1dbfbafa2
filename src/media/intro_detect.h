/*
 * intro_detect.h - the intros of a season's episodes, by comparing their
 * audio (media/fingerprint.h, media/intro.h): each episode's first quarter
 * (at most INTRO_DETECT_MAX_S) is fingerprinted, and each episode is
 * compared with the next (the last with the first), as Jellyfin's
 * intro-skipper does; an episode keeps the longest intro any comparison
 * found for it.
 */
#ifndef BINGE_MEDIA_INTRO_DETECT_H
#define BINGE_MEDIA_INTRO_DETECT_H

#include <stddef.h>

#include "core/err.h"
#include "core/progress.h"
#include "media/media_info.h"
#include "media/media_store.h"

#define INTRO_DETECT_MAX_S 600
#define INTRO_DETECT_MIN_S 90 /* looked at even in a short file's first quarter */

/*
 * Finds the intros of n episodes of one season into found[i] (intro_start
 * and intro_end; -1 when none), showing progress when prog is not NULL.
 * A file whose audio cannot be fingerprinted gets none and its problem in
 * problems[i] (may be NULL). Errors: BG_NOMEM.
 */
enum bg_err intro_detect_season(const struct episode_media *eps, size_t n, struct progress *prog,
                                struct media_markers *found, char (*problems)[160]);

#endif
