/*
 * event_test.c - the times a client may report for a viewing event: from
 * EVENT_TIME_FLOOR to a day past the server's clock, and the message names
 * the bound that was crossed.
 */
#include "../test_util.h"

#include "audience/event.h"

static bool plausible(const char *at, int64_t now, char *msg, size_t len)
{
	struct viewing_event e;
	char why[128];
	assert_int_equal(event_from_parts("e1", 1, 2, "start", 0, "tv", at, &e, why, sizeof(why)),
	                 BG_OK);
	return event_time_is_plausible(&e, now, msg, len);
}

static void test_bounds(void **state)
{
	(void)state;
	int64_t now;
	assert_int_equal(date_time_parse("2022-03-20T00:00:00Z", &now), BG_OK);
	char msg[256];
	assert_true(plausible("2000-01-01T00:00:00Z", now, msg, sizeof(msg)));
	assert_true(plausible("2022-03-20T00:00:00Z", now, msg, sizeof(msg)));
	assert_true(plausible("2022-03-21T00:00:00Z", now, msg, sizeof(msg))); /* a day ahead */
	assert_false(plausible("2022-03-21T00:00:01Z", now, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "more than a day ahead"));
	assert_non_null(strstr(msg, "2022-03-21T00:00:00Z")); /* the latest accepted */
	assert_false(plausible("1999-12-31T23:59:59Z", now, msg, sizeof(msg)));
	assert_non_null(strstr(msg, EVENT_TIME_FLOOR));
	assert_false(plausible("1970-01-01T00:00:00Z", now, msg, sizeof(msg)));
	assert_false(plausible("9999-12-31T23:59:59Z", now, msg, sizeof(msg)));
	assert_int_equal(strncmp(msg, "time: ", 6), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_bounds)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
