/* strmap_test.c - the string map against a naive list, through growth. */
#include "../test_util.h"

#include "core/strmap.h"

static void test_put_get_grow(void **state)
{
	(void)state;
	struct strmap m = STRMAP_INIT;
	int64_t v;
	assert_false(strmap_get(&m, "missing", &v));
	char key[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "key-%d", i);
		strmap_put(&m, key, i * 3);
	}
	assert_int_equal(m.count, 5000);
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "key-%d", i);
		assert_true(strmap_get(&m, key, &v));
		assert_int_equal(v, i * 3);
	}
	strmap_put(&m, "key-7", -1); /* overwrite keeps the count */
	assert_true(strmap_get(&m, "key-7", &v));
	assert_int_equal(v, -1);
	assert_int_equal(m.count, 5000);
	assert_false(strmap_get(&m, "key-5000", &v));
	assert_false(strmap_get(&m, "", &v));
	strmap_put(&m, "", 42);
	assert_true(strmap_get(&m, "", &v));
	assert_int_equal(v, 42);
	strmap_release(&m);
	assert_false(strmap_get(&m, "key-1", &v));
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_put_get_grow)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
