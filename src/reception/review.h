/*
 * review.h - critic reviews in their outside forms, and their scores
 * normalised to 0-100.
 *
 * A review names a series or film, optionally a season (0: the whole
 * title), its outlet and critic, whether the critic is a top critic, a
 * date, a score in the outlet's own scale and a fresh/rotten verdict, and
 * the panels (aggregates) it counts in. CSV carries the header
 *
 *     title,season,outlet,critic,top_critic,date,score,scale,verdict,panels
 *
 * (RFC 4180 quoting); JSON Lines one object per line with the same keys.
 *
 * Scales and their conversion to 0-100:
 *   10      x/10 -> 10x (0-10)         5      x/5 stars -> 20x (0-5)
 *   100     x/100 -> x (0-100)         letter A+ 100, A 100, A- 91, B+ 83,
 *   (empty) no score                          B 75, B- 67, C+ 58, C 50,
 *                                             C- 42, D+ 33, D 25, D- 16, F 0
 * Panels: "approval", "weighted", or both separated by ";". Empty: a
 * review with a verdict counts in approval, one with a score in weighted
 * (the article's two aggregators reviewed from different critic pools).
 * Pure functions.
 */
#ifndef BINGE_RECEPTION_REVIEW_H
#define BINGE_RECEPTION_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/err.h"

#define REVIEW_CSV_HEADER "title,season,outlet,critic,top_critic,date,score,scale,verdict,panels"

enum verdict { VERDICT_NONE, VERDICT_FRESH, VERDICT_ROTTEN };

struct review {
	char title[256]; /* a name or id, resolved by the store */
	int season;      /* 0: the whole title */
	char outlet[128];
	char critic[128];
	bool top_critic;
	char date[DATE_ISO_LEN + 1]; /* "" when not given */
	char score[16];              /* as given, "" when none */
	char scale[8];               /* "10", "5", "100", "letter" or "" */
	double normalised;           /* 0-100, or -1 without a score */
	enum verdict verdict;
	bool in_approval, in_weighted;
};

/* The 0-100 value of score in scale; BG_INVALID with why in msg (unknown scale, out of range). */
enum bg_err review_normalise(const char *score, const char *scale, double *out, char *msg,
                             size_t msg_len);

/* Parses one CSV record (no line end). BG_INVALID naming the field in msg. */
enum bg_err review_parse_csv(const char *line, size_t len, struct review *out, char *msg,
                             size_t msg_len);

/* Parses one JSON Lines record. BG_INVALID naming the field in msg. */
enum bg_err review_parse_json(const char *line, size_t len, struct review *out, char *msg,
                              size_t msg_len);

#endif
