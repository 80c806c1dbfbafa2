/*
 * device.h - what a viewer's device can play, as its player reports it.
 *
 * The web player asks its browser (MediaSource.isTypeSupported and
 * canPlayType, with profile and level in each codec string, and the
 * display's dynamic range) and sends the answers as query parameters of
 * playback-info (docs/playback.md):
 *
 *   containers=mp4,webm        files it plays as they are
 *   video=h264,hevc,hevc10,vp9,vp910,av1,av110
 *   audio=aac,mp3,opus,vorbis,flac,ac3,eac3,dts,truehd
 *   channels=6                 most audio channels it outputs
 *   hdr=pq,hlg                 transfer functions the display shows
 *   hls=native|mse|none        how it plays HLS
 *   height=1080                tallest picture worth sending
 *   kbps=8000                  most bits per second it wants
 *
 * Unknown names in a list are ignored (a newer player may know more
 * codecs); a malformed number or an unknown hls= value is an error. A
 * client that reports nothing gets the baseline every browser with Media
 * Source Extensions has: H.264 (8-bit) and AAC stereo in MP4, HLS by MSE.
 */
#ifndef BINGE_MEDIA_DEVICE_H
#define BINGE_MEDIA_DEVICE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

enum device_video {
	VIDEO_H264 = 1 << 0,
	VIDEO_HEVC = 1 << 1,
	VIDEO_HEVC_10 = 1 << 2,
	VIDEO_VP9 = 1 << 3,
	VIDEO_VP9_10 = 1 << 4,
	VIDEO_AV1 = 1 << 5,
	VIDEO_AV1_10 = 1 << 6,
};

enum device_audio {
	AUDIO_AAC = 1 << 0,
	AUDIO_MP3 = 1 << 1,
	AUDIO_OPUS = 1 << 2,
	AUDIO_VORBIS = 1 << 3,
	AUDIO_FLAC = 1 << 4,
	AUDIO_AC3 = 1 << 5,
	AUDIO_EAC3 = 1 << 6,
	AUDIO_DTS = 1 << 7,
	AUDIO_TRUEHD = 1 << 8,
};

enum device_container {
	CONTAINER_MP4 = 1 << 0,
	CONTAINER_WEBM = 1 << 1,
	CONTAINER_MKV = 1 << 2,
	CONTAINER_TS = 1 << 3,
};

enum device_hls { HLS_MSE, HLS_NATIVE, HLS_NONE };

struct device_caps {
	unsigned containers, video, audio; /* bit sets of the enums above */
	int max_channels;
	bool hdr_pq, hdr_hlg;
	enum device_hls hls;
	int max_height; /* 0: no limit */
	int max_kbps;   /* 0: no limit */
};

/* The baseline of a client that reports nothing (see above). */
void device_caps_baseline(struct device_caps *caps);

/*
 * Applies one reported parameter (name and value as in the query string) to
 * caps; a name this module does not know is ignored. Errors: BG_INVALID
 * with msg naming the parameter and what was wrong.
 */
enum bg_err device_caps_set(struct device_caps *caps, const char *name, const char *value,
                            char *msg, size_t len);

/* Bits of one codec name ("hevc" -> VIDEO_HEVC), or 0 when unknown. */
unsigned device_video_bit(const char *codec, int bit_depth);
unsigned device_audio_bit(const char *codec);

/* The names of the query parameters device_caps_set() reads, NULL-terminated. */
extern const char *const device_caps_params[];

#endif
