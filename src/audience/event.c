/* event.c - viewing events: checks, CSV and JSON Lines; see event.h. */
#include "audience/event.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

static const char *const kinds[] = {"start", "progress", "complete", "stop"};

static enum bg_err bad(char *msg, size_t len, const char *field, const char *why)
{
	snprintf(msg, len, "%s: %s", field, why);
	return BG_INVALID;
}

enum bg_err event_from_parts(const char *id, int64_t profile_id, int64_t title_id, const char *kind,
                             double position_s, const char *device, const char *at,
                             struct viewing_event *out, char *msg, size_t msg_len)
{
	memset(out, 0, sizeof(*out));
	size_t n = id ? strlen(id) : 0;
	if (n == 0 || n > EVENT_ID_MAX)
		return bad(msg, msg_len, "id", "must be 1 to 128 characters");
	for (size_t i = 0; i < n; i++)
		if (!isgraph((unsigned char)id[i]))
			return bad(msg, msg_len, "id", "must be printable ASCII without spaces");
	if (profile_id <= 0)
		return bad(msg, msg_len, "profile_id", "must be a profile id");
	if (title_id <= 0)
		return bad(msg, msg_len, "title_id", "must be an episode or film id");
	bool known = false;
	for (size_t i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		known = known || strcmp(kind, kinds[i]) == 0;
	if (!known)
		return bad(msg, msg_len, "kind", "must be start, progress, complete or stop");
	if (!isfinite(position_s) || position_s < 0 || position_s > 1e7)
		return bad(msg, msg_len, "position", "must be seconds from 0");
	if (device && strlen(device) > EVENT_DEVICE_MAX)
		return bad(msg, msg_len, "device", "must be at most 64 bytes");
	for (const char *p = device; p && *p; p++)
		if ((unsigned char)*p < 0x20)
			return bad(msg, msg_len, "device", "must not hold control characters");
	int64_t t;
	if (!at || date_time_parse(at, &t))
		return bad(msg, msg_len, "at", "must be a UTC time, YYYY-MM-DDTHH:MM:SSZ");
	snprintf(out->id, sizeof(out->id), "%s", id);
	out->profile_id = profile_id;
	out->title_id = title_id;
	snprintf(out->kind, sizeof(out->kind), "%s", kind);
	out->position_ms = (int64_t)llround(position_s * 1000.0);
	snprintf(out->device, sizeof(out->device), "%s", device ? device : "");
	date_time_format(t, out->at);
	return BG_OK;
}

/* Splits one RFC 4180 record into at most max fields (NUL-terminated, in buf). */
static int split_csv(const char *line, size_t len, char *buf, size_t cap, char **fields, int max)
{
	int n = 0;
	size_t o = 0, i = 0;
	for (;;) {
		if (n == max || o >= cap)
			return -1;
		fields[n++] = buf + o;
		if (i < len && line[i] == '"') {
			i++;
			for (;;) {
				if (i >= len)
					return -1; /* unterminated quote */
				if (line[i] == '"') {
					if (i + 1 < len && line[i + 1] == '"') {
						i += 2;
						if (o + 1 >= cap)
							return -1;
						buf[o++] = '"';
						continue;
					}
					i++;
					break;
				}
				if (o + 1 >= cap)
					return -1;
				buf[o++] = line[i++];
			}
			if (i < len && line[i] != ',')
				return -1; /* text after a closing quote */
		} else {
			while (i < len && line[i] != ',') {
				if (line[i] == '"' || o + 1 >= cap)
					return -1;
				buf[o++] = line[i++];
			}
		}
		buf[o++] = '\0';
		if (i >= len)
			return n;
		i++; /* the comma */
	}
}

static bool whole_number(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || !*s || *end || v < 0)
		return false;
	*out = v;
	return true;
}

enum bg_err event_parse_csv(const char *line, size_t len, struct viewing_event *out, char *msg,
                            size_t msg_len)
{
	char buf[1024];
	char *f[8];
	int n = split_csv(line, len, buf, sizeof(buf), f, 8);
	if (n != 7)
		return bad(msg, msg_len, "record",
		           "needs 7 fields: " EVENT_CSV_HEADER " (quotes per RFC 4180)");
	int64_t profile, title;
	if (!whole_number(f[1], &profile))
		return bad(msg, msg_len, "profile_id", "must be a whole number");
	if (!whole_number(f[2], &title))
		return bad(msg, msg_len, "title_id", "must be a whole number");
	char *end;
	errno = 0;
	double pos = strtod(f[4], &end);
	if (errno || !*f[4] || *end)
		return bad(msg, msg_len, "position", "must be a number of seconds");
	return event_from_parts(f[0], profile, title, f[3], pos, f[5], f[6], out, msg, msg_len);
}

enum bg_err event_parse_json(const char *line, size_t len, struct viewing_event *out, char *msg,
                             size_t msg_len)
{
	json_error_t err;
	json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
	if (!json_is_object(o)) {
		json_decref(o);
		return bad(msg, msg_len, "record", "must be one JSON object");
	}
	static const char *const keys[] = {"id",       "profile_id", "title_id", "kind",
	                                   "position", "device",     "at"};
	const char *key;
	json_t *val;
	json_object_foreach(o, key, val)
	{
		bool ok = false;
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]) && !ok; i++)
			ok = strcmp(key, keys[i]) == 0;
		if (!ok) {
			snprintf(msg, msg_len, "unknown field '%.64s'", key);
			json_decref(o);
			return BG_INVALID;
		}
	}
	json_t *profile = json_object_get(o, "profile_id"), *title = json_object_get(o, "title_id"),
	       *pos = json_object_get(o, "position"), *device = json_object_get(o, "device");
	enum bg_err rc;
	if (!json_is_integer(profile))
		rc = bad(msg, msg_len, "profile_id", "must be a whole number");
	else if (!json_is_integer(title))
		rc = bad(msg, msg_len, "title_id", "must be a whole number");
	else if (!json_is_number(pos))
		rc = bad(msg, msg_len, "position", "must be a number of seconds");
	else if (device && !json_is_string(device))
		rc = bad(msg, msg_len, "device", "must be a string");
	else
		rc = event_from_parts(
		        json_string_value(json_object_get(o, "id")), json_integer_value(profile),
		        json_integer_value(title), json_string_value(json_object_get(o, "kind")),
		        json_number_value(pos), json_string_value(device),
		        json_string_value(json_object_get(o, "at")), out, msg, msg_len);
	json_decref(o);
	return rc;
}

/* A CSV field, quoted when it holds a comma, a quote or a line end. */
static void csv_field(struct buf *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		buf_adds(out, s);
		return;
	}
	buf_addch(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addch(out, '"');
		buf_addch(out, *s);
	}
	buf_addch(out, '"');
}

void event_write_csv(const struct viewing_event *e, struct buf *out)
{
	csv_field(out, e->id);
	buf_addf(out, ",%lld,%lld,%s,%lld.%03lld,", (long long)e->profile_id,
	         (long long)e->title_id, e->kind, (long long)(e->position_ms / 1000),
	         (long long)(e->position_ms % 1000));
	csv_field(out, e->device);
	buf_addf(out, ",%s\r\n", e->at);
}
