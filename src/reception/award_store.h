/*
 * award_store.h - imported award nominations, and the links from a
 * nominee's name to the catalogue (a person, an episode).
 */
#ifndef BINGE_RECEPTION_AWARD_STORE_H
#define BINGE_RECEPTION_AWARD_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "reception/accolades.h"

struct store;

/*
 * Stores n[0..count) in one transaction (a nomination already stored is
 * replaced). BG_INVALID with *bad_index and msg for an unknown title or a
 * season or episode the title does not have; then nothing is stored.
 */
enum bg_err award_store_put(struct store *st, const struct nomination *n, size_t count,
                            size_t *bad_index, char *msg, size_t msg_len);

/* The nominations imported for title_id, by year (title field left empty). */
enum bg_err award_store_of_title(struct store *st, int64_t title_id, struct nomination **out,
                                 size_t *count);

/* The catalogue person named name, 0 when none. */
enum bg_err award_store_person(struct store *st, const char *name, int64_t *id);

/* The season and episode numbers of title_id's episode named name; zeros when none. */
enum bg_err award_store_episode(struct store *st, int64_t title_id, const char *name, int *season,
                                int *episode);

#endif
