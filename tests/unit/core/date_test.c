/* date_test.c - the three date forms, calendar checks, dates in prose. */
#include "../test_util.h"

#include "core/date.h"

static void ok(const char *in, const char *want)
{
	char out[DATE_ISO_LEN + 1];
	assert_int_equal(date_parse(str_from(in, strlen(in)), out), BG_OK);
	assert_string_equal(out, want);
}

static void bad(const char *in)
{
	char out[DATE_ISO_LEN + 1];
	assert_int_equal(date_parse(str_from(in, strlen(in)), out), BG_INVALID);
}

static void test_forms(void **state)
{
	(void)state;
	ok("2015-11-20", "2015-11-20");
	ok(" November 20, 2015 ", "2015-11-20");
	ok("20 November 2015", "2015-11-20");
	ok("Mar 8, 2018", "2018-03-08");
	ok("2020-02-29", "2020-02-29");
}

static void test_rejects(void **state)
{
	(void)state;
	bad("");
	bad("soon");
	bad("2019-02-29"); /* not a leap year */
	bad("2015-13-01");
	bad("2015-11-31");
	bad("November 20 2015"); /* no comma */
	bad("November 20, 2015 and more");
	bad("123456-11-20");
}

static void test_find_in_prose(void **state)
{
	(void)state;
	const char *text = "Netflix canceled Jessica Jones on February 18, 2019. Later...";
	char out[DATE_ISO_LEN + 1];
	size_t end;
	assert_true(date_find(str_from(text, strlen(text)), out, &end));
	assert_string_equal(out, "2019-02-18");
	assert_int_equal(text[end], '.');
	const char *none = "In March 2022, all of the series were removed.";
	assert_false(date_find(str_from(none, strlen(none)), out, &end));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_forms),
	        cmocka_unit_test(test_rejects),
	        cmocka_unit_test(test_find_in_prose),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
