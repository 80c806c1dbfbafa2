/*
 * bundle.h - a trained recommender as the server uses it, and its file.
 *
 * A bundle holds a fitted model (reco/model.h) over the titles that had
 * viewing, the title id of each item, and each item's nearest neighbours
 * (for "similar titles" and "because you watched"): cosine of the item
 * factors for iALS and the blend, the model's item-item weights for EASE
 * and item-kNN, none for popularity.
 *
 * Files are versioned and checksummed: DIR/model-NNNNNN.bin, NNNNNN
 * growing by one per training; the newest is the highest. Layout (native
 * little-endian): "BINGEMDL", format version (u32), then the sections,
 * then a 32-byte BLAKE2b (libsodium crypto_generichash) of all that came
 * before. A file whose checksum, magic or format version does not match
 * is refused with an error that says which.
 */
#ifndef BINGE_RECO_BUNDLE_H
#define BINGE_RECO_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "reco/model.h"

#define BUNDLE_FORMAT_VERSION 3 /* 2: iALS gained nu; 3: EASE in single precision, item-kNN sparse */
#define BUNDLE_NEIGHBOURS     50

struct reco_bundle {
	struct reco_model model;
	int64_t *title_ids; /* item -> title id, ascending */
	size_t neighbours;  /* per item: 0 or BUNDLE_NEIGHBOURS */
	uint32_t *nb_item;  /* items x neighbours, best first */
	float *nb_score;
	uint64_t version;   /* the file's NNNNNN; 0 before saving */
	int64_t trained_at; /* Unix seconds */
	uint64_t profiles;  /* rows it was trained on */
	float *factors32;   /* iALS models: item factors in single precision, for serving */
};

/*
 * Makes a bundle of model (taken over: the caller no longer releases it)
 * and title_ids (copied), computing the neighbour lists.
 */
void bundle_make(struct reco_model *model, const int64_t *title_ids, int64_t trained_at,
                 uint64_t profiles, struct reco_bundle *out);
void bundle_release(struct reco_bundle *b);

/*
 * Saves b as the next version in dir (created if missing), atomically;
 * sets b->version and the path written (path_len room).
 */
enum bg_err bundle_save(struct reco_bundle *b, const char *dir, char *path, size_t path_len,
                        char *msg, size_t msg_len);

/* Loads the file at path. BG_INVALID (corrupt, not a model, newer format) or BG_IO, with msg. */
enum bg_err bundle_load(const char *path, struct reco_bundle *out, char *msg, size_t msg_len);

/* The same from a file's bytes in memory; name is used in messages. Pure. */
enum bg_err bundle_parse(const void *data, size_t len, const char *name, struct reco_bundle *out,
                         char *msg, size_t msg_len);

/* The newest version in dir and its path; BG_NOT_FOUND when dir holds none. */
enum bg_err bundle_newest(const char *dir, uint64_t *version, char *path, size_t path_len);

/*
 * Scores every item for a viewer who saw seen[0..n) with confidences conf
 * (NULL: 1), as reco_model_score() does; an iALS model's product runs in
 * single precision (half the memory traffic of the server's largest step).
 */
void bundle_score(const struct reco_bundle *b, const uint32_t *seen, const float *conf, size_t n,
                  double *scores);

/* The item of a title id, or -1 when the model never saw it. */
long bundle_item(const struct reco_bundle *b, int64_t title_id);

#endif
