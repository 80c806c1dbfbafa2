/*
 * interactions.h - implicit-feedback interactions for recommendation
 * models: (user, item) positives with dense indexes, loaded from outside
 * files for evaluation, and the user x item matrix in CSR form.
 *
 * Files: MovieLens (user<TAB>item<TAB>rating<TAB>time, as ml-100k's
 * u.data) or CSV (user,item[,rating[,time]], an optional header line).
 * A missing or non-numeric time reads as 0.
 * Ids are whole numbers; a row is a positive when its rating is at least
 * min_rating (rows without a rating always are). Raw ids are mapped to
 * dense indexes 0..users-1 and 0..items-1 in order of first appearance.
 */
#ifndef BINGE_RECO_INTERACTIONS_H
#define BINGE_RECO_INTERACTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum interactions_format { INTERACTIONS_MOVIELENS, INTERACTIONS_CSV };

struct interactions {
	size_t users, items, n;
	uint32_t *user, *item;      /* n pairs, dense indexes */
	int64_t *time;              /* n times (0 where the file has none), in file order */
	int64_t *user_id, *item_id; /* dense index -> raw id */
};

/*
 * Loads the positives of the file at path. BG_INVALID with "line N: why"
 * in msg for a malformed line; BG_IO for an unreadable file. Free with
 * interactions_release().
 */
enum bg_err interactions_load(const char *path, enum interactions_format format, double min_rating,
                              struct interactions *out, char *msg, size_t msg_len);

/*
 * The same from text in memory (len bytes; need not be NUL-terminated).
 * BG_INVALID with "line N: why" in msg. Pure.
 */
enum bg_err interactions_parse(const char *text, size_t len, enum interactions_format format,
                               double min_rating, struct interactions *out, char *msg,
                               size_t msg_len);
void interactions_release(struct interactions *in);

/*
 * A sparse matrix in compressed sparse rows: row r's columns are
 * idx[ptr[r]..ptr[r+1]). Positives are 1 unless val gives each one's
 * confidence (binge's own viewing, reco/reco_store.h).
 */
struct csr {
	size_t rows, cols;
	size_t *ptr;
	uint32_t *idx; /* sorted within a row, no repeats */
	float *val;    /* NULL: every entry 1 */
};

/*
 * Builds rows x cols from n (row, col) pairs; repeats count once. Free
 * with csr_release(). O(n log n).
 */
void csr_from_pairs(size_t rows, size_t cols, const uint32_t *row, const uint32_t *col, size_t n,
                    struct csr *out);
/*
 * The same from (row, col, val) triples (val NULL: all 1); a repeated
 * pair keeps its largest value.
 */
void csr_from_triples(size_t rows, size_t cols, const uint32_t *row, const uint32_t *col,
                      const float *val, size_t n, struct csr *out);
/* m's transpose (values carried), cols x rows. */
void csr_transpose(const struct csr *m, struct csr *out);
void csr_release(struct csr *m);

/* Whether x is in set[n] (ascending), as a CSR row's columns are. */
bool sorted_has(const uint32_t *set, size_t n, uint32_t x);
/* Whether m holds (row, col); a row past m's is empty. */
bool csr_has(const struct csr *m, size_t row, uint32_t col);

#endif
