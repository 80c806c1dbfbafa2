/*
 * sim_world.h - the catalogue as the viewing simulator sees it: every
 * series and film with its genres, maturity level, licence windows and
 * (for series) seasons of episodes with their release instants and
 * runtimes, loaded once into memory so a simulated day costs no queries.
 *
 * sim_world_available() is the visibility rule (catalog/visibility.h)
 * restated for memory: maturity within the ceiling, a window covering the
 * territory at that instant, released (release_at, as the SQL reads it).
 * The simulator must not write a viewing that the service would have
 * refused; tests/unit/audience/sim_world_test.c compares the two on a
 * simulated catalogue. The world is loaded by audience/sim_store.h.
 */
#ifndef BINGE_AUDIENCE_SIM_WORLD_H
#define BINGE_AUDIENCE_SIM_WORLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
	int64_t id;
	int64_t starts_s, ends_s; /* ends_s INT64_MAX: open */
	bool worldwide;
	char (*territories)[3]; /* ISO 3166-1 alpha-2 codes */
	size_t territories_n;
};

struct sim_title {
	int64_t id;
	bool film;
	int maturity;
	int runtime_s;       /* films */
	int64_t release_s;   /* films: release_at; series: first episode's */
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

/* Frees what the world holds (the struct itself is the caller's). */
void sim_world_release(struct sim_world *w);

/* The index of genre name in w, added if new; -1 once 32 genres are known. */
int sim_world_genre(struct sim_world *w, const char *name);

/*
 * Drops series without episodes (they cannot be watched) and dates each
 * series by its first episode. The loader calls it last.
 */
void sim_world_keep_watchable(struct sim_world *w);

/* The visibility rule at instant t for a title (not its episodes' release). */
bool sim_world_available(const struct sim_title *t, const char *territory, int ceiling,
                         int64_t t_s);

#endif
