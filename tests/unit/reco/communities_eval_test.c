/*
 * communities_eval_test.c - the communities score on a log with two planted
 * tastes: the held-out start is each profile's latest, never trained on;
 * clusters recover the planted groups; the community's top titles find the
 * next start more often than global popularity does; a k above the
 * profiles is refused with a reason.
 */
#include "../test_util.h"

#include "reco/communities_eval.h"

#define PROFILES 60
#define TITLES   24
#define STARTS   7

/*
 * Profiles 1..30 watch titles 100..111, profiles 31..60 titles 112..123, each
 * starting STARTS of them a day apart; the second taste is more popular
 * overall, so popularity alone points half the profiles the wrong way.
 */
static size_t make_log(struct reco_view *v, int64_t *planted_ids, int64_t *planted)
{
	size_t n = 0;
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	for (int p = 0; p < PROFILES; p++) {
		int group = p < PROFILES / 2 ? 0 : 1;
		planted_ids[p] = p + 1;
		planted[p] = group;
		bool used[TITLES / 2] = {false};
		int starts = group ? STARTS : STARTS - 2;
		for (int s = 0; s < starts; s++) {
			int t;
			do {
				x ^= x << 13, x ^= x >> 7, x ^= x << 17;
				t = (int)(x % (TITLES / 2));
			} while (used[t]);
			used[t] = true;
			v[n++] = (struct reco_view){.profile_id = p + 1,
			                            .title_id = 100 + group * (TITLES / 2) + t,
			                            .started = 1,
			                            .completed = 1,
			                            .first_s = 1700000000 + s * 86400,
			                            .last_s = 1700000000 + s * 86400 + 3600};
		}
	}
	return n;
}

static void test_scores_planted_tastes(void **state)
{
	(void)state;
	struct reco_view v[PROFILES * STARTS];
	int64_t ids[PROFILES], groups[PROFILES];
	size_t n = make_log(v, ids, groups);
	struct communities_score r;
	char msg[256];
	assert_int_equal(communities_evaluate(v, n, ids, groups, PROFILES, 2, 42, NULL, &r, msg,
	                                      sizeof(msg)),
	                 BG_OK);
	assert_int_equal(r.k, 2);
	assert_int_equal(r.profiles, PROFILES);
	assert_int_equal(r.with_group, PROFILES);
	assert_int_equal(r.held_out, PROFILES); /* every profile had two starts or more */
	assert_true(r.nmi > 0.9);
	assert_true(r.ari > 0.9);
	/* the community's own titles beat the service-wide top ten */
	assert_true(r.hit_rate_raw > r.hit_rate_popularity);
	assert_true(r.hit_rate >= r.hit_rate_popularity);
	assert_true(r.smoothing > 0);
}

static void test_held_out_start_is_the_latest(void **state)
{
	(void)state;
	/* one profile, a film watched last that nobody else watched: it cannot be scored */
	struct reco_view v[PROFILES * STARTS + 1];
	int64_t ids[PROFILES], groups[PROFILES];
	size_t n = make_log(v, ids, groups);
	v[n] = v[n - 1];
	v[n].title_id = 999;
	v[n].first_s += 86400;
	n++;
	struct communities_score r;
	char msg[256];
	assert_int_equal(communities_evaluate(v, n, ids, groups, PROFILES, 2, 42, NULL, &r, msg,
	                                      sizeof(msg)),
	                 BG_OK);
	assert_int_equal(r.held_out, PROFILES - 1);
}

static void test_k_above_profiles_is_refused(void **state)
{
	(void)state;
	struct reco_view v[PROFILES * STARTS];
	int64_t ids[PROFILES], groups[PROFILES];
	size_t n = make_log(v, ids, groups);
	struct communities_score r;
	char msg[256];
	assert_int_equal(communities_evaluate(v, n, ids, groups, PROFILES, PROFILES + 1, 42, NULL,
	                                      &r, msg, sizeof(msg)),
	                 BG_INVALID);
	assert_non_null(strstr(msg, "more than the 60 profiles"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_scores_planted_tastes),
	        cmocka_unit_test(test_held_out_start_is_the_latest),
	        cmocka_unit_test(test_k_above_profiles_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
