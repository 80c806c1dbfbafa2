/*
 * interactions_fuzz.c - libFuzzer target for the interactions parser
 * (MovieLens and CSV): any bytes parse or are refused with a message; a
 * parse has dense indexes in range, and its CSR matrix holds no more
 * pairs than were read.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

#include "reco/interactions.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int variant = 0; variant < 4; variant++) { /* each format; auto with weights */
		struct interactions_rules rules = INTERACTIONS_RULES_INIT;
		rules.format = variant == 1   ? INTERACTIONS_MOVIELENS
		               : variant == 2 ? INTERACTIONS_CSV
		                              : INTERACTIONS_AUTO;
		rules.weight = variant == 3;
		struct interactions in;
		char msg[256] = "";
		enum bg_err rc =
		        interactions_parse((const char *)data, size, &rules, &in, msg, sizeof(msg));
		if (rc) {
			CHECK(msg[0] != '\0' && in.n == 0);
			continue;
		}
		CHECK(in.n > 0 && in.users > 0 && in.items > 0);
		for (size_t k = 0; k < in.n; k++)
			CHECK(in.user[k] < in.users && in.item[k] < in.items &&
			      (!in.confidence || in.confidence[k] >= 1.0f));
		struct csr m;
		csr_from_pairs(in.users, in.items, in.user, in.item, in.n, &m);
		CHECK(m.ptr[m.rows] <= in.n);
		csr_release(&m);
		interactions_release(&in);
	}
	return 0;
}
