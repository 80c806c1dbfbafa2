/* media_name_test.c - real-world file names, and ones that must not match. */
#include "../test_util.h"

#include "media/media_name.h"

struct name_case {
	const char *path;
	enum media_kind kind;
	const char *show;
	int year, season, episode, episode_end;
	const char *title;
};

static const struct name_case cases[] = {
        {"Jessica Jones (2015)/Season 01/Jessica Jones - S01E01 - AKA Ladies Night.mkv",
         MEDIA_EPISODE, "Jessica Jones", 2015, 1, 1, 1, "AKA Ladies Night"},
        {"Jessica Jones/Jessica.Jones.S01E02.720p.mkv", MEDIA_EPISODE, "Jessica Jones", 0, 1, 2, 2,
         ""},
        {"Jessica Jones/Season 1/Jessica Jones - S01E01E02.mkv", MEDIA_EPISODE, "Jessica Jones", 0,
         1, 1, 2, ""},
        {"Jessica Jones/Specials/Jessica Jones - S00E01.mkv", MEDIA_EPISODE, "Jessica Jones", 0, 0,
         1, 1, ""},
        {"Jessica Jones/Season 00/Jessica Jones - S00E02 - Inside.mp4", MEDIA_EPISODE,
         "Jessica Jones", 0, 0, 2, 2, "Inside"},
        {"Jessica Jones (2015)/Season 02/S02E05.mp4", MEDIA_EPISODE, "Jessica Jones", 2015, 2, 5, 5,
         ""},
        {"Daredevil (2015)/Daredevil 1x03.mkv", MEDIA_EPISODE, "Daredevil", 2015, 1, 3, 3, ""},
        {"The.Defenders.2017.S01E08.1080p.WEB.mkv", MEDIA_EPISODE, "The Defenders", 2017, 1, 8, 8,
         ""},
        {"Show/Season 1/show - s01e01-e03 - Pilot, Part 1.mkv", MEDIA_EPISODE, "show", 0, 1, 1, 3,
         "Pilot, Part 1"},
        {"Luke_Cage/Luke_Cage_S02E13.webm", MEDIA_EPISODE, "Luke Cage", 0, 2, 13, 13, ""},
        {"The Quiet Harbour (2019)/The Quiet Harbour (2019).mp4", MEDIA_FILM, "The Quiet Harbour",
         2019, 0, 0, 0, ""},
        {"Inception.2010.1080p.BluRay.x264.mkv", MEDIA_FILM, "Inception", 2010, 0, 0, 0, ""},
        {"Arrival/Arrival.mkv", MEDIA_FILM, "Arrival", 0, 0, 0, 0, ""},
        {"Blade Runner 2049 (2017)/Blade Runner 2049 (2017).mkv", MEDIA_FILM, "Blade Runner 2049",
         2017, 0, 0, 0, ""},
        /* Must not match. */
        {"Jessica Jones/Season 01/notes.txt", MEDIA_NONE, "", 0, 0, 0, 0, ""},
        {"Jessica Jones/Season 01/Jessica.Jones.S01E01.sample.mkv", MEDIA_NONE, "", 0, 0, 0, 0, ""},
        {"Jessica Jones/Extras/Jessica Jones - S01E01 - Featurette.mkv", MEDIA_NONE, "", 0, 0, 0, 0,
         ""},
        {"Holiday/beach.mp4", MEDIA_NONE, "", 0, 0, 0, 0, ""},
        {"Jessica Jones/Season 01/Episode one.mkv", MEDIA_NONE, "", 0, 0, 0, 0, ""},
        {"XS01E01X.mkv", MEDIA_NONE, "", 0, 0, 0, 0, ""},
        {"Show/cover.jpg", MEDIA_NONE, "", 0, 0, 0, 0, ""},
        {"Show/Show S01E01.mkv.part", MEDIA_NONE, "", 0, 0, 0, 0, ""},
        {"Show/Season 1/.mkv", MEDIA_NONE, "", 0, 0, 0, 0, ""},
        {"", MEDIA_NONE, "", 0, 0, 0, 0, ""},
};

static void test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct name_case *c = &cases[i];
		struct media_name m;
		bool ok = media_name_parse(c->path, &m);
		if (ok != (c->kind != MEDIA_NONE) || m.kind != c->kind)
			fail_msg("'%s': kind %d, want %d", c->path, m.kind, c->kind);
		if (!ok)
			continue;
		if (strcmp(m.show, c->show) != 0 || m.year != c->year)
			fail_msg("'%s': show '%s' (%d), want '%s' (%d)", c->path, m.show, m.year,
			         c->show, c->year);
		if (c->kind == MEDIA_EPISODE &&
		    (m.season != c->season || m.episode != c->episode ||
		     m.episode_end != c->episode_end || strcmp(m.title, c->title) != 0))
			fail_msg("'%s': S%dE%d-%d '%s', want S%dE%d-%d '%s'", c->path, m.season,
			         m.episode, m.episode_end, m.title, c->season, c->episode,
			         c->episode_end, c->title);
	}
}

static void test_video_extensions(void **state)
{
	(void)state;
	assert_true(media_name_is_video("a/b.MKV"));
	assert_true(media_name_is_video("b.mp4"));
	assert_false(media_name_is_video("b.srt"));
	assert_false(media_name_is_video("dir.mkv/file"));
	assert_false(media_name_is_video("noext"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_table),
	                                   cmocka_unit_test(test_video_extensions)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
