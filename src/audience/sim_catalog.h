/*
 * sim_catalog.h - a generated demo catalogue, so benchmarks and demos need
 * no outside data (`binge simulate catalogue`).
 *
 * For a seed it writes the same series and films every time: names from
 * word lists, 1-6 seasons of 6-13 episodes (fewer seasons more likely),
 * genres, ratings on both scales, credits drawn from a pool of people
 * (so people recur across titles), all-at-once or weekly releases, and
 * licence windows (worldwide, or a handful of territories). Each title is
 * one transaction; titles are identified by seed and index, so running it
 * again with the same seed updates in place.
 */
#ifndef BINGE_AUDIENCE_SIM_CATALOG_H
#define BINGE_AUDIENCE_SIM_CATALOG_H

#include <stdint.h>

#include "core/err.h"
#include "core/progress.h"

struct store;

struct sim_catalog_report {
	int series, films, seasons, episodes, credits;
};

enum bg_err sim_catalog(struct store *st, int series, int films, uint64_t seed,
                        struct progress *prog, struct sim_catalog_report *out);

#endif
