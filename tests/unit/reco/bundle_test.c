/*
 * bundle_test.c - model files: a saved model loads back equal and scores
 * the same; versions grow; neighbours come from the factors; any flipped
 * byte, a truncated file, another file type and a newer format version
 * are refused with an error that says which.
 */
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "../test_util.h"

#include "core/file.h"
#include "reco/bundle.h"
#include "reco/log_matrix.h"

/* Two taste blocks: users 0-5 watch titles 10, 20, 30; users 6-11 watch 40, 50, 60. */
static void fit_blocks(enum reco_kind kind, struct reco_bundle *out)
{
	struct reco_view views[36];
	size_t n = 0;
	for (int u = 0; u < 12; u++)
		for (int i = 0; i < 3; i++)
			views[n++] = (struct reco_view){.profile_id = 100 + u,
			                                .title_id = (u < 6 ? 10 : 40) + 10 * i,
			                                .started = 3,
			                                .completed = (uint32_t)(u % 3)};
	struct log_matrix lm;
	log_matrix_build(views, n, 0, 0, &lm);
	struct reco_params p;
	reco_params_init(kind, &p);
	p.factors = 4;
	p.lambda = 1;
	struct reco_model m;
	assert_int_equal(reco_model_fit(kind, &p, &lm.m, &m), BG_OK);
	bundle_make(&m, lm.title_ids, 1700000000, lm.m.rows, out);
	log_matrix_release(&lm);
}

static void test_round_trip(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), path[4200], path2[4200], msg[4400];
	struct reco_bundle b, back;
	fit_blocks(RECO_IALS, &b);
	assert_int_equal(b.neighbours, 5);
	/* title 10's nearest are its own block's 20 and 30 */
	long item = bundle_item(&b, 10);
	assert_int_equal(item, 0);
	int64_t first = b.title_ids[b.nb_item[0]], second = b.title_ids[b.nb_item[1]];
	assert_true((first == 20 && second == 30) || (first == 30 && second == 20));
	assert_int_equal(bundle_item(&b, 11), -1);

	assert_int_equal(bundle_save(&b, dir, path, sizeof(path), msg, sizeof(msg)), BG_OK);
	assert_int_equal(b.version, 1);
	assert_int_equal(bundle_save(&b, dir, path2, sizeof(path2), msg, sizeof(msg)), BG_OK);
	assert_int_equal(b.version, 2);
	uint64_t newest;
	char found[4200];
	assert_int_equal(bundle_newest(dir, &newest, found, sizeof(found)), BG_OK);
	assert_int_equal(newest, 2);
	assert_string_equal(found, path2);

	assert_int_equal(bundle_load(path2, &back, msg, sizeof(msg)), BG_OK);
	assert_int_equal(back.version, 2);
	assert_int_equal(back.profiles, 12);
	assert_int_equal(back.trained_at, 1700000000);
	assert_int_equal(back.model.kind, RECO_IALS);
	assert_int_equal(back.model.items, 6);
	assert_memory_equal(back.title_ids, b.title_ids, 6 * sizeof(int64_t));
	assert_memory_equal(back.nb_item, b.nb_item, 6 * 5 * sizeof(uint32_t));
	/* a new profile folded into both scores the same */
	const uint32_t seen[] = {0};
	double s1[6], s2[6];
	reco_model_score(&b.model, seen, NULL, 1, s1);
	reco_model_score(&back.model, seen, NULL, 1, s2);
	assert_memory_equal(s1, s2, sizeof(s1));
	assert_true(s1[1] > s1[3] + 0.2); /* its block first */
	bundle_release(&back);
	bundle_release(&b);
	free(dir);
}

static void test_every_kind_round_trips(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), path[4200], msg[4400];
	const enum reco_kind kinds[] = {RECO_POPULARITY, RECO_ITEMKNN, RECO_EASE, RECO_BLEND};
	for (size_t k = 0; k < 4; k++) {
		struct reco_bundle b, back;
		fit_blocks(kinds[k], &b);
		assert_int_equal(bundle_save(&b, dir, path, sizeof(path), msg, sizeof(msg)), BG_OK);
		assert_int_equal(bundle_load(path, &back, msg, sizeof(msg)), BG_OK);
		const uint32_t seen[] = {4};
		double s1[6], s2[6];
		reco_model_score(&b.model, seen, NULL, 1, s1);
		reco_model_score(&back.model, seen, NULL, 1, s2);
		assert_memory_equal(s1, s2, sizeof(s1));
		assert_int_equal(back.neighbours, kinds[k] == RECO_POPULARITY ? 0 : 5);
		bundle_release(&back);
		bundle_release(&b);
	}
	free(dir);
}

static void test_corruption_refused(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), path[4200], msg[4400];
	struct reco_bundle b, back;
	fit_blocks(RECO_IALS, &b);
	assert_int_equal(bundle_save(&b, dir, path, sizeof(path), msg, sizeof(msg)), BG_OK);
	bundle_release(&b);
	char *data;
	size_t len;
	assert_int_equal(file_read_all(path, (size_t)1 << 30, &data, &len), BG_OK);
	char *bad = test_path(dir, "bad.bin");
	/* a flipped byte anywhere past the magic: the checksum catches it */
	for (size_t at = 8; at < len; at += len / 37 + 1) {
		data[at] ^= 0x10;
		assert_int_equal(file_write_atomic(bad, data, len), BG_OK);
		assert_int_equal(bundle_load(bad, &back, msg, sizeof(msg)), BG_INVALID);
		assert_non_null(strstr(msg, "checksum does not match"));
		data[at] ^= 0x10;
	}
	/* an older or newer format, correctly checksummed: named, not misread */
	const int other[] = {BUNDLE_FORMAT_VERSION - 1, BUNDLE_FORMAT_VERSION + 1};
	for (size_t k = 0; k < 2; k++) {
		data[8] = (char)other[k];
		crypto_generichash((unsigned char *)data + len - 32, 32, (unsigned char *)data,
		                   len - 32, NULL, 0);
		assert_int_equal(file_write_atomic(bad, data, len), BG_OK);
		assert_int_equal(bundle_load(bad, &back, msg, sizeof(msg)), BG_INVALID);
		char want[64];
		snprintf(want, sizeof(want), "has format version %d; this binge reads %d", other[k],
		         BUNDLE_FORMAT_VERSION);
		assert_non_null(strstr(msg, want));
	}
	/* cut short */
	assert_int_equal(file_write_atomic(bad, data, len - 100), BG_OK);
	assert_int_equal(bundle_load(bad, &back, msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, "corrupt"));
	/* not a model at all */
	assert_int_equal(file_write_atomic(bad, "hello, world, this is text\n", 27), BG_OK);
	assert_int_equal(bundle_load(bad, &back, msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, "not a binge model file"));
	/* missing */
	char *none = test_path(dir, "none.bin");
	assert_int_equal(bundle_load(none, &back, msg, sizeof(msg)), BG_IO);
	assert_non_null(strstr(msg, "cannot read model file"));
	free(none);
	free(data);
	free(bad);
	free(dir);
}

static void test_newest_in_empty_dir(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), path[4200];
	uint64_t v;
	assert_int_equal(bundle_newest(dir, &v, path, sizeof(path)), BG_NOT_FOUND);
	assert_int_equal(bundle_newest("/nonexistent/binge", &v, path, sizeof(path)), BG_NOT_FOUND);
	free(dir);
}

/* Confidence: 1 + log2(1 + completed + unfinished / 2), halved per half-life. */
static void test_confidence(void **state)
{
	(void)state;
	struct reco_view film_left = {.started = 1, .completed = 0, .last_s = 1000};
	struct reco_view film_done = {.started = 1, .completed = 1, .last_s = 1000};
	struct reco_view season = {.started = 13, .completed = 13, .last_s = 1000};
	assert_float_equal(reco_confidence(&film_left, 0, 0), 1.0 + log2(1.5), 1e-6);
	assert_float_equal(reco_confidence(&film_done, 0, 0), 2.0, 1e-6);
	assert_float_equal(reco_confidence(&season, 0, 0), 1.0 + log2(14.0), 1e-6);
	assert_float_equal(reco_confidence(&film_done, 1000 + 86400, 86400), 1.0, 1e-6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_round_trip), cmocka_unit_test(test_every_kind_round_trips),
	        cmocka_unit_test(test_corruption_refused),
	        cmocka_unit_test(test_newest_in_empty_dir), cmocka_unit_test(test_confidence)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
