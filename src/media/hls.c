/* hls.c - HLS playlists and segment plans; see hls.h. */
#include "media/hls.h"

#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

enum bg_err segment_plan_fixed(int64_t duration_ms, struct segment_plan *out)
{
	*out = (struct segment_plan){.duration_ms = duration_ms};
	size_t n = duration_ms > 0 ? (size_t)((duration_ms + HLS_SEGMENT_MS - 1) / HLS_SEGMENT_MS) : 1;
	/* A tail shorter than HLS_MIN_TAIL_MS joins the segment before it: the
	 * container often outlasts the last video frame by a few audio frames,
	 * and the encoder makes no segment of audio alone. */
	if (n > 1 && duration_ms - (int64_t)(n - 1) * HLS_SEGMENT_MS < HLS_MIN_TAIL_MS)
		n--;
	out->starts = malloc(n * sizeof(*out->starts));
	if (!out->starts)
		return BG_NOMEM;
	for (size_t i = 0; i < n; i++)
		out->starts[i] = (int64_t)i * HLS_SEGMENT_MS;
	out->count = n;
	return BG_OK;
}

enum bg_err segment_plan_keyframes(const int64_t *keyframes, size_t n, int64_t duration_ms,
                                   struct segment_plan *out)
{
	*out = (struct segment_plan){.duration_ms = duration_ms};
	if (!n)
		return BG_INVALID;
	out->starts = malloc(n * sizeof(*out->starts));
	if (!out->starts)
		return BG_NOMEM;
	for (size_t i = 0; i < n; i++) {
		/* A keyframe at or past the end starts no segment. */
		if (i > 0 && keyframes[i] >= duration_ms)
			break;
		out->starts[out->count++] = i == 0 ? 0 : keyframes[i];
	}
	return BG_OK;
}

void segment_plan_release(struct segment_plan *plan)
{
	free(plan->starts);
	*plan = (struct segment_plan){0};
}

int64_t segment_plan_length(const struct segment_plan *plan, size_t n)
{
	int64_t end = n + 1 < plan->count ? plan->starts[n + 1] : plan->duration_ms;
	return end > plan->starts[n] ? end - plan->starts[n] : 0;
}

/* A quoted-string attribute holds no '"', CR or LF (RFC 8216, 4.2). */
static void add_quoted(struct buf *out, const char *text)
{
	buf_addf(out, "\"");
	for (const char *c = text; *c; c++)
		buf_addf(out, "%c", *c == '"' ? '\'' : (unsigned char)*c < 0x20 ? ' ' : *c);
	buf_addf(out, "\"");
}

/* The audio group: one EXT-X-MEDIA per stream, its track id as its stable id. */
static void audio_group(const struct delivery *d, const char *query, struct buf *out)
{
	for (int i = 0; i < d->audio_count; i++) {
		const struct audio_rendition *a = &d->audio[i];
		char name[RENDITION_NAME_MAX];
		rendition_name(&a->r, name);
		buf_addf(out, "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=");
		add_quoted(out, a->label);
		if (strcmp(a->language, "und") != 0)
			buf_addf(out, ",LANGUAGE=\"%s\"", language_tag(a->language));
		buf_addf(out,
		         ",DEFAULT=%s,AUTOSELECT=YES,CHANNELS=\"%d\",STABLE-RENDITION-ID=\"%d\","
		         "URI=\"index.m3u8?r=%s&%s\"\n",
		         i == d->audio_default ? "YES" : "NO", a->channels, a->track_id, name, query);
	}
}

void hls_master_playlist(const struct delivery *d, const struct media_info *m, const char *query,
                         struct buf *out)
{
	buf_addf(out, "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
	audio_group(d, query, out);
	int64_t audio_peak = 0;
	for (int i = 0; i < d->audio_count; i++)
		if (rendition_bandwidth(&d->audio[i].r) > audio_peak)
			audio_peak = rendition_bandwidth(&d->audio[i].r);
	for (int i = 0; i < d->rendition_count; i++) {
		const struct rendition *r = &d->renditions[i];
		char name[RENDITION_NAME_MAX], codecs[64];
		rendition_name(r, name);
		rendition_codecs(r, m, codecs, sizeof(codecs));
		/* The group's audio is AAC (made, or copied when it was). */
		buf_addf(out, "#EXT-X-STREAM-INF:BANDWIDTH=%lld,CODECS=\"%s%s\"%s",
		         (long long)(rendition_bandwidth(r) + audio_peak), codecs,
		         d->audio_count ? ",mp4a.40.2" : "", d->audio_count ? ",AUDIO=\"audio\"" : "");
		if (r->height && m->height) {
			/* The width the encoder picks (scale=-2:H), or the source's. */
			int width = r->copy_video ? m->width
			                          : (int)((int64_t)m->width * r->height / m->height) & ~1;
			buf_addf(out, ",RESOLUTION=%dx%d", width, r->height);
		}
		bool pq = strcmp(m->hdr, "hdr10") == 0, hlg = strcmp(m->hdr, "hlg") == 0;
		bool keeps_hdr = (pq || hlg) && !r->tonemap && r->video_codec[0];
		buf_addf(out, ",VIDEO-RANGE=%s\nindex.m3u8?r=%s&%s\n",
		         keeps_hdr ? (pq ? "PQ" : "HLG") : "SDR", name, query);
	}
}

void hls_media_playlist(const struct segment_plan *plan, const char *rendition, const char *query,
                        struct buf *out)
{
	int64_t longest = 0;
	for (size_t i = 0; i < plan->count; i++)
		if (segment_plan_length(plan, i) > longest)
			longest = segment_plan_length(plan, i);
	buf_addf(out,
	         "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:%lld\n"
	         "#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n"
	         "#EXT-X-MAP:URI=\"init.mp4?r=%s&%s\"\n",
	         (long long)((longest + 999) / 1000), rendition, query);
	for (size_t i = 0; i < plan->count; i++)
		buf_addf(out, "#EXTINF:%.3f,\n%zu.m4s?r=%s&%s\n",
		         (double)segment_plan_length(plan, i) / 1000.0, i, rendition, query);
	buf_addf(out, "#EXT-X-ENDLIST\n");
}
