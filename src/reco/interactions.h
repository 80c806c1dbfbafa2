/*
 * interactions.h - implicit-feedback interactions for recommendation
 * models: (user, item) positives with dense indexes, loaded from outside
 * files for evaluation, and the user x item matrix in CSR form.
 *
 * Files as the public datasets come: MovieLens 100K's u.data (tabs),
 * ML-1M's ratings.dat ("::"), ml-latest's ratings.csv (a header line,
 * half-star ratings), and implicit files such as "user artist weight".
 * The separator (a comma, a tab, "::" or runs of spaces) is found from the
 * first line, and so is a header: a first line whose first field is not a
 * whole number. Columns are user, item, then a rating and a time; a
 * header may name them otherwise ("timestamp" third: no rating; "weight",
 * "plays", "count" third: a weight). A missing or non-numeric time reads
 * as 0. Ids are whole numbers, mapped to dense indexes 0..users-1 and
 * 0..items-1 in order of first appearance.
 *
 * What counts as a positive: a row whose rating passes the rule
 * (">=4" by default, or ">X", or "all"); every row of a file without
 * ratings; with a weight column read as a weight, every row whose weight
 * is above 0, with confidence 1 + log2(1 + weight) for iALS (the same
 * scale as binge's own viewing, reco/reco_store.h).
 */
#ifndef BINGE_RECO_INTERACTIONS_H
#define BINGE_RECO_INTERACTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* AUTO finds the separator and a header; MOVIELENS is tabs and CSV commas (a header allowed). */
enum interactions_format { INTERACTIONS_AUTO, INTERACTIONS_MOVIELENS, INTERACTIONS_CSV };

struct interactions_rules {
	enum interactions_format format;
	double min_rating; /* a rating at least this is a positive */
	bool above;        /* ... only above it (">X") */
	bool all;          /* every row is a positive, whatever its rating */
	bool weight;       /* the third column is a weight: confidence, not a rating */
};
#define INTERACTIONS_RULES_INIT                             \
	{                                                   \
		INTERACTIONS_AUTO, 4.0, false, false, false \
	}

/*
 * Reads a positive rule: ">=X", ">X" (X a number) or "all", into r.
 * false for anything else.
 */
bool interactions_positive_parse(const char *text, struct interactions_rules *r);

struct interactions {
	size_t users, items, n;
	uint32_t *user, *item;      /* n pairs, dense indexes */
	int64_t *time;              /* n times (0 where the file has none), in file order */
	float *confidence;          /* n confidences from a weight column, or NULL: all 1 */
	int64_t *user_id, *item_id; /* dense index -> raw id */
};

/*
 * Loads the positives of the file at path. BG_INVALID with "line N: why"
 * in msg for a malformed line; BG_IO for an unreadable file. Free with
 * interactions_release().
 */
enum bg_err interactions_load(const char *path, const struct interactions_rules *rules,
                              struct interactions *out, char *msg, size_t msg_len);

/*
 * The same from text in memory (len bytes; need not be NUL-terminated).
 * BG_INVALID with "line N: why" in msg. Pure.
 */
enum bg_err interactions_parse(const char *text, size_t len, const struct interactions_rules *rules,
                               struct interactions *out, char *msg, size_t msg_len);
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
/*
 * Gives m's entries the values from's entries at the same (row, col) have
 * (from: the same shape, holding every entry of m); nothing when from has
 * no values.
 */
void csr_copy_values(struct csr *m, const struct csr *from);
/* m's transpose (values carried), cols x rows. */
void csr_transpose(const struct csr *m, struct csr *out);
void csr_release(struct csr *m);

/* Whether x is in set[n] (ascending), as a CSR row's columns are. */
bool sorted_has(const uint32_t *set, size_t n, uint32_t x);
/* Whether m holds (row, col); a row past m's is empty. */
bool csr_has(const struct csr *m, size_t row, uint32_t col);

#endif
