/* as_of.c - the catalogue as of each viewer's time; see as_of.h. */
#include "reco/as_of.h"

#include <stdlib.h>

#include "core/mem.h"
#include "core/banned.h"

#define SECONDS_PER_DAY 86400

bool as_of_has_times(const struct interactions *in)
{
	for (size_t p = 0; p < in->n; p++)
		if (in->time[p] != 0)
			return true;
	return false;
}

void as_of_build(const struct interactions *in, const struct csr *train, const struct csr *scored,
                 int64_t horizon_days, struct as_of *out)
{
	out->users = in->users;
	out->items = in->items;
	out->horizon = horizon_days * SECONDS_PER_DAY;
	out->viewer_time = xmalloc((in->users ? in->users : 1) * sizeof(*out->viewer_time));
	out->entered = xmalloc((in->items ? in->items : 1) * sizeof(*out->entered));
	for (size_t u = 0; u < in->users; u++)
		out->viewer_time[u] = INT64_MIN;
	for (size_t i = 0; i < in->items; i++)
		out->entered[i] = INT64_MAX;
	for (size_t p = 0; p < in->n; p++) {
		uint32_t u = in->user[p], i = in->item[p];
		int64_t t = in->time[p];
		bool is_scored = csr_has(scored, u, i);
		if (!is_scored && !csr_has(train, u, i))
			continue; /* a test pair: its time is what the model must not know */
		if (t < out->entered[i])
			out->entered[i] = t;
		if (is_scored && t > out->viewer_time[u])
			out->viewer_time[u] = t;
	}
}

bool as_of_available(const struct as_of *a, size_t user, uint32_t item)
{
	int64_t viewer = a->viewer_time[user];
	if (viewer == INT64_MIN)
		return true; /* nothing known of when this viewer watched */
	int64_t entered = a->entered[item];
	if (entered <= viewer)
		return true;
	/* entered - viewer in unsigned arithmetic: exact as entered > viewer, no overflow */
	return entered == INT64_MAX || (uint64_t)entered - (uint64_t)viewer <= (uint64_t)a->horizon;
}

size_t as_of_exclusions(const struct as_of *a, size_t user, const uint32_t *seen, size_t seen_n,
                        uint32_t *out)
{
	size_t n = 0, s = 0;
	for (uint32_t i = 0; i < a->items; i++) {
		while (s < seen_n && seen[s] < i)
			s++;
		if ((s < seen_n && seen[s] == i) || !as_of_available(a, user, i))
			out[n++] = i;
	}
	return n;
}

void as_of_release(struct as_of *a)
{
	free(a->viewer_time);
	free(a->entered);
	a->viewer_time = a->entered = NULL;
}
