/*
 * event_store_test.c - the event writer and the viewing summaries it keeps:
 * out-of-order events, finishing only on a season's last episode, a
 * duplicate id that changes nothing, ids that are per profile, a later
 * batch with an earlier event,
 * and fault injection at every store call of a write (events and summaries
 * roll back together); a bulk load into an empty log (indexes dropped and
 * rebuilt) storing what the normal path stores; the log by month on
 * PostgreSQL (migration 0044): ids unique across months, events of a month
 * without a partition kept aside and moved, a busy log not stalling
 * writers. Part of the storage conformance suite: runs on SQLite and
 * PostgreSQL.
 */
#include "../test_util.h"

#include <time.h>

#include "account/account_store.h"
#include "audience/event_store.h"
#include "store/partition.h"

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
	f->st = test_db_create_open(&f->db);
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
	return test_fixture_release(&f->db, f->st, f);
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

/* Rows of the log as text, in key order (not by sequence). */
static char *log_rows(struct store *st)
{
	return test_query(st,
	                  "SELECT profile_id, id, title_id, kind, at, device FROM viewing_event"
	                  " ORDER BY profile_id, id",
	                  6);
}

/*
 * n events over `distinct` ids: repeats inside a chunk and across chunks;
 * the profile changes every third event, so some repeated ids are another
 * profile's (a new event) and some the same profile's (a duplicate).
 */
static struct viewing_event *repeating_events(const struct fixture *f, int n, int distinct)
{
	struct viewing_event *events = calloc((size_t)n, sizeof(*events));
	for (int i = 0; i < n; i++) {
		char id[32], at[32];
		snprintf(id, sizeof(id), "r%d", i % distinct);
		snprintf(at, sizeof(at), "2023-11-%02dT10:00:00Z", 1 + i % 28);
		events[i] = event(id, i % 3 ? f->profile : f->other, i % 3 ? f->ep1 : f->ep2,
		                  i % 5 ? "start" : "complete", at);
	}
	return events;
}

/* How many distinct (profile, id) the events hold, counted the plain way. */
static long distinct_keys(const struct viewing_event *events, int n)
{
	long count = 0;
	for (int i = 0; i < n; i++) {
		bool repeat = false;
		for (int j = 0; j < i && !repeat; j++)
			repeat = events[j].profile_id == events[i].profile_id &&
			         strcmp(events[j].id, events[i].id) == 0;
		count += !repeat;
	}
	return count;
}

/*
 * A bulk load into an empty log stores what the normal path stores: the
 * same rows (a repeat's first occurrence), the same summaries, the same
 * counts; and its indexes are back after it (a second load is all
 * duplicates, which needs the unique index's ON CONFLICT).
 */
static void test_bulk_load_equals_normal_load(void **state)
{
	struct fixture *f = *state;
	enum { N = 1000, DISTINCT = 700 };
	struct viewing_event *events = repeating_events(f, N, DISTINCT);
	/* what COPY's text format must escape (PostgreSQL's bulk path) */
	snprintf(events[1].device, sizeof(events[1].device), "back\\slash\ttab\nline\rend");
	struct event_writer w;
	assert_int_equal(store_begin(f->st), BG_OK);
	event_writer_init(&w, f->st);
	assert_int_equal(event_writer_bulk(&w), BG_OK);
	assert_true(w.bulk);
	for (int i = 0; i < N; i++)
		assert_int_equal(event_writer_add(&w, &events[i]), BG_OK);
	assert_int_equal(event_writer_flush(&w), BG_OK);
	long want = distinct_keys(events, N);
	assert_true(want > DISTINCT && want < N); /* both kinds of repeat are there */
	assert_int_equal(w.inserted, want);
	assert_int_equal(w.duplicates, N - want);
	assert_false(w.bulk);
	event_writer_release(&w);
	assert_int_equal(store_commit(f->st), BG_OK);
	char *bulk_rows = log_rows(f->st), *bulk_summaries = summaries(f->st);
	char *device = test_query(f->st, "SELECT device FROM viewing_event WHERE id = 'r1'", 1);
	assert_string_equal(device, "back\\slash\ttab\nline\rend\n");
	free(device);
	assert_int_equal(write_all(f->st, events, N), 0);

	assert_int_equal(store_exec(f->st, "DELETE FROM title_view"), BG_OK);
	assert_int_equal(store_exec(f->st, "DELETE FROM episode_view"), BG_OK);
	assert_int_equal(store_exec(f->st, "DELETE FROM viewing_event"), BG_OK);
	assert_int_equal(write_all(f->st, events, N), want);
	char *rows = log_rows(f->st), *sums = summaries(f->st);
	assert_string_equal(bulk_rows, rows);
	assert_string_equal(bulk_summaries, sums);
	free(rows);
	free(sums);
	free(bulk_rows);
	free(bulk_summaries);
	free(events);
}

/* Only an empty log is bulk loaded; a rolled-back bulk load leaves the indexes. */
static void test_bulk_only_into_an_empty_log(void **state)
{
	struct fixture *f = *state;
	const struct viewing_event one[] = {
	        event("b1", f->profile, f->ep1, "start", "2023-11-14T22:13:20Z"),
	};
	struct event_writer w;
	assert_int_equal(store_begin(f->st), BG_OK);
	event_writer_init(&w, f->st);
	assert_int_equal(event_writer_bulk(&w), BG_OK);
	assert_true(w.bulk);
	assert_int_equal(event_writer_add(&w, &one[0]), BG_OK);
	event_writer_release(&w);
	store_rollback(f->st); /* as a kill before the commit */
	assert_int_equal(test_count(f->st, "viewing_event"), 0);
	assert_int_equal(write_all(f->st, one, 1), 1);
	assert_int_equal(write_all(f->st, one, 1), 0); /* the unique index is there */
	assert_int_equal(store_begin(f->st), BG_OK);
	event_writer_init(&w, f->st);
	assert_int_equal(event_writer_bulk(&w), BG_OK);
	assert_false(w.bulk); /* events are stored: a normal load */
	event_writer_release(&w);
	store_rollback(f->st);
}

/* A fault at any store call of a bulk load rolls it all back, indexes included. */
static void test_bulk_fault_at_every_call(void **state)
{
	struct fixture *f = *state;
	const struct viewing_event batch[] = {
	        event("g1", f->profile, f->ep1, "start", "2023-11-14T22:13:20Z"),
	        event("g1", f->profile, f->ep1, "complete", "2023-11-14T22:43:20Z"),
	        event("g2", f->other, f->film, "start", "2023-11-14T23:13:20Z"),
	};
	long n;
	for (n = 1; n < 1000; n++) {
		struct event_writer w;
		assert_int_equal(store_begin(f->st), BG_OK);
		event_writer_init(&w, f->st);
		store_inject_fault(f->st, n, BG_DB);
		enum bg_err rc = event_writer_bulk(&w);
		for (size_t i = 0; i < 3 && !rc; i++)
			rc = event_writer_add(&w, &batch[i]);
		if (!rc)
			rc = event_writer_flush(&w);
		store_inject_fault(f->st, 0, BG_OK);
		event_writer_release(&w);
		if (rc == BG_OK) {
			assert_int_equal(store_commit(f->st), BG_OK);
			break;
		}
		assert_int_equal(rc, BG_DB);
		store_rollback(f->st);
		assert_int_equal(test_count(f->st, "viewing_event"), 0);
		assert_int_equal(test_count(f->st, "episode_view"), 0);
	}
	assert_true(n > 6); /* the check, two drops, inserts, two builds, upserts */
	assert_int_equal(test_count(f->st, "viewing_event"), 2);
	assert_int_equal(write_all(f->st, batch, 3), 0);
}

/* Migration 0043 (the kind's CHECK without an IN list) keeps the log, its
 * order and its checks, and the sequence goes on after it. */
static void test_kind_check_migration_keeps_the_log(void **state)
{
	(void)state;
	struct test_db db;
	test_db_create(&db);
	struct store *st;
	assert_int_equal(store_open_at(db.target, 42, &st, NULL), BG_OK);
	int64_t user, profile;
	assert_int_equal(
	        account_store_add_user(st, "u", "!", false, "US", "2024-01-01T00:00:00Z", &user),
	        BG_OK);
	assert_int_equal(account_store_add_profile(st, user, "a", 18, false, NULL, &profile), BG_OK);
	int64_t film = insert_title(st, "film", 0, 0, 0);
	const char *kinds[] = {"stop", "start", "complete", "progress"};
	for (int i = 0; i < 4; i++)
		assert_int_equal(store_run(st, NULL,
		                           "INSERT INTO viewing_event (id, profile_id, title_id, kind,"
		                           " position_ms, device, at) VALUES (?, ?, ?, ?, ?, 'tv', ?)",
		                           "tiitit", kinds[i], profile, film, kinds[i], (int64_t)i,
		                           i % 2 ? "2024-01-02T00:00:00Z" : "2024-01-01T00:00:00Z"),
		                 BG_OK);
	store_close(st);

	assert_int_equal(store_open_at(db.target, 43, &st, NULL), BG_OK);
	char *log = test_query(st, "SELECT seq, id, kind, position_ms, at FROM viewing_event"
	                           " ORDER BY seq",
	                       5);
	assert_string_equal(log, "1|stop|stop|0|2024-01-01T00:00:00Z\n"
	                         "2|start|start|1|2024-01-02T00:00:00Z\n"
	                         "3|complete|complete|2|2024-01-01T00:00:00Z\n"
	                         "4|progress|progress|3|2024-01-02T00:00:00Z\n");
	free(log);
	const char *insert = "INSERT INTO viewing_event (id, profile_id, title_id, kind,"
	                     " position_ms, device, at) VALUES (?, ?, ?, ?, 0, 'tv', ?)";
	assert_int_not_equal(store_run(st, NULL, insert, "tiitt", "bad", profile, film, "pause",
	                               "2024-01-03T00:00:00Z"),
	                     BG_OK);
	assert_int_not_equal(store_run(st, NULL, insert, "tiitt", "start", profile, film, "start",
	                               "2024-01-03T00:00:00Z"),
	                     BG_OK); /* (profile, id) is still unique */
	int64_t seq;
	assert_int_equal(store_run(st, &seq, "INSERT INTO viewing_event (id, profile_id, title_id,"
	                                     " kind, position_ms, device, at) VALUES"
	                                     " ('new', ?, ?, 'start', 0, 'tv', ?) RETURNING seq",
	                           "iit", profile, film, "2024-01-03T00:00:00Z"),
	                 BG_OK);
	assert_true(seq > 4); /* PostgreSQL's refused inserts took 5 and 6 */
	if (strcmp(store_engine(st), "sqlite") == 0) {
		/* no temporary B-tree per stored row (the IN list's) */
		char *program = test_query(st, "EXPLAIN INSERT INTO viewing_event (id, profile_id,"
		                               " title_id, kind, position_ms, device, at)"
		                               " VALUES ('x', 1, 1, 'start', 0, 'tv', 'x')",
		                           2);
		assert_non_null(strstr(program, "|Insert\n"));
		assert_null(strstr(program, "OpenEphemeral"));
		free(program);
	}
	store_close(st);
	test_db_drop(&db);
}

/* Where the log keeps its events, "partition|rows" lines, is want (PostgreSQL only). */
static void assert_partitions(struct store *st, const char *want)
{
	if (!partition_by_month(st))
		return;
	char *got = test_query(st,
	                       "SELECT tableoid::regclass::text, count(*) FROM viewing_event"
	                       " GROUP BY 1 ORDER BY 1",
	                       2);
	assert_string_equal(got, want);
	free(got);
}

/* Migration 0044 (the log by month) keeps the log, its order and its ids. */
static void test_log_by_month_migration_keeps_the_log(void **state)
{
	(void)state;
	struct test_db db;
	test_db_create(&db);
	struct store *st;
	assert_int_equal(store_open_at(db.target, 43, &st, NULL), BG_OK);
	int64_t user, profile;
	assert_int_equal(
	        account_store_add_user(st, "u", "!", false, "US", "2024-01-01T00:00:00Z", &user),
	        BG_OK);
	assert_int_equal(account_store_add_profile(st, user, "a", 18, false, NULL, &profile),
	                 BG_OK);
	int64_t film = insert_title(st, "film", 0, 0, 0);
	const char *times[] = {"2024-02-01T00:00:00Z", "2024-01-31T23:59:59Z",
	                       "2024-02-29T12:00:00Z", "2023-12-31T00:00:00Z"};
	for (int i = 0; i < 4; i++) {
		char id[16];
		snprintf(id, sizeof(id), "e%d", i);
		assert_int_equal(
		        store_run(st, NULL,
		                  "INSERT INTO viewing_event (id, profile_id, title_id, kind,"
		                  " position_ms, device, at) VALUES (?, ?, ?, 'start', 0, 'tv', ?)",
		                  "tiit", id, profile, film, times[i]),
		        BG_OK);
	}
	store_close(st);

	st = test_open(db.target);
	char *log = test_query(st, "SELECT seq, id, at FROM viewing_event ORDER BY seq", 3);
	assert_string_equal(log, "1|e0|2024-02-01T00:00:00Z\n2|e1|2024-01-31T23:59:59Z\n"
	                         "3|e2|2024-02-29T12:00:00Z\n4|e3|2023-12-31T00:00:00Z\n");
	free(log);
	char *ids = test_query(st, "SELECT id FROM viewing_event_client ORDER BY id", 1);
	assert_string_equal(ids, "e0\ne1\ne2\ne3\n");
	free(ids);
	assert_partitions(st, "viewing_event_p2023_12|1\nviewing_event_p2024_01|1\n"
	                      "viewing_event_p2024_02|2\n");
	/* the sequence goes on, and an id of the log is still taken */
	const struct viewing_event again[] = {
	        event("e1", profile, film, "stop", "2024-03-01T00:00:00Z"),
	        event("e9", profile, film, "stop", "2024-03-01T00:00:00Z"),
	};
	assert_int_equal(write_all(st, again, 2), 1);
	int64_t seq;
	assert_int_equal(store_run(st, &seq, "SELECT seq FROM viewing_event WHERE id = 'e9'", ""),
	                 BG_OK);
	assert_true(seq > 4);
	store_close(st);
	test_db_drop(&db);
}

/*
 * A client's id is taken once per profile whatever the month: an event
 * sent again a month later, in one batch or in the next, is a duplicate
 * (on PostgreSQL the months are separate tables; viewing_event_client
 * keeps the ids).
 */
static void test_ids_unique_across_months(void **state)
{
	struct fixture *f = *state;
	const struct viewing_event first[] = {
	        event("m1", f->profile, f->ep1, "start", "2024-01-31T23:00:00Z"),
	        event("m2", f->profile, f->ep1, "start", "2024-02-01T01:00:00Z"),
	};
	const struct viewing_event later[] = {
	        event("m1", f->profile, f->ep1, "stop", "2024-03-05T00:00:00Z"),
	        event("m3", f->profile, f->ep1, "stop", "2024-03-05T00:00:00Z"),
	        event("m3", f->profile, f->ep2, "stop", "2024-04-05T00:00:00Z"),
	        event("m1", f->other, f->ep1, "stop", "2024-04-05T00:00:00Z"),
	};
	assert_int_equal(event_store_prepare_months(f->st, first, 2), BG_OK);
	assert_int_equal(event_store_prepare_months(f->st, later, 4), BG_OK);
	assert_int_equal(write_all(f->st, first, 2), 2);
	assert_int_equal(write_all(f->st, later, 4), 2); /* m3 once; the other profile's m1 */
	assert_int_equal(write_all(f->st, first, 2), 0);
	assert_int_equal(test_count(f->st, "viewing_event"), 4);
	assert_int_equal(test_count(f->st, "viewing_event_client"), 4);
	assert_partitions(f->st, "viewing_event_p2024_01|1\nviewing_event_p2024_02|1\n"
	                         "viewing_event_p2024_03|1\nviewing_event_p2024_04|1\n");
}

/*
 * Events of a month nobody prepared are kept in the default partition and
 * moved into their month's own by settling, the log unchanged; a month
 * prepared later takes its events out of the default partition too.
 */
static void test_months_get_their_partitions(void **state)
{
	struct fixture *f = *state;
	const struct viewing_event events[] = {
	        event("d1", f->profile, f->ep1, "start", "2022-05-10T10:00:00Z"),
	        event("d2", f->profile, f->ep1, "complete", "2022-05-10T10:40:00Z"),
	        event("d3", f->other, f->film, "start", "2022-07-01T00:00:00Z"),
	        event("d4", f->other, f->film, "stop", "2022-08-01T00:00:00Z"),
	};
	assert_int_equal(write_all(f->st, events, 4), 4);
	char *before = log_rows(f->st), *sums = summaries(f->st);
	bool parts = partition_by_month(f->st);
	if (parts)
		assert_int_equal(test_count(f->st, "viewing_event_default"), 4);
	/* a month prepared alone takes its own rows */
	assert_int_equal(event_store_prepare_months(f->st, &events[3], 1), BG_OK);
	assert_partitions(f->st, "viewing_event_default|3\nviewing_event_p2022_08|1\n");
	long months = -1;
	assert_int_equal(event_store_settle(f->st, &months), BG_OK);
	assert_int_equal(months, parts ? 2 : 0);
	assert_partitions(f->st, "viewing_event_p2022_05|2\nviewing_event_p2022_07|1\n"
	                         "viewing_event_p2022_08|1\n");
	char *after = log_rows(f->st), *sums_after = summaries(f->st);
	assert_string_equal(before, after);
	assert_string_equal(sums, sums_after);
	assert_int_equal(write_all(f->st, events, 4), 0); /* the ids are kept still */
	assert_int_equal(event_store_settle(f->st, &months), BG_OK);
	assert_int_equal(months, 0);
	free(before);
	free(after);
	free(sums);
	free(sums_after);
}

/* A bulk load into an empty log gives each month its partition as it goes. */
static void test_bulk_load_makes_its_months(void **state)
{
	struct fixture *f = *state;
	const struct viewing_event events[] = {
	        event("k1", f->profile, f->ep1, "start", "2021-03-10T10:00:00Z"),
	        event("k2", f->profile, f->ep1, "stop", "2021-04-10T10:00:00Z"),
	        event("k1", f->profile, f->ep1, "stop", "2021-05-10T10:00:00Z"),
	        event("k3", f->profile, f->ep1, "stop", "2021-03-11T10:00:00Z"),
	};
	struct event_writer w;
	assert_int_equal(store_begin(f->st), BG_OK);
	event_writer_init(&w, f->st);
	assert_int_equal(event_writer_bulk(&w), BG_OK);
	assert_true(w.bulk);
	for (int i = 0; i < 4; i++)
		assert_int_equal(event_writer_add(&w, &events[i]), BG_OK);
	assert_int_equal(event_writer_flush(&w), BG_OK);
	assert_int_equal(w.inserted, 3);
	assert_int_equal(w.duplicates, 1);
	event_writer_release(&w);
	assert_int_equal(store_commit(f->st), BG_OK);
	assert_int_equal(test_count(f->st, "viewing_event_client"), 3);
	assert_partitions(f->st, "viewing_event_p2021_03|2\nviewing_event_p2021_04|1\n");
	assert_int_equal(write_all(f->st, events, 4), 0); /* the ids' key is back */
}

/*
 * An event's id goes with it: deleted with its title, its profile, or by
 * itself, the id can be written again (on PostgreSQL a trigger forgets
 * it in viewing_event_client; on SQLite that is a view of the log).
 */
static void test_ids_go_with_their_events(void **state)
{
	struct fixture *f = *state;
	const struct viewing_event events[] = {
	        event("w1", f->profile, f->ep1, "start", "2024-06-01T10:00:00Z"),
	        event("w2", f->profile, f->film, "start", "2024-07-01T10:00:00Z"),
	        event("w3", f->other, f->ep2, "start", "2024-06-02T10:00:00Z"),
	        event("w4", f->other, f->ep1, "start", "2024-08-02T10:00:00Z"),
	};
	assert_int_equal(event_store_prepare_months(f->st, events, 4), BG_OK);
	assert_int_equal(write_all(f->st, events, 4), 4);
	assert_int_equal(test_count(f->st, "viewing_event_client"), 4);
	assert_int_equal(store_run(f->st, NULL, "DELETE FROM viewing_event WHERE id = 'w1'", ""),
	                 BG_OK);
	assert_int_equal(write_all(f->st, events, 1), 1); /* w1 again: new */
	assert_int_equal(store_run(f->st, NULL, "DELETE FROM title WHERE id = ?", "i", f->film),
	                 BG_OK);
	assert_int_equal(store_run(f->st, NULL, "DELETE FROM profile WHERE id = ?", "i", f->other),
	                 BG_OK);
	char *ids = test_query(f->st, "SELECT profile_id, id FROM viewing_event_client", 2);
	char want[64];
	snprintf(want, sizeof(want), "%lld|w1\n", (long long)f->profile);
	assert_string_equal(ids, want);
	free(ids);
	assert_int_equal(test_count(f->st, "viewing_event"), 1);
}

/*
 * A long reader holding the log does not stall writers behind a partition
 * that cannot be made: the month's events go to the default partition at
 * once, and move when a connection makes the partition later.
 */
static void test_busy_log_writes_to_the_default_partition(void **state)
{
	struct fixture *f = *state;
	const struct viewing_event events[] = {
	        event("q1", f->profile, f->ep1, "start", "2025-01-10T10:00:00Z"),
	};
	bool parts = partition_by_month(f->st);
	struct store *reader = test_open(f->db.target);
	/* SQLite's write transaction would stop every writer: there a read */
	assert_int_equal(parts ? store_begin(reader) : store_reads_begin(reader), BG_OK);
	assert_int_equal(test_count(reader, "viewing_event"), 0); /* holds the log */
	time_t t0 = time(NULL);
	assert_int_equal(event_store_prepare_months(f->st, events, 1), BG_OK);
	assert_int_equal(write_all(f->st, events, 1), 1);
	assert_int_equal(event_store_prepare_months(f->st, events, 1), BG_OK);
	assert_true(time(NULL) - t0 < 5); /* one wait of a second, not one per call */
	if (parts) {
		assert_int_equal(test_count(f->st, "viewing_event_default"), 1);
		assert_int_equal(store_commit(reader), BG_OK);
	} else {
		store_reads_end(reader);
	}
	store_close(reader);

	struct store *later = test_open(f->db.target);
	assert_int_equal(event_store_prepare_months(later, events, 1), BG_OK);
	assert_partitions(later, "viewing_event_p2025_01|1\n");
	assert_int_equal(write_all(later, events, 1), 0);
	store_close(later);
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
	        cmocka_unit_test_setup_teardown(test_bulk_load_equals_normal_load, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_bulk_only_into_an_empty_log, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_bulk_fault_at_every_call, setup, teardown),
	        cmocka_unit_test(test_kind_check_migration_keeps_the_log),
	        cmocka_unit_test(test_log_by_month_migration_keeps_the_log),
	        cmocka_unit_test_setup_teardown(test_ids_unique_across_months, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_months_get_their_partitions, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_bulk_load_makes_its_months, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_ids_go_with_their_events, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_busy_log_writes_to_the_default_partition, setup,
	                                        teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
