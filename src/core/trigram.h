/*
 * trigram.h - how alike two folded strings are, by their trigrams (the
 * measure of PostgreSQL's pg_trgm, computed here so both engines search
 * alike): each word is padded with two spaces before and one after, and
 * the similarity is the number of shared trigrams over the number in
 * either. "jesica jones" and "jessica jones" share 11 of their 14 (0.79, as pg_trgm says). Pure.
 */
#ifndef BINGE_CORE_TRIGRAM_H
#define BINGE_CORE_TRIGRAM_H

/* From 0 (nothing shared) to 1 (the same trigrams); a and b are folded (core/fold.h). */
double trigram_similarity(const char *a, const char *b);

#endif
