/*
 * media_name.h - what a media file's path says it is.
 *
 * Parses the folder and file naming the self-hosted media servers use:
 *
 *   Show Name (2015)/Season 01/Show Name - S01E01 - Episode Title.mkv
 *   Show Name/Show.Name.S01E02.720p.mkv
 *   Show Name/Season 1/Show Name - S01E01E02.mkv        (a double episode)
 *   Show Name/Specials/Show Name - S00E01.mkv           (season 0)
 *   Show Name/Show Name 1x03.mkv
 *   Film Name (2019)/Film Name (2019).mp4
 *
 * The path is relative to a library folder, '/'-separated. A file whose
 * extension is not a video container, or whose name marks it as a sample
 * or extra, is not media. Pure; no I/O; O(length of path).
 */
#ifndef BINGE_MEDIA_MEDIA_NAME_H
#define BINGE_MEDIA_MEDIA_NAME_H

#include <stdbool.h>

enum media_kind { MEDIA_NONE, MEDIA_EPISODE, MEDIA_FILM };

struct media_name {
	enum media_kind kind;
	char show[256];  /* series or film name, "" if the path does not say */
	int year;        /* 0 if unknown */
	int season;      /* episodes: 0 = specials */
	int episode;     /* episodes: first episode number */
	int episode_end; /* episodes: last number of a multi-episode file */
	char title[256]; /* episodes: the title after "SxxEyy - ", or "" */
};

/*
 * Parses a library-relative path. Returns false (kind MEDIA_NONE) when the
 * path names no episode or film: not a video, a sample, or no pattern.
 */
bool media_name_parse(const char *path, struct media_name *out);

/* True if the file name's extension is a video container binge probes. */
bool media_name_is_video(const char *path);

#endif
