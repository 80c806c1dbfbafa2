/* delivery.c - the playback decision and HLS renditions; see delivery.h. */
#include "media/delivery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/banned.h"

/* The ladder: H.264 kb/s per height (HEVC needs about 0.6 of it). */
static const struct {
	int height, kbps;
} ladder[] = {{2160, 16000}, {1440, 9000}, {1080, 6000}, {720, 3000}, {480, 1500}, {360, 800}};
#define LADDER_LEN ((int)(sizeof(ladder) / sizeof(ladder[0])))
#define HEVC_KBPS(k) ((k) * 3 / 5)
#define AAC_KBPS(ch) ((ch) > 2 ? 384 : 128)

const char *delivery_method_name(enum delivery_method m)
{
	switch (m) {
	case DELIVERY_DIRECT:
		return "direct";
	case DELIVERY_REMUX:
		return "remux";
	case DELIVERY_AUDIO:
		return "audio";
	case DELIVERY_TRANSCODE:
		return "transcode";
	case DELIVERY_NONE:
		break;
	}
	return "none";
}

/* The container the file's extension names, as a device_container bit. */
static unsigned container_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	static const struct {
		const char *ext;
		unsigned bit;
	} exts[] = {{".mp4", CONTAINER_MP4}, {".m4v", CONTAINER_MP4}, {".mov", CONTAINER_MP4},
	            {".webm", CONTAINER_WEBM}, {".mkv", CONTAINER_MKV}, {".ts", CONTAINER_TS},
	            {".m2ts", CONTAINER_TS}};
	for (size_t i = 0; dot && i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strcmp(dot, exts[i].ext) == 0)
			return exts[i].bit;
	return 0;
}

/* Codecs FFmpeg's MP4 muxer carries in fragmented MP4, so they may be copied. */
static bool fmp4_video(const char *codec)
{
	return strcmp(codec, "h264") == 0 || strcmp(codec, "hevc") == 0 ||
	       strcmp(codec, "av1") == 0 || strcmp(codec, "vp9") == 0;
}

static bool fmp4_audio(const char *codec)
{
	static const char *const ok[] = {"aac", "mp3", "opus", "flac", "ac3", "eac3", NULL};
	for (const char *const *c = ok; *c; c++)
		if (strcmp(codec, *c) == 0)
			return true;
	return false;
}

static int source_kbps(const struct media_info *m, int64_t size)
{
	return m->duration_ms > 0 ? (int)(size * 8 / m->duration_ms) : 0;
}

/* The tallest rung at most max_height whose rate fits cap_kbps (0: none). */
static int rung_for(int max_height, int cap_kbps, bool hevc)
{
	for (int i = 0; i < LADDER_LEN; i++) {
		int kbps = hevc ? HEVC_KBPS(ladder[i].kbps) : ladder[i].kbps;
		if (ladder[i].height <= max_height && (!cap_kbps || kbps <= cap_kbps))
			return i;
	}
	return LADDER_LEN - 1;
}

static void encoded(struct rendition *r, const char *codec, int height, int kbps, bool tonemap)
{
	r->copy_video = false;
	snprintf(r->video_codec, sizeof(r->video_codec), "%s", codec);
	r->height = height;
	r->video_kbps = kbps;
	r->tonemap = tonemap;
}

static void audio_of(struct rendition *r, const struct media_info *m, bool copy,
                     const struct device_caps *caps)
{
	r->has_audio = m->audio_codec[0] != '\0';
	r->copy_audio = r->has_audio && copy;
	r->audio_index = m->audio_index;
	r->burn_in = m->burn_in;
	r->burn_index = m->burn_in ? m->burn_index : 0;
	if (r->copy_audio)
		r->channels = m->audio_channels;
	else if (r->has_audio)
		r->channels = m->audio_channels > 2 && caps->max_channels >= 6 ? 6 : 2;
}

/* Adds lower H.264 rungs below the first rendition, up to the maximum. */
static void add_lower_rungs(struct delivery *d, const struct media_info *m)
{
	const struct rendition *top = &d->renditions[0];
	for (int i = 0; i < LADDER_LEN && d->rendition_count < DELIVERY_MAX_RENDITIONS; i++) {
		if (ladder[i].height >= top->height || ladder[i].height >= m->height)
			continue;
		struct rendition *r = &d->renditions[d->rendition_count++];
		*r = *top;
		/* The same audio as the top rung, so a switch is seamless. */
		encoded(r, "h264", ladder[i].height, ladder[i].kbps, m->hdr[0] != '\0');
	}
}

void delivery_decide(const struct media_info *m, const char *path, int64_t size,
                     const struct device_caps *caps, int cap_kbps, struct delivery *d)
{
	memset(d, 0, sizeof(*d));
	if (caps->max_kbps && (!cap_kbps || caps->max_kbps < cap_kbps))
		cap_kbps = caps->max_kbps;
	struct buf why = BUF_INIT(sizeof(d->reason) - 1);
	bool has_video = m->video_codec[0] != '\0', has_audio = m->audio_codec[0] != '\0';
	int kbps = source_kbps(m, size);
	bool pq = strcmp(m->hdr, "hdr10") == 0, hlg = strcmp(m->hdr, "hlg") == 0;

	bool codec_ok = !has_video || (device_video_bit(m->video_codec, m->bit_depth) & caps->video);
	bool hdr_ok = (!pq || caps->hdr_pq) && (!hlg || caps->hdr_hlg);
	bool height_ok = !has_video || !caps->max_height || m->height <= caps->max_height;
	bool rate_ok = !cap_kbps || kbps <= cap_kbps;
	bool video_ok = codec_ok && hdr_ok && height_ok && rate_ok;
	bool audio_ok = !has_audio || ((device_audio_bit(m->audio_codec) & caps->audio) &&
	                               m->audio_channels <= caps->max_channels);
	bool container_ok = container_of(path) & caps->containers;
	/* A browser plays a file's first audio stream; another needs HLS. */
	bool first_audio = m->audio_index == 0;
	/* Picture subtitles cannot be sent beside the video: they go into it. */
	bool burn = has_video && m->burn_in;

	if (video_ok && audio_ok && container_ok && first_audio && !burn) {
		d->method = DELIVERY_DIRECT;
		buf_addf(&why, "the device plays this file as it is (%s%s%s)", m->video_codec,
		         has_video && has_audio ? ", " : "", m->audio_codec);
		goto done;
	}
	if (!codec_ok)
		buf_addf(&why, "it cannot decode %s%s video; ", m->video_codec,
		         m->bit_depth > 8 ? " 10-bit" : "");
	if (codec_ok && !hdr_ok)
		buf_addf(&why, "the display shows no %s; ", pq ? "HDR10" : "HLG");
	if (!height_ok)
		buf_addf(&why, "%dp is above its %dp; ", m->height, caps->max_height);
	if (!rate_ok)
		buf_addf(&why, "%d kb/s is above the %d kb/s cap; ", kbps, cap_kbps);
	if (!audio_ok)
		buf_addf(&why, "it cannot play %s audio (%d channels); ", m->audio_codec,
		         m->audio_channels);
	if (!first_audio)
		buf_addf(&why, "the chosen audio is the file's stream %d, not its first; ",
		         m->audio_index);
	if (burn)
		buf_addf(&why, "the chosen subtitles are pictures (stream %d), burned into the video; ",
		         m->burn_index);
	if (first_audio && !burn && video_ok && audio_ok)
		buf_addf(&why, "it cannot open %s files; ",
		         strrchr(path, '.') ? strrchr(path, '.') + 1 : "these");
	if (caps->hls == HLS_NONE) {
		d->method = DELIVERY_NONE;
		buf_addf(&why, "and it plays no HLS, so nothing can be sent");
		goto done;
	}
	struct rendition *top = &d->renditions[0];
	d->rendition_count = 1;
	bool copy_video = has_video && video_ok && !burn && fmp4_video(m->video_codec);
	bool copy_audio = has_audio && audio_ok && fmp4_audio(m->audio_codec);
	audio_of(top, m, copy_audio, caps);
	if (copy_video || !has_video) {
		top->copy_video = has_video;
		snprintf(top->video_codec, sizeof(top->video_codec), "%s", m->video_codec);
		top->height = m->height;
		top->video_kbps = kbps;
		d->method = copy_audio || !has_audio ? DELIVERY_REMUX : DELIVERY_AUDIO;
		buf_addf(&why, d->method == DELIVERY_REMUX
		                       ? "streams copied into fMP4 HLS"
		                       : "video copied, audio made AAC %s",
		         top->channels > 2 ? "5.1" : "stereo");
	} else {
		d->method = DELIVERY_TRANSCODE;
		/* HDR kept where the display shows it and HEVC Main 10 decodes. */
		bool keep_hdr = (pq || hlg) && hdr_ok && (caps->video & VIDEO_HEVC_10);
		int max_h = m->height;
		if (caps->max_height && caps->max_height < max_h)
			max_h = caps->max_height;
		int i = rung_for(max_h, cap_kbps, keep_hdr);
		int height = ladder[i].height <= m->height ? ladder[i].height : m->height & ~1;
		encoded(top, keep_hdr ? "hevc" : "h264", height,
		        keep_hdr ? HEVC_KBPS(ladder[i].kbps) : ladder[i].kbps, (pq || hlg) && !keep_hdr);
		buf_addf(&why, "video encoded to %s %dp%s", keep_hdr ? "HEVC Main 10" : "H.264",
		         height, keep_hdr ? " keeping HDR" : top->tonemap ? " tone-mapped to SDR" : "");
		if (has_audio)
			buf_addf(&why, ", audio %s", top->copy_audio ? "copied" : "made AAC");
	}
	if (has_video)
		add_lower_rungs(d, m);
done:
	snprintf(d->reason, sizeof(d->reason), "%s", why.ptr ? why.ptr : "");
	buf_release(&why);
}

/* Whether the file has video and two or more audio streams inside it. */
static bool several_audio_streams(const struct media_info *m, const struct media_track *tracks,
                                  size_t n)
{
	size_t streams = 0;
	for (size_t i = 0; i < n; i++)
		streams += tracks[i].kind == TRACK_AUDIO && tracks[i].index >= 0;
	return streams >= 2 && m->video_codec[0];
}

static void drop_audio(struct rendition *r)
{
	r->has_audio = r->copy_audio = false;
	r->channels = r->audio_index = 0;
}

/* The audio-only rendition of audio stream t. */
static struct rendition audio_only(const struct media_track *t, bool copy, int channels)
{
	return (struct rendition){.has_audio = true, .copy_audio = copy, .audio_index = t->index,
	                          .channels = channels};
}

void delivery_audio_rendition(struct audio_rendition *a, const struct rendition *r,
                              const struct media_track *t)
{
	a->r = *r;
	a->channels = r->channels;
	a->track_id = t->id;
	snprintf(a->language, sizeof(a->language), "%s", t->language);
	track_label(t, a->label);
}

void delivery_alternate_audio(struct delivery *d, const struct media_info *m,
                              const struct media_track *tracks, size_t n,
                              const struct device_caps *caps)
{
	if (!d->rendition_count || !d->renditions[0].has_audio ||
	    !several_audio_streams(m, tracks, n))
		return;
	d->audio_count = d->audio_default = 0;
	for (size_t i = 0; i < n && d->audio_count < DELIVERY_MAX_AUDIO; i++) {
		const struct media_track *t = &tracks[i];
		if (t->kind != TRACK_AUDIO || t->index < 0)
			continue;
		bool copy = strcmp(t->codec, "aac") == 0 && t->channels <= caps->max_channels;
		int channels = copy ? t->channels : t->channels > 2 && caps->max_channels >= 6 ? 6 : 2;
		struct rendition r = audio_only(t, copy, channels);
		delivery_audio_rendition(&d->audio[d->audio_count], &r, t);
		if (t->index == m->audio_index)
			d->audio_default = d->audio_count;
		d->audio_count++;
	}
	for (int i = 0; i < d->rendition_count; i++)
		drop_audio(&d->renditions[i]);
	size_t used = strlen(d->reason);
	snprintf(d->reason + used, sizeof(d->reason) - used,
	         "; audio as %d renditions beside the video, one per track", d->audio_count);
}

int delivery_package_audio(struct rendition *r, int n, int max, const struct media_info *m,
                           const struct media_track *tracks, size_t tracks_n)
{
	if (n == 0 || !r[0].has_audio || !several_audio_streams(m, tracks, tracks_n))
		return n;
	for (int i = 0; i < n; i++)
		drop_audio(&r[i]);
	int count = n;
	for (size_t i = 0; i < tracks_n && count < max; i++)
		if (tracks[i].kind == TRACK_AUDIO && tracks[i].index >= 0)
			r[count++] = audio_only(&tracks[i], false, 2); /* every device plays AAC stereo */
	return count;
}

void rendition_name(const struct rendition *r, char out[RENDITION_NAME_MAX])
{
	char video[48], audio[8], streams[24] = "";
	if (r->copy_video)
		snprintf(video, sizeof(video), "copy");
	else if (!r->video_codec[0])
		snprintf(video, sizeof(video), "none");
	else
		snprintf(video, sizeof(video), "%s.%d.%d%s", r->video_codec, r->height,
		         r->video_kbps, r->tonemap ? ".tm" : "");
	if (!r->has_audio)
		snprintf(audio, sizeof(audio), "none");
	else if (r->copy_audio)
		snprintf(audio, sizeof(audio), "copy");
	else
		snprintf(audio, sizeof(audio), "aac%d", r->channels);
	size_t used = 0;
	if (r->has_audio && r->audio_index > 0)
		used = (size_t)snprintf(streams, sizeof(streams), ".a%d", r->audio_index);
	if (r->burn_in)
		snprintf(streams + used, sizeof(streams) - used, ".s%d", r->burn_index);
	snprintf(out, RENDITION_NAME_MAX, "%s-%s%s", video, audio, streams);
}

static bool whole(const char *s, size_t len, int lo, int hi, int *out)
{
	/* Canonical only: "0300" would name the same rendition, and its cache, twice. */
	if (len == 0 || len > 6 || (len > 1 && s[0] == '0'))
		return false;
	int v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return v >= lo && v <= hi;
}

/* AUDIO[.aN][.sN] after the dash: *suffix at the first suffix (or the end). */
bool rendition_streams(const char *name, int *audio_index, int *burn_index)
{
	*audio_index = 0;
	*burn_index = -1;
	const char *dash = strchr(name, '-');
	if (!dash)
		return true; /* no streams named; rendition_parse() judges the rest */
	const char *p = strchr(dash, '.');
	if (p && p[1] == 'a') {
		/* .a0 is never written (stream 0 is named by no suffix): one name per rendition. */
		size_t n = strcspn(p + 2, ".");
		if (!whole(p + 2, n, 1, MEDIA_TRACKS_MAX, audio_index))
			return false;
		p += 2 + n;
		p = *p ? p : NULL;
	}
	if (p && p[1] == 's') {
		if (!whole(p + 2, strlen(p + 2), 0, MEDIA_TRACKS_MAX, burn_index))
			return false;
		p = NULL;
	}
	return p == NULL;
}

enum bg_err rendition_parse(const char *name, const struct media_info *m, struct rendition *out,
                            char *msg, size_t len)
{
	memset(out, 0, sizeof(*out));
	const char *dash = strchr(name, '-');
	if (!dash)
		goto bad;
	size_t vlen = (size_t)(dash - name);
	/* AUDIO[.aN][.sN]: the streams selected in m. */
	char audio[16];
	size_t alen = strcspn(dash + 1, ".");
	int audio_index, burn_index;
	if (alen >= sizeof(audio) || !rendition_streams(name, &audio_index, &burn_index) ||
	    audio_index != m->audio_index || (burn_index >= 0) != m->burn_in ||
	    (m->burn_in && burn_index != m->burn_index))
		goto bad;
	snprintf(audio, sizeof(audio), "%.*s", (int)alen, dash + 1);
	out->audio_index = m->audio_index;
	out->burn_in = m->burn_in;
	out->burn_index = m->burn_in ? m->burn_index : 0;
	bool has_video = m->video_codec[0] != '\0', has_audio = m->audio_codec[0] != '\0';
	if (vlen == 4 && strncmp(name, "copy", 4) == 0) {
		if (!has_video || !fmp4_video(m->video_codec) || m->burn_in)
			goto bad;
		out->copy_video = true;
		snprintf(out->video_codec, sizeof(out->video_codec), "%s", m->video_codec);
		out->height = m->height;
	} else if (vlen == 4 && strncmp(name, "none", 4) == 0) {
		/* No video: a file without any, or an alternate audio rendition. */
		if (m->burn_in)
			goto bad;
	} else {
		/* CODEC.HEIGHT.KBPS[.tm] */
		const char *p = name, *end = dash;
		size_t n = strcspn(p, ".");
		if (p + n >= end || (n != 4) ||
		    (strncmp(p, "h264", 4) != 0 && strncmp(p, "hevc", 4) != 0) || !has_video)
			goto bad;
		snprintf(out->video_codec, sizeof(out->video_codec), "%.4s", p);
		p += n + 1;
		n = strcspn(p, ".-");
		if (!whole(p, n, 144, m->height > 144 ? m->height : 144, &out->height) ||
		    (out->height & 1))
			goto bad;
		p += n;
		if (*p++ != '.')
			goto bad;
		n = strcspn(p, ".-");
		if (!whole(p, n, 100, 100000, &out->video_kbps))
			goto bad;
		p += n;
		if (p < end) {
			if ((size_t)(end - p) != 3 || strncmp(p, ".tm", 3) != 0 || !m->hdr[0])
				goto bad;
			out->tonemap = true;
		}
	}
	if (strcmp(audio, "none") == 0) {
		/* No audio: a file without any, or the video beside alternate audio. */
		if (audio_index || (!out->copy_video && !out->video_codec[0]))
			goto bad;
	} else if (strcmp(audio, "copy") == 0) {
		if (!has_audio || !fmp4_audio(m->audio_codec))
			goto bad;
		out->has_audio = out->copy_audio = true;
		out->channels = m->audio_channels;
	} else if (strcmp(audio, "aac2") == 0 || strcmp(audio, "aac6") == 0) {
		if (!has_audio)
			goto bad;
		out->has_audio = true;
		out->channels = audio[3] - '0';
	} else {
		goto bad;
	}
	return BG_OK;
bad:
	snprintf(msg, len, "no rendition '%.48s' of this media", name);
	return BG_INVALID;
}

void rendition_codecs(const struct rendition *r, const struct media_info *m, char *out,
                      size_t len)
{
	const char *video = "";
	const char *codec = r->copy_video ? m->video_codec : r->video_codec;
	bool deep = r->copy_video ? m->bit_depth > 8 : strcmp(r->video_codec, "hevc") == 0;
	if (strcmp(codec, "h264") == 0)
		video = r->height > 1080 ? "avc1.640033" : "avc1.640028"; /* High 5.1 / 4.0 */
	else if (strcmp(codec, "hevc") == 0)
		video = deep ? "hvc1.2.4.L153.B0" : "hvc1.1.6.L153.B0"; /* Main 10 / Main, 5.1 */
	else if (strcmp(codec, "av1") == 0)
		video = deep ? "av01.0.13M.10" : "av01.0.13M.08";
	else if (strcmp(codec, "vp9") == 0)
		video = deep ? "vp09.02.51.10" : "vp09.00.51.08";
	const char *audio = "";
	if (r->has_audio && !r->copy_audio)
		audio = "mp4a.40.2";
	else if (r->has_audio) {
		static const struct {
			const char *codec, *rfc6381;
		} a[] = {{"aac", "mp4a.40.2"}, {"mp3", "mp4a.40.34"}, {"opus", "opus"},
		         {"flac", "fLaC"},     {"ac3", "ac-3"},       {"eac3", "ec-3"}};
		for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++)
			if (strcmp(m->audio_codec, a[i].codec) == 0)
				audio = a[i].rfc6381;
	}
	snprintf(out, len, "%s%s%s", video, video[0] && audio[0] ? "," : "", audio);
}

int64_t rendition_bandwidth(const struct rendition *r)
{
	int audio = r->has_audio ? AAC_KBPS(r->channels) : 0;
	/* A peak: encoders are held to 1.5x their target; copied streams vary more. */
	int64_t video = r->copy_video ? (int64_t)r->video_kbps * 2 : (int64_t)r->video_kbps * 3 / 2;
	return (video + audio) * 1000;
}

const char *delivery_ladder_heights(void)
{
	return "2160,1440,1080,720,480,360";
}

enum bg_err delivery_package_ladder(const struct media_info *m, const int *heights, int n,
                                    struct rendition *out, int max, int *count, char *msg,
                                    size_t len)
{
	*count = 0;
	bool wanted[LADDER_LEN] = {false};
	for (int j = 0; j < n; j++) {
		int i = 0;
		while (i < LADDER_LEN && ladder[i].height != heights[j])
			i++;
		if (i == LADDER_LEN) {
			snprintf(msg, len, "%d is not a rung of the ladder (%s)", heights[j],
			         delivery_ladder_heights());
			return BG_INVALID;
		}
		wanted[i] = true;
	}
	struct device_caps stereo = {.max_channels = 2};
	bool hdr = m->hdr[0] != '\0';
	int lowest = -1;
	for (int i = 0; i < LADDER_LEN; i++) {
		if (!wanted[i])
			continue;
		lowest = i;
		if (ladder[i].height > m->height || *count >= max)
			continue;
		struct rendition *r = &out[(*count)++];
		*r = (struct rendition){0};
		encoded(r, "h264", ladder[i].height, ladder[i].kbps, hdr);
		audio_of(r, m, false, &stereo);
	}
	if (*count == 0 && lowest >= 0 && max > 0) {
		/* A source smaller than every rung asked for: its own height, at the lowest rung's rate. */
		struct rendition *r = &out[(*count)++];
		*r = (struct rendition){0};
		encoded(r, "h264", m->height & ~1, ladder[lowest].kbps, hdr);
		audio_of(r, m, false, &stereo);
	}
	return BG_OK;
}
