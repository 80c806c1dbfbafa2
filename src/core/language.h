/*
 * language.h - language codes as media files and players write them.
 *
 * Files name a track's language in ISO 639-2, bibliographic ("ger") or
 * terminological ("deu"), or in ISO 639-1 ("de") in a sidecar's name, or
 * spelled out ("German"). binge keeps one form, the bibliographic code that
 * Matroska uses, and gives a browser the two-letter BCP 47 tag and a name.
 * The table holds the languages media libraries commonly carry; another
 * well-formed three-letter code is kept as it is, with itself as its name.
 */
#ifndef BINGE_CORE_LANGUAGE_H
#define BINGE_CORE_LANGUAGE_H

#include <stdbool.h>

#define LANGUAGE_CODE_MAX 4 /* three letters and a NUL */

/*
 * The bibliographic code of a language named by a 639-1 or 639-2 code or
 * its English name, any case ("en", "ENG", "English": "eng"). False, with
 * out "und", when text names no language.
 */
bool language_normalize(const char *text, char out[LANGUAGE_CODE_MAX]);

/* "English" for "eng"; the code itself for a code not in the table. */
const char *language_name(const char *code);

/* The BCP 47 tag for a <track srclang>: "en" for "eng", the code when it has no two-letter one. */
const char *language_tag(const char *code);

/* The language most viewers in a territory (ISO 3166-1 alpha-2) speak; "eng" when unknown. */
const char *language_of_territory(const char *territory);

#endif
