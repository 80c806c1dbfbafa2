/*
 * artwork_name.h - what an image beside the media is, by the names Jellyfin
 * and Plex read (relative to the library's folder):
 *
 *   Show/poster.jpg, folder.jpg, cover.jpg   the series' (or film's) poster
 *   Show/fanart.jpg, backdrop.jpg, background.jpg   its backdrop
 *   Show/logo.png, clearlogo.png             its logo
 *   Show/season02-poster.jpg, season-specials-poster.jpg   a season's poster
 *   Show/Season 02/poster.jpg (folder.jpg)   that season's poster
 *   Show/Season 02/Show - S02E01-thumb.jpg   the episode's still
 *   Film (2019)/Film (2019)-poster.jpg, -fanart.jpg   the film's
 *
 * Images are .jpg, .jpeg, .png or .webp, any case. Pure.
 */
#ifndef BINGE_MEDIA_ARTWORK_NAME_H
#define BINGE_MEDIA_ARTWORK_NAME_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/artwork_store.h"
#include "media/folder_title.h"

/* Whether a file name is an image binge reads. */
bool artwork_is_image(const char *name);

struct artwork_name {
	enum artwork_kind kind;
	enum folder_target target; /* where its title is (folder_title()) */
	size_t stem_len;           /* FOLDER_STEM: the video's path less its extension */
	int season;                /* >= 0: the poster of this season of the FOLDER_TOP series */
};

/* What the image at rel_path is; false when its name says no artwork. */
bool artwork_name_parse(const char *rel_path, struct artwork_name *out);

#endif
