/*
 * fold.h - search keys: case- and diacritic-insensitive text.
 *
 * fold_text() maps text to the form binge stores in its *_folded search
 * columns and compares queries against, so that "trey ordonez" matches
 * "Trey Ordoñez" and "KILGRAVE" matches "Kilgrave" on every database engine
 * with a plain LIKE:
 *  - letters are lower-cased; Latin letters with diacritics become their
 *    base letters (ñ -> n, ø -> o, ß -> ss, æ -> ae); combining marks are
 *    dropped, so decomposed (NFD) input folds like composed input;
 *  - Greek and Cyrillic capitals are lower-cased; other scripts pass through;
 *  - every run of anything that is not a letter or digit (spaces,
 *    punctuation, quotes, dashes) becomes one space; no leading or trailing
 *    space. So "J. R. Ramirez" and "j r ramirez" fold alike.
 * Invalid UTF-8 bytes are treated as separators. Pure; O(len).
 */
#ifndef BINGE_CORE_FOLD_H
#define BINGE_CORE_FOLD_H

#include <stddef.h>

#include "core/buf.h"

/* Appends the folded form of the len bytes at s to out. */
void fold_text(const char *s, size_t len, struct buf *out);

/* The folded form of a C string, in a new string the caller frees. */
char *fold_dup(const char *s);

#endif
