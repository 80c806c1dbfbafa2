/*
 * top_k.h - the best k items of a score vector, the step every
 * recommender and every community description ends with.
 */
#ifndef BINGE_RECO_TOP_K_H
#define BINGE_RECO_TOP_K_H

#include <stddef.h>
#include <stdint.h>

/*
 * The k best items by score, excluding seen[0..n) (sorted), into top
 * (at most k; returns how many). Ties: the lower item index first.
 * workspace: items entries.
 */
size_t reco_top_k(const double *scores, size_t items, const uint32_t *seen, size_t n, size_t k,
                  uint32_t *top);

#endif
