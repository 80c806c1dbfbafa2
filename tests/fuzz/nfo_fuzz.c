/*
 * nfo_fuzz.c - libFuzzer target for NFO files (catalog/nfo.h): any bytes
 * parse into a doc of a known kind, or are refused with a message; never a
 * crash, a leak or a read out of bounds. A parsed file merges into an empty
 * doc and into itself, twice, with the same result the second time.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_check.h"

#include "catalog/nfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nfo n;
	char msg[256] = "";
	if (nfo_parse((const char *)data, size, &n, msg, sizeof(msg)) != BG_OK) {
		CHECK(msg[0]);
		nfo_release(&n);
		return 0;
	}
	CHECK(n.kind == NFO_SHOW || n.kind == NFO_SEASON || n.kind == NFO_EPISODE ||
	      n.kind == NFO_MOVIE);
	for (size_t i = 0; i < n.doc.credit_count; i++)
		CHECK(n.doc.credits[i].person && n.doc.credits[i].person[0]);
	struct title_doc doc;
	title_doc_init(&doc);
	for (int wins = 0; wins < 2; wins++) {
		nfo_merge(&doc, &n, wins);
		size_t credits = doc.credit_count, extras = doc.extra_count;
		nfo_merge(&doc, &n, wins); /* the same again: nothing changes */
		CHECK(doc.credit_count == credits && doc.extra_count == extras);
	}
	title_doc_release(&doc);
	nfo_release(&n);
	return 0;
}
