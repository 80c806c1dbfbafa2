/*
 * ini.h - a configuration file of "key = value" lines under "[section]"
 * headers (binge.conf). '#' and ';' start comments; blank lines are
 * skipped; a value may be quoted with "" to keep spaces at its ends.
 * Keys before the first header are in section "". Pure parsing: what the
 * keys mean is the caller's.
 */
#ifndef BINGE_CORE_INI_H
#define BINGE_CORE_INI_H

#include <stddef.h>

#include "core/err.h"

struct ini_entry {
	char *section, *key, *value; /* owned by the ini */
	int line;
};

struct ini {
	struct ini_entry *items;
	size_t n, cap;
};

#define INI_INIT {NULL, 0, 0}

/*
 * Parses text (len bytes) into out. Errors: BG_INVALID with msg naming the
 * line and what is wrong (a line that is neither a header, a key = value,
 * nor a comment; an unterminated quote).
 */
enum bg_err ini_parse(const char *text, size_t len, struct ini *out, char *msg, size_t msg_len);

void ini_release(struct ini *ini);

#endif
