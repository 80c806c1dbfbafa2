/*
 * media_info.h - the technical facts of one media file, as probed.
 */
#ifndef BINGE_MEDIA_MEDIA_INFO_H
#define BINGE_MEDIA_MEDIA_INFO_H

#include <stdint.h>

struct media_info {
	char container[32]; /* "matroska", "mov", "webm", ... */
	int64_t duration_ms;
	char video_codec[32]; /* "" when there is no video stream */
	int width, height;
	int bit_depth;        /* of the video: 8, 10 or 12; 0 when there is no video */
	char hdr[16];         /* "hdr10" (PQ), "hlg", or "" for SDR */
	char audio_codec[32]; /* first audio stream; "" when none */
	int audio_channels;
	char subtitles[128]; /* languages of subtitle streams, comma-separated */
};

#endif
