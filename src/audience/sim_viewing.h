/*
 * sim_viewing.h - simulated viewers watching the current catalogue
 * (`binge simulate --viewers N --days D --seed S`), so the analytics and
 * taste communities can be checked against a known truth and benchmarks
 * have realistic logs.
 *
 * The model (docs/audience.md has the numbers):
 *   - popularity follows a power law: titles get Zipf weights 1/rank over
 *     a seeded shuffle of the catalogue;
 *   - hidden taste groups each prefer two genres (x6 weight) and a few
 *     favourite titles (x12); every viewer belongs to one group, recorded
 *     in sim_viewer with its label;
 *   - each viewer has a territory, a maturity ceiling (1 in 10 is a kids
 *     profile), a device, a chance of watching on any day and an appetite
 *     (episodes per session); a viewing day has one evening session;
 *   - a series is started at season 1 episode 1 and watched in order: an
 *     all-at-once season is binged up to the appetite, a weekly one is
 *     caught up and then waited for; a viewer may drop a series after any
 *     episode (more often outside their taste) and moves to the next
 *     season when it is out (else the series is done);
 *   - a viewing is only written when the visibility rule allows it at that
 *     instant (maturity, licence window in the viewer's territory, release);
 *   - each episode or film viewing is events start, progress at 25/50/75%,
 *     then complete (or stop where the viewer gave up).
 * Deterministic: viewer i draws from its own generator seeded by (seed, i),
 * so the same seed and catalogue give the same log however it is batched.
 * Viewers are accounts "sim<seed>-<i>" (locked: no password can match)
 * with one profile "Main"; running again with the same seed adds nothing.
 */
#ifndef BINGE_AUDIENCE_SIM_VIEWING_H
#define BINGE_AUDIENCE_SIM_VIEWING_H

#include <stdint.h>

#include "core/err.h"
#include "core/progress.h"

struct store;

struct sim_viewing_opts {
	int viewers, days;
	uint64_t seed;
	int64_t start_s; /* the first simulated day (UTC midnight) */
};

struct sim_viewing_report {
	long viewers, groups, events, duplicates, viewings, titles_started;
};

/* Runs the simulation and writes it; commits every 500 viewers. */
enum bg_err sim_viewing(struct store *st, const struct sim_viewing_opts *o, struct progress *prog,
                        struct sim_viewing_report *out);

#endif
