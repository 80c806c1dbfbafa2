/*
 * buzz.h - social posts about titles: their outside form, and which title
 * a post talks about.
 *
 * A post has an id (unique within its network), a network, a UTC time, an
 * author, its text and, for a repost, the id of the post it repeats. CSV
 * carries the header
 *
 *     id,network,time,author,text,repost_of
 *
 * (RFC 4180 quoting), JSON Lines the same keys. A title is tracked by
 * hashtags ("#JessicaJones", matched whole and case-insensitively),
 * keywords (whole words or phrases, case-insensitive) and handles
 * ("@JessicaJones": mentioned in the text, or the author). Pure functions.
 */
#ifndef BINGE_RECEPTION_BUZZ_H
#define BINGE_RECEPTION_BUZZ_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/err.h"

#define BUZZ_CSV_HEADER "id,network,time,author,text,repost_of"

struct buzz_post {
	char id[128];
	char network[32];
	char at[DATE_TIME_LEN + 1];
	char author[128];
	char text[1024];
	char repost_of[128]; /* "" for an original */
};

enum buzz_tracker_kind { BUZZ_HASHTAG, BUZZ_KEYWORD, BUZZ_HANDLE };

struct buzz_tracker {
	enum buzz_tracker_kind kind;
	char value[128]; /* with its # or @ for hashtags and handles */
};

/* Parses one CSV record (no line end). BG_INVALID naming the field in msg. */
enum bg_err buzz_parse_csv(const char *line, size_t len, struct buzz_post *out, char *msg,
                           size_t msg_len);
/* Parses one JSON Lines record. BG_INVALID naming the field in msg. */
enum bg_err buzz_parse_json(const char *line, size_t len, struct buzz_post *out, char *msg,
                            size_t msg_len);

/* Whether post p talks about the title tracked by t[0..n). */
bool buzz_matches(const struct buzz_tracker *t, size_t n, const struct buzz_post *p);

#endif
