/* range_test.c - Range and If-Range against RFC 9110's examples and edges. */
#include "../test_util.h"

#include "http/range.h"

static void expect(const char *h, uint64_t size, enum range_result want, uint64_t start,
                   uint64_t len)
{
	uint64_t s = 99, l = 99;
	enum range_result r = range_parse(h, size, &s, &l);
	if (r != want)
		fail_msg("'%s' on %llu: result %d, want %d", h ? h : "(null)",
		         (unsigned long long)size, r, want);
	if (r == RANGE_PARTIAL && (s != start || l != len))
		fail_msg("'%s': [%llu, +%llu), want [%llu, +%llu)", h, (unsigned long long)s,
		         (unsigned long long)l, (unsigned long long)start, (unsigned long long)len);
}

static void test_ranges(void **state)
{
	(void)state;
	/* RFC 9110 §14.1.2 examples on a 10000-byte representation. */
	expect("bytes=0-499", 10000, RANGE_PARTIAL, 0, 500);
	expect("bytes=500-999", 10000, RANGE_PARTIAL, 500, 500);
	expect("bytes=-500", 10000, RANGE_PARTIAL, 9500, 500);
	expect("bytes=9500-", 10000, RANGE_PARTIAL, 9500, 500);
	expect("bytes=0-0", 10000, RANGE_PARTIAL, 0, 1);
	expect("bytes=-1", 10000, RANGE_PARTIAL, 9999, 1);
	/* Range units are case-insensitive (RFC 9110 §14.1). */
	expect("Bytes=0-9", 10000, RANGE_PARTIAL, 0, 10);
	expect("BYTES=-1", 10000, RANGE_PARTIAL, 9999, 1);
	/* Past the end is clipped; a start past the end is unsatisfiable. */
	expect("bytes=9000-20000", 10000, RANGE_PARTIAL, 9000, 1000);
	expect("bytes=-20000", 10000, RANGE_PARTIAL, 0, 10000);
	expect("bytes=10000-", 10000, RANGE_UNSATISFIABLE, 0, 0);
	expect("bytes=10000-10001", 10000, RANGE_UNSATISFIABLE, 0, 0);
	expect("bytes=-0", 10000, RANGE_UNSATISFIABLE, 0, 0);
	expect("bytes=0-", 0, RANGE_UNSATISFIABLE, 0, 0);
	/* Ignored: no header, other units, several ranges, junk, reversed. */
	expect(NULL, 10000, RANGE_NONE, 0, 0);
	expect("items=0-5", 10000, RANGE_NONE, 0, 0);
	expect("bytes=0-1,5-6", 10000, RANGE_NONE, 0, 0);
	expect("bytes=abc", 10000, RANGE_NONE, 0, 0);
	expect("bytes=-", 10000, RANGE_NONE, 0, 0);
	expect("bytes=5-1", 10000, RANGE_NONE, 0, 0);
	expect("bytes=99999999999999999999999-", 10000, RANGE_NONE, 0, 0);
}

static void test_if_range(void **state)
{
	(void)state;
	const char *etag = "\"abc\"", *lm = "Tue, 24 Nov 2026 10:00:00 GMT";
	assert_true(range_if_range_holds(NULL, etag, lm));
	assert_true(range_if_range_holds("\"abc\"", etag, lm));
	assert_false(range_if_range_holds("\"old\"", etag, lm));
	assert_false(range_if_range_holds("W/\"abc\"", etag, lm));
	assert_true(range_if_range_holds("Tue, 24 Nov 2026 10:00:00 GMT", etag, lm));
	assert_false(range_if_range_holds("Mon, 23 Nov 2026 10:00:00 GMT", etag, lm));
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_ranges),
	                                   cmocka_unit_test(test_if_range)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
