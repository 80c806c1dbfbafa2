/*
 * delivery_test.c - the playback decision for the files people have and the
 * devices they use, the device report it reads, rendition names both ways,
 * segment plans and playlists.
 */
#include "../test_util.h"

#include "media/delivery.h"
#include "media/device.h"
#include "media/hls.h"
#include "media/package.h"
#include "media/probe.h"

static struct media_info file(const char *video, int height, int depth, const char *hdr,
                              const char *audio, int channels)
{
	struct media_info m = {.duration_ms = 600000, .width = height * 16 / 9, .height = height,
	                       .bit_depth = depth, .audio_channels = channels};
	snprintf(m.video_codec, sizeof(m.video_codec), "%s", video);
	snprintf(m.hdr, sizeof(m.hdr), "%s", hdr);
	snprintf(m.audio_codec, sizeof(m.audio_codec), "%s", audio);
	return m;
}

/* A 10-minute file of kbps. */
static int64_t size_at(int kbps)
{
	return (int64_t)kbps * 600 * 1000 / 8;
}

static struct device_caps caps_of(const char *query)
{
	struct device_caps c;
	device_caps_baseline(&c);
	char copy[256], msg[128];
	snprintf(copy, sizeof(copy), "%s", query);
	char *save = NULL;
	for (char *kv = strtok_r(copy, "&", &save); kv; kv = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(kv, '=');
		assert_non_null(eq);
		*eq = '\0';
		assert_int_equal(device_caps_set(&c, kv, eq + 1, msg, sizeof(msg)), BG_OK);
	}
	return c;
}

static void test_direct_play(void **state)
{
	(void)state;
	struct media_info m = file("h264", 1080, 8, "", "aac", 2);
	struct device_caps c = caps_of("");
	struct delivery d;
	delivery_decide(&m, "/x/Film (2020).mp4", size_at(5000), &c, 0, &d);
	assert_int_equal(d.method, DELIVERY_DIRECT);
	assert_int_equal(d.rendition_count, 0);
	/* The same streams in Matroska: the baseline opens no Matroska. */
	delivery_decide(&m, "/x/Film (2020).mkv", size_at(5000), &c, 0, &d);
	assert_int_equal(d.method, DELIVERY_REMUX);
	assert_true(d.renditions[0].copy_video && d.renditions[0].copy_audio);
	assert_non_null(strstr(d.reason, "cannot open mkv"));
	/* A browser that says it opens Matroska plays it directly. */
	c = caps_of("containers=mp4,mkv");
	delivery_decide(&m, "/x/Film (2020).mkv", size_at(5000), &c, 0, &d);
	assert_int_equal(d.method, DELIVERY_DIRECT);
}

static void test_audio_only_transcode(void **state)
{
	(void)state;
	struct media_info m = file("h264", 1080, 8, "", "dts", 6);
	struct device_caps c = caps_of("");
	struct delivery d;
	delivery_decide(&m, "/x/a.mkv", size_at(8000), &c, 0, &d);
	assert_int_equal(d.method, DELIVERY_AUDIO);
	assert_true(d.renditions[0].copy_video);
	assert_false(d.renditions[0].copy_audio);
	assert_int_equal(d.renditions[0].channels, 2);
	char name[RENDITION_NAME_MAX];
	rendition_name(&d.renditions[0], name);
	assert_string_equal(name, "copy-aac2");
	/* Lower rungs below 1080p for the adaptive choice, same audio. */
	assert_int_equal(d.rendition_count, 4);
	assert_int_equal(d.renditions[1].height, 720);
	rendition_name(&d.renditions[3], name);
	assert_string_equal(name, "h264.360.800-aac2");
	/* A 5.1 device gets 5.1 AAC; one that decodes AC3 but not DTS, the same. */
	c = caps_of("channels=6&audio=aac,ac3");
	delivery_decide(&m, "/x/a.mkv", size_at(8000), &c, 0, &d);
	assert_int_equal(d.renditions[0].channels, 6);
}

static void test_hdr(void **state)
{
	(void)state;
	struct media_info m = file("hevc", 2160, 10, "hdr10", "eac3", 6);
	struct delivery d;
	/* SDR display without HEVC: H.264 tone-mapped, at most 1080p by the device. */
	struct device_caps c = caps_of("height=1080");
	delivery_decide(&m, "/x/b.mkv", size_at(20000), &c, 0, &d);
	assert_int_equal(d.method, DELIVERY_TRANSCODE);
	assert_string_equal(d.renditions[0].video_codec, "h264");
	assert_int_equal(d.renditions[0].height, 1080);
	assert_true(d.renditions[0].tonemap);
	assert_non_null(strstr(d.reason, "tone-mapped"));
	/* HEVC Main 10 decodes but the display is SDR: still tone-mapped. */
	c = caps_of("video=h264,hevc,hevc10&audio=aac,eac3&channels=6");
	delivery_decide(&m, "/x/b.mkv", size_at(20000), &c, 0, &d);
	assert_int_equal(d.method, DELIVERY_TRANSCODE);
	assert_true(d.renditions[0].tonemap);
	assert_non_null(strstr(d.reason, "no HDR10"));
	/* An HDR display: copied, HDR kept. */
	c = caps_of("video=h264,hevc,hevc10&audio=aac,eac3&channels=6&hdr=pq");
	delivery_decide(&m, "/x/b.mkv", size_at(20000), &c, 0, &d);
	assert_int_equal(d.method, DELIVERY_REMUX);
	/* An HDR display under a 10 Mb/s cap: HEVC Main 10 re-encoded, HDR kept. */
	delivery_decide(&m, "/x/b.mkv", size_at(20000), &c, 10000, &d);
	assert_int_equal(d.method, DELIVERY_TRANSCODE);
	assert_string_equal(d.renditions[0].video_codec, "hevc");
	assert_false(d.renditions[0].tonemap);
	assert_int_equal(d.renditions[0].height, 2160); /* 16000 * 0.6 fits 10000 */
	/* HEVC Main (8-bit) support does not cover Main 10. */
	c = caps_of("video=h264,hevc&hdr=pq");
	delivery_decide(&m, "/x/b.mkv", size_at(20000), &c, 0, &d);
	assert_int_equal(d.method, DELIVERY_TRANSCODE);
	assert_non_null(strstr(d.reason, "hevc 10-bit"));
}

static void test_caps_and_limits(void **state)
{
	(void)state;
	struct media_info m = file("h264", 1080, 8, "", "aac", 2);
	struct delivery d;
	/* The client's own cap and the server's: the smaller counts. */
	struct device_caps c = caps_of("kbps=2000");
	delivery_decide(&m, "/x/c.mp4", size_at(5000), &c, 4000, &d);
	assert_int_equal(d.method, DELIVERY_TRANSCODE);
	assert_int_equal(d.renditions[0].height, 480); /* 1500 kb/s */
	c = caps_of("");
	delivery_decide(&m, "/x/c.mp4", size_at(5000), &c, 4000, &d);
	assert_int_equal(d.renditions[0].height, 720);
	/* No HLS at all and a file it cannot play: nothing to send, and why. */
	c = caps_of("hls=none");
	delivery_decide(&m, "/x/c.avi", size_at(5000), &c, 0, &d);
	assert_int_equal(d.method, DELIVERY_NONE);
	assert_non_null(strstr(d.reason, "no HLS"));
	/* Bad reports name the parameter; unknown codec names are ignored. */
	char msg[128];
	assert_int_equal(device_caps_set(&c, "height", "tall", msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, "height"));
	assert_int_equal(device_caps_set(&c, "hls", "dash", msg, sizeof(msg)), BG_INVALID);
	assert_int_equal(device_caps_set(&c, "video", "h264,vvc", msg, sizeof(msg)), BG_OK);
	assert_int_equal(c.video, VIDEO_H264);
	assert_int_equal(device_caps_set(&c, "frobnicate", "1", msg, sizeof(msg)), BG_OK);
	/* H.264 High 10 plays nowhere; MPEG-4 Part 2 neither. */
	assert_int_equal(device_video_bit("h264", 10), 0u);
	assert_int_equal(device_video_bit("mpeg4", 8), 0u);
}

static void test_rendition_names(void **state)
{
	(void)state;
	struct media_info m = file("hevc", 2160, 10, "hdr10", "ac3", 6);
	struct rendition r;
	char msg[128], name[RENDITION_NAME_MAX];
	/* "none" on one side: an alternate audio rendition, or the video beside it. */
	const char *good[] = {"copy-copy", "copy-aac2", "h264.720.3000.tm-aac6",
	                      "hevc.2160.9600-copy", "none-aac2", "none-copy", "copy-none",
	                      "h264.720.3000.tm-none", NULL};
	for (const char **g = good; *g; g++) {
		assert_int_equal(rendition_parse(*g, &m, &r, msg, sizeof(msg)), BG_OK);
		rendition_name(&r, name);
		assert_string_equal(name, *g); /* round trip */
	}
	const char *bad[] = {"",         "copy",          "copy-dts",         "vp8.720.3000-aac2",
	                     "h264.4320.3000-aac2", "h264.721.3000-aac2", "h264.720.50-aac2",
	                     "h264.720.3000.xx-aac2", "copy-aac3", "none-none", "h264.720-aac2",
	                     "h264.720.3000-copy-x", "h264.720.03000-aac2", NULL};
	for (const char **b = bad; *b; b++)
		assert_int_equal(rendition_parse(*b, &m, &r, msg, sizeof(msg)), BG_INVALID);
	/* Tone mapping only for an HDR source. */
	struct media_info sdr = file("h264", 1080, 8, "", "aac", 2);
	assert_int_equal(rendition_parse("h264.720.3000.tm-aac2", &sdr, &r, msg, sizeof(msg)),
	                 BG_INVALID);
	/* The audio stream: ".aN" must be the one selected, and never ".a0". */
	int audio, burn;
	assert_true(rendition_streams("copy-aac2.a1", &audio, &burn));
	assert_int_equal(audio, 1);
	assert_int_equal(burn, -1);
	assert_true(rendition_streams("copy-aac2", &audio, &burn));
	assert_int_equal(audio, 0);
	assert_true(rendition_streams("h264.720.3000-aac2.a2.s0", &audio, &burn));
	assert_int_equal(audio, 2);
	assert_int_equal(burn, 0);
	assert_true(rendition_streams("h264.720.3000-aac2.s3", &audio, &burn));
	assert_int_equal(audio, 0);
	assert_int_equal(burn, 3);
	const char *malformed[] = {"copy-aac2.a0", "copy-aac2.a01", "copy-aac2.s", "copy-aac2.s01",
	                           "copy-aac2.s0.a1", "copy-aac2.a1.s0.s1", "copy-aac2.x1",
	                           "copy-aac2.a1x", NULL};
	for (const char **b = malformed; *b; b++)
		assert_false(rendition_streams(*b, &audio, &burn));
	assert_int_equal(rendition_parse("copy-aac2.a1", &sdr, &r, msg, sizeof(msg)), BG_INVALID);
	struct media_track tracks[] = {{.kind = TRACK_AUDIO, .index = 0, .codec = "aac", .channels = 2},
	                               {.kind = TRACK_SUBTITLE, .index = 0, .codec = "subrip"},
	                               {.kind = TRACK_AUDIO, .index = 1, .codec = "dts", .channels = 6}};
	assert_false(media_info_select_audio(&sdr, tracks, 3, 2));
	assert_true(media_info_select_audio(&sdr, tracks, 3, 1));
	assert_string_equal(sdr.audio_codec, "dts");
	assert_int_equal(rendition_parse("copy-aac2.a1", &sdr, &r, msg, sizeof(msg)), BG_OK);
	assert_int_equal(r.audio_index, 1);
	rendition_name(&r, name);
	assert_string_equal(name, "copy-aac2.a1");
	assert_int_equal(rendition_parse("copy-aac2", &sdr, &r, msg, sizeof(msg)), BG_INVALID);
	assert_int_equal(rendition_parse("copy-copy.a1", &sdr, &r, msg, sizeof(msg)), BG_INVALID);
}

/* Another audio stream than the first: never direct play (a browser plays the first). */
static void test_chosen_audio(void **state)
{
	(void)state;
	struct media_info m = file("h264", 1080, 8, "", "aac", 2);
	struct media_track tracks[] = {{.kind = TRACK_AUDIO, .index = 0, .codec = "aac", .channels = 2},
	                               {.kind = TRACK_AUDIO, .index = 1, .codec = "aac", .channels = 2}};
	struct device_caps c = caps_of("");
	struct delivery d;
	assert_true(media_info_select_audio(&m, tracks, 2, 1));
	delivery_decide(&m, "/x/Film (2020).mp4", size_at(5000), &c, 0, &d);
	assert_int_equal(d.method, DELIVERY_REMUX);
	assert_non_null(strstr(d.reason, "stream 1, not its first"));
	assert_int_equal(d.renditions[0].audio_index, 1);
	for (int i = 1; i < d.rendition_count; i++)
		assert_int_equal(d.renditions[i].audio_index, 1); /* every rung the same audio */
	assert_true(media_info_select_audio(&m, tracks, 2, 0));
	delivery_decide(&m, "/x/Film (2020).mp4", size_at(5000), &c, 0, &d);
	assert_int_equal(d.method, DELIVERY_DIRECT);
}

/* Picture subtitles the viewer chose: the video is encoded with them drawn in. */
static void test_burned_in_subtitles(void **state)
{
	(void)state;
	struct media_info m = file("h264", 1080, 8, "", "aac", 2);
	struct media_track tracks[] = {{.kind = TRACK_AUDIO, .index = 0, .codec = "aac", .channels = 2},
	                               {.kind = TRACK_SUBTITLE, .index = 0, .codec = "subrip"},
	                               {.kind = TRACK_SUBTITLE, .index = 1, .codec = "hdmv_pgs_subtitle"},
	                               {.kind = TRACK_SUBTITLE, .index = -1, .codec = "hdmv_pgs_subtitle"}};
	assert_false(media_info_select_burn_in(&m, tracks, 4, 0)); /* text: sent as WebVTT */
	assert_false(media_info_select_burn_in(&m, tracks, 4, 2)); /* no such stream */
	assert_false(m.burn_in);
	struct media_info audio_only = file("", 0, 0, "", "aac", 2);
	assert_false(media_info_select_burn_in(&audio_only, tracks, 4, 1)); /* nothing to draw on */
	assert_true(media_info_select_burn_in(&m, tracks, 4, 1));
	struct device_caps c = caps_of("");
	struct delivery d;
	delivery_decide(&m, "/x/Film (2020).mp4", size_at(5000), &c, 0, &d);
	assert_int_equal(d.method, DELIVERY_TRANSCODE); /* a file it would play as it is */
	assert_non_null(strstr(d.reason, "subtitles are pictures (stream 1), burned into the video"));
	assert_null(strstr(d.reason, "cannot open"));
	char name[RENDITION_NAME_MAX], msg[128];
	for (int i = 0; i < d.rendition_count; i++) {
		assert_true(d.renditions[i].burn_in); /* every rung draws them */
		assert_false(d.renditions[i].copy_video);
		assert_int_equal(d.renditions[i].burn_index, 1);
	}
	rendition_name(&d.renditions[0], name);
	assert_string_equal(name, "h264.1080.6000-copy.s1");
	struct rendition r;
	assert_int_equal(rendition_parse(name, &m, &r, msg, sizeof(msg)), BG_OK);
	assert_true(r.burn_in);
	assert_int_equal(rendition_parse("h264.1080.6000-copy", &m, &r, msg, sizeof(msg)), BG_INVALID);
	assert_int_equal(rendition_parse("h264.1080.6000-copy.s0", &m, &r, msg, sizeof(msg)), BG_INVALID);
	assert_int_equal(rendition_parse("copy-copy.s1", &m, &r, msg, sizeof(msg)), BG_INVALID);
	struct media_info plain = file("h264", 1080, 8, "", "aac", 2);
	assert_int_equal(rendition_parse(name, &plain, &r, msg, sizeof(msg)), BG_INVALID);
}

/* Several audio streams by HLS: one rendition each, beside video-only renditions. */
static void test_alternate_audio(void **state)
{
	(void)state;
	struct media_info m = file("hevc", 1080, 10, "", "ac3", 6);
	m.width = 1920;
	struct media_track tracks[] = {
	        {.id = 4, .kind = TRACK_AUDIO, .index = 0, .codec = "ac3", .channels = 6, .language = "eng"},
	        {.id = 5, .kind = TRACK_SUBTITLE, .index = 0, .codec = "subrip", .language = "eng"},
	        {.id = 6, .kind = TRACK_AUDIO, .index = 1, .codec = "aac", .channels = 2, .language = "spa",
	         .title = "Dub \"Latino\""},
	        {.id = 7, .kind = TRACK_AUDIO, .index = 2, .codec = "aac", .channels = 6, .language = "und"}};
	struct device_caps c = caps_of("");
	struct delivery d;
	assert_true(media_info_select_audio(&m, tracks, 4, 1));
	delivery_decide(&m, "/x/f.mkv", size_at(5000), &c, 0, &d);
	assert_int_equal(d.method, DELIVERY_TRANSCODE);
	int rungs = d.rendition_count;
	/* One audio stream: nothing moves. */
	delivery_alternate_audio(&d, &m, tracks, 2, &c);
	assert_int_equal(d.audio_count, 0);
	assert_true(d.renditions[0].has_audio);
	delivery_alternate_audio(&d, &m, tracks, 4, &c);
	assert_int_equal(d.audio_count, 3);
	assert_int_equal(d.rendition_count, rungs);
	assert_int_equal(d.audio_default, 1); /* the selected stream, 0:a:1 */
	for (int i = 0; i < d.rendition_count; i++)
		assert_false(d.renditions[i].has_audio);
	char name[RENDITION_NAME_MAX];
	rendition_name(&d.audio[0].r, name);
	assert_string_equal(name, "none-aac2");   /* AC3 5.1 made AAC stereo for a stereo device */
	rendition_name(&d.audio[1].r, name);
	assert_string_equal(name, "none-copy.a1"); /* AAC stereo copied */
	rendition_name(&d.audio[2].r, name);
	assert_string_equal(name, "none-aac2.a2"); /* AAC 5.1 on a stereo device: made stereo */
	assert_int_equal(d.audio[1].track_id, 6);
	assert_non_null(strstr(d.reason, "audio as 3 renditions beside the video"));
	struct buf t = BUF_INIT(1 << 20);
	hls_master_playlist(&d, &m, "q", &t);
	assert_non_null(strstr(t.ptr, "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"English 5.1\","
	                              "LANGUAGE=\"en\",DEFAULT=NO,AUTOSELECT=YES,CHANNELS=\"2\","
	                              "STABLE-RENDITION-ID=\"4\",URI=\"index.m3u8?r=none-aac2&q\"\n"));
	/* The track's own label; a title's quotes cannot end the quoted string. */
	assert_non_null(strstr(t.ptr, "NAME=\"Spanish Stereo – Dub 'Latino'\",LANGUAGE=\"es\",DEFAULT=YES"));
	assert_non_null(strstr(t.ptr, "NAME=\"Unknown language 5.1\",DEFAULT=NO")); /* no LANGUAGE for und */
	assert_non_null(strstr(t.ptr, ",mp4a.40.2\",AUDIO=\"audio\",RESOLUTION=1920x1080"));
	assert_non_null(strstr(t.ptr, "index.m3u8?r=h264.1080.6000-none&q\n"));
	buf_release(&t);

	/* A package: the ladder's renditions lose their audio, AAC stereo per stream follows. */
	int heights[] = {720, 480};
	struct rendition r[PACKAGE_MAX_RENDITIONS];
	int n;
	char msg[128];
	assert_int_equal(delivery_package_ladder(&m, heights, 2, r, PACKAGE_MAX_RENDITIONS, &n, msg,
	                                         sizeof(msg)), BG_OK);
	assert_int_equal(delivery_package_audio(r, n, PACKAGE_MAX_RENDITIONS, &m, tracks, 1), n);
	assert_true(r[0].has_audio); /* one audio stream: as it was */
	assert_int_equal(delivery_package_audio(r, n, PACKAGE_MAX_RENDITIONS, &m, tracks, 4), n + 3);
	const char *want[] = {"h264.720.3000-none", "h264.480.1500-none", "none-aac2", "none-aac2.a1",
	                      "none-aac2.a2"};
	for (int i = 0; i < n + 3; i++) {
		rendition_name(&r[i], name);
		assert_string_equal(name, want[i]);
	}
	assert_int_equal(delivery_package_audio(r, n + 3, PACKAGE_MAX_RENDITIONS, &m, tracks, 4),
	                 n + 3); /* done once */
	assert_int_equal(delivery_package_ladder(&m, heights, 2, r, PACKAGE_MAX_RENDITIONS, &n, msg,
	                                         sizeof(msg)), BG_OK);
	assert_int_equal(delivery_package_audio(r, n, 3, &m, tracks, 4), 3); /* up to max */
}

static void test_plans_and_playlists(void **state)
{
	(void)state;
	struct segment_plan p;
	assert_int_equal(segment_plan_fixed(20005, &p), BG_OK);
	assert_int_equal(p.count, 4);
	assert_int_equal(segment_plan_length(&p, 3), 2005);
	segment_plan_release(&p);
	/* A sliver of a tail (audio outlasting the video) joins the last segment. */
	assert_int_equal(segment_plan_fixed(30020, &p), BG_OK);
	assert_int_equal(p.count, 5);
	assert_int_equal(segment_plan_length(&p, 4), 6020);
	segment_plan_release(&p);
	assert_int_equal(segment_plan_fixed(20005, &p), BG_OK);
	struct buf text = BUF_INIT(1 << 20);
	hls_media_playlist(&p, "h264.720.3000-aac2", "exp=1&u=2&p=3&sig=x", &text);
	assert_non_null(strstr(text.ptr, "#EXT-X-TARGETDURATION:6\n"));
	assert_non_null(strstr(text.ptr, "#EXTINF:2.005,\n3.m4s?r=h264.720.3000-aac2&exp=1&u=2&p=3&sig=x\n"));
	assert_non_null(strstr(text.ptr, "#EXT-X-MAP:URI=\"init.mp4?r=h264.720.3000-aac2&exp=1"));
	assert_non_null(strstr(text.ptr, "#EXT-X-ENDLIST\n"));
	buf_release(&text);
	segment_plan_release(&p);

	/* Copies are cut at keyframes; the first segment starts at 0. */
	const char packets[] = "0.005000,K_\n0.047000,__\n10.422000,K_\n10.380000,__\n"
	                       "19.900000,K_\n";
	int64_t *kf;
	size_t n;
	char msg[128];
	assert_int_equal(probe_keyframes_parse(packets, strlen(packets), &kf, &n, msg, sizeof(msg)),
	                 BG_OK);
	assert_int_equal(n, 3);
	assert_int_equal(kf[1], 10422);
	assert_int_equal(segment_plan_keyframes(kf, n, 20005, &p), BG_OK);
	assert_int_equal(p.count, 3);
	assert_int_equal(p.starts[0], 0);
	assert_int_equal(segment_plan_length(&p, 0), 10422);
	struct buf t2 = BUF_INIT(1 << 20);
	hls_media_playlist(&p, "copy-copy", "q", &t2);
	assert_non_null(strstr(t2.ptr, "#EXT-X-TARGETDURATION:11\n")); /* the longest, rounded up */
	buf_release(&t2);
	segment_plan_release(&p);
	free(kf);
	assert_int_equal(probe_keyframes_parse("x,K_\n", 5, &kf, &n, msg, sizeof(msg)), BG_INVALID);
	assert_int_equal(probe_keyframes_parse("1.0,__\n", 7, &kf, &n, msg, sizeof(msg)),
	                 BG_INVALID);
	assert_non_null(strstr(msg, "no keyframes"));

	/* The master playlist: each rendition with codecs, size and range. */
	struct media_info m = file("hevc", 2160, 10, "hdr10", "ac3", 6);
	m.width = 3840;
	struct device_caps c = caps_of("video=h264,hevc,hevc10&audio=aac,ac3&channels=6&hdr=pq");
	struct delivery d;
	delivery_decide(&m, "/x/b.mkv", size_at(20000), &c, 0, &d);
	struct buf t3 = BUF_INIT(1 << 20);
	hls_master_playlist(&d, &m, "q", &t3);
	assert_non_null(strstr(t3.ptr, "CODECS=\"hvc1.2.4.L153.B0,ac-3\",RESOLUTION=3840x2160,"
	                                "VIDEO-RANGE=PQ\nindex.m3u8?r=copy-copy&q\n"));
	assert_non_null(strstr(t3.ptr, "RESOLUTION=1920x1080,VIDEO-RANGE=SDR\n"
	                                "index.m3u8?r=h264.1080.6000.tm-copy&q\n"));
	buf_release(&t3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_direct_play),        cmocka_unit_test(test_audio_only_transcode),
	        cmocka_unit_test(test_hdr),                cmocka_unit_test(test_caps_and_limits),
	        cmocka_unit_test(test_rendition_names),    cmocka_unit_test(test_chosen_audio),
	        cmocka_unit_test(test_burned_in_subtitles), cmocka_unit_test(test_alternate_audio),    cmocka_unit_test(test_plans_and_playlists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
