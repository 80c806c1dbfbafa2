/* fold_test.c - search keys fold case, diacritics and punctuation. */
#include "../test_util.h"

#include "core/fold.h"

static void check(const char *in, const char *want)
{
	char *got = fold_dup(in);
	assert_string_equal(got, want);
	free(got);
}

static void test_case_and_diacritics(void **state)
{
	(void)state;
	check("Trey Ordoñez", "trey ordonez");
	check("TREY ORDOÑEZ", "trey ordonez");
	check("Trey Ordon\xCC\x83"
	      "ez",
	      "trey ordonez"); /* decomposed ñ */
	check("Zoë Kravitz", "zoe kravitz");
	check("Straße", "strasse");
	check("Æon Flux", "aeon flux");
	check("Søren Łukasz Čapek", "soren lukasz capek");
	check("ПРИВЕТ", "привет");
}

static void test_punctuation_and_spaces(void **state)
{
	(void)state;
	check("J. R. Ramirez", "j r ramirez");
	check("  Patricia \"Trish\"  Walker ", "patricia trish walker");
	check("Neo-noir", "neo noir");
	check("44\xE2\x80\x93"
	      "56",
	      "44 56"); /* en dash */
	check("", "");
	check("...", "");
}

static void test_invalid_bytes_are_separators(void **state)
{
	(void)state;
	check("ab\xFF"
	      "cd",
	      "ab cd");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_case_and_diacritics),
	        cmocka_unit_test(test_punctuation_and_spaces),
	        cmocka_unit_test(test_invalid_bytes_are_separators),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
