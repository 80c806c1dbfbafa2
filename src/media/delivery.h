/*
 * delivery.h - how one media file reaches one device: the playback
 * decision, and the HLS renditions it asks for.
 *
 * In order of preference (docs/playback.md has the rules with examples):
 *
 *   direct     the device plays the file as it is (container, codecs, bit
 *              depth, HDR, size and bitrate all fit): bytes with ranges.
 *   remux      it decodes the codecs but not the container: both streams
 *              are copied into fragmented MP4 and served as HLS.
 *   audio      it decodes the video but not the audio (AC3, DTS, TrueHD,
 *              too many channels): video copied, audio made AAC.
 *   transcode  it cannot decode the video, cannot show its HDR, or the
 *              picture or bitrate is above what it asked for: the video is
 *              encoded again (H.264, tone-mapped to SDR from HDR; or HEVC
 *              Main 10 keeping HDR10/HLG where the device shows it).
 *   none       it needs HLS and has none: nothing can be sent.
 *
 * HLS answers carry a small ladder: the chosen rendition first, then up to
 * three lower H.264 rungs for the player's adaptive choice.
 */
#ifndef BINGE_MEDIA_DELIVERY_H
#define BINGE_MEDIA_DELIVERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "media/device.h"
#include "media/media_info.h"

enum delivery_method {
	DELIVERY_DIRECT,
	DELIVERY_REMUX,
	DELIVERY_AUDIO,
	DELIVERY_TRANSCODE,
	DELIVERY_NONE,
};

/* "direct", "remux", "audio", "transcode", "none". */
const char *delivery_method_name(enum delivery_method m);

/* One HLS rendition: how its segments are made from the file. */
struct rendition {
	bool copy_video;     /* else encoded to video_codec at height */
	char video_codec[32]; /* "h264" or "hevc" (10-bit); the source's when copied */
	int height;          /* the picture's height (the source's when copied) */
	int video_kbps;      /* the encoder's target; the source's average when copied */
	bool tonemap;        /* HDR to SDR on the way */
	bool has_audio;
	bool copy_audio; /* else AAC */
	int channels;    /* AAC: 2 or 6; copied: the source's */
	int audio_index; /* the file's audio stream it carries (0:a:N) */
	bool burn_in;    /* picture subtitles burned into the (encoded) video */
	int burn_index;  /* which: the file's 0:s:N */
};

/*
 * "copy-aac2", "h264.720.3000.tm-aac2", "hevc.2160.9600-copy", "copy-none";
 * with ".aN" after the audio when it carries the file's audio stream N > 0
 * ("copy-aac2.a1"), then ".sN" when it burns in subtitle stream N
 * ("h264.720.3000-aac2.a1.s0").
 */
#define RENDITION_NAME_MAX 80
void rendition_name(const struct rendition *r, char out[RENDITION_NAME_MAX]);

/*
 * The streams a rendition name's suffixes carry: the audio stream (0 when
 * it names none) and the subtitles burned in (-1 when none). False when a
 * suffix is malformed. Select them in m before rendition_parse().
 */
bool rendition_streams(const char *name, int *audio_index, int *burn_index);

/*
 * Parses a rendition name (from a playlist URL) and checks it is one
 * delivery_decide() could make for the file m, whose selected audio stream
 * and burned-in subtitles must be the ones the name carries: no copy of a
 * stream the file lacks, no picture taller than the source, a known codec.
 * Errors: BG_INVALID with msg.
 */
enum bg_err rendition_parse(const char *name, const struct media_info *m, struct rendition *out,
                            char *msg, size_t len);

/* The RFC 6381 codecs of a rendition for the playlist's CODECS attribute. */
void rendition_codecs(const struct rendition *r, const struct media_info *m, char *out,
                      size_t len);

/* Its peak bits per second for the playlist's BANDWIDTH attribute. */
int64_t rendition_bandwidth(const struct rendition *r);

#define DELIVERY_MAX_RENDITIONS 4
#define DELIVERY_MAX_AUDIO      16

/* An alternate audio rendition: one audio stream of the file, alone. */
struct audio_rendition {
	struct rendition r; /* no video; r.audio_index is the stream */
	int track_id;       /* the track's id (struct media_track) */
	char language[LANGUAGE_CODE_MAX];
	char label[TRACK_LABEL_MAX];
	int channels; /* the rendition's */
};

struct delivery {
	enum delivery_method method;
	char reason[320]; /* for people: why this method */
	struct rendition renditions[DELIVERY_MAX_RENDITIONS]; /* HLS methods: best first */
	int rendition_count;
	bool packaged; /* the renditions are a package's, made ahead (media/package.h) */
	/* With alternate audio (delivery_alternate_audio()), the renditions
	 * above carry no audio; these are the master playlist's audio group
	 * (EXT-X-MEDIA), the selected stream's at audio_default. */
	struct audio_rendition audio[DELIVERY_MAX_AUDIO];
	int audio_count, audio_default;
};

/*
 * Decides how the file at path (its extension names the container), of
 * size bytes and probed as m, reaches a device with caps, under a bitrate
 * cap in kb/s (0: none; the smaller of this and caps->max_kbps counts).
 */
void delivery_decide(const struct media_info *m, const char *path, int64_t size,
                     const struct device_caps *caps, int cap_kbps, struct delivery *out);

/*
 * Moves the audio of an HLS decision d for the file m out of its
 * renditions into one alternate rendition per audio stream of the file
 * (tracks), so a player switches language without restarting the video:
 * AAC (stereo, or 5.1 where the device takes it), an AAC stream copied. Does nothing
 * for a file with fewer than two audio streams or no video, or a decision
 * that is not HLS.
 */
void delivery_alternate_audio(struct delivery *d, const struct media_info *m,
                              const struct media_track *tracks, size_t n,
                              const struct device_caps *caps);

/* a as the alternate audio rendition r (audio only) of the file's track t. */
void delivery_audio_rendition(struct audio_rendition *a, const struct rendition *r,
                              const struct media_track *t);

/*
 * A package's renditions r[0..n-1] (delivery_package_ladder()) with the
 * audio of a file with two or more audio streams (tracks) moved beside the
 * video: the renditions lose their audio and one AAC stereo rendition per
 * stream follows them, up to max in all. Returns the new count (n when
 * nothing moved).
 */
int delivery_package_audio(struct rendition *r, int n, int max, const struct media_info *m,
                           const struct media_track *tracks, size_t tracks_n);

/*
 * The renditions of a package made ahead (every device plays them): one
 * per height in heights (rungs of the ladder, any order), H.264 at the
 * rung's rate, tone-mapped when the source is HDR, with AAC stereo; a
 * rung taller than the source is left out (no upscaling), and when every
 * one is, the source's own height is the one rendition. Tallest first,
 * at most max of them, their number in *count.
 * Errors: BG_INVALID with msg naming a height that is not a rung.
 */
enum bg_err delivery_package_ladder(const struct media_info *m, const int *heights, int n,
                                    struct rendition *out, int max, int *count, char *msg,
                                    size_t len);

/* The ladder's heights, tallest first: "2160,1440,1080,720,480,360". */
const char *delivery_ladder_heights(void);

#endif
