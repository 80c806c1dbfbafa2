/* pairmap_test.c - the pair map through growth, clearing and near-miss keys. */
#include "../test_util.h"

#include "core/pairmap.h"

static void test_intern_get_grow(void **state)
{
	(void)state;
	struct pairmap m = PAIRMAP_INIT;
	size_t idx, next = 0;
	bool added;
	assert_false(pairmap_get(&m, 1, 2, &idx));
	for (int64_t a = 0; a < 100; a++)
		for (int64_t b = 0; b < 50; b++) {
			idx = pairmap_intern(&m, a, b, next, &added);
			assert_true(added);
			assert_int_equal(idx, next);
			next++;
		}
	assert_int_equal(m.count, 5000);
	/* (a, b) and (b, a) are different keys */
	assert_true(pairmap_get(&m, 3, 7, &idx));
	assert_int_equal(idx, 3 * 50 + 7);
	assert_true(pairmap_get(&m, 7, 3, &idx));
	assert_int_equal(idx, 7 * 50 + 3);
	assert_false(pairmap_get(&m, 3, 50, &idx));
	assert_false(pairmap_get(&m, -1, 0, &idx));
	/* interning again returns the stored index and adds nothing */
	idx = pairmap_intern(&m, 99, 49, next, &added);
	assert_false(added);
	assert_int_equal(idx, 4999);
	assert_int_equal(m.count, 5000);
	pairmap_clear(&m);
	assert_int_equal(m.count, 0);
	assert_false(pairmap_get(&m, 3, 7, &idx));
	idx = pairmap_intern(&m, 3, 7, 0, &added);
	assert_true(added);
	pairmap_release(&m);
	assert_false(pairmap_get(&m, 3, 7, &idx));
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_intern_get_grow)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
