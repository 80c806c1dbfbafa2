/*
 * sidecar_test.c - subtitle files beside a video, by the names Jellyfin and
 * Plex read: language, forced, SDH, default, a title, and names that
 * belong to another video.
 */
#include "../test_util.h"

#include "media/sidecar.h"

static void test_names(void **state)
{
	(void)state;
	const char *video = "Show - S01E01.mkv";
	struct media_track t;
	assert_true(sidecar_match(video, "Show - S01E01.srt", &t));
	assert_int_equal(t.kind, TRACK_SUBTITLE);
	assert_int_equal(t.index, -1);
	assert_string_equal(t.codec, "subrip");
	assert_string_equal(t.language, "und");
	assert_string_equal(t.file, "Show - S01E01.srt");

	assert_true(sidecar_match(video, "Show - S01E01.en.srt", &t));
	assert_string_equal(t.language, "eng");
	assert_false(t.forced);

	assert_true(sidecar_match(video, "Show - S01E01.eng.forced.srt", &t));
	assert_string_equal(t.language, "eng");
	assert_true(t.forced);
	assert_false(t.hearing_impaired);

	assert_true(sidecar_match(video, "Show - S01E01.en.sdh.vtt", &t));
	assert_string_equal(t.codec, "webvtt");
	assert_true(t.hearing_impaired);

	assert_true(sidecar_match(video, "Show - S01E01.Spanish.default.ASS", &t));
	assert_string_equal(t.language, "spa");
	assert_string_equal(t.codec, "ass");
	assert_true(t.is_default);

	assert_true(sidecar_match(video, "Show - S01E01.fr.Director Commentary.ssa", &t));
	assert_string_equal(t.language, "fre");
	assert_string_equal(t.title, "Director Commentary");
}

static void test_not_its_own(void **state)
{
	(void)state;
	struct media_track t;
	const char *video = "Show - S01E01.mkv";
	assert_false(sidecar_match(video, "Show - S01E02.en.srt", &t));
	assert_false(sidecar_match(video, "Show - S01E010.srt", &t)); /* a longer name */
	assert_false(sidecar_match(video, "Show - S01E01.en.txt", &t));
	assert_false(sidecar_match(video, "Show - S01E01.mkv", &t));
	assert_false(sidecar_match(video, "sub/Show - S01E01.srt", &t));
	assert_false(sidecar_match("noextension", "noextension.srt", &t));
	assert_true(sidecar_is_subtitle("a.SRT"));
	assert_true(sidecar_is_subtitle("a.vtt"));
	assert_false(sidecar_is_subtitle("a.sub")); /* VobSub pairs are not read */
	assert_false(sidecar_is_subtitle("srt"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_names),
	                                   cmocka_unit_test(test_not_its_own)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
