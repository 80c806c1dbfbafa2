/* slot_cache_test.c - the bounded byte cache (core/slot_cache.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "core/slot_cache.h"

static void test_put_get_replace(void **state)
{
	(void)state;
	struct slot_cache *c = slot_cache_new(8, 16);
	size_t len = 0;
	assert_null(slot_cache_get(c, "a", &len));
	slot_cache_put(c, "a", "one\0two", 7); /* bytes, NULs included */
	char *got = slot_cache_get(c, "a", &len);
	assert_non_null(got);
	assert_int_equal(len, 7);
	assert_memory_equal(got, "one\0two", 7);
	assert_int_equal(got[7], '\0'); /* terminated after its bytes */
	free(got);
	slot_cache_put(c, "a", "three", 5); /* a key's newest value wins */
	got = slot_cache_get(c, "a", &len);
	assert_int_equal(len, 5);
	assert_string_equal(got, "three");
	free(got);
	assert_null(slot_cache_get(c, "b", &len)); /* another key: no answer */
	slot_cache_free(c);
}

static void test_too_large_not_kept(void **state)
{
	(void)state;
	struct slot_cache *c = slot_cache_new(8, 4);
	size_t len;
	slot_cache_put(c, "k", "12345", 5);
	assert_null(slot_cache_get(c, "k", &len));
	slot_cache_put(c, "k", "1234", 4);
	char *got = slot_cache_get(c, "k", &len);
	assert_string_equal(got, "1234");
	free(got);
	slot_cache_free(c);
}

/* With one slot, every key shares it: the newest replaces the rest, never answers for them. */
static void test_collision_never_misanswers(void **state)
{
	(void)state;
	struct slot_cache *c = slot_cache_new(1, 16);
	size_t len;
	slot_cache_put(c, "first", "1", 1);
	slot_cache_put(c, "second", "2", 1);
	assert_null(slot_cache_get(c, "first", &len));
	char *got = slot_cache_get(c, "second", &len);
	assert_string_equal(got, "2");
	free(got);
	slot_cache_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_put_get_replace),
	                                   cmocka_unit_test(test_too_large_not_kept),
	                                   cmocka_unit_test(test_collision_never_misanswers)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
