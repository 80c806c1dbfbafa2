/* territory_test.c - ISO 3166-1 alpha-2 codes, first and last included. */
#include "../test_util.h"

#include "core/territory.h"

static void test_codes(void **state)
{
	(void)state;
	const char *good[] = {"AD", "US", "GB", "IE", "AU", "NZ", "CA", "FR", "ZW", "ZM"};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(territory_is_valid(good[i]));
	const char *bad[] = {"", "U", "USA", "us", "XX", "UK", "ZZ", "Z", "A1", "EU"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(territory_is_valid(bad[i]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_codes)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
