/* server_test.c - the caller's address behind reverse proxies. */
#include "../test_util.h"

#include "http/server.h"

static const char *client(const char *peer, const char *forwarded, const char *trusted)
{
	static char out[64];
	http_client_behind_proxies(peer, forwarded, trusted, out, sizeof(out));
	return out;
}

static void test_behind_proxies(void **state)
{
	(void)state;
	/* No proxy configured: the header is anyone's to write, and ignored. */
	assert_string_equal(client("203.0.113.9", "10.0.0.1", NULL), "203.0.113.9");
	/* A peer that is not a trusted proxy: ignored too. */
	assert_string_equal(client("203.0.113.9", "10.0.0.1", "127.0.0.1"), "203.0.113.9");
	/* Behind one proxy: the address it appended. */
	assert_string_equal(client("127.0.0.1", "198.51.100.7", "127.0.0.1"), "198.51.100.7");
	/* A client's own X-Forwarded-For is to the left of the proxy's hop: ignored. */
	assert_string_equal(client("127.0.0.1", "6.6.6.6, 198.51.100.7", "127.0.0.1"),
	                    "198.51.100.7");
	/* Two proxies (a CDN, then nginx): the rightmost hop that is not one of them. */
	assert_string_equal(client("127.0.0.1", "198.51.100.7, 192.0.2.10", "127.0.0.1, 192.0.2.10"),
	                    "198.51.100.7");
	/* Every hop a proxy, or an empty header: the peer. */
	assert_string_equal(client("127.0.0.1", "127.0.0.1", "127.0.0.1"), "127.0.0.1");
	assert_string_equal(client("127.0.0.1", " , ", "127.0.0.1"), "127.0.0.1");
	assert_string_equal(client("127.0.0.1", NULL, "127.0.0.1"), "127.0.0.1");
	/* A prefix is not a match. */
	assert_string_equal(client("127.0.0.10", "198.51.100.7", "127.0.0.1"), "127.0.0.10");
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_behind_proxies)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
