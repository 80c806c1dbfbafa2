/* utf8_test.c - the strict decoder against hand-checked sequences. */
#include "../test_util.h"

#include "core/utf8.h"

static void test_valid(void **state)
{
	(void)state;
	const char *s = "a\xC3\xB1\xE2\x80\x93\xF0\x9F\x8E\xAC"; /* a ñ – 🎬 */
	size_t len = strlen(s), pos = 0;
	uint32_t cp;
	assert_true(utf8_decode(s, len, &pos, &cp));
	assert_int_equal(cp, 'a');
	assert_true(utf8_decode(s, len, &pos, &cp));
	assert_int_equal(cp, 0xF1);
	assert_true(utf8_decode(s, len, &pos, &cp));
	assert_int_equal(cp, 0x2013);
	assert_true(utf8_decode(s, len, &pos, &cp));
	assert_int_equal(cp, 0x1F3AC);
	assert_int_equal(pos, len);
	assert_int_equal(utf8_valid_prefix(s, len), len);
}

static void test_invalid(void **state)
{
	(void)state;
	static const char *const bad[] = {
	        "\xC0\xAF",         /* overlong '/' */
	        "\xE0\x80\xAF",     /* overlong */
	        "\xED\xA0\x80",     /* surrogate U+D800 */
	        "\xF4\x90\x80\x80", /* above U+10FFFF */
	        "\x80",             /* lone continuation */
	        "\xC3",             /* cut off */
	        "\xE2\x80",         /* cut off */
	        "\xFF",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		size_t pos = 0;
		uint32_t cp;
		assert_false(utf8_decode(bad[i], strlen(bad[i]), &pos, &cp));
		assert_int_equal(pos, 0);
	}
	assert_int_equal(utf8_valid_prefix("ab\xC3", 3), 2);
	assert_int_equal(utf8_valid_prefix("ab\xC3\xB1\xFF", 5), 4);
}

static void test_encode_roundtrip(void **state)
{
	(void)state;
	const uint32_t cps[] = {0x41, 0xF1, 0x7FF, 0x800, 0x2013, 0xFFFD, 0x10000, 0x10FFFF};
	for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		char enc[4];
		size_t n = utf8_encode(cps[i], enc), pos = 0;
		uint32_t cp;
		assert_true(utf8_decode(enc, n, &pos, &cp));
		assert_int_equal(cp, cps[i]);
		assert_int_equal(pos, n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_valid),
	        cmocka_unit_test(test_invalid),
	        cmocka_unit_test(test_encode_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
