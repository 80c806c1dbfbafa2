/*
 * rng.h - a small deterministic random number generator (xorshift64*) for
 * simulations: the same seed gives the same sequence on every machine.
 * Not for secrets (account/password.h has those).
 */
#ifndef BINGE_AUDIENCE_RNG_H
#define BINGE_AUDIENCE_RNG_H

#include <stdint.h>

struct rng {
	uint64_t state;
};

static inline void rng_seed(struct rng *r, uint64_t seed)
{
	/* splitmix64 of the seed, so seeds 0, 1, 2... start far apart and never at 0 */
	uint64_t z = seed + 0x9E3779B97F4A7C15ULL;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	r->state = (z ^ (z >> 31)) | 1;
}

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t x = r->state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* Uniform in [lo, hi] (inclusive). */
static inline int rng_range(struct rng *r, int lo, int hi)
{
	return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* True with probability percent / 100. */
static inline int rng_chance(struct rng *r, int percent)
{
	return (int)(rng_next(r) % 100) < percent;
}

#endif
