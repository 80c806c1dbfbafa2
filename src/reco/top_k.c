/* top_k.c - the best k items of a score vector; see top_k.h. */
#include "reco/top_k.h"

#include "core/banned.h"

size_t reco_top_k(const double *scores, size_t items, const uint32_t *seen, size_t n, size_t k,
                  uint32_t *top)
{
	/* insertion into a small sorted list: k is tens, items thousands */
	size_t got = 0, s = 0;
	for (uint32_t i = 0; i < items; i++) {
		while (s < n && seen[s] < i)
			s++;
		if (s < n && seen[s] == i)
			continue;
		if (got == k && scores[i] <= scores[top[got - 1]])
			continue;
		size_t p = got < k ? got++ : k - 1;
		while (p > 0 && scores[top[p - 1]] < scores[i]) {
			top[p] = top[p - 1];
			p--;
		}
		top[p] = i;
	}
	return got;
}
