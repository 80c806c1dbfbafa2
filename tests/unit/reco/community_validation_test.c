/*
 * community_validation_test.c - the check that decides whether a taste
 * community's row is shown: on two planted tastes, where popularity points
 * the smaller group at the other group's titles, that group's community
 * finds every held-out start and popularity none; a held-out title nobody
 * else started is not counted; and the rule's edges.
 */
#include "../test_util.h"

#include "reco/community_validation.h"
#include "reco/model.h"

#define PROFILES 60
#define TITLES   24
#define STARTS   7

/*
 * Profiles 1..30 start 5 of titles 100..111, profiles 31..60 start 7 of
 * 112..123, a day apart; profile 61 starts title 100, then 200, which
 * nobody else has.
 */
static size_t make_log(struct reco_view *v)
{
	size_t n = 0;
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	for (int p = 0; p < PROFILES; p++) {
		int group = p < PROFILES / 2 ? 0 : 1;
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
			                            .first_s = 1700000000 + s * 86400};
		}
	}
	v[n++] = (struct reco_view){
	        .profile_id = 61, .title_id = 100, .started = 1, .first_s = 1700000000};
	v[n++] = (struct reco_view){
	        .profile_id = 61, .title_id = 200, .started = 1, .first_s = 1700086400};
	return n;
}

static void test_planted_tastes(void **state)
{
	(void)state;
	struct reco_view v[PROFILES * STARTS + 2];
	size_t n = make_log(v);
	struct log_matrix lm;
	log_matrix_build(v, n, 0, 0, &lm);
	struct reco_params p;
	reco_params_init(RECO_IALS, &p);
	p.factors = 8;
	struct reco_model ials;
	assert_int_equal(reco_model_fit(RECO_IALS, &p, &lm.m, &ials), BG_OK);
	struct clustering c;
	communities_cluster_profiles(&ials, &lm.m, 2, 42, COMMUNITIES_ITERS, NULL, &c);
	struct community_rate rates[2];
	double smoothing = -1;
	community_validate(&ials, &lm, v, n, &c, rates, &smoothing);
	assert_true(smoothing >= 1);
	/* every profile but 61 (its held-out title is its own alone) */
	assert_int_equal(rates[0].held_out + rates[1].held_out, PROFILES);
	long first = reco_index_of(lm.profile_ids, lm.m.rows, 1);
	size_t a = c.assign[first];
	assert_int_equal(rates[a].held_out, PROFILES / 2);
	/* 7 titles of its own unseen: all in its community's top 10 */
	assert_int_equal(rates[a].hits, PROFILES / 2);
	/* the other taste is the more watched: its 12 titles fill popularity's top 10 */
	assert_int_equal(rates[a].hits_popularity, 0);
	assert_true(community_row_earned(
	        rates[a].held_out, (double)rates[a].hits / (double)rates[a].held_out,
	        (double)rates[a].hits_popularity / (double)rates[a].held_out));
	clustering_release(&c);
	reco_model_release(&ials);
	log_matrix_release(&lm);
}

static void test_rule(void **state)
{
	(void)state;
	assert_false(community_row_earned(COMMUNITY_ROW_MIN_HELD_OUT - 1, 1.0, 0.0));
	assert_false(community_row_earned(COMMUNITY_ROW_MIN_HELD_OUT, 0.5, 0.5));
	assert_false(community_row_earned(100, 0.4, 0.5));
	assert_true(community_row_earned(COMMUNITY_ROW_MIN_HELD_OUT, 0.6, 0.5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_planted_tastes),
	        cmocka_unit_test(test_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
