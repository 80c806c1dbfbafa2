/*
 * intro_test.c - the shared intro of two fingerprints: found where it is,
 * with a few bits differing, and not found where there is none or it is
 * too short. (integration/markers_test.sh runs it on real audio.)
 */
#include "../test_util.h"

#include <math.h>

#include "media/intro.h"

static uint32_t next(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(*s >> 32);
}

/* n random items, then the shared ones at offset (each with one or two bits flipped). */
static uint32_t *episode(size_t n, uint64_t seed, const uint32_t *shared, size_t shared_n,
                         size_t offset)
{
	uint32_t *fp = malloc(n * sizeof(*fp));
	for (size_t i = 0; i < n; i++)
		fp[i] = next(&seed);
	for (size_t i = 0; i < shared_n; i++)
		fp[offset + i] = shared[i] ^ (i % 3 == 0 ? 1u << (i % 32) : 0) ^ (i % 7 == 0 ? 1u << 3 : 0);
	return fp;
}

static void test_finds_the_shared_run(void **state)
{
	(void)state;
	uint64_t s = 99;
	uint32_t shared[200]; /* 24.8 s */
	for (size_t i = 0; i < 200; i++)
		shared[i] = next(&s);
	uint32_t *a = episode(600, 1, shared, 200, 40), *b = episode(650, 2, shared, 200, 70);
	struct intro_match m;
	assert_true(intro_find(a, 600, b, 650, &m));
	/* To two items: a window of mostly shared items takes its odd ones in. */
	assert_true(fabs(m.a_start - (40 * INTRO_ITEM_S + INTRO_CONTEXT_S)) < 2.5 * INTRO_ITEM_S);
	assert_true(fabs(m.a_end - 240 * INTRO_ITEM_S) < 2.5 * INTRO_ITEM_S);
	assert_true(fabs((m.b_start - m.a_start) - 30 * INTRO_ITEM_S) < 0.01); /* the shift */
	/* Either way round. */
	struct intro_match r;
	assert_true(intro_find(b, 650, a, 600, &r));
	assert_true(fabs(r.a_start - m.b_start) < 0.01 && fabs(r.b_end - m.a_end) < 0.01);
	free(a);
	free(b);
}

static void test_none(void **state)
{
	(void)state;
	uint64_t s = 7;
	uint32_t shared[130]; /* 16.1 s, less the context: under INTRO_MIN_S */
	for (size_t i = 0; i < 130; i++)
		shared[i] = next(&s);
	uint32_t *a = episode(600, 3, shared, 130, 10), *b = episode(600, 4, shared, 130, 300);
	struct intro_match m;
	assert_false(intro_find(a, 600, b, 600, &m));
	uint32_t *c = episode(600, 5, NULL, 0, 0), *d = episode(600, 6, NULL, 0, 0);
	assert_false(intro_find(c, 600, d, 600, &m)); /* nothing shared */
	assert_false(intro_find(c, 4, d, 600, &m));   /* too short to say */
	free(a);
	free(b);
	free(c);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_finds_the_shared_run),
	                                   cmocka_unit_test(test_none)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
