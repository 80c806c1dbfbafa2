/*
 * reception_test.c - score normalisation by its table, the aggregates at
 * the edges of every rule (shown from 5 and 4 reviews, fresh at 60, the
 * certified badge, the bands, rounding half up), the Wilson interval and
 * the shrunk score against hand-worked values, and bad reviews named.
 */
#include <math.h>
#include <string.h>

#include "../test_util.h"

#include "reception/reception.h"
#include "reception/review.h"

static double norm(const char *score, const char *scale)
{
	double v;
	char msg[128];
	assert_int_equal(review_normalise(score, scale, &v, msg, sizeof(msg)), BG_OK);
	return v;
}

static void test_normalise(void **state)
{
	(void)state;
	assert_float_equal(norm("3", "5"), 60, 1e-12);
	assert_float_equal(norm("8.2", "10"), 82, 1e-9);
	assert_float_equal(norm("81", "100"), 81, 1e-12);
	assert_float_equal(norm("A", "letter"), 100, 0);
	assert_float_equal(norm("B+", "letter"), 83, 0);
	assert_float_equal(norm("C-", "letter"), 42, 0);
	assert_float_equal(norm("F", "letter"), 0, 0);
	assert_float_equal(norm("", ""), -1, 0);
	double v;
	char msg[128];
	assert_int_equal(review_normalise("6", "5", &v, msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, "outside 0-5"));
	assert_int_equal(review_normalise("-1", "10", &v, msg, sizeof(msg)), BG_INVALID);
	assert_int_equal(review_normalise("7", "20", &v, msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, "scale"));
	assert_int_equal(review_normalise("E", "letter", &v, msg, sizeof(msg)), BG_INVALID);
	assert_int_equal(review_normalise("seven", "10", &v, msg, sizeof(msg)), BG_INVALID);
	assert_int_equal(review_normalise("", "10", &v, msg, sizeof(msg)), BG_INVALID);
}

static void test_parse(void **state)
{
	(void)state;
	struct review r;
	char msg[200];
	const char *line = "Jessica Jones,1,Variety,\"Doe, Jane\",true,2015-11-20,4,5,fresh,";
	assert_int_equal(review_parse_csv(line, strlen(line), &r, msg, sizeof(msg)), BG_OK);
	assert_int_equal(r.season, 1);
	assert_string_equal(r.critic, "Doe, Jane");
	assert_true(r.top_critic && r.in_approval && r.in_weighted);
	assert_float_equal(r.normalised, 80, 1e-12);
	line = "Jessica Jones,,Variety,,false,,,,rotten,";
	assert_int_equal(review_parse_csv(line, strlen(line), &r, msg, sizeof(msg)), BG_OK);
	assert_true(r.in_approval && !r.in_weighted && r.season == 0);
	const char *bad[][2] = {
	        {"Jessica Jones,1,Variety,,true,,4,5,great,", "verdict"},
	        {"Jessica Jones,1,Variety,,true,,4,5,fresh,both", "panels"},
	        {"Jessica Jones,1,Variety,,true,,,,,", "verdict"},
	        {"Jessica Jones,1,Variety,,true,,,,,weighted", "score"},
	        {"Jessica Jones,x,Variety,,true,,4,5,fresh,", "season"},
	        {"Jessica Jones,1,,,true,,4,5,fresh,", "outlet"},
	        {"Jessica Jones,1,Variety,,maybe,,4,5,fresh,", "top_critic"},
	        {"Jessica Jones,1,Variety,,true,yesterday,4,5,fresh,", "date"},
	        {"Jessica Jones,1,Variety", "10 fields"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(
		        review_parse_csv(bad[i][0], strlen(bad[i][0]), &r, msg, sizeof(msg)),
		        BG_INVALID);
		assert_non_null(strstr(msg, bad[i][1]));
	}
	const char *json = "{\"title\":\"Jessica Jones\",\"season\":2,\"outlet\":\"IGN\","
	                   "\"score\":7,\"scale\":\"10\",\"verdict\":\"fresh\"}";
	assert_int_equal(review_parse_json(json, strlen(json), &r, msg, sizeof(msg)), BG_OK);
	assert_int_equal(r.season, 2);
	assert_float_equal(r.normalised, 70, 1e-12);
	json = "{\"title\":\"Jessica Jones\",\"rating\":7}";
	assert_int_equal(review_parse_json(json, strlen(json), &r, msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, "unknown field 'rating'"));
}

/* n approval reviews, fresh of them fresh, tops top critics, all scored score. */
static size_t approval_set(struct scored_review *r, int n, int fresh, int tops, double score)
{
	for (int i = 0; i < n; i++)
		r[i] = (struct scored_review){.in_approval = true,
		                              .fresh = i < fresh,
		                              .top_critic = i < tops,
		                              .normalised = score,
		                              .weight = 1};
	return (size_t)n;
}

static void test_approval_rules(void **state)
{
	(void)state;
	struct scored_review r[100];
	struct reception out;
	/* 29 of 40 = 72.5%: published as 73 (half up) */
	reception_compute(r, approval_set(r, 40, 29, 3, 64), 0.6, true, &out);
	assert_int_equal(out.approval, 73);
	assert_true(out.has_approval && out.fresh && out.uncertain && !out.certified);
	assert_float_equal(out.average, 6.4, 1e-12);
	/* shown from 5 reviews */
	reception_compute(r, approval_set(r, 4, 4, 0, -1), 0.6, true, &out);
	assert_false(out.has_approval);
	assert_false(out.has_average);
	reception_compute(r, approval_set(r, 5, 3, 0, -1), 0.6, true, &out);
	assert_true(out.has_approval && out.fresh);
	assert_int_equal(out.approval, 60); /* fresh at exactly 60 */
	reception_compute(r, approval_set(r, 5, 2, 0, -1), 0.6, true, &out);
	assert_false(out.fresh);
	/* certified: 75%, 20 reviews, 5 top critics; each edge missed once */
	reception_compute(r, approval_set(r, 20, 15, 5, -1), 0.6, true, &out);
	assert_true(out.certified);
	reception_compute(r, approval_set(r, 20, 15, 5, -1), 0.6, false, &out);
	assert_false(out.certified); /* series: no badge */
	reception_compute(r, approval_set(r, 20, 14, 5, -1), 0.6, true, &out);
	assert_false(out.certified);
	reception_compute(r, approval_set(r, 19, 15, 5, -1), 0.6, true, &out);
	assert_false(out.certified);
	reception_compute(r, approval_set(r, 20, 15, 4, -1), 0.6, true, &out);
	assert_false(out.certified);
}

/*
 * Wilson, z = 1.96: 5 of 10 -> centre 0.5, half-width
 * 1.96 sqrt(.025 + .0096040 / 4) / 1.384146 -> [23.66, 76.34]; 0 of 10 ->
 * [0, 27.75]. Shrunk: (3 + 10 x 0.6) / (3 + 10) = 69.23%.
 */
static void test_interval_and_shrunk(void **state)
{
	(void)state;
	struct scored_review r[20];
	struct reception out;
	reception_compute(r, approval_set(r, 10, 5, 0, -1), 0.6, true, &out);
	assert_float_equal(out.approval_low, 23.66, 0.01);
	assert_float_equal(out.approval_high, 76.34, 0.01);
	reception_compute(r, approval_set(r, 10, 0, 0, -1), 0.6, true, &out);
	assert_float_equal(out.approval_low, 0.0, 1e-9);
	assert_float_equal(out.approval_high, 27.75, 0.01);
	reception_compute(r, approval_set(r, 3, 3, 0, -1), 0.6, true, &out);
	assert_float_equal(out.shrunk, 100.0 * 9 / 13, 1e-9);
	assert_int_equal(out.approval, 100);
}

static void test_weighted_score_and_bands(void **state)
{
	(void)state;
	const int edges[][2] = {{100, 0}, {81, 0}, {80, 1}, {61, 1}, {60, 2},
	                        {40, 2},  {39, 3}, {20, 3}, {19, 4}, {0, 4}};
	const char *bands[] = {"universal acclaim", "generally favorable", "mixed or average",
	                       "generally unfavorable", "overwhelming dislike"};
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		assert_string_equal(reception_band(edges[i][0]), bands[edges[i][1]]);
	struct scored_review r[4];
	for (int i = 0; i < 4; i++)
		r[i] = (struct scored_review){
		        .in_weighted = true, .normalised = 60 + 10 * i, .weight = 1};
	struct reception out;
	reception_compute(r, 3, 0.6, true, &out);
	assert_false(out.has_score); /* shown from 4 */
	reception_compute(r, 4, 0.6, true, &out);
	assert_true(out.has_score);
	assert_int_equal(out.score, 75); /* (60 + 70 + 80 + 90) / 4 */
	r[3].weight = 3;                 /* (60 + 70 + 80 + 270) / 6 = 80 */
	reception_compute(r, 4, 0.6, true, &out);
	assert_int_equal(out.score, 80);
	assert_string_equal(out.band, "generally favorable");
	assert_int_equal(out.reviews, 0); /* no approval reviews */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_normalise), cmocka_unit_test(test_parse),
	        cmocka_unit_test(test_approval_rules), cmocka_unit_test(test_interval_and_shrunk),
	        cmocka_unit_test(test_weighted_score_and_bands)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
