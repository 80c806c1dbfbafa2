/*
 * probe_test.c - reading ffprobe's JSON: HDR transfer, first audio stream,
 * subtitle languages, cover art skipped, and what is not media.
 */
#include "../test_util.h"

#include "media/probe.h"

static const char hdr_mkv[] =
        "{\"streams\":["
        "{\"codec_type\":\"video\",\"codec_name\":\"mjpeg\",\"width\":300,\"height\":300,"
        " \"disposition\":{\"attached_pic\":1}},"
        "{\"codec_type\":\"video\",\"codec_name\":\"hevc\",\"width\":3840,\"height\":2160,"
        " \"color_transfer\":\"smpte2084\",\"disposition\":{\"attached_pic\":0}},"
        "{\"codec_type\":\"audio\",\"codec_name\":\"eac3\",\"channels\":6},"
        "{\"codec_type\":\"audio\",\"codec_name\":\"aac\",\"channels\":2},"
        "{\"codec_type\":\"subtitle\",\"codec_name\":\"subrip\",\"tags\":{\"language\":\"eng\"}},"
        "{\"codec_type\":\"subtitle\",\"codec_name\":\"subrip\",\"tags\":{\"language\":\"spa\"}},"
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
	assert_string_equal(m.subtitles, "eng,spa,und");
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
