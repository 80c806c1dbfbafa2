/* buf_test.c - struct buf invariants and string slices. */
#include "../test_util.h"

#include "core/buf.h"

static void test_append_and_terminate(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(100);
	assert_string_equal(b.ptr, "");
	buf_adds(&b, "abc");
	buf_addch(&b, '-');
	buf_addf(&b, "%d/%s", 42, "x");
	assert_string_equal(b.ptr, "abc-42/x");
	assert_int_equal(b.len, 8);
	assert_int_equal(buf_error(&b), BG_OK);
	buf_release(&b);
	assert_string_equal(b.ptr, "");
}

static void test_max_is_sticky_and_keeps_contents(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(5);
	buf_adds(&b, "1234");
	buf_adds(&b, "56"); /* would pass max */
	assert_int_equal(buf_error(&b), BG_TOO_LARGE);
	assert_string_equal(b.ptr, "1234");
	buf_adds(&b, "5"); /* ignored after the error */
	assert_string_equal(b.ptr, "1234");
	buf_reset(&b);
	assert_int_equal(buf_error(&b), BG_OK);
	buf_adds(&b, "12345");
	assert_string_equal(b.ptr, "12345");
	buf_release(&b);
}

static void test_detach(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(100);
	size_t len;
	char *empty = buf_detach(&b, &len);
	assert_string_equal(empty, "");
	free(empty);
	buf_adds(&b, "hello");
	char *s = buf_detach(&b, &len);
	assert_string_equal(s, "hello");
	assert_int_equal(len, 5);
	assert_int_equal(b.len, 0);
	free(s);
}

static void test_str_helpers(void **state)
{
	(void)state;
	struct str s = str_trim(STR_LIT("  Hello World \r\n"));
	assert_true(str_eq(s, "Hello World"));
	assert_true(str_eq_nocase(s, "hello world"));
	assert_false(str_eq(s, "Hello"));
	assert_true(str_has_prefix(s, "Hell"));
	assert_true(str_has_suffix(s, "World"));
	assert_int_equal(str_find(s, "o W"), 4);
	assert_int_equal(str_find(s, "xyz"), -1);
	assert_int_equal(str_trim(STR_LIT("   ")).len, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_append_and_terminate),
	        cmocka_unit_test(test_max_is_sticky_and_keeps_contents),
	        cmocka_unit_test(test_detach),
	        cmocka_unit_test(test_str_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
