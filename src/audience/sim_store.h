/*
 * sim_store.h - the viewing simulator's repository: the catalogue read
 * into a struct sim_world, and the simulated viewers' records.
 *
 * Release instants are the ones the visibility rule reads (release_at of
 * the film or episode; none means released), runtimes fall back from
 * episode to season to series to 45 minutes (films 100).
 */
#ifndef BINGE_AUDIENCE_SIM_STORE_H
#define BINGE_AUDIENCE_SIM_STORE_H

#include <stdint.h>

#include "audience/sim_world.h"
#include "core/err.h"

struct store;

/*
 * Loads every film and every series that has episodes, with genres,
 * licence windows (every territory) and episodes. Free with
 * sim_world_release(), also after an error.
 */
enum bg_err sim_store_load_world(struct store *st, struct sim_world *out);

/* The profile named "Main" of user_id. Errors: BG_NOT_FOUND. */
enum bg_err sim_store_main_profile(struct store *st, int64_t user_id, int64_t *profile_id_out);

/* Records that profile_id is a simulated viewer of run seed in taste group group. */
enum bg_err sim_store_add_viewer(struct store *st, int64_t profile_id, uint64_t seed, int group,
                                 const char *group_label);

#endif
