/*
 * signed_url_fuzz.c - libFuzzer target for the signed-URL check: any bytes,
 * split at newlines into exp, u, p and sig (a missing one is absent), are
 * refused with a reason or accepted, never crash; and what is accepted is
 * exactly what signing its grant gives back. The first input line may also
 * be signed with the fixed key first, so the accepting path is reached.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fuzz_check.h"

#include "account/signed_url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct url_key key = {{1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
	                                    12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
	                                    23, 24, 25, 26, 27, 28, 29, 30, 31, 32}};
	static bool ready;
	if (!ready) {
		char msg[200];
		CHECK(password_init(msg, sizeof(msg)) == BG_OK);
		ready = true;
	}
	char text[1024];
	if (size >= sizeof(text))
		size = sizeof(text) - 1;
	memcpy(text, data, size);
	text[size] = '\0';
	const char *part[4] = {NULL, NULL, NULL, NULL};
	char *p = text;
	for (int i = 0; i < 4 && p; i++) {
		part[i] = p;
		p = strchr(p, '\n');
		if (p)
			*p++ = '\0';
	}
	/* "sign" as the fourth part: put the right signature there. */
	char query[SIGNED_URL_QUERY_MAX];
	if (part[3] && strcmp(part[3], "sign") == 0) {
		struct url_grant g = {0};
		sscanf(part[0], "%lld", (long long *)&g.expires);
		sscanf(part[1] ? part[1] : "", "%lld", (long long *)&g.user_id);
		sscanf(part[2] ? part[2] : "", "%lld", (long long *)&g.profile_id);
		signed_url_query(&key, "media", 42, &g, query);
		part[3] = strrchr(query, '=') + 1;
	}
	struct url_grant got;
	const char *why = NULL;
	enum bg_err rc = signed_url_check(&key, "media", 42, part[0], part[1], part[2], part[3], 0,
	                                  &got, &why);
	if (rc) {
		CHECK(rc == BG_UNAUTHORIZED && why && *why);
		return 0;
	}
	char again[SIGNED_URL_QUERY_MAX];
	signed_url_query(&key, "media", 42, &got, again);
	CHECK(strcmp(strrchr(again, '=') + 1, part[3]) == 0);
	CHECK(got.expires > 0 && got.user_id >= 0 && got.profile_id >= 0);
	return 0;
}
