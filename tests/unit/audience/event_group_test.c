/*
 * event_group_test.c - group commit of event batches: threads posting the
 * same ids at once each get their own batch's counts and every id is
 * stored once; a group whose transaction fails writes each batch again
 * alone, so a bad batch fails by itself and the good ones that shared its
 * transaction are stored. Runs on SQLite and PostgreSQL.
 */
#include "../test_util.h"

#include <pthread.h>
#include <time.h>

#include "account/account_store.h"
#include "audience/event_group.h"

struct fixture {
	struct test_db db;
	struct store *st;
	int64_t profile, film;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->st = test_db_create_open(&f->db);
	int64_t user;
	assert_int_equal(
	        account_store_add_user(f->st, "u", "!", false, "US", "2024-01-01T00:00:00Z", &user),
	        BG_OK);
	assert_int_equal(account_store_add_profile(f->st, user, "a", 18, false, NULL, &f->profile),
	                 BG_OK);
	assert_int_equal(store_run(f->st, &f->film,
	                           "INSERT INTO title (kind, name, name_folded)"
	                           " VALUES ('film', 'f', 'f') RETURNING id",
	                           ""),
	                 BG_OK);
	assert_int_equal(
	        store_run(f->st, NULL, "UPDATE title SET top_id = id WHERE id = ?", "i", f->film),
	        BG_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	return test_fixture_release(&f->db, f->st, f);
}

static void make_event(struct viewing_event *e, const char *id, int64_t profile, int64_t title)
{
	char msg[128];
	assert_int_equal(event_from_parts(id, profile, title, "start", 0, "tv",
	                                  "2024-01-02T00:00:00Z", e, msg, sizeof(msg)),
	                 BG_OK);
}

static int64_t count(struct store *st, const char *sql)
{
	int64_t n;
	assert_int_equal(store_run(st, &n, sql, ""), BG_OK);
	return n;
}

#define THREADS   6 /* in pairs posting the same ids */
#define BATCHES   15
#define PER_BATCH 40

struct poster {
	struct fixture *f;
	struct event_group *g;
	int pair;
	enum bg_err rc;
	long accepted, mismatched; /* batches whose accepted + duplicates != PER_BATCH */
};

static void *post_batches(void *arg)
{
	struct poster *p = arg;
	struct store *st = test_open(p->f->db.target);
	struct viewing_event events[PER_BATCH];
	for (int b = 0; b < BATCHES && !p->rc; b++) {
		for (int i = 0; i < PER_BATCH; i++) {
			char id[64];
			snprintf(id, sizeof(id), "p%d-b%d-e%d", p->pair, b, i);
			make_event(&events[i], id, p->f->profile, p->f->film);
		}
		long accepted = 0, duplicates = 0;
		p->rc = event_group_add(p->g, st, events, PER_BATCH, &accepted, &duplicates);
		p->accepted += accepted;
		p->mismatched += accepted + duplicates != PER_BATCH;
	}
	store_close(st);
	return NULL;
}

static void test_concurrent_batches_counted_each(void **state)
{
	struct fixture *f = *state;
	struct event_group *g = event_group_new();
	pthread_t threads[THREADS];
	struct poster posters[THREADS];
	for (int t = 0; t < THREADS; t++) {
		posters[t] = (struct poster){.f = f, .g = g, .pair = t / 2};
		assert_int_equal(pthread_create(&threads[t], NULL, post_batches, &posters[t]), 0);
	}
	long accepted = 0;
	for (int t = 0; t < THREADS; t++) {
		pthread_join(threads[t], NULL);
		assert_int_equal(posters[t].rc, BG_OK);
		assert_int_equal(posters[t].mismatched, 0);
		accepted += posters[t].accepted;
	}
	long distinct = THREADS / 2 * BATCHES * PER_BATCH;
	assert_int_equal(accepted, distinct);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM viewing_event"), distinct);
	assert_int_equal(count(f->st, "SELECT COUNT(DISTINCT id) FROM viewing_event"), distinct);
	struct event_group_state s = event_group_state(g);
	assert_int_equal(s.queued, 0);
	assert_false(s.writing);
	event_group_free(g);
}

struct one {
	struct fixture *f;
	struct event_group *g;
	struct viewing_event e;
	enum bg_err rc;
	long accepted;
};

static void *post_one(void *arg)
{
	struct one *o = arg;
	struct store *st = test_open(o->f->db.target);
	o->rc = event_group_add(o->g, st, &o->e, 1, &o->accepted, NULL);
	store_close(st);
	return NULL;
}

static void wait_for(struct event_group *g, size_t queued, bool writing)
{
	for (int i = 0; i < 2000; i++) { /* up to 20 s on a loaded machine */
		struct event_group_state s = event_group_state(g);
		if (s.queued == queued && s.writing == writing)
			return;
		nanosleep(&(struct timespec){0, 10000000L}, NULL);
	}
	fail_msg("the group never had %zu queued with writing %d", queued, writing);
}

static void test_failed_group_writes_each_batch_alone(void **state)
{
	struct fixture *f = *state;
	struct event_group *g = event_group_new();
	/* Another connection holds the log's write lock, so the first batch's
	 * transaction waits and the next two queue behind it as one group. */
	struct store *blocker = test_open(f->db.target);
	assert_int_equal(store_begin(blocker), BG_OK);
	if (test_is_postgres())
		assert_int_equal(
		        store_exec(blocker, "LOCK TABLE viewing_event IN SHARE ROW EXCLUSIVE MODE"),
		        BG_OK);
	struct one first = {.f = f, .g = g}, good = {.f = f, .g = g}, bad = {.f = f, .g = g};
	make_event(&first.e, "first", f->profile, f->film);
	make_event(&good.e, "good", f->profile, f->film);
	make_event(&bad.e, "bad", f->profile, f->film + 1000); /* no such title */
	pthread_t t1, t2, t3;
	assert_int_equal(pthread_create(&t1, NULL, post_one, &first), 0);
	wait_for(g, 0, true);
	assert_int_equal(pthread_create(&t2, NULL, post_one, &good), 0);
	assert_int_equal(pthread_create(&t3, NULL, post_one, &bad), 0);
	wait_for(g, 2, true);
	assert_int_equal(store_commit(blocker), BG_OK);
	store_close(blocker);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	pthread_join(t3, NULL);
	assert_int_equal(first.rc, BG_OK);
	assert_int_equal(first.accepted, 1);
	assert_int_equal(good.rc, BG_OK);
	assert_int_equal(good.accepted, 1);
	assert_int_not_equal(bad.rc, BG_OK);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM viewing_event WHERE id IN "
	                              "('first', 'good')"),
	                 2);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM viewing_event WHERE id = 'bad'"), 0);
	event_group_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_concurrent_batches_counted_each, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_failed_group_writes_each_batch_alone, setup,
	                                        teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
