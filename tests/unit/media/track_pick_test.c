/* track_pick_test.c - the audio and subtitles a viewer starts with. */
#include "../test_util.h"

#include "media/track_pick.h"

static struct media_track track(int id, enum track_kind kind, int index, const char *codec,
                                const char *language, bool is_default, bool forced, bool sdh)
{
	struct media_track t = {.id = id, .kind = kind, .index = index, .is_default = is_default,
	                        .forced = forced, .hearing_impaired = sdh};
	snprintf(t.codec, sizeof(t.codec), "%s", codec);
	snprintf(t.language, sizeof(t.language), "%s", language);
	return t;
}

static struct track_prefs prefs(const char *audio, const char *subtitles)
{
	struct track_prefs p = {.from = "profile"};
	snprintf(p.audio, sizeof(p.audio), "%s", audio);
	snprintf(p.subtitles, sizeof(p.subtitles), "%s", subtitles);
	return p;
}

static void test_pick(void **state)
{
	(void)state;
	/* A Spanish film with English and Spanish audio, the Spanish default;
	 * English SDH, English, English forced and a French picture subtitle. */
	struct media_track t[] = {
	        track(0, TRACK_AUDIO, 0, "ac3", "eng", false, false, false),
	        track(1, TRACK_AUDIO, 1, "aac", "spa", true, false, false),
	        track(2, TRACK_SUBTITLE, 0, "subrip", "eng", false, false, true),
	        track(3, TRACK_SUBTITLE, 1, "subrip", "eng", false, false, false),
	        track(4, TRACK_SUBTITLE, 2, "subrip", "eng", false, true, false),
	        track(5, TRACK_SUBTITLE, 3, "hdmv_pgs_subtitle", "fre", false, false, false),
	        track(1000, TRACK_SUBTITLE, -1, "subrip", "ger", false, false, false),
	};
	struct track_picked got;
	struct track_prefs p = prefs("eng", "");
	track_pick(t, 7, &p, &got);
	assert_int_equal(got.audio_id, 0); /* English audio, though Spanish is the default */
	assert_int_equal(got.subtitle_id, -1);
	p = prefs("eng", "eng");
	track_pick(t, 7, &p, &got);
	assert_int_equal(got.subtitle_id, 3); /* plain before SDH, never the forced one */
	p = prefs("ger", "");
	track_pick(t, 7, &p, &got);
	assert_int_equal(got.audio_id, 1);       /* no German audio: the file's default */
	assert_int_equal(got.audio_index, 1);
	assert_int_equal(got.subtitle_id, 1000); /* and German subtitles, from beside it */
	p = prefs("fre", "");
	track_pick(t, 7, &p, &got);
	assert_int_equal(got.subtitle_id, -1); /* French only as a picture: none */
	p = prefs("jpn", "jpn");
	track_pick(t, 7, &p, &got);
	assert_int_equal(got.audio_id, 1);
	assert_int_equal(got.subtitle_id, -1);
	/* No default audio: the first; no audio at all: -1. */
	t[1].is_default = false;
	p = prefs("ger", "");
	track_pick(t, 7, &p, &got);
	assert_int_equal(got.audio_id, 0);
	track_pick(t + 2, 5, &p, &got);
	assert_int_equal(got.audio_id, -1);
	assert_int_equal(got.audio_index, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_pick)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
