/*
 * date.h - calendar dates as binge stores them: ISO 8601 "YYYY-MM-DD", UTC.
 *
 * Articles write dates as "2015-11-20", "November 20, 2015" or
 * "20 November 2015"; date_parse() accepts those three and checks that the
 * day exists (leap years included). Pure functions.
 */
#ifndef BINGE_CORE_DATE_H
#define BINGE_CORE_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

#define DATE_ISO_LEN 10

/*
 * Parses text that is exactly one date in a supported form (surrounding
 * white space allowed) into out as "YYYY-MM-DD\0". BG_INVALID otherwise.
 */
enum bg_err date_parse(struct str text, char out[DATE_ISO_LEN + 1]);

/*
 * Finds the first date in a supported long form ("Month D, YYYY" or
 * "D Month YYYY") inside running text. On success writes it to out, sets
 * *end_out to the offset just past it and returns true.
 */
bool date_find(struct str text, char out[DATE_ISO_LEN + 1], size_t *end_out);

bool date_is_valid(int year, int month, int day);

/*
 * Instants: UTC seconds since 1970, written "YYYY-MM-DDTHH:MM:SSZ"
 * (DATE_TIME_LEN characters), which sorts as text in time order -- the
 * form binge stores, so SQL compares instants as strings on every engine.
 */
#define DATE_TIME_LEN 20

/*
 * Parses "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM:SSZ" into *out.
 * BG_INVALID for anything else, including impossible dates and times.
 */
enum bg_err date_time_parse(const char *s, int64_t *out);

/* Writes t as "YYYY-MM-DDTHH:MM:SSZ". */
void date_time_format(int64_t t, char out[DATE_TIME_LEN + 1]);

/* The current time, UTC seconds. */
int64_t date_time_now(void);

/* A clock for intervals and deadlines, not dates: milliseconds and seconds of CLOCK_MONOTONIC. */
int64_t monotonic_ms(void);
double monotonic_s(void);

#endif
