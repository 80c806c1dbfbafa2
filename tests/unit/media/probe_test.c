/*
 * probe_test.c - reading ffprobe's JSON: HDR transfer, first audio stream,
 * every audio and subtitle track, cover art skipped, and what is not media.
 */
#include "../test_util.h"

#include "media/probe.h"

static const char hdr_mkv[] =
        "{\"streams\":["
        "{\"codec_type\":\"video\",\"codec_name\":\"mjpeg\",\"width\":300,\"height\":300,"
        " \"disposition\":{\"attached_pic\":1}},"
        "{\"codec_type\":\"video\",\"codec_name\":\"hevc\",\"width\":3840,\"height\":2160,"
        " \"color_transfer\":\"smpte2084\",\"disposition\":{\"attached_pic\":0}},"
        "{\"codec_type\":\"audio\",\"codec_name\":\"eac3\",\"channels\":6,"
        " \"disposition\":{\"default\":1},\"tags\":{\"language\":\"deu\",\"title\":\"Surround\"}},"
        "{\"codec_type\":\"audio\",\"codec_name\":\"aac\",\"channels\":2,"
        " \"tags\":{\"language\":\"en\"}},"
        "{\"codec_type\":\"subtitle\",\"codec_name\":\"subrip\",\"tags\":{\"language\":\"eng\"},"
        " \"disposition\":{\"forced\":1}},"
        "{\"codec_type\":\"subtitle\",\"codec_name\":\"hdmv_pgs_subtitle\","
        " \"tags\":{\"language\":\"spa\"},\"disposition\":{\"hearing_impaired\":1}},"
        "{\"codec_type\":\"subtitle\",\"codec_name\":\"ass\"}],"
        "\"format\":{\"format_name\":\"matroska,webm\",\"duration\":\"2712.448000\"}}";

static void test_hdr_file(void **state)
{
	(void)state;
	struct media_info m;
	char msg[128];
	assert_int_equal(probe_parse(hdr_mkv, strlen(hdr_mkv), &m, msg, sizeof(msg)), BG_OK);
	assert_string_equal(m.container, "matroska");
	assert_int_equal(m.duration_ms, 2712448);
	assert_string_equal(m.video_codec, "hevc"); /* not the cover art */
	assert_int_equal(m.width, 3840);
	assert_int_equal(m.height, 2160);
	assert_string_equal(m.hdr, "hdr10");
	assert_string_equal(m.audio_codec, "eac3"); /* the first audio stream */
	assert_int_equal(m.audio_channels, 6);
	/* Every audio and subtitle stream, numbered within its kind. */
	assert_int_equal(m.tracks_n, 5);
	const struct media_track *t = m.tracks;
	assert_int_equal(t[0].kind, TRACK_AUDIO);
	assert_int_equal(t[0].index, 0);
	assert_string_equal(t[0].codec, "eac3");
	assert_string_equal(t[0].language, "ger"); /* 639-2/T "deu" kept as /B */
	assert_string_equal(t[0].title, "Surround");
	assert_int_equal(t[0].channels, 6);
	assert_true(t[0].is_default);
	assert_int_equal(t[1].index, 1);
	assert_string_equal(t[1].language, "eng"); /* "en" */
	assert_false(t[1].is_default);
	assert_int_equal(t[2].kind, TRACK_SUBTITLE);
	assert_int_equal(t[2].index, 0);
	assert_true(t[2].forced);
	assert_true(media_track_is_text(&t[2]));
	assert_string_equal(t[3].codec, "hdmv_pgs_subtitle");
	assert_true(t[3].hearing_impaired);
	assert_false(media_track_is_text(&t[3])); /* a picture: burned in */
	assert_int_equal(t[4].index, 2);
	assert_string_equal(t[4].language, "und");
	for (size_t i = 0; i < m.tracks_n; i++)
		assert_int_equal(t[i].file[0], '\0');
	media_info_release(&m);
	assert_null(m.tracks);
}

static void test_hlg_and_sdr(void **state)
{
	(void)state;
	const char hlg[] = "{\"streams\":[{\"codec_type\":\"video\",\"codec_name\":\"hevc\","
	                   "\"color_transfer\":\"arib-std-b67\"}],\"format\":{\"format_name\":"
	                   "\"mov,mp4,m4a,3gp,3g2,mj2\",\"duration\":\"1.5\"}}";
	const char sdr[] = "{\"streams\":[{\"codec_type\":\"video\",\"codec_name\":\"h264\","
	                   "\"color_transfer\":\"bt709\"}],\"format\":{\"format_name\":\"mov\"}}";
	struct media_info m;
	char msg[128];
	assert_int_equal(probe_parse(hlg, strlen(hlg), &m, msg, sizeof(msg)), BG_OK);
	assert_string_equal(m.hdr, "hlg");
	assert_string_equal(m.container, "mov");
	assert_int_equal(m.duration_ms, 1500);
	assert_int_equal(probe_parse(sdr, strlen(sdr), &m, msg, sizeof(msg)), BG_OK);
	assert_string_equal(m.hdr, "");
	assert_string_equal(m.audio_codec, "");
}

static void test_not_media(void **state)
{
	(void)state;
	struct media_info m;
	char msg[128];
	const char *bad[] = {
	        "", "not json", "{}", "{\"streams\":[],\"format\":{}}",
	        "{\"streams\":[{\"codec_type\":\"data\"}],\"format\":{\"format_name\":\"x\"}}"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		msg[0] = '\0';
		assert_int_equal(probe_parse(bad[i], strlen(bad[i]), &m, msg, sizeof(msg)),
		                 BG_INVALID);
		assert_true(msg[0] != '\0');
	}
}

static void test_probe_missing_file(void **state)
{
	(void)state;
	struct media_info m;
	char msg[128];
	assert_int_not_equal(probe_file("/nonexistent/file.mkv", &m, msg, sizeof(msg)), BG_OK);
	assert_true(msg[0] != '\0');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_hdr_file), cmocka_unit_test(test_hlg_and_sdr),
	        cmocka_unit_test(test_not_media), cmocka_unit_test(test_probe_missing_file)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
