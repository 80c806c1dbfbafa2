/*
 * buzz_fuzz.c - libFuzzer target for the social post parsers (CSV and
 * JSON Lines): any bytes parse into a post with an id, a network and a
 * canonical time, or are refused with a message.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_check.h"

#include "reception/buzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const struct buzz_tracker t[] = {{BUZZ_HASHTAG, "#JessicaJones"},
	                                 {BUZZ_HANDLE, "@JessicaJones"}};
	for (int json = 0; json < 2; json++) {
		struct buzz_post p;
		char msg[256] = "";
		enum bg_err rc = json ? buzz_parse_json(s, size, &p, msg, sizeof(msg))
		                      : buzz_parse_csv(s, size, &p, msg, sizeof(msg));
		if (rc) {
			CHECK(msg[0] != '\0');
			continue;
		}
		CHECK(p.id[0] && p.network[0] && strlen(p.at) == 20 &&
		      strcmp(p.id, p.repost_of) != 0);
		(void)buzz_matches(t, 2, &p);
	}
	return 0;
}
