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

#endif
