/*
 * import_wiki.h - parses the article text format into a title_doc.
 *
 * The format (see ../shared/seeds/ and docs/import-wiki.md):
 *
 *     = Jessica Jones (TV series) =        title line, first non-blank line
 *     Infobox                              then "- Key: Value" lines; lists
 *     - Genre: Detective, Neo-noir            are comma-separated
 *     <lead paragraphs>
 *     ==Section==  ===Sub===               headings, any depth
 *     - Actor as Character:                cast lines (in a "Cast" section),
 *     Description paragraph.                  each followed by a description
 *     | a | pipe | table |                  tables and other text: kept as
 *                                             section text
 *
 * The parser is pure: it takes bytes already read (UTF-8, with or without a
 * BOM, LF or CRLF line ends) and fills a title_doc; it does no I/O. Every
 * infobox key it knows maps to a field; unknown keys become extras. Input
 * is checked before anything is produced: empty input, binary bytes,
 * invalid UTF-8, over-long lines or files, and a missing title line are
 * errors carrying the 1-based line number.
 *
 * Limits: IMPORT_WIKI_MAX_FILE bytes per file, IMPORT_WIKI_MAX_LINE per
 * line. Time and memory are O(len).
 */
#ifndef BINGE_CATALOG_IMPORT_WIKI_H
#define BINGE_CATALOG_IMPORT_WIKI_H

#include <stddef.h>

#include "catalog/title_doc.h"
#include "core/err.h"

#define IMPORT_WIKI_MAX_FILE ((size_t)32 * 1024 * 1024)
#define IMPORT_WIKI_MAX_LINE ((size_t)1024 * 1024)

struct import_error {
	size_t line; /* 1-based; 0 when the error is about the whole input */
	char message[256];
};

/*
 * Parses len bytes at data into doc, which must be initialised and empty.
 * On error returns BG_INVALID or BG_TOO_LARGE, fills *err, and leaves doc
 * to be released by the caller (its contents are unspecified).
 */
enum bg_err import_wiki_parse(const char *data, size_t len, struct title_doc *doc,
                              struct import_error *err);

#endif
