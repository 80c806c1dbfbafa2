/*
 * auth_test.c - logins, profile selection and sessions against a real
 * store (part of the storage conformance suite: SQLite and PostgreSQL):
 * throttles keyed by (name, address) with a budget per address and rows
 * that expire; a login revoked whole by logout; a password change that
 * revokes every login; a profile token minted in its login.
 */
#include "../test_util.h"

#include "account/auth.h"

#define NOW ((int64_t)1700000000)

struct fixture {
	struct test_db db;
	struct store *st;
	int64_t user, adult, kids;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->st = test_db_create_open(&f->db);
	char hash[PASSWORD_HASH_MAX], pin[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash("secret", hash), BG_OK);
	assert_int_equal(password_hash("1234", pin), BG_OK);
	assert_int_equal(account_store_add_user(f->st, "alice", hash, true, "US",
	                                        "2023-01-01T00:00:00Z", &f->user),
	                 BG_OK);
	assert_int_equal(
	        account_store_add_profile(f->st, f->user, "Adult", 18, false, NULL, &f->adult),
	        BG_OK);
	assert_int_equal(account_store_add_profile(f->st, f->user, "Kids", 7, true, pin, &f->kids),
	                 BG_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	return test_fixture_release(&f->db, f->st, f);
}

static enum bg_err login(struct fixture *f, const char *password, const char *client, int64_t now,
                         char token[TOKEN_LEN + 1])
{
	int retry = 0;
	return auth_login(f->st, "alice", password, client, now, token, &retry);
}

static void test_throttle_by_name_and_address(void **state)
{
	struct fixture *f = *state;
	char token[TOKEN_LEN + 1];
	for (int i = 0; i < AUTH_LOGIN_FREE_FAILURES; i++)
		assert_int_equal(login(f, "wrong", "10.0.0.2", NOW, token), BG_UNAUTHORIZED);
	/* the attacker's address waits, even with the right password... */
	assert_int_equal(login(f, "secret", "10.0.0.2", NOW, token), BG_RATE_LIMITED);
	/* ...the owner's does not */
	assert_int_equal(login(f, "secret", "10.0.0.1", NOW, token), BG_OK);
	/* an unknown name fails like a wrong password, and counts for its address */
	int retry = 0;
	assert_int_equal(auth_login(f->st, "nobody", "secret", "10.0.0.3", NOW, token, &retry),
	                 BG_UNAUTHORIZED);
	assert_int_equal(test_count(f->st, "login_throttle"), 4); /* 2 by name, 2 by address */
	/* a day later the rows count for nothing, and the next failure deletes them */
	int64_t later = NOW + THROTTLE_FORGET_AFTER;
	assert_int_equal(login(f, "secret", "10.0.0.2", later, token), BG_OK);
	assert_int_equal(login(f, "wrong", "10.0.0.9", later, token), BG_UNAUTHORIZED);
	assert_int_equal(test_count(f->st, "login_throttle"), 2); /* only 10.0.0.9's */
}

static void test_address_budget(void **state)
{
	struct fixture *f = *state;
	char token[TOKEN_LEN + 1];
	assert_int_equal(store_run(f->st, NULL,
	                           "INSERT INTO login_throttle (subject, failures, last_failure_at)"
	                           " VALUES ('addr:10.0.0.7', ?, '2023-11-14T22:13:20Z')",
	                           "i", (int64_t)AUTH_ADDRESS_FREE_FAILURES),
	                 BG_OK);
	assert_int_equal(login(f, "secret", "10.0.0.7", NOW, token), BG_RATE_LIMITED);
	assert_int_equal(login(f, "secret", "10.0.0.7", NOW + 1, token), BG_OK); /* waited 2^0 s */
}

static void test_logout_revokes_the_login(void **state)
{
	struct fixture *f = *state;
	char account[TOKEN_LEN + 1], other[TOKEN_LEN + 1], profile[TOKEN_LEN + 1],
	        kids[TOKEN_LEN + 1];
	assert_int_equal(login(f, "secret", "10.0.0.1", NOW, account), BG_OK);
	assert_int_equal(login(f, "secret", "10.0.0.1", NOW, other), BG_OK);
	struct principal who, got;
	assert_int_equal(auth_authenticate(f->st, account, NOW, &who), BG_OK);
	assert_string_equal(who.login, who.digest); /* an account token is its own login */
	int retry;
	assert_int_equal(auth_select_profile(f->st, &who, f->adult, NULL, NOW, profile, &retry),
	                 BG_OK);
	assert_int_equal(auth_select_profile(f->st, &who, f->kids, NULL, NOW, kids, &retry),
	                 BG_FORBIDDEN);
	assert_int_equal(auth_select_profile(f->st, &who, f->kids, "0000", NOW, kids, &retry),
	                 BG_FORBIDDEN);
	assert_int_equal(auth_select_profile(f->st, &who, f->kids, "1234", NOW, kids, &retry),
	                 BG_OK);
	assert_int_equal(auth_authenticate(f->st, kids, NOW, &got), BG_OK);
	assert_string_equal(got.login, who.digest);
	assert_true(got.has_profile);
	/* logging out with the account token ends its profile tokens, not the other login */
	assert_int_equal(auth_logout(f->st, &who), BG_OK);
	assert_int_equal(auth_authenticate(f->st, account, NOW, &got), BG_UNAUTHORIZED);
	assert_int_equal(auth_authenticate(f->st, profile, NOW, &got), BG_UNAUTHORIZED);
	assert_int_equal(auth_authenticate(f->st, kids, NOW, &got), BG_UNAUTHORIZED);
	assert_int_equal(auth_authenticate(f->st, other, NOW, &got), BG_OK);
	/* a password change ends every login */
	char hash[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash("new-secret", hash), BG_OK);
	assert_int_equal(account_store_set_password(f->st, f->user, hash), BG_OK);
	assert_int_equal(auth_authenticate(f->st, other, NOW, &got), BG_UNAUTHORIZED);
	assert_int_equal(login(f, "secret", "10.0.0.1", NOW, other), BG_UNAUTHORIZED);
	assert_int_equal(login(f, "new-secret", "10.0.0.1", NOW, other), BG_OK);
}

int main(void)
{
	char msg[200];
	if (password_init(msg, sizeof(msg)))
		return 1;
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_throttle_by_name_and_address, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_address_budget, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_logout_revokes_the_login, setup, teardown)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
