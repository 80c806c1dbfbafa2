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

#endif
