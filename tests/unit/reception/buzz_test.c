/* buzz_test.c - post parsing and attribution by hashtag, keyword and handle. */
#include <string.h>

#include "../test_util.h"

#include "reception/buzz.h"

static struct buzz_post post(const char *author, const char *text)
{
	struct buzz_post p;
	memset(&p, 0, sizeof(p));
	snprintf(p.author, sizeof(p.author), "%s", author);
	snprintf(p.text, sizeof(p.text), "%s", text);
	return p;
}

static void test_matches(void **state)
{
	(void)state;
	const struct buzz_tracker t[] = {{BUZZ_HASHTAG, "#JessicaJones"},
	                                 {BUZZ_KEYWORD, "Jessica Jones"},
	                                 {BUZZ_HANDLE, "@JessicaJones"}};
	struct buzz_post yes[] = {post("a", "#jessicajones!"), post("a", "watching Jessica Jones."),
	                          post("a", "cc @JessicaJones"), post("JessicaJones", "new clip")};
	for (size_t i = 0; i < 4; i++)
		assert_true(buzz_matches(t, 3, &yes[i]));
	struct buzz_post no[] = {post("a", "#JessicaJonesS2"), post("a", "JessicaJonesFan"),
	                         post("a", "Jessica Jonestown"), post("JessicaJonesFan", "hi")};
	for (size_t i = 0; i < 4; i++)
		assert_false(buzz_matches(t, 3, &no[i]));
}

static void test_parse(void **state)
{
	(void)state;
	struct buzz_post p;
	char msg[200];
	const char *line = "p1,twitter,2015-11-20,fan,\"hello, #JessicaJones\",";
	assert_int_equal(buzz_parse_csv(line, strlen(line), &p, msg, sizeof(msg)), BG_OK);
	assert_string_equal(p.at, "2015-11-20T00:00:00Z");
	assert_string_equal(p.text, "hello, #JessicaJones");
	line = "p1,twitter,2015-13-20,fan,x,";
	assert_int_equal(buzz_parse_csv(line, strlen(line), &p, msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, "time"));
	const char *json = "{\"id\":\"p2\",\"network\":\"x\",\"time\":\"2018-03-08T10:00:00Z\","
	                   "\"text\":\"t\",\"repost_of\":\"p1\"}";
	assert_int_equal(buzz_parse_json(json, strlen(json), &p, msg, sizeof(msg)), BG_OK);
	assert_string_equal(p.repost_of, "p1");
	json = "{\"id\":\"p2\",\"network\":\"x\",\"time\":\"2018-03-08\",\"likes\":3}";
	assert_int_equal(buzz_parse_json(json, strlen(json), &p, msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, "likes"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_matches),
	                                   cmocka_unit_test(test_parse)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
