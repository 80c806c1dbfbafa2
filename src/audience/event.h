/*
 * event.h - viewing events and their outside forms.
 *
 * A stored event (struct viewing_event): an id (client-chosen, 1-128
 * printable ASCII characters), the profile, the episode or film, the kind
 * (start, progress, complete, stop), the position, the device (at most 64
 * bytes, no control characters) and the UTC time.
 *
 * In files (struct event_row) references may be names: the profile by id
 * or as USER/PROFILE, an episode by id or as series (id or name) + season
 * + episode number, a film by id or title. CSV carries the header
 *
 *     event_id,profile,title,season,episode,kind,position,device,time
 *
 * (RFC 4180 quoting); JSON Lines one object per line with the same keys.
 * Parsing checks every field and names the bad one; resolving names to ids
 * is the store's (event_store_resolve). Pure functions.
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
#define EVENT_CSV_HEADER "event_id,profile,title,season,episode,kind,position,device,time"

struct viewing_event {
	char id[EVENT_ID_MAX + 1];
	int64_t profile_id;
	int64_t title_id;
	char kind[16];
	int64_t position_ms;
	char device[EVENT_DEVICE_MAX + 1];
	char at[DATE_TIME_LEN + 1]; /* canonical form */
};

/* One record of a file, references not yet resolved. */
struct event_row {
	char id[EVENT_ID_MAX + 1];
	char profile[256]; /* "12" or "USER/PROFILE" */
	char title[256];   /* "17", or a series or film name */
	int season;        /* -1 when empty; then episode is -1 too */
	int episode;
	char kind[16];
	int64_t position_ms;
	char device[EVENT_DEVICE_MAX + 1];
	char at[DATE_TIME_LEN + 1];
};

/* Parses one CSV record (no line end). BG_INVALID with the field in msg. */
enum bg_err event_parse_csv(const char *line, size_t len, struct event_row *out, char *msg,
                            size_t msg_len);

/* Parses one JSON Lines record. BG_INVALID with the field in msg. */
enum bg_err event_parse_json(const char *line, size_t len, struct event_row *out, char *msg,
                             size_t msg_len);

/*
 * Checks and normalises an event with resolved ids (the HTTP API's form;
 * the time in any form date_time_parse accepts).
 */
enum bg_err event_from_parts(const char *id, int64_t profile_id, int64_t title_id, const char *kind,
                             double position_s, const char *device, const char *at,
                             struct viewing_event *out, char *msg, size_t msg_len);

/*
 * Times a client may report: from EVENT_TIME_FLOOR (before any streaming
 * service, so no real viewing) to a day past the server's clock (devices
 * whose clocks run a little fast). Anything else would skew the viewing
 * summaries and analytics for good.
 */
#define EVENT_TIME_FLOOR     "2000-01-01T00:00:00Z"
#define EVENT_TIME_MAX_AHEAD ((int64_t)86400)

/*
 * True if e's time lies within the bounds above at server time now; else
 * false with msg saying which bound ("time: ...").
 */
bool event_time_is_plausible(const struct viewing_event *e, int64_t now, char *msg, size_t msg_len);

/* Appends a stored event as a CSV record (ids for references, a line end). */
void event_write_csv(const struct viewing_event *e, struct buf *out);

#endif
