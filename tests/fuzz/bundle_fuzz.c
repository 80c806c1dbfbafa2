/*
 * bundle_fuzz.c - libFuzzer target for the model file parser
 * (reco/bundle.h). A file's last 32 bytes are its checksum, which random
 * bytes never match; so the harness appends the right checksum to the
 * input and the parser's every length and bound is exercised. A parse
 * either fails with a message or yields a bundle that scores and whose
 * neighbours are in range.
 */
#include <sodium.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

#include "reco/bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > ((size_t)1 << 20))
		return 0;
	unsigned char *file = malloc(size + 32 + 1);
	memcpy(file, data, size);
	crypto_generichash(file + size, 32, file, size, NULL, 0);
	struct reco_bundle b;
	char msg[256] = "";
	enum bg_err rc = bundle_parse(file, size + 32, "fuzz", &b, msg, sizeof(msg));
	if (rc) {
		CHECK(msg[0] != '\0');
	} else {
		size_t items = b.model.items;
		for (size_t i = 0; i < items * b.neighbours; i++)
			CHECK(b.nb_item[i] < items);
		if (items && items < 4096) {
			double *scores = malloc(items * sizeof(*scores));
			const uint32_t seen[] = {0};
			reco_model_score(&b.model, seen, NULL, 1, scores);
			free(scores);
		}
		bundle_release(&b);
	}
	free(file);
	return 0;
}
