/* trigram_test.c - trigram similarity (core/trigram.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/trigram.h"

static void test_similarity(void **state)
{
	(void)state;
	assert_true(trigram_similarity("jessica jones", "jessica jones") == 1.0);
	/* As pg_trgm says (PostgreSQL 15): 11 shared of 14. */
	assert_float_equal(trigram_similarity("jesica jones", "jessica jones"), 11.0 / 14.0, 1e-9);
	assert_true(trigram_similarity("jesica jones", "luke cage") < 0.1);
	assert_true(trigram_similarity("", "x") == 0.0);
	assert_true(trigram_similarity("   ", "   ") == 0.0);
	/* Word order does not matter; repeats count once. */
	assert_true(trigram_similarity("jones jessica", "jessica jones") == 1.0);
	assert_true(trigram_similarity("aaa aaa", "aaa") == 1.0);
	/* A very long string is cut, not overrun. */
	char longer[2000];
	for (size_t i = 0; i < sizeof(longer) - 1; i++)
		longer[i] = (char)('a' + i % 26);
	longer[sizeof(longer) - 1] = '\0';
	assert_true(trigram_similarity(longer, longer) == 1.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_similarity)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
