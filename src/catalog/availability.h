/*
 * availability.h - licence windows: a title streams on a platform in a list
 * of territories (ISO 3166-1 alpha-2) or worldwide, from a start instant
 * until an optional end (exclusive). Stored by catalog/availability_store.h;
 * applied by the visibility rule (catalog/visibility.h).
 */
#ifndef BINGE_CATALOG_AVAILABILITY_H
#define BINGE_CATALOG_AVAILABILITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "core/strlist.h"

struct licence_window {
	int64_t id;
	char *platform;
	bool worldwide;
	struct strlist territories; /* ISO 3166-1 alpha-2; empty when worldwide */
	char starts_at[DATE_TIME_LEN + 1];
	char ends_at[DATE_TIME_LEN + 1]; /* "" = open-ended */
};

struct licence_windows {
	struct licence_window *items;
	size_t n, cap;
};

#define LICENCE_WINDOWS_INIT \
	{                    \
		NULL, 0, 0   \
	}
void licence_windows_release(struct licence_windows *w);

/* Adds a window (copying w) to the list; for building requests. */
void licence_windows_add(struct licence_windows *list, const struct licence_window *w);

/*
 * Sets w's territories from text: "worldwide", or ISO codes separated by
 * commas ("US,GB"; duplicates once). Checked by licence_window_check().
 */
void licence_window_set_territories(struct licence_window *w, const char *text);

/*
 * Checks an availability policy (a library's: media/media_store.h): a
 * platform and territories as licence_window_set_territories() reads them.
 * BG_INVALID with a message naming the field in msg.
 */
enum bg_err licence_policy_check(const char *platform, const char *territories, char *msg,
                                 size_t msg_len);

#define POLICY_DEFAULT_PLATFORM    "binge"
#define POLICY_DEFAULT_TERRITORIES "worldwide"

/*
 * Checks a window: platform non-empty, territories valid codes (or
 * worldwide), instants valid, end after start. BG_INVALID with a message
 * naming the field in msg.
 */
enum bg_err licence_window_check(const struct licence_window *w, char *msg, size_t msg_len);

#endif
