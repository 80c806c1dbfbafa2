/* intro.c - a shared intro from two fingerprints; see intro.h. */
#include "media/intro.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/banned.h"

struct keyed {
	uint32_t value;
	long pos;
};

static int by_value(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	return a->value < b->value ? -1 : a->value > b->value ? 1 : (a->pos > b->pos) - (a->pos < b->pos);
}

struct vote {
	long shift;
	long count;
};

static int by_count(const void *x, const void *y)
{
	const struct vote *a = x, *b = y;
	return a->count != b->count ? (a->count < b->count) - (a->count > b->count)
	                            : (a->shift > b->shift) - (a->shift < b->shift);
}

/*
 * The shifts (b position - a position) that most items equal in both vote
 * for, most first; at most INTRO_SHIFTS, their number returned.
 */
static size_t top_shifts(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                         long out[INTRO_SHIFTS])
{
	struct keyed *sb = xmalloc(nb * sizeof(*sb));
	for (size_t j = 0; j < nb; j++)
		sb[j] = (struct keyed){b[j], (long)j};
	qsort(sb, nb, sizeof(*sb), by_value);
	/* Shifts run from -(na - 1) to nb - 1. */
	size_t span = na + nb;
	long *votes = xcalloc(span, sizeof(*votes));
	for (size_t i = 0; i < na; i++) {
		size_t lo = 0, hi = nb;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (sb[mid].value < a[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t k = lo; k < nb && sb[k].value == a[i]; k++)
			votes[sb[k].pos - (long)i + (long)na]++;
	}
	struct vote best[INTRO_SHIFTS];
	size_t n = 0;
	for (size_t s = 0; s < span; s++) {
		if (!votes[s])
			continue;
		struct vote v = {(long)s - (long)na, votes[s]};
		if (n < INTRO_SHIFTS) {
			best[n++] = v;
		} else if (by_count(&v, &best[n - 1]) < 0) {
			best[n - 1] = v;
		} else {
			continue;
		}
		qsort(best, n, sizeof(*best), by_count);
	}
	for (size_t k = 0; k < n; k++)
		out[k] = best[k].shift;
	free(votes);
	free(sb);
	return n;
}

/* The longest run of matching windows along shift, in a's items [*from, *to). */
static size_t longest_run(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                          long shift, size_t *from, size_t *to)
{
	size_t lo = shift < 0 ? (size_t)-shift : 0;
	size_t hi = (long)na < (long)nb - shift ? na : (size_t)((long)nb - shift);
	*from = *to = 0;
	if (hi <= lo + INTRO_WINDOW)
		return 0;
	size_t n = hi - lo;
	bool *good = xcalloc(n, sizeof(*good));
	int *bits = xmalloc(n * sizeof(*bits));
	for (size_t i = 0; i < n; i++)
		bits[i] = __builtin_popcount(a[lo + i] ^ b[(size_t)((long)(lo + i) + shift)]);
	long sum = 0;
	for (size_t i = 0; i < n; i++) {
		sum += bits[i];
		if (i >= INTRO_WINDOW)
			sum -= bits[i - INTRO_WINDOW];
		if (i + 1 >= INTRO_WINDOW && (double)sum <= INTRO_MAX_BITS * INTRO_WINDOW)
			memset(good + i + 1 - INTRO_WINDOW, 1, INTRO_WINDOW * sizeof(*good));
	}
	size_t best = 0;
	for (size_t i = 0; i < n;) {
		if (!good[i]) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && good[j])
			j++;
		if (j - i > best) {
			best = j - i;
			*from = lo + i;
			*to = lo + j;
		}
		i = j;
	}
	free(bits);
	free(good);
	return best;
}

bool intro_find(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                struct intro_match *out)
{
	if (na < INTRO_WINDOW || nb < INTRO_WINDOW)
		return false;
	long shifts[INTRO_SHIFTS];
	size_t n = top_shifts(a, na, b, nb, shifts);
	size_t best = 0, from = 0, to = 0;
	long best_shift = 0;
	for (size_t k = 0; k < n; k++) {
		size_t f, t;
		size_t len = longest_run(a, na, b, nb, shifts[k], &f, &t);
		double seconds = (double)len * INTRO_ITEM_S - INTRO_CONTEXT_S;
		if (len > best && seconds >= INTRO_MIN_S && seconds <= INTRO_MAX_S) {
			best = len;
			from = f;
			to = t;
			best_shift = shifts[k];
		}
	}
	if (!best)
		return false;
	out->a_start = (double)from * INTRO_ITEM_S + INTRO_CONTEXT_S;
	out->a_end = (double)to * INTRO_ITEM_S;
	out->b_start = (double)((long)from + best_shift) * INTRO_ITEM_S + INTRO_CONTEXT_S;
	out->b_end = (double)((long)to + best_shift) * INTRO_ITEM_S;
	return true;
}
