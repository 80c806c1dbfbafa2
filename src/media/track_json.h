/*
 * track_json.h - a media item's audio and subtitle tracks as the API shows
 * them, with the label a menu shows (track_label(), media/media_info.h).
 */
#ifndef BINGE_MEDIA_TRACK_JSON_H
#define BINGE_MEDIA_TRACK_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "media/media_info.h"

/* A new JSON array of the tracks of one kind (TRACK_AUDIO or TRACK_SUBTITLE). */
json_t *track_json_array(const struct media_track *tracks, size_t n, enum track_kind kind);

#endif
