/*
 * event_fuzz.c - libFuzzer target for the event record parsers (CSV and
 * JSON Lines): any bytes parse into a valid event or are refused with a
 * message; a parsed event written back as CSV parses to the same event.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

#include "audience/event.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct viewing_event e, again;
	char msg[256] = "";
	const char *s = (const char *)data;
	for (int json = 0; json < 2; json++) {
		enum bg_err rc = json ? event_parse_json(s, size, &e, msg, sizeof(msg))
		                      : event_parse_csv(s, size, &e, msg, sizeof(msg));
		if (rc) {
			CHECK(msg[0] != '\0');
			continue;
		}
		struct buf b = BUF_INIT(BUF_MAX_SMALL);
		event_write_csv(&e, &b);
		CHECK(b.len >= 2 && b.ptr[b.len - 1] == '\n');
		CHECK(event_parse_csv(b.ptr, b.len - 2, &again, msg, sizeof(msg)) == BG_OK);
		CHECK(strcmp(e.id, again.id) == 0 && e.position_ms == again.position_ms &&
		      strcmp(e.device, again.device) == 0 && strcmp(e.at, again.at) == 0);
		buf_release(&b);
	}
	return 0;
}
