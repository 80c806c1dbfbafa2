/*
 * home_media_test.c - the article's Home media table read into releases:
 * formats from region codes, empty cells unknown, junk left out.
 */
#include <string.h>

#include "../test_util.h"

#include "reception/home_media.h"

static void test_article_table(void **state)
{
	(void)state;
	const char *table = "| Season | DVD release dates | Blu-ray release dates | | | |\n"
	                    "| Region 1 | Region 2 | Region 4 | Region A | Region B | |\n"
	                    "| 1 | August 22, 2017 | December 5, 2016 | December 7, 2017 | August "
	                    "22, 2017 | December 5, 2016 |\n"
	                    "| 2 | | | | | |\n"
	                    "| 3 | | soon | | | |\n";
	struct home_media_release r[16];
	size_t n = home_media_parse(table, r, 16);
	assert_int_equal(n, 5);
	const char *want[5][3] = {{"DVD", "1", "2017-08-22"},
	                          {"DVD", "2", "2016-12-05"},
	                          {"DVD", "4", "2017-12-07"},
	                          {"Blu-ray", "A", "2017-08-22"},
	                          {"Blu-ray", "B", "2016-12-05"}};
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(r[i].season, 1);
		assert_string_equal(r[i].format, want[i][0]);
		assert_string_equal(r[i].region, want[i][1]);
		assert_string_equal(r[i].date, want[i][2]);
	}
	/* at most max */
	assert_int_equal(home_media_parse(table, r, 2), 2);
}

static void test_no_region_row(void **state)
{
	(void)state;
	struct home_media_release r[4];
	assert_int_equal(home_media_parse("| 1 | August 22, 2017 |\n", r, 4), 0);
	assert_int_equal(
	        home_media_parse("Some prose.\n| Region 9 | Region Z |\n| 1 | May 1, 2017 |", r, 4),
	        0);
	assert_int_equal(home_media_parse("", r, 4), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_article_table),
	                                   cmocka_unit_test(test_no_region_row)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
