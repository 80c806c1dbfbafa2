/*
 * accolades_test.c - the Accolades table with year and award cells that
 * span rows, nominees told apart by data-sort-value and quotes, and
 * results read or left unknown.
 */
#include <string.h>

#include "../test_util.h"

#include "reception/accolades.h"

static void test_rowspans_and_results(void **state)
{
	(void)state;
	const char *table = "|-\n"
	                    "! scope=\"row\" rowspan=\"3\" | 2016\n"
	                    "| rowspan=\"2\" | Saturn Awards\n"
	                    "| Best New Media Television Series\n"
	                    "| Jessica Jones\n"
	                    "| {{won}}\n"
	                    "|\n"
	                    "|-\n"
	                    "| Best Actress on Television\n"
	                    "| data-sort-value=\"Ritter, Krysten\" | Krysten Ritter\n"
	                    "| Nominated\n"
	                    "|\n"
	                    "|-\n"
	                    "| Hugo Awards\n"
	                    "| Best Dramatic Presentation, Short Form\n"
	                    "| data-sort-value=\"AKA Smile\" | \"AKA Smile\"\n"
	                    "|\n"
	                    "|\n"
	                    "|-\n"
	                    "! scope=\"row\" | 2018\n"
	                    "| Hugo Awards\n"
	                    "| Best Dramatic Presentation, Short Form\n"
	                    "| data-sort-value=\"AKA Smile\" | \"AKA Smile\"\n"
	                    "| Pending\n"
	                    "|\n"
	                    "|}\n";
	struct accolade a[8];
	size_t n = accolades_parse(table, a, 8);
	assert_int_equal(n, 4);
	assert_int_equal(a[0].year, 2016);
	assert_string_equal(a[0].award, "Saturn Awards");
	assert_string_equal(a[0].nominee_kind, "title");
	assert_string_equal(a[0].result, "won");
	assert_int_equal(a[1].year, 2016);
	assert_string_equal(a[1].award, "Saturn Awards"); /* the award spans two rows */
	assert_string_equal(a[1].category, "Best Actress on Television");
	assert_string_equal(a[1].nominee, "Krysten Ritter");
	assert_string_equal(a[1].nominee_kind, "person");
	assert_string_equal(a[1].result, "nominated");
	assert_int_equal(a[2].year, 2016); /* the year spans three rows */
	assert_string_equal(a[2].award, "Hugo Awards");
	assert_string_equal(a[2].nominee, "AKA Smile");
	assert_string_equal(a[2].nominee_kind, "episode");
	assert_string_equal(a[2].result, "unknown");
	assert_int_equal(a[3].year, 2018);
	assert_string_equal(a[3].result, "pending");
	assert_int_equal(accolades_parse(table, a, 2), 2);
	assert_int_equal(accolades_parse("no table here", a, 8), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_rowspans_and_results)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
