/*
 * model_slot.h - the model a running server recommends from, swapped for
 * a newer one without a restart.
 *
 * The slot watches a models directory (reco/bundle.h). A request asks for
 * the current model; at most once a second that looks for a newer version
 * and, finding one, loads it outside the lock while other requests keep
 * using the old one, then swaps it in. A model in use by a request is
 * freed only when the last such request gives it back. A file that fails
 * to load (corrupt, unreadable) is reported on stderr once and skipped;
 * the old model stays.
 */
#ifndef BINGE_RECO_MODEL_SLOT_H
#define BINGE_RECO_MODEL_SLOT_H

#include "reco/bundle.h"

struct model_slot;

/* A slot over dir (need not exist yet). */
struct model_slot *model_slot_new(const char *dir);
void model_slot_free(struct model_slot *s);

/* The newest model, held until model_slot_put(); NULL when there is none. Thread-safe. */
const struct reco_bundle *model_slot_get(struct model_slot *s);
void model_slot_put(struct model_slot *s, const struct reco_bundle *b);

#endif
