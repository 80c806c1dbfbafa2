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

static void test_boards(void **state)
{
	(void)state;
	static const struct {
		const char *board, *rating, *canonical;
		int level;
	} cases[] = {{"BBFC", "15", "15", 15},         {"bbfc", "12a", "12A", 12},
	             {"BBFC", "BBFC: 18", "18", 18},   {"FSK", "FSK 16", "16", 16},
	             {"FSK", "0", "0", 0},             {"ACB", "ma15+", "MA15+", 15},
	             {"CNC", "-12", "12", 12},         {"CSA", "tp", "TP", 0},
	             {"EIRIN", "R15+", "R15+", 15},    {"Kijkwijzer", "al", "AL", 0},
	             {"NICAM", "14", "14", 14},        {"CBFC", "U/A 13+", "U/A 13+", 13},
	             {"CBFC", "UA", "UA", 12},         {"CBFC", "u/a", "UA", 12},
	             {"TV", "tv-ma", "TV-MA", 18},     {"MPA", "PG-13", "PG-13", 13},
	             {"US TV", "TV-Y7-FV", "TV-Y7-FV", 7}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct rating_board *b = maturity_board_named(cases[i].board);
		assert_non_null(b);
		char canonical[MATURITY_RATING_LEN];
		int level = -1;
		assert_true(maturity_board_rating(b, cases[i].rating, canonical, &level));
		assert_string_equal(canonical, cases[i].canonical);
		assert_int_equal(level, cases[i].level);
	}
	const struct rating_board *bbfc = maturity_board_named("BBFC");
	assert_string_equal(bbfc->territory, "GB");
	assert_false(maturity_board_is_us(bbfc));
	assert_true(maturity_board_is_us(maturity_board_named("MPA")));
	char canonical[MATURITY_RATING_LEN];
	int level;
	/* A rating of another board, or of none, is refused. */
	assert_false(maturity_board_rating(bbfc, "PG-13", canonical, &level));
	assert_false(maturity_board_rating(bbfc, "BBFC", canonical, &level));
	assert_false(maturity_board_rating(maturity_board_named("MPA"), "TV-MA", canonical, &level));
	assert_false(maturity_board_rating(bbfc, "", canonical, &level));
	assert_null(maturity_board_named("OFLC"));
	char list[128];
	maturity_board_ratings(bbfc, list, sizeof(list));
	assert_string_equal(list, "U, PG, 12A, 12, 15, 18, R18");
	maturity_board_ratings(bbfc, list, 8); /* truncated, still terminated */
	assert_int_equal(strlen(list), 7);
	char age[8];
	maturity_age_label(15, age);
	assert_string_equal(age, "15+");
	maturity_age_label(0, age);
	assert_string_equal(age, "all");
	/* A BBFC 15 title: allowed on a 16+ ceiling, refused on a 13+ one. */
	maturity_board_rating(bbfc, "15", canonical, &level);
	int ceiling;
	maturity_parse_ceiling("16+", &ceiling);
	assert_true(level <= ceiling);
	maturity_parse_ceiling("13+", &ceiling);
	assert_false(level <= ceiling);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_ratings),
	                                   cmocka_unit_test(test_ceilings),
	                                   cmocka_unit_test(test_boards)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
