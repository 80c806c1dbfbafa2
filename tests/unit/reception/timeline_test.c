/*
 * timeline_test.c - story order by constraints with ties by release, and
 * contradictions reported with the constraints involved.
 */
#include <string.h>

#include "../test_util.h"

#include "reception/timeline.h"

static struct timeline_entry entry(const char *name, const char *released)
{
	struct timeline_entry e;
	memset(&e, 0, sizeof(e));
	snprintf(e.name, sizeof(e.name), "%s", name);
	snprintf(e.released, sizeof(e.released), "%s", released);
	return e;
}

/* A 2014, B 2015, C 2016 (undated D last); C must come before A. */
static void test_order_and_ties(void **state)
{
	(void)state;
	struct timeline_entry e[] = {entry("A", "2014-01-01"), entry("B", "2015-01-01"),
	                             entry("D", ""), entry("C", "2016-01-01")};
	struct timeline_edge edges[] = {{3, 0, 0}};
	struct timeline t;
	timeline_order(e, 4, edges, 1, &t);
	const size_t release[] = {0, 1, 3, 2}, story[] = {1, 3, 0, 2};
	assert_memory_equal(t.release, release, sizeof(release));
	assert_memory_equal(t.story, story, sizeof(story));
	assert_int_equal(t.n_conflicts, 0);
	timeline_release(&t);
}

/*
 * Constraints 0: B after A, 1: C after B, 2: A after C (a cycle of
 * three), 3: D after C (fine). One conflict: A, B, C with constraints
 * 0, 1, 2; inside the group, release order (C, A, B); D, released first
 * of all, waits only for C.
 */
static void test_contradiction(void **state)
{
	(void)state;
	struct timeline_entry e[] = {entry("A", "2014-01-01"), entry("B", "2015-01-01"),
	                             entry("C", "2013-01-01"), entry("D", "2010-01-01")};
	struct timeline_edge edges[] = {{0, 1, 0}, {1, 2, 1}, {2, 0, 2}, {2, 3, 3}};
	struct timeline t;
	timeline_order(e, 4, edges, 4, &t);
	assert_int_equal(t.n_conflicts, 1);
	assert_int_equal(t.conflicts[0].n_entries, 3);
	assert_int_equal(t.conflicts[0].n_sources, 3);
	for (size_t i = 0; i < 3; i++)
		assert_true(t.conflicts[0].sources[i] <= 2);
	const size_t story[] = {2, 3, 0, 1};
	assert_memory_equal(t.story, story, sizeof(story));
	timeline_release(&t);
	/* an entry after itself is a contradiction of one */
	struct timeline_edge self[] = {{1, 1, 7}};
	timeline_order(e, 4, self, 1, &t);
	assert_int_equal(t.n_conflicts, 1);
	assert_int_equal(t.conflicts[0].sources[0], 7);
	timeline_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_order_and_ties),
	                                   cmocka_unit_test(test_contradiction)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
