/*
 * title_json_fuzz.c - libFuzzer target for the admin JSON parsers of
 * titles and licence windows: any bytes either parse into a valid series or
 * film (a set of valid windows), or are refused with a message naming a
 * field. Never a crash, a leak or an out-of-bounds read.
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

#include "catalog/title_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *in = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	if (!in)
		return 0;
	struct title_doc doc;
	char msg[256] = "";
	title_doc_init(&doc);
	if (title_json_parse(in, &doc, msg, sizeof(msg)) == BG_OK) {
		CHECK(doc.name && *doc.name);
		CHECK(doc.kind == TITLE_SERIES || doc.kind == TITLE_FILM);
		json_t *out = title_json_render(&doc);
		CHECK(out != NULL);
		json_decref(out);
	} else {
		CHECK(msg[0] != '\0');
	}
	title_doc_release(&doc);

	struct licence_windows windows = LICENCE_WINDOWS_INIT;
	msg[0] = '\0';
	if (licence_windows_parse(in, &windows, msg, sizeof(msg)) == BG_OK) {
		for (size_t i = 0; i < windows.n; i++) {
			char why[200];
			CHECK(licence_window_check(&windows.items[i], why, sizeof(why)) == BG_OK);
		}
		json_t *out = licence_windows_json(&windows);
		CHECK(out != NULL);
		json_decref(out);
	} else {
		CHECK(msg[0] != '\0' && windows.n == 0);
	}
	licence_windows_release(&windows);
	json_decref(in);
	return 0;
}
