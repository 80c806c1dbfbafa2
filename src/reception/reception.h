/*
 * reception.h - critic aggregates the way the aggregators publish them,
 * and what binge adds: an interval and a shrunk score.
 *
 * Over the reviews in the approval panel (each with a verdict):
 *   approval   share of fresh verdicts, %, rounded half up; shown from
 *              RECEPTION_APPROVAL_MIN reviews on
 *   interval   95% Wilson score interval of that share (z = 1.96), %
 *   average    mean of the normalised scores of those that have one, /10,
 *              rounded half up to one decimal
 *   fresh      approval >= 60; uncertain when the interval holds 60
 *   certified  (seasons) approval >= 75, >= 20 reviews, >= 5 top critics
 *   shrunk     (fresh + m p) / (n + m) with p the approval over every
 *              title's reviews and m = RECEPTION_PRIOR_WEIGHT: ranks titles
 *              with few reviews without letting 3 of 3 beat 95 of 100
 * Over the reviews in the weighted panel (each with a score):
 *   score      weighted mean of the normalised scores, outlet weights
 *              (default 1), rounded half up; shown from
 *              RECEPTION_SCORE_MIN reviews on, with its band:
 *              81-100 universal acclaim, 61-80 generally favorable,
 *              40-60 mixed or average, 20-39 generally unfavorable,
 *              0-19 overwhelming dislike.
 * Series figures pool the reviews of every season and of the series as a
 * whole. Pure functions.
 */
#ifndef BINGE_RECEPTION_RECEPTION_H
#define BINGE_RECEPTION_RECEPTION_H

#include <stdbool.h>
#include <stddef.h>

#define RECEPTION_APPROVAL_MIN 5
#define RECEPTION_SCORE_MIN    4
#define RECEPTION_FRESH_LINE   60
#define RECEPTION_PRIOR_WEIGHT 10
/* The audience score (share of viewer ratings of 3.5 stars or more) is shown from this many. */
#define RECEPTION_AUDIENCE_MIN 5

/* One review as the aggregates see it. */
struct scored_review {
	bool in_approval, in_weighted, fresh, top_critic;
	double normalised; /* 0-100, or -1 */
	double weight;     /* its outlet's weight in the weighted score */
};

struct reception {
	int reviews; /* in the approval panel */
	int fresh_count, top_critics;
	bool has_approval;                  /* reviews >= RECEPTION_APPROVAL_MIN */
	int approval;                       /* % */
	double approval_low, approval_high; /* Wilson, % */
	bool has_average;
	double average; /* /10 */
	bool fresh, uncertain, certified;
	double shrunk;     /* % */
	int score_reviews; /* in the weighted panel */
	bool has_score;
	int score;
	const char *band; /* NULL without a score */
};

/* The band phrase of a 0-100 score. */
const char *reception_band(int score);

/* Rounds x half up (0.5 -> 1), as published percentages are. */
int reception_round(double x);

/*
 * The aggregates of r[0..n); prior is the approval share (0-1) over all
 * reviews stored, for the shrunk score; season: whether the certified
 * badge applies.
 */
void reception_compute(const struct scored_review *r, size_t n, double prior, bool season,
                       struct reception *out);

#endif
