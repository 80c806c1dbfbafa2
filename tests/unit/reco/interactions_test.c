/*
 * interactions_test.c - rating and implicit files in the layouts the public
 * datasets use, each written here: the separator and a header found from
 * the first line, fractional ratings against the positive rule, weights
 * as confidences, and errors that name the line.
 */
#include <math.h>
#include <string.h>

#include "../test_util.h"

#include "reco/interactions.h"

/* Parses text under rules; asserts it succeeds. */
static void parse_ok(const char *text, const struct interactions_rules *rules,
                     struct interactions *in)
{
	char msg[256] = "";
	enum bg_err rc = interactions_parse(text, strlen(text), rules, in, msg, sizeof(msg));
	if (rc)
		fail_msg("'%s': %s", text, msg);
}

/* Asserts text is refused under rules with a message containing want. */
static void parse_fails(const char *text, const struct interactions_rules *rules, const char *want)
{
	struct interactions in;
	char msg[256] = "";
	assert_int_equal(interactions_parse(text, strlen(text), rules, &in, msg, sizeof(msg)),
	                 BG_INVALID);
	if (!strstr(msg, want))
		fail_msg("'%s': got '%s', wanted '%s'", text, msg, want);
	assert_int_equal(in.n, 0);
}

/* The raw (user, item) of positive k. */
static void assert_pair(const struct interactions *in, size_t k, int64_t user, int64_t item)
{
	assert_int_equal(in->user_id[in->user[k]], user);
	assert_int_equal(in->item_id[in->item[k]], item);
}

/* The same four ratings in every explicit layout: 2 and 3 of them are positives under >=4. */
static void test_explicit_layouts(void **state)
{
	(void)state;
	const char *files[] = {
	        "1\t10\t5\t881250949\n1\t20\t3\t881250950\n2\t10\t4\t881250951\n2\t30\t1\t881250952"
	        "\n",
	        "1::10::5::881250949\n1::20::3::881250950\n2::10::4::881250951\n2::30::1::"
	        "881250952\n",
	        "userId,movieId,rating,timestamp\r\n1,10,5.0,881250949\r\n1,20,3.5,881250950\r\n"
	        "2,10,4.0,881250951\r\n2,30,1.5,881250952\r\n",
	        "  1 10  5 881250949\n1 20 3 881250950  \n2   10 4 881250951\n2 30 1 881250952\n",
	};
	struct interactions_rules rules = INTERACTIONS_RULES_INIT;
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		struct interactions in;
		parse_ok(files[f], &rules, &in);
		assert_int_equal(in.n, 2);
		assert_pair(&in, 0, 1, 10);
		assert_pair(&in, 1, 2, 10);
		assert_int_equal(in.time[1], 881250951);
		assert_null(in.confidence);
		interactions_release(&in);
	}
	/* a stricter or looser rule: 3.5 passes >3 and fails >=4; all takes every row */
	assert_true(interactions_positive_parse(">3", &rules));
	struct interactions in;
	parse_ok(files[2], &rules, &in);
	assert_int_equal(in.n, 3);
	assert_pair(&in, 1, 1, 20);
	interactions_release(&in);
	assert_true(interactions_positive_parse("all", &rules));
	parse_ok(files[2], &rules, &in);
	assert_int_equal(in.n, 4);
	interactions_release(&in);
	/* >=4.5: only the 5 */
	assert_true(interactions_positive_parse(">=4.5", &rules));
	parse_ok(files[1], &rules, &in);
	assert_int_equal(in.n, 1);
	interactions_release(&in);
}

static void test_positive_rules(void **state)
{
	(void)state;
	struct interactions_rules r = INTERACTIONS_RULES_INIT;
	assert_true(interactions_positive_parse(">=3.5", &r) && r.min_rating == 3.5 && !r.above);
	assert_true(interactions_positive_parse(">0", &r) && r.min_rating == 0 && r.above);
	const char *bad[] = {"", "4", "=>4", ">=", ">=four", ">4 ", "<=2", ">nan", ">=1e999"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(interactions_positive_parse(bad[i], &r));
}

/* Implicit files: no rating column, or a weight column. */
static void test_implicit_and_weights(void **state)
{
	(void)state;
	struct interactions_rules rules = INTERACTIONS_RULES_INIT;
	struct interactions in;
	/* two columns: every row */
	parse_ok("7,1\n7,2\n8,1\n", &rules, &in);
	assert_int_equal(in.n, 3);
	interactions_release(&in);
	/* a header naming a time third: no rating, every row, the time read */
	parse_ok("user,item,timestamp\n7,1,100\n7,2,50\n", &rules, &in);
	assert_int_equal(in.n, 2);
	assert_int_equal(in.time[0], 100);
	interactions_release(&in);
	/* a header naming a weight: every row without --weight, weights ignored */
	const char *plays = "userID\tartistID\tweight\n2\t51\t13883\n2\t52\t0\n3\t51\t1\n";
	parse_ok(plays, &rules, &in);
	assert_int_equal(in.n, 3);
	assert_null(in.confidence);
	interactions_release(&in);
	/* --weight: weight 0 is no positive; confidence 1 + log2(1 + w) */
	rules.weight = true;
	parse_ok(plays, &rules, &in);
	assert_int_equal(in.n, 2);
	assert_pair(&in, 1, 3, 51);
	assert_float_equal(in.confidence[0], 1 + log2(13884.0), 1e-4);
	assert_float_equal(in.confidence[1], 2.0, 1e-6);
	interactions_release(&in);
	/* --weight on a headerless file: the third column */
	parse_ok("1 5 3\n2 5 1\n", &rules, &in);
	assert_float_equal(in.confidence[0], 3.0, 1e-6);
	interactions_release(&in);
	parse_fails("1,5,2\n2,5,-1\n", &rules, "line 2: weight -1 is below 0");
	parse_fails("1,5,2\n2,5\n", &rules, "line 2: no weight (column 3)");
}

static void test_errors_name_the_line(void **state)
{
	(void)state;
	struct interactions_rules rules = INTERACTIONS_RULES_INIT;
	parse_fails("12345\n", &rules, "line 1: one column; expected a user and an item");
	parse_fails("1,10,5\n1,x7,4\n", &rules,
	            "line 2: user and item must be whole numbers, not 'x7'");
	parse_fails("1,10,5\n\n1,11,four\n", &rules, "line 3: rating 'four' is not a number");
	parse_fails("1,10,5\n2,11\n", &rules, "line 2: no rating (column 3)");
	parse_fails("1,10,5\n2\n", &rules,
	            "line 2: expected a user and an item separated by commas");
	parse_fails("1,10,1\n2,11,2\n", &rules, "no positive interactions");
	parse_fails("", &rules, "no positive interactions");
	/* a fixed format does not guess: u.data read as CSV is one column a line */
	rules.format = INTERACTIONS_CSV;
	parse_fails("1\t10\t5\t0\n", &rules,
	            "line 1: one column; expected a user and an item separated by commas");
}

/* A weight file's confidences reach a split's matrices through csr_copy_values. */
static void test_copy_values(void **state)
{
	(void)state;
	const uint32_t rows[] = {0, 0, 1, 1}, cols[] = {1, 3, 0, 3};
	const float val[] = {2, 4, 8, 16};
	struct csr all, part;
	csr_from_triples(2, 4, rows, cols, val, 4, &all);
	const uint32_t prow[] = {0, 1}, pcol[] = {3, 0};
	csr_from_pairs(2, 4, prow, pcol, 2, &part);
	csr_copy_values(&part, &all);
	assert_float_equal(part.val[0], 4, 0);
	assert_float_equal(part.val[1], 8, 0);
	csr_release(&part);
	csr_release(&all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_explicit_layouts), cmocka_unit_test(test_positive_rules),
	        cmocka_unit_test(test_implicit_and_weights),
	        cmocka_unit_test(test_errors_name_the_line), cmocka_unit_test(test_copy_values)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
