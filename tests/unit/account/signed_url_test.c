/*
 * signed_url_test.c - signed URLs: what is signed round-trips; any changed
 * part, an ended time, a malformed parameter or another key is refused with
 * a reason; the key file is made once (0600) and read back, and a file of
 * the wrong size is refused.
 */
#include "../test_util.h"

#include <sys/stat.h>

#include "account/signed_url.h"

/* Splits "exp=..&u=..&p=..&sig=.." into its four values (in place). */
static void split(char *q, char **exp, char **u, char **p, char **sig)
{
	char **out[] = {exp, u, p, sig};
	char *save = q;
	for (int i = 0; i < 4; i++) {
		char *eq = strchr(save, '=');
		assert_non_null(eq);
		char *amp = strchr(eq, '&');
		if (amp)
			*amp = '\0';
		*out[i] = eq + 1;
		save = amp ? amp + 1 : eq + strlen(eq);
	}
}

static void test_round_trip_and_tampering(void **state)
{
	(void)state;
	struct url_key key, other;
	mac_key_new(key.bytes);
	mac_key_new(other.bytes);
	struct url_grant g = {.user_id = 7, .profile_id = 12, .expires = 1647735300}, got;
	char q[SIGNED_URL_QUERY_MAX];
	signed_url_query(&key, "media", 42, &g, q);
	char *exp, *u, *p, *sig;
	split(q, &exp, &u, &p, &sig);
	assert_string_equal(exp, "1647735300");
	assert_string_equal(u, "7");
	assert_string_equal(p, "12");
	assert_int_equal(strlen(sig), MAC_LEN);
	const char *why = NULL;
	assert_int_equal(
	        signed_url_check(&key, "media", 42, exp, u, p, sig, 1647735299, &got, &why), BG_OK);
	assert_int_equal(got.user_id, 7);
	assert_int_equal(got.profile_id, 12);
	/* every part is signed */
	assert_int_equal(signed_url_check(&key, "media", 43, exp, u, p, sig, 0, &got, &why),
	                 BG_UNAUTHORIZED);
	assert_non_null(strstr(why, "does not match"));
	assert_int_equal(signed_url_check(&key, "image", 42, exp, u, p, sig, 0, &got, &why),
	                 BG_UNAUTHORIZED);
	assert_int_equal(signed_url_check(&key, "media", 42, exp, "8", p, sig, 0, &got, &why),
	                 BG_UNAUTHORIZED);
	assert_int_equal(signed_url_check(&key, "media", 42, exp, u, "0", sig, 0, &got, &why),
	                 BG_UNAUTHORIZED);
	assert_int_equal(
	        signed_url_check(&key, "media", 42, "1747735300", u, p, sig, 0, &got, &why),
	        BG_UNAUTHORIZED);
	assert_int_equal(signed_url_check(&other, "media", 42, exp, u, p, sig, 0, &got, &why),
	                 BG_UNAUTHORIZED);
	/* its time ends */
	assert_int_equal(
	        signed_url_check(&key, "media", 42, exp, u, p, sig, 1647735300, &got, &why),
	        BG_FORBIDDEN);
	assert_non_null(strstr(why, "expired"));
	/* malformed or missing parts; non-canonical numbers are not the signed text */
	assert_int_equal(signed_url_check(&key, "media", 42, NULL, NULL, NULL, NULL, 0, &got, &why),
	                 BG_UNAUTHORIZED);
	assert_non_null(strstr(why, "needs a signature"));
	assert_int_equal(
	        signed_url_check(&key, "media", 42, "01647735300", u, p, sig, 0, &got, &why),
	        BG_UNAUTHORIZED);
	assert_int_equal(signed_url_check(&key, "media", 42, exp, "-7", p, sig, 0, &got, &why),
	                 BG_UNAUTHORIZED);
	assert_int_equal(signed_url_check(&key, "media", 42, exp, u, p, "short", 0, &got, &why),
	                 BG_UNAUTHORIZED);
	assert_non_null(strstr(why, "does not match"));
	char flipped[MAC_LEN + 1];
	snprintf(flipped, sizeof(flipped), "%s", sig);
	flipped[0] = flipped[0] == 'A' ? 'B' : 'A';
	assert_int_equal(signed_url_check(&key, "media", 42, exp, u, p, flipped, 0, &got, &why),
	                 BG_UNAUTHORIZED);
}

static void test_key_file(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = test_path(dir, "new-dir/url.key");
	struct url_key a, b;
	char msg[256];
	assert_int_equal(url_key_load(path, &a, msg, sizeof(msg)), BG_OK);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sb.st_size, MAC_KEY_LEN);
	assert_int_equal(url_key_load(path, &b, msg, sizeof(msg)), BG_OK);
	assert_memory_equal(a.bytes, b.bytes, MAC_KEY_LEN);
	/* a file that is not a key is refused, naming it, and left alone */
	assert_int_equal(file_write_atomic(path, "short", 5), BG_OK);
	assert_int_equal(url_key_load(path, &b, msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, path));
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_size, 5);
	free(path);
	free(dir);
}

int main(void)
{
	char msg[200];
	if (password_init(msg, sizeof(msg)))
		return 1;
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_round_trip_and_tampering),
	                                   cmocka_unit_test(test_key_file)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
