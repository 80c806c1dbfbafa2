/* hash_test.c - 64-bit FNV-1a (core/hash.h), against the published test vectors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/hash.h"

static void test_vectors(void **state)
{
	(void)state;
	/* From the FNV reference (isthe.com/chongo/tech/comp/fnv). */
	assert_int_equal(hash_fnv1a_str(""), 0xcbf29ce484222325ULL);
	assert_int_equal(hash_fnv1a_str("a"), 0xaf63dc4c8601ec8cULL);
	assert_int_equal(hash_fnv1a_str("foobar"), 0x85944171f73967e8ULL);
	/* Continuing a hash is hashing the concatenation. */
	assert_int_equal(hash_fnv1a(hash_fnv1a_str("foo"), "bar", 3), hash_fnv1a_str("foobar"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_vectors)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
