/* ini_test.c - configuration files: sections, keys, quotes, comments, errors. */
#include "../test_util.h"

#include <string.h>

#include "core/ini.h"

static void test_parse(void **state)
{
	(void)state;
	const char *text = "# binge.conf\n"
	                   "db = /srv/binge.db\n"
	                   "\n"
	                   "[serve]\n"
	                   "  listen =  127.0.0.1:8080  \n"
	                   "metrics-token = \" spaced \"\n"
	                   "; a comment\n"
	                   "[ scan ]\n"
	                   "trickplay=yes";
	struct ini ini;
	char msg[128];
	assert_int_equal(ini_parse(text, strlen(text), &ini, msg, sizeof(msg)), BG_OK);
	assert_int_equal(ini.n, 4);
	assert_string_equal(ini.items[0].section, "");
	assert_string_equal(ini.items[0].key, "db");
	assert_string_equal(ini.items[0].value, "/srv/binge.db");
	assert_int_equal(ini.items[0].line, 2);
	assert_string_equal(ini.items[1].section, "serve");
	assert_string_equal(ini.items[1].value, "127.0.0.1:8080");
	assert_string_equal(ini.items[2].value, " spaced ");
	assert_string_equal(ini.items[3].section, "scan");
	assert_string_equal(ini.items[3].key, "trickplay");
	assert_int_equal(ini.items[3].line, 9);
	ini_release(&ini);
}

static void test_errors(void **state)
{
	(void)state;
	struct ini ini;
	char msg[128];
	const char *garbled = "[serve]\nthreads 4\n";
	assert_int_equal(ini_parse(garbled, strlen(garbled), &ini, msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, "line 2: expected '[section]' or 'key = value'"));
	const char *quote = "a = \"open\n";
	assert_int_equal(ini_parse(quote, strlen(quote), &ini, msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, "line 1: a quoted value must end"));
	const char *nokey = "= value\n";
	assert_int_equal(ini_parse(nokey, strlen(nokey), &ini, msg, sizeof(msg)), BG_INVALID);
	assert_int_equal(ini.n, 0);
	assert_int_equal(ini_parse("", 0, &ini, msg, sizeof(msg)), BG_OK);
	assert_int_equal(ini.n, 0);
	ini_release(&ini);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_parse), cmocka_unit_test(test_errors)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
