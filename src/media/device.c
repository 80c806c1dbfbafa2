/* device.c - a device's reported capabilities; see device.h. */
#include "media/device.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

const char *const device_caps_params[] = {"containers", "video", "audio", "channels", "hdr",
                                          "hls",        "height", "kbps", NULL};

struct named_bit {
	const char *name;
	unsigned bit;
};

static const struct named_bit video_names[] = {
        {"h264", VIDEO_H264}, {"hevc", VIDEO_HEVC}, {"hevc10", VIDEO_HEVC_10},
        {"vp9", VIDEO_VP9},   {"vp910", VIDEO_VP9_10}, {"av1", VIDEO_AV1},
        {"av110", VIDEO_AV1_10}, {NULL, 0}};
static const struct named_bit audio_names[] = {
        {"aac", AUDIO_AAC},   {"mp3", AUDIO_MP3},   {"opus", AUDIO_OPUS},
        {"vorbis", AUDIO_VORBIS}, {"flac", AUDIO_FLAC}, {"ac3", AUDIO_AC3},
        {"eac3", AUDIO_EAC3}, {"dts", AUDIO_DTS},   {"truehd", AUDIO_TRUEHD},
        {NULL, 0}};
static const struct named_bit container_names[] = {{"mp4", CONTAINER_MP4},
                                                   {"webm", CONTAINER_WEBM},
                                                   {"mkv", CONTAINER_MKV},
                                                   {"ts", CONTAINER_TS},
                                                   {NULL, 0}};

static unsigned bit_of(const struct named_bit *names, const char *name, size_t len)
{
	for (; names->name; names++)
		if (strlen(names->name) == len && strncmp(names->name, name, len) == 0)
			return names->bit;
	return 0;
}

/* The bits of a comma-separated list; unknown names add nothing. */
static unsigned bits_of_list(const struct named_bit *names, const char *list)
{
	unsigned bits = 0;
	while (*list) {
		size_t len = strcspn(list, ",");
		bits |= bit_of(names, list, len);
		list += len + (list[len] == ',');
	}
	return bits;
}

void device_caps_baseline(struct device_caps *caps)
{
	*caps = (struct device_caps){.containers = CONTAINER_MP4,
	                             .video = VIDEO_H264,
	                             .audio = AUDIO_AAC,
	                             .max_channels = 2,
	                             .hls = HLS_MSE};
}

static enum bg_err number(const char *name, const char *value, long lo, long hi, int *out,
                          char *msg, size_t len)
{
	char *end;
	errno = 0;
	long v = strtol(value, &end, 10);
	if (errno || end == value || *end || v < lo || v > hi) {
		snprintf(msg, len, "%s: must be a whole number from %ld to %ld, not '%.32s'", name,
		         lo, hi, value);
		return BG_INVALID;
	}
	*out = (int)v;
	return BG_OK;
}

enum bg_err device_caps_set(struct device_caps *caps, const char *name, const char *value,
                            char *msg, size_t len)
{
	if (strcmp(name, "containers") == 0) {
		caps->containers = bits_of_list(container_names, value);
	} else if (strcmp(name, "video") == 0) {
		caps->video = bits_of_list(video_names, value);
	} else if (strcmp(name, "audio") == 0) {
		caps->audio = bits_of_list(audio_names, value);
	} else if (strcmp(name, "channels") == 0) {
		return number(name, value, 1, 16, &caps->max_channels, msg, len);
	} else if (strcmp(name, "hdr") == 0) {
		caps->hdr_pq = caps->hdr_hlg = false;
		for (const char *p = value; *p;) {
			size_t n = strcspn(p, ",");
			caps->hdr_pq |= n == 2 && strncmp(p, "pq", 2) == 0;
			caps->hdr_hlg |= n == 3 && strncmp(p, "hlg", 3) == 0;
			p += n + (p[n] == ',');
		}
	} else if (strcmp(name, "hls") == 0) {
		if (strcmp(value, "mse") == 0)
			caps->hls = HLS_MSE;
		else if (strcmp(value, "native") == 0)
			caps->hls = HLS_NATIVE;
		else if (strcmp(value, "none") == 0)
			caps->hls = HLS_NONE;
		else {
			snprintf(msg, len, "hls: must be native, mse or none, not '%.32s'", value);
			return BG_INVALID;
		}
	} else if (strcmp(name, "height") == 0) {
		return number(name, value, 0, 8640, &caps->max_height, msg, len);
	} else if (strcmp(name, "kbps") == 0) {
		return number(name, value, 0, 1000000, &caps->max_kbps, msg, len);
	}
	return BG_OK;
}

unsigned device_video_bit(const char *codec, int bit_depth)
{
	bool deep = bit_depth > 8;
	if (strcmp(codec, "h264") == 0)
		return deep ? 0 : VIDEO_H264; /* High 10 plays in no browser */
	if (strcmp(codec, "hevc") == 0)
		return deep ? VIDEO_HEVC_10 : VIDEO_HEVC;
	if (strcmp(codec, "vp9") == 0)
		return deep ? VIDEO_VP9_10 : VIDEO_VP9;
	if (strcmp(codec, "av1") == 0)
		return deep ? VIDEO_AV1_10 : VIDEO_AV1;
	return 0;
}

unsigned device_audio_bit(const char *codec)
{
	return bit_of(audio_names, codec, strlen(codec));
}
