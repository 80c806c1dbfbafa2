/* artwork_name_test.c - images beside the media, by name (media/artwork_name.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "media/artwork_name.h"

static void expect(const char *path, enum artwork_kind kind, enum folder_target target,
                   int season, const char *stem)
{
	struct artwork_name a;
	assert_true(artwork_name_parse(path, &a));
	assert_int_equal(a.kind, kind);
	assert_int_equal(a.target, target);
	assert_int_equal(a.season, season);
	if (stem)
		assert_memory_equal(path, stem, a.stem_len), assert_int_equal(a.stem_len, strlen(stem));
}

static void test_names(void **state)
{
	(void)state;
	expect("Show (2015)/poster.jpg", ARTWORK_POSTER, FOLDER_TOP, -1, NULL);
	expect("Show (2015)/Folder.JPG", ARTWORK_POSTER, FOLDER_TOP, -1, NULL);
	expect("Show (2015)/cover.webp", ARTWORK_POSTER, FOLDER_TOP, -1, NULL);
	expect("Show (2015)/fanart.jpg", ARTWORK_BACKDROP, FOLDER_TOP, -1, NULL);
	expect("Show (2015)/backdrop.png", ARTWORK_BACKDROP, FOLDER_TOP, -1, NULL);
	expect("Show (2015)/clearlogo.png", ARTWORK_LOGO, FOLDER_TOP, -1, NULL);
	expect("Show (2015)/season02-poster.jpg", ARTWORK_POSTER, FOLDER_TOP, 2, NULL);
	expect("Show (2015)/season-specials-poster.jpg", ARTWORK_POSTER, FOLDER_TOP, 0, NULL);
	expect("Show (2015)/Season 02/poster.jpg", ARTWORK_POSTER, FOLDER_SEASON, -1, NULL);
	expect("Show (2015)/Season 02/Show - S02E01-thumb.jpg", ARTWORK_STILL, FOLDER_STEM, -1,
	       "Show (2015)/Season 02/Show - S02E01");
	expect("Film (2019)/Film (2019)-poster.jpeg", ARTWORK_POSTER, FOLDER_STEM, -1,
	       "Film (2019)/Film (2019)");
	expect("Film (2019)/Film (2019)-fanart.png", ARTWORK_BACKDROP, FOLDER_STEM, -1,
	       "Film (2019)/Film (2019)");
}

static void test_not_artwork(void **state)
{
	(void)state;
	struct artwork_name a;
	const char *no[] = {"poster.jpg",                    /* the library's own folder */
	                    "Show/holiday.jpg", "Show/poster.gif", "Show/poster.jpg.txt",
	                    "Show/Season 01/logo.png",       /* a logo is the series' */
	                    "Show/Season 01/season01-poster.jpg", "Show/.jpg", "Show/-thumb.jpg", NULL};
	for (const char **p = no; *p; p++)
		assert_false(artwork_name_parse(*p, &a));
	/* Not a season number: read as NAME-poster, a video's (none is named so). */
	assert_true(artwork_name_parse("Show/seasonXX-poster.jpg", &a));
	assert_int_equal(a.target, FOLDER_STEM);
	assert_true(artwork_is_image("a.PNG"));
	assert_false(artwork_is_image("a.mkv"));
	assert_false(artwork_is_image(".jpg"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_names),
	                                   cmocka_unit_test(test_not_artwork)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
