/*
 * sidecar.h - subtitle files beside a video, named the way Jellyfin and
 * Plex read them: the video's name, then dot-separated tags, then the
 * subtitle format:
 *
 *   Show - S01E01.mkv
 *   Show - S01E01.srt              language unknown
 *   Show - S01E01.en.srt           English
 *   Show - S01E01.eng.forced.srt   English, forced (foreign dialogue only)
 *   Show - S01E01.en.sdh.vtt       English, for the deaf and hard of hearing
 *   Show - S01E01.es.default.ass   Spanish, shown unless the viewer says otherwise
 *
 * A tag is a language (code or English name), forced, sdh/cc/hi, or
 * default; other tags make the track's title ("Show - S01E01.en.Commentary.srt").
 */
#ifndef BINGE_MEDIA_SIDECAR_H
#define BINGE_MEDIA_SIDECAR_H

#include <stdbool.h>

#include "media/media_info.h"

/* True for a name ending in .srt, .vtt, .ass or .ssa (any case). */
bool sidecar_is_subtitle(const char *name);

/*
 * True when subtitle (a file name, no folder) belongs to video (the same):
 * fills *out as a TRACK_SUBTITLE with index -1 and file = subtitle.
 */
bool sidecar_match(const char *video, const char *subtitle, struct media_track *out);

#endif
