/*
 * event_fuzz.c - libFuzzer target for the event record parsers (CSV and
 * JSON Lines): any bytes parse into a valid row or are refused with a
 * message; a parsed row's fields written back as CSV parse to the same.
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
	struct event_row row, again;
	char msg[256] = "";
	const char *s = (const char *)data;
	for (int json = 0; json < 2; json++) {
		enum bg_err rc = json ? event_parse_json(s, size, &row, msg, sizeof(msg))
		                      : event_parse_csv(s, size, &row, msg, sizeof(msg));
		if (rc) {
			CHECK(msg[0] != '\0');
			continue;
		}
		CHECK(row.profile[0] && row.title[0] && (row.season < 0) == (row.episode < 0));
		/* The stored form of the same event round-trips through CSV. */
		struct viewing_event e = {
		        .profile_id = 1, .title_id = 1, .position_ms = row.position_ms};
		memcpy(e.id, row.id, sizeof(e.id));
		memcpy(e.kind, row.kind, sizeof(e.kind));
		memcpy(e.device, row.device, sizeof(e.device));
		memcpy(e.at, row.at, sizeof(e.at));
		struct buf b = BUF_INIT(BUF_MAX_SMALL);
		event_write_csv(&e, &b);
		CHECK(b.len >= 2 && b.ptr[b.len - 1] == '\n');
		CHECK(event_parse_csv(b.ptr, b.len - 2, &again, msg, sizeof(msg)) == BG_OK);
		CHECK(strcmp(row.id, again.id) == 0 && row.position_ms == again.position_ms &&
		      strcmp(row.device, again.device) == 0 && strcmp(row.at, again.at) == 0 &&
		      strcmp(again.profile, "1") == 0 && again.season == -1);
		buf_release(&b);
	}
	return 0;
}
