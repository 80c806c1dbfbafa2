/* language_test.c - language codes from files, sidecar names and territories. */
#include "../test_util.h"

#include "core/language.h"

static void test_normalize(void **state)
{
	(void)state;
	char code[LANGUAGE_CODE_MAX];
	const struct {
		const char *text, *code;
	} cases[] = {{"en", "eng"},     {"ENG", "eng"}, {"English", "eng"}, {"deu", "ger"},
	             {"ger", "ger"},    {"de", "ger"},  {"fra", "fre"},     {"zho", "chi"},
	             {"pt", "por"},     {"nb", "nob"},  {"xho", "xho"}, /* kept as it is */
	             {"Tlh", "tlh"}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_true(language_normalize(cases[i].text, code));
		assert_string_equal(code, cases[i].code);
	}
	const char *none[] = {"", "und", "mul", "zxx", "e", "english2", "12a", NULL};
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		assert_false(language_normalize(none[i], code));
		assert_string_equal(code, "und");
	}
}

static void test_names_and_tags(void **state)
{
	(void)state;
	assert_string_equal(language_name("spa"), "Spanish");
	assert_string_equal(language_name("und"), "Unknown language");
	assert_string_equal(language_name("xho"), "xho");
	assert_string_equal(language_tag("ger"), "de");
	assert_string_equal(language_tag("xho"), "xho");
	assert_string_equal(language_of_territory("ES"), "spa");
	assert_string_equal(language_of_territory("gb"), "eng");
	assert_string_equal(language_of_territory("ZZ"), "eng");
	assert_string_equal(language_of_territory(NULL), "eng");
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_normalize),
	                                   cmocka_unit_test(test_names_and_tags)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
