/*
 * event.h - viewing events and their outside forms.
 *
 * An event: an id (client-chosen, 1-128 printable ASCII characters), the
 * profile, the episode or film, the kind (start, progress, complete, stop),
 * the position in seconds, the device (free text, at most 64 bytes) and
 * the UTC time. Files carry them as CSV with the header
 *
 *     id,profile_id,title_id,kind,position,device,at
 *
 * (RFC 4180 quoting) or as JSON Lines, one object per line with the same
 * keys. Parsing checks every field and names the bad one; whether the
 * profile and title exist is the store's business. Pure functions.
 */
#ifndef BINGE_AUDIENCE_EVENT_H
#define BINGE_AUDIENCE_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"

#define EVENT_ID_MAX     128
#define EVENT_DEVICE_MAX 64
#define EVENT_CSV_HEADER "id,profile_id,title_id,kind,position,device,at"

struct viewing_event {
	char id[EVENT_ID_MAX + 1];
	int64_t profile_id;
	int64_t title_id;
	char kind[16];
	int64_t position_ms;
	char device[EVENT_DEVICE_MAX + 1];
	char at[DATE_TIME_LEN + 1]; /* canonical form */
};

/* Parses one CSV record (no line end). BG_INVALID with the field in msg. */
enum bg_err event_parse_csv(const char *line, size_t len, struct viewing_event *out, char *msg,
                            size_t msg_len);

/* Parses one JSON Lines record. BG_INVALID with the field in msg. */
enum bg_err event_parse_json(const char *line, size_t len, struct viewing_event *out, char *msg,
                             size_t msg_len);

/*
 * Checks and normalises an event from its parts (strings as given; the
 * time in any form date_time_parse accepts). Used by both parsers and by
 * the HTTP API.
 */
enum bg_err event_from_parts(const char *id, int64_t profile_id, int64_t title_id, const char *kind,
                             double position_s, const char *device, const char *at,
                             struct viewing_event *out, char *msg, size_t msg_len);

/* Appends the event as a CSV record (with a line end) to out. */
void event_write_csv(const struct viewing_event *e, struct buf *out);

#endif
