/*
 * accolades.h - awards and nominations read from an article's Accolades
 * table: rows of year (a header cell, often spanning rows), award (often
 * spanning rows), category, nominee and result. The nominee's
 * data-sort-value tells a person ("Ritter, Krysten") from a title; a
 * quoted nominee is an episode. A result the table leaves empty is
 * "unknown" (else "won", "nominated" or "pending"). Several nominations in
 * one award, category and year are kept. Pure functions.
 */
#ifndef BINGE_RECEPTION_ACCOLADES_H
#define BINGE_RECEPTION_ACCOLADES_H

#include <stddef.h>

#include "core/err.h"

struct accolade {
	int year;
	char award[160];
	char category[200];
	char nominee[200];
	char nominee_kind[8]; /* "person", "episode" or "title" */
	char result[12];      /* "won", "nominated", "pending" or "unknown" */
};

/* The nominations in an Accolades section's text, at most max, into out; returns how many. */
size_t accolades_parse(const char *text, struct accolade *out, size_t max);

/* A nomination from a file (`binge awards import`). */
struct nomination {
	char title[256]; /* a series or film, name or id */
	int year;
	char organisation[160];
	struct accolade a;   /* year, award, category, nominee, result (kind unused) */
	int season, episode; /* 0 when not given */
};

#define NOMINATION_CSV_HEADER "title,year,organisation,award,category,nominee,season,episode,result"

/*
 * Parses one CSV record of a nominations file. result is won, nominated,
 * pending or empty (unknown); season and episode are numbers or empty.
 * BG_INVALID naming the field in msg.
 */
enum bg_err nomination_parse_csv(const char *line, size_t len, struct nomination *out, char *msg,
                                 size_t msg_len);

#endif
