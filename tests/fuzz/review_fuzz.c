/*
 * review_fuzz.c - libFuzzer target for the critic review parsers (CSV and
 * JSON Lines): any bytes parse into a review that obeys the panel rules
 * (approval needs a verdict, weighted a score in 0-100) or are refused
 * with a message.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_check.h"

#include "reception/review.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	for (int json = 0; json < 2; json++) {
		struct review r;
		char msg[256] = "";
		enum bg_err rc = json ? review_parse_json(s, size, &r, msg, sizeof(msg))
		                      : review_parse_csv(s, size, &r, msg, sizeof(msg));
		if (rc) {
			CHECK(msg[0] != '\0');
			continue;
		}
		CHECK(r.title[0] && r.outlet[0] && r.season >= 0 && r.season <= 500);
		CHECK(r.in_approval || r.in_weighted);
		CHECK(!r.in_approval || r.verdict != VERDICT_NONE);
		CHECK(!r.in_weighted || (r.normalised >= 0 && r.normalised <= 100));
		CHECK(r.normalised == -1 || (r.normalised >= 0 && r.normalised <= 100));
	}
	return 0;
}
