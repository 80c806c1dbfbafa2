/*
 * hash_pool_test.c - the password-check pool: answers are right (a match,
 * a mismatch, a new hash only after a match), a full pool says no at once
 * and takes work again once a place frees, and freeing the pool finishes
 * every job submitted, calling each done exactly once.
 */
#include "../test_util.h"

#include <pthread.h>
#include <time.h>

#include "account/hash_pool.h"

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
	nanosleep(&ts, NULL);
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int done_count;

static void on_done(struct hash_job *job)
{
	(void)job;
	pthread_mutex_lock(&lock);
	done_count++;
	pthread_mutex_unlock(&lock);
}

static void test_answers_and_bounds(void **state)
{
	(void)state;
	char hash[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash("right", hash), BG_OK);
	struct hash_pool *p;
	assert_int_equal(hash_pool_new(1, 2, &p), BG_OK);
	struct hash_job jobs[3] = {
	        {.hash = hash, .secret = "right", .new_secret = "next", .done = on_done},
	        {.hash = hash, .secret = "wrong", .new_secret = "next", .done = on_done},
	        {.hash = password_dummy_hash(), .secret = "right", .done = on_done},
	};
	/* one running and two waiting: a fourth has no place */
	for (int i = 0; i < 3; i++)
		assert_true(hash_pool_reserve(p));
	assert_false(hash_pool_reserve(p));
	for (int i = 0; i < 3; i++)
		hash_pool_submit(p, &jobs[i]);
	hash_pool_free(p); /* finishes all three */
	assert_int_equal(done_count, 3);
	assert_true(jobs[0].matched);
	assert_true(jobs[0].new_hashed);
	assert_true(password_verify(jobs[0].new_hash, "next"));
	assert_false(jobs[1].matched);
	assert_false(jobs[1].new_hashed);
	assert_false(jobs[2].matched);
}

static void test_places_free_again(void **state)
{
	(void)state;
	done_count = 0;
	struct hash_pool *p;
	assert_int_equal(hash_pool_new(2, 0, &p), BG_OK);
	struct hash_job a = {.hash = password_dummy_hash(), .secret = "x", .done = on_done};
	struct hash_job b = a;
	assert_true(hash_pool_reserve(p));
	assert_true(hash_pool_reserve(p));
	assert_false(hash_pool_reserve(p));
	hash_pool_submit(p, &a);
	hash_pool_submit(p, &b);
	for (int i = 0; i < 200; i++) { /* up to 20 s under sanitizers */
		pthread_mutex_lock(&lock);
		int n = done_count;
		pthread_mutex_unlock(&lock);
		if (n == 2)
			break;
		sleep_ms(100);
	}
	/* done() runs before the place is given back: wait for that too */
	bool again = false;
	for (int i = 0; i < 100 && !again; i++) {
		again = hash_pool_reserve(p);
		if (!again)
			sleep_ms(10);
	}
	assert_true(again);
	struct hash_job c = {.hash = password_dummy_hash(), .secret = "y", .done = on_done};
	hash_pool_submit(p, &c);
	hash_pool_free(p);
	assert_int_equal(done_count, 3);
}

/* A place reserved but submitted only after the pool began to stop still runs. */
struct late {
	struct hash_pool *p;
	struct hash_job job;
};

static void *submit_late(void *arg)
{
	struct late *l = arg;
	sleep_ms(200);
	hash_pool_submit(l->p, &l->job);
	return NULL;
}

static void test_late_submit_during_free(void **state)
{
	(void)state;
	done_count = 0;
	struct late l = {.job = {.hash = password_dummy_hash(), .secret = "z", .done = on_done}};
	assert_int_equal(hash_pool_new(1, 1, &l.p), BG_OK);
	assert_true(hash_pool_reserve(l.p));
	pthread_t t;
	pthread_create(&t, NULL, submit_late, &l);
	hash_pool_free(l.p); /* must wait for the reserved job */
	pthread_join(t, NULL);
	assert_int_equal(done_count, 1);
}

static void test_dummy_hash(void **state)
{
	(void)state;
	/* the dummy costs what a real hash costs, and matches nothing */
	assert_true(password_hash_is_current(password_dummy_hash()));
	char hash[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash("x", hash), BG_OK);
	assert_true(password_hash_is_current(hash));
	assert_false(password_verify(password_dummy_hash(), ""));
	assert_false(password_verify(password_dummy_hash(), "password"));
}

/* BINGE_PASSWORD_COST picks the argon2id cost, which the hash string records. */
static void test_cost_from_environment(void **state)
{
	(void)state;
	char msg[200], interactive[PASSWORD_HASH_MAX], hash[PASSWORD_HASH_MAX];
	assert_int_equal(unsetenv("BINGE_PASSWORD_COST"), 0);
	assert_int_equal(password_init(msg, sizeof(msg)), BG_OK);
	assert_string_equal(password_cost_name(), "interactive");
	assert_int_equal(password_hash("x", interactive), BG_OK);
	assert_non_null(strstr(interactive, "$m=65536,t=2,p=1$"));

	assert_int_equal(setenv("BINGE_PASSWORD_COST", "minimum", 1), 0);
	assert_int_equal(password_init(msg, sizeof(msg)), BG_OK);
	assert_int_equal(password_hash("x", hash), BG_OK);
	assert_non_null(strstr(hash, "$m=8,t=1,p=1$"));
	assert_true(password_verify(hash, "x"));
	assert_false(password_verify(hash, "y"));
	/* a hash of another cost still verifies, and is known to be stale */
	assert_true(password_verify(interactive, "x"));
	assert_false(password_hash_is_current(interactive));
	assert_true(password_hash_is_current(hash));

	assert_int_equal(setenv("BINGE_PASSWORD_COST", "fast", 1), 0);
	assert_int_equal(password_init(msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, "'fast'"));
	assert_int_equal(unsetenv("BINGE_PASSWORD_COST"), 0);
	assert_int_equal(password_init(msg, sizeof(msg)), BG_OK);
}

int main(void)
{
	char msg[200];
	if (password_init(msg, sizeof(msg)))
		return 1;
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_answers_and_bounds), cmocka_unit_test(test_places_free_again),
	        cmocka_unit_test(test_late_submit_during_free), cmocka_unit_test(test_dummy_hash),
	        cmocka_unit_test(test_cost_from_environment)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
