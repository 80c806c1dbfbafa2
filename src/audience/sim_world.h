/*
 * sim_world.h - the catalogue as the viewing simulator sees it: every
 * series and film with its genres, maturity level, licence windows and
 * (for series) seasons of episodes with their release instants and
 * runtimes, loaded once into memory so a simulated day costs no queries.
 *
 * sim_world_available() is the visibility rule (store/visibility.h)
 * restated for memory: maturity within the ceiling, a window covering the
 * territory at that instant, released. The simulator must not write a
 * viewing that the service would have refused.
 */
#ifndef BINGE_AUDIENCE_SIM_WORLD_H
#define BINGE_AUDIENCE_SIM_WORLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct store;

struct sim_episode {
	int64_t id;
	int64_t release_s;
	int runtime_s;
};

struct sim_season {
	int number;
	bool weekly; /* released an episode a week (else all at once) */
	struct sim_episode *episodes;
	size_t episodes_n;
};

struct sim_window {
	int64_t starts_s, ends_s; /* ends_s INT64_MAX: open */
	bool worldwide;
	char territories[16][3];
	int territories_n; /* at most 16 kept */
};

struct sim_title {
	int64_t id;
	bool film;
	int maturity;
	int runtime_s;       /* films */
	int64_t release_s;   /* films: first_aired; series: first episode */
	uint32_t genre_mask; /* bit i: world genre i */
	struct sim_window *windows;
	size_t windows_n;
	struct sim_season *seasons; /* series; seasons with no episodes left out */
	size_t seasons_n;
};

struct sim_world {
	struct sim_title *titles; /* by id */
	size_t titles_n;
	char genres[32][48]; /* distinct genres, at most 32 */
	int genres_n;
};

/*
 * Loads every film and every series that has episodes. Series with no
 * episode rows cannot be watched and are left out. Release instants fall
 * back from episode to season to title first_aired; runtimes from episode
 * to series to 45 minutes (films 100). Free with sim_world_release().
 */
enum bg_err sim_world_load(struct store *st, struct sim_world *out);
void sim_world_release(struct sim_world *w);

/* The visibility rule at instant t for a title (not its episodes' release). */
bool sim_world_available(const struct sim_title *t, const char *territory, int ceiling,
                         int64_t t_s);

#endif
