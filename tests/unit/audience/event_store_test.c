/*
 * event_store_test.c - the event writer and the viewing summaries it keeps:
 * out-of-order events, finishing only on a season's last episode, a
 * duplicate id that changes nothing, ids that are per profile, a later
 * batch with an earlier event,
 * and fault injection at every store call of a write (events and summaries
 * roll back together). Part of the storage conformance suite: runs on
 * SQLite and PostgreSQL.
 */
#include "../test_util.h"

#include "account/account_store.h"
#include "audience/event_store.h"

struct fixture {
	struct test_db db;
	struct store *st;
	int64_t profile, other, series, ep1, ep2, film;
};

static int64_t insert_title(struct store *st, const char *kind, int64_t parent, int number,
                            int64_t top)
{
	int64_t id;
	if (parent)
		assert_int_equal(
		        store_run(st, &id,
		                  "INSERT INTO title (kind, parent_id, number, name, name_folded)"
		                  " VALUES (?, ?, ?, ?, ?) RETURNING id",
		                  "tidtt", kind, parent, number, kind, kind),
		        BG_OK);
	else
		assert_int_equal(
		        store_run(st, &id,
		                  "INSERT INTO title (kind, name, name_folded) VALUES (?, ?, ?)"
		                  " RETURNING id",
		                  "ttt", kind, kind, kind),
		        BG_OK);
	assert_int_equal(store_run(st, NULL, "UPDATE title SET top_id = ? WHERE id = ?", "ii",
	                           top ? top : id, id),
	                 BG_OK);
	return id;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	test_db_create(&f->db);
	f->st = test_open(f->db.target);
	int64_t user;
	assert_int_equal(
	        account_store_add_user(f->st, "u", "!", false, "US", "2024-01-01T00:00:00Z", &user),
	        BG_OK);
	assert_int_equal(account_store_add_profile(f->st, user, "a", 18, false, NULL, &f->profile),
	                 BG_OK);
	assert_int_equal(account_store_add_profile(f->st, user, "b", 18, false, NULL, &f->other),
	                 BG_OK);
	/* a series with one season of two episodes, and a film */
	f->series = insert_title(f->st, "series", 0, 0, 0);
	int64_t season = insert_title(f->st, "season", f->series, 1, f->series);
	f->ep1 = insert_title(f->st, "episode", season, 1, f->series);
	f->ep2 = insert_title(f->st, "episode", season, 2, f->series);
	f->film = insert_title(f->st, "film", 0, 0, 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	store_close(f->st);
	test_db_drop(&f->db);
	free(f);
	return 0;
}

static struct viewing_event event(const char *id, int64_t profile, int64_t title, const char *kind,
                                  const char *at)
{
	struct viewing_event e;
	char msg[128];
	assert_int_equal(
	        event_from_parts(id, profile, title, kind, 0, "tv", at, &e, msg, sizeof(msg)),
	        BG_OK);
	return e;
}

struct batch {
	const struct viewing_event *events;
	size_t n;
	long inserted;
};

static enum bg_err write_batch(struct store *st, void *ctx)
{
	struct batch *b = ctx;
	return event_store_add_all(st, b->events, b->n, &b->inserted, NULL);
}

static long write_all(struct store *st, const struct viewing_event *events, size_t n)
{
	struct batch b = {events, n, 0};
	assert_int_equal(store_transact(st, write_batch, &b), BG_OK);
	return b.inserted;
}

/* The summaries as text: "profile title first completed last" rows. */
static char *summaries(struct store *st)
{
	char *ep = test_query(st,
	                      "SELECT profile_id, title_id, top_id, first_s, completed_s, last_s"
	                      " FROM episode_view ORDER BY profile_id, title_id",
	                      6);
	char *top = test_query(st,
	                       "SELECT profile_id, top_id, first_s, finished_s, last_s"
	                       " FROM title_view ORDER BY profile_id, top_id",
	                       5);
	struct buf b = BUF_INIT(BUF_MAX_LARGE);
	buf_addf(&b, "%s--\n%s", ep, top);
	free(ep);
	free(top);
	return buf_detach(&b, NULL);
}

#define T0 1700000000 /* 2023-11-14T22:13:20Z */

static void test_summaries_out_of_order(void **state)
{
	struct fixture *f = *state;
	/* the last episode's completion arrives before the first episode's start */
	const struct viewing_event batch[] = {
	        event("a3", f->profile, f->ep2, "complete", "2023-11-14T23:13:20Z"),
	        event("a1", f->profile, f->ep1, "start", "2023-11-14T22:13:20Z"),
	        event("a2", f->profile, f->ep1, "progress", "2023-11-14T22:43:20Z"),
	        /* completing episode 1 (not a season's last) does not finish the series */
	        event("b1", f->other, f->ep1, "complete", "2023-11-15T22:13:20Z"),
	        event("c1", f->other, f->film, "complete", "2023-11-16T22:13:20Z"),
	};
	assert_int_equal(write_all(f->st, batch, 5), 5);
	char *got = summaries(f->st);
	struct buf want = BUF_INIT(4096);
	long long p = f->profile, o = f->other, series = f->series, film = f->film;
	/* episode_view: profile title top first completed last */
	buf_addf(&want, "%lld|%lld|%lld|%d|NULL|%d\n", p, (long long)f->ep1, series, T0, T0 + 1800);
	buf_addf(&want, "%lld|%lld|%lld|%d|%d|%d\n", p, (long long)f->ep2, series, T0 + 3600,
	         T0 + 3600, T0 + 3600);
	buf_addf(&want, "%lld|%lld|%lld|%d|%d|%d\n", o, (long long)f->ep1, series, T0 + 86400,
	         T0 + 86400, T0 + 86400);
	buf_addf(&want, "%lld|%lld|%lld|%d|%d|%d\n--\n", o, film, film, T0 + 172800, T0 + 172800,
	         T0 + 172800);
	/* title_view: profile top first finished last */
	buf_addf(&want, "%lld|%lld|%d|%d|%d\n", p, series, T0, T0 + 3600, T0 + 3600);
	buf_addf(&want, "%lld|%lld|%d|NULL|%d\n", o, series, T0 + 86400, T0 + 86400);
	buf_addf(&want, "%lld|%lld|%d|%d|%d\n", o, film, T0 + 172800, T0 + 172800, T0 + 172800);
	assert_string_equal(got, want.ptr);
	buf_release(&want);
	free(got);
}

static void test_duplicates_and_later_batches(void **state)
{
	struct fixture *f = *state;
	const struct viewing_event first[] = {
	        event("x1", f->profile, f->ep1, "start", "2023-11-15T22:13:20Z"),
	};
	assert_int_equal(write_all(f->st, first, 1), 1);
	char *before = summaries(f->st);
	/* the same id with another time: not stored, no summary change */
	const struct viewing_event dup[] = {
	        event("x1", f->profile, f->ep1, "complete", "2023-11-14T22:13:20Z"),
	};
	assert_int_equal(write_all(f->st, dup, 1), 0);
	char *after = summaries(f->st);
	assert_string_equal(before, after);
	free(after);
	/* a new event earlier than what is stored moves the start back, keeps the last */
	const struct viewing_event early[] = {
	        event("x0", f->profile, f->ep1, "complete", "2023-11-14T22:13:20Z"),
	};
	assert_int_equal(write_all(f->st, early, 1), 1);
	char *got = test_query(f->st, "SELECT first_s, completed_s, last_s FROM episode_view", 3);
	char want[128];
	snprintf(want, sizeof(want), "%d|%d|%d\n", T0, T0, T0 + 86400);
	assert_string_equal(got, want);
	free(got);
	got = test_query(f->st, "SELECT first_s, finished_s, last_s FROM title_view", 3);
	snprintf(want, sizeof(want), "%d|NULL|%d\n", T0, T0 + 86400);
	assert_string_equal(got, want);
	free(got);
	free(before);
}

/* More than a chunk, with repeats inside a chunk and across chunks. */
static void test_chunks_and_repeats(void **state)
{
	struct fixture *f = *state;
	enum { N = 1000, DISTINCT = 700 };
	struct viewing_event *events = calloc(N, sizeof(*events));
	for (int i = 0; i < N; i++) {
		char id[32], at[32];
		snprintf(id, sizeof(id), "r%d", i % DISTINCT);
		snprintf(at, sizeof(at), "2023-11-%02dT10:00:00Z", 1 + i % 28);
		events[i] = event(id, i % 2 ? f->profile : f->other, i % 3 ? f->ep1 : f->ep2,
		                  "start", at);
	}
	struct event_writer w;
	assert_int_equal(store_begin(f->st), BG_OK);
	event_writer_init(&w, f->st);
	for (int i = 0; i < N; i++)
		assert_int_equal(event_writer_add(&w, &events[i]), BG_OK);
	assert_int_equal(event_writer_flush(&w), BG_OK);
	assert_int_equal(w.inserted, DISTINCT);
	assert_int_equal(w.duplicates, N - DISTINCT);
	event_writer_release(&w);
	assert_int_equal(store_commit(f->st), BG_OK);
	assert_int_equal(test_count(f->st, "viewing_event"), DISTINCT);
	/* the stored row of a repeated id is its first occurrence */
	char *got = test_query(f->st, "SELECT at FROM viewing_event WHERE id = 'r5'", 1);
	assert_string_equal(got, "2023-11-06T10:00:00Z\n");
	free(got);
	/* all of it again: nothing new */
	assert_int_equal(write_all(f->st, events, N), 0);
	free(events);
}

/*
 * Ids belong to a profile: the same id from two profiles is two events,
 * through the one-by-one path and the chunked path alike (more than a
 * chunk of them); a profile's own repeat is still a duplicate.
 */
static void test_ids_are_per_profile(void **state)
{
	struct fixture *f = *state;
	enum { N = 600 };
	struct viewing_event *events = calloc(N, sizeof(*events));
	for (int i = 0; i < N; i++) {
		char id[32];
		snprintf(id, sizeof(id), "shared-%d", i % (N / 2));
		events[i] = event(id, i < N / 2 ? f->profile : f->other, f->ep1, "start",
		                  "2023-11-15T10:00:00Z");
	}
	assert_int_equal(write_all(f->st, events, N), N);
	assert_int_equal(test_count(f->st, "viewing_event"), N);
	assert_int_equal(write_all(f->st, events, N), 0);
	const struct viewing_event again[] = {
	        event("shared-7", f->other, f->ep2, "complete", "2023-11-16T10:00:00Z"),
	        event("fresh", f->other, f->ep2, "complete", "2023-11-16T10:00:00Z"),
	};
	assert_int_equal(write_all(f->st, again, 2), 1);
	free(events);
}

static void test_fault_at_every_call_rolls_back_everything(void **state)
{
	struct fixture *f = *state;
	const struct viewing_event batch[] = {
	        event("f1", f->profile, f->ep1, "start", "2023-11-14T22:13:20Z"),
	        event("f2", f->profile, f->ep2, "complete", "2023-11-14T23:13:20Z"),
	        event("f3", f->other, f->film, "start", "2023-11-14T23:13:20Z"),
	};
	long n;
	for (n = 1; n < 1000; n++) {
		struct batch b = {batch, 3, 0};
		assert_int_equal(store_begin(f->st), BG_OK);
		store_inject_fault(f->st, n, BG_DB);
		enum bg_err rc = write_batch(f->st, &b);
		store_inject_fault(f->st, 0, BG_OK);
		if (rc == BG_OK) {
			assert_int_equal(store_commit(f->st), BG_OK);
			break;
		}
		assert_int_equal(rc, BG_DB);
		store_rollback(f->st);
		assert_int_equal(test_count(f->st, "viewing_event"), 0);
		assert_int_equal(test_count(f->st, "episode_view"), 0);
		assert_int_equal(test_count(f->st, "title_view"), 0);
	}
	assert_true(n > 8); /* three inserts, title lookups and upserts */
	assert_int_equal(test_count(f->st, "viewing_event"), 3);
	assert_int_equal(test_count(f->st, "episode_view"), 3);
	assert_int_equal(test_count(f->st, "title_view"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_summaries_out_of_order, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_duplicates_and_later_batches, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_chunks_and_repeats, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_ids_are_per_profile, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_fault_at_every_call_rolls_back_everything,
	                                        setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
