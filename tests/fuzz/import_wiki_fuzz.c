/*
 * import_wiki_fuzz.c - libFuzzer target for the article parser.
 *
 * Any input must either parse or fail with a message and a line number
 * within the input; never crash, leak or read out of bounds. Built with
 * clang -fsanitize=fuzzer by `make fuzz`, and replayed over the corpus and
 * regressions by the normal test run (replay_main.c).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

#include "catalog/import_wiki.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct title_doc doc;
	struct import_error err;
	title_doc_init(&doc);
	enum bg_err rc = import_wiki_parse((const char *)data, size, &doc, &err);
	if (rc) {
		CHECK(err.message[0] != '\0');
		size_t lines = 1;
		for (size_t i = 0; i < size; i++)
			lines += data[i] == '\n';
		CHECK(err.line <= lines);
	} else {
		CHECK(doc.name && doc.source_key && doc.synopsis);
		CHECK((size_t)title_doc_episode_count(&doc) <= 50000);
	}
	title_doc_release(&doc);
	return 0;
}
