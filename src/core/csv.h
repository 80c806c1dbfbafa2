/*
 * csv.h - one RFC 4180 record split into fields (quoted fields, doubled
 * quotes inside them). Shared by the CSV readers (events, reviews). Pure.
 */
#ifndef BINGE_CORE_CSV_H
#define BINGE_CORE_CSV_H

#include <stddef.h>

/*
 * Splits line[0..len) (no line end) into at most max fields, each
 * NUL-terminated inside buf (cap bytes). Returns the number of fields, or
 * -1 for a malformed record (an unterminated quote, text after a closing
 * quote, a quote inside an unquoted field), more than max fields, or
 * fields longer than buf holds.
 */
int csv_split(const char *line, size_t len, char *buf, size_t cap, char **fields, int max);

#endif
