/* maturity_test.c - ratings and ceilings on one age scale. */
#include "../test_util.h"

#include "catalog/maturity.h"

static void test_ratings(void **state)
{
	(void)state;
	static const struct {
		const char *rating;
		int level;
	} cases[] = {{"TV-Y", 0},  {"TV-G", 0},   {"G", 0},      {"TV-Y7", 7},
	             {"TV-PG", 7}, {"PG", 7},     {"TV-14", 13}, {"PG-13", 13},
	             {"R", 16},    {"TV-MA", 18}, {"NC-17", 18}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int level = -1;
		assert_true(maturity_of_rating(cases[i].rating, &level));
		assert_int_equal(level, cases[i].level);
	}
	int level;
	assert_false(maturity_of_rating("TV-XX", &level));
	assert_false(maturity_of_rating("", &level));
	assert_string_equal(maturity_system("TV-MA"), "US TV");
	assert_string_equal(maturity_system("PG-13"), "MPA");
	assert_null(maturity_system("12A"));
}

static void test_ceilings(void **state)
{
	(void)state;
	int level;
	assert_true(maturity_parse_ceiling("TV-14", &level));
	assert_int_equal(level, 13);
	assert_true(maturity_parse_ceiling("16+", &level));
	assert_int_equal(level, 16);
	assert_true(maturity_parse_ceiling("7", &level));
	assert_int_equal(level, 7);
	assert_true(maturity_parse_ceiling("all", &level));
	assert_int_equal(level, 0);
	assert_false(maturity_parse_ceiling("12+", &level));
	assert_false(maturity_parse_ceiling("adult", &level));
	assert_string_equal(maturity_label(18), "18+");
	assert_string_equal(maturity_label(13), "13+");
	assert_string_equal(maturity_label(0), "all");
	/* A TV-MA title (18) is above a TV-14 ceiling (13). */
	int title, ceiling;
	maturity_of_rating("TV-MA", &title);
	maturity_parse_ceiling("TV-14", &ceiling);
	assert_true(title > ceiling);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_ratings),
	                                   cmocka_unit_test(test_ceilings)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
