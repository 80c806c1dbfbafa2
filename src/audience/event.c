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

#include "core/csv.h"
#include "core/banned.h"

static const char *const kinds[] = {"start", "progress", "complete", "stop"};

static enum bg_err bad(char *msg, size_t len, const char *field, const char *why)
{
	snprintf(msg, len, "%s: %s", field, why);
	return BG_INVALID;
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

/* Checks the fields every form shares; fills the out fields given. */
static enum bg_err check_common(const char *id, const char *kind, double position_s,
                                const char *device, const char *at, char out_id[EVENT_ID_MAX + 1],
                                char out_kind[16], int64_t *out_pos,
                                char out_dev[EVENT_DEVICE_MAX + 1], char out_at[DATE_TIME_LEN + 1],
                                char *msg, size_t msg_len)
{
	size_t n = id ? strlen(id) : 0;
	if (n == 0 || n > EVENT_ID_MAX)
		return bad(msg, msg_len, "event_id", "must be 1 to 128 characters");
	for (size_t i = 0; i < n; i++)
		if (!isgraph((unsigned char)id[i]))
			return bad(msg, msg_len, "event_id",
			           "must be printable ASCII without spaces");
	const char *known = NULL;
	for (size_t i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, kinds[i]) == 0)
			known = kinds[i];
	if (!known)
		return bad(msg, msg_len, "kind", "must be start, progress, complete or stop");
	if (!isfinite(position_s) || position_s < 0 || position_s > 1e7)
		return bad(msg, msg_len, "position", "must be seconds from 0");
	size_t device_len = device ? strlen(device) : 0;
	if (device_len > EVENT_DEVICE_MAX)
		return bad(msg, msg_len, "device", "must be at most 64 bytes");
	for (const char *p = device; p && *p; p++)
		if ((unsigned char)*p < 0x20)
			return bad(msg, msg_len, "device", "must not hold control characters");
	int64_t t;
	if (!at || date_time_parse(at, &t))
		return bad(msg, msg_len, "time", "must be a UTC time, YYYY-MM-DDTHH:MM:SSZ");
	/* Lengths are checked above: plain copies (formatted printing was 9% of
	 * a bulk import). A full time is already in its one spelling. */
	memcpy(out_id, id, n + 1);
	memcpy(out_kind, known, strlen(known) + 1);
	*out_pos = (int64_t)llround(position_s * 1000.0);
	memcpy(out_dev, device ? device : "", device_len + 1);
	if (strlen(at) == DATE_TIME_LEN)
		memcpy(out_at, at, DATE_TIME_LEN + 1);
	else
		date_time_format(t, out_at);
	return BG_OK;
}

enum bg_err event_from_parts(const char *id, int64_t profile_id, int64_t title_id, const char *kind,
                             double position_s, const char *device, const char *at,
                             struct viewing_event *out, char *msg, size_t msg_len)
{
	memset(out, 0, sizeof(*out));
	if (profile_id <= 0)
		return bad(msg, msg_len, "profile", "must be a profile id");
	if (title_id <= 0)
		return bad(msg, msg_len, "title_id", "must be an episode or film id");
	out->profile_id = profile_id;
	out->title_id = title_id;
	return check_common(id, kind, position_s, device, at, out->id, out->kind, &out->position_ms,
	                    out->device, out->at, msg, msg_len);
}

bool event_time_is_plausible(const struct viewing_event *e, int64_t now, char *msg, size_t msg_len)
{
	int64_t at, floor;
	if (date_time_parse(e->at, &at) || date_time_parse(EVENT_TIME_FLOOR, &floor)) {
		bad(msg, msg_len, "time", "must be a UTC time");
		return false;
	}
	if (at < floor) {
		snprintf(msg, msg_len, "time: %s is before %s, the earliest accepted", e->at,
		         EVENT_TIME_FLOOR);
		return false;
	}
	if (at > now + EVENT_TIME_MAX_AHEAD) {
		char limit[DATE_TIME_LEN + 1];
		date_time_format(now + EVENT_TIME_MAX_AHEAD, limit);
		snprintf(msg, msg_len,
		         "time: %s is more than a day ahead of the server's clock "
		         "(latest accepted %s)",
		         e->at, limit);
		return false;
	}
	return true;
}

/* Fills a row from its parts; season/episode NULL or "" when absent. */
static enum bg_err row_from_parts(const char *id, const char *profile, const char *title,
                                  const char *season, const char *episode, const char *kind,
                                  double position_s, const char *device, const char *at,
                                  struct event_row *out, char *msg, size_t msg_len)
{
	memset(out, 0, sizeof(*out));
	if (!profile || !*profile || strlen(profile) >= sizeof(out->profile))
		return bad(msg, msg_len, "profile", "must be a profile id or USER/PROFILE");
	if (!title || !*title || strlen(title) >= sizeof(out->title))
		return bad(msg, msg_len, "title", "must be an id or a series or film title");
	snprintf(out->profile, sizeof(out->profile), "%s", profile);
	snprintf(out->title, sizeof(out->title), "%s", title);
	bool has_season = season && *season, has_episode = episode && *episode;
	out->season = out->episode = -1;
	if (has_season != has_episode)
		return bad(msg, msg_len, has_season ? "episode" : "season",
		           "season and episode come together");
	if (has_season) {
		int64_t sn, en;
		if (!whole_number(season, &sn) || sn > 500)
			return bad(msg, msg_len, "season", "must be a season number");
		if (!whole_number(episode, &en) || en < 1 || en > 100000)
			return bad(msg, msg_len, "episode", "must be an episode number from 1");
		out->season = (int)sn;
		out->episode = (int)en;
	}
	return check_common(id, kind, position_s, device, at, out->id, out->kind, &out->position_ms,
	                    out->device, out->at, msg, msg_len);
}

enum bg_err event_parse_csv(const char *line, size_t len, struct event_row *out, char *msg,
                            size_t msg_len)
{
	char buf[2048];
	char *f[10];
	int n = csv_split(line, len, buf, sizeof(buf), f, 10);
	if (n != 9)
		return bad(msg, msg_len, "record",
		           "needs 9 fields: " EVENT_CSV_HEADER " (quotes per RFC 4180)");
	char *end;
	errno = 0;
	double pos = strtod(f[6], &end);
	if (errno || !*f[6] || *end)
		return bad(msg, msg_len, "position", "must be a number of seconds");
	return row_from_parts(f[0], f[1], f[2], f[3], f[4], f[5], pos, f[7], f[8], out, msg,
	                      msg_len);
}

/* A reference field of a JSON record as text: a string, or a whole number. */
static bool json_ref(json_t *v, char *out, size_t cap)
{
	if (json_is_string(v))
		snprintf(out, cap, "%s", json_string_value(v));
	else if (json_is_integer(v))
		snprintf(out, cap, "%lld", (long long)json_integer_value(v));
	else
		out[0] = '\0';
	return !v || json_is_null(v) || json_is_string(v) || json_is_integer(v);
}

enum bg_err event_parse_json(const char *line, size_t len, struct event_row *out, char *msg,
                             size_t msg_len)
{
	json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(o)) {
		json_decref(o);
		return bad(msg, msg_len, "record", "must be one JSON object");
	}
	static const char *const keys[] = {"event_id", "profile",  "title",  "season", "episode",
	                                   "kind",     "position", "device", "time"};
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
	char profile[256], title[256], season[32], episode[32];
	json_t *pos = json_object_get(o, "position"), *device = json_object_get(o, "device");
	enum bg_err rc;
	if (!json_ref(json_object_get(o, "profile"), profile, sizeof(profile)) || !profile[0])
		rc = bad(msg, msg_len, "profile", "must be a profile id or USER/PROFILE");
	else if (!json_ref(json_object_get(o, "title"), title, sizeof(title)) || !title[0])
		rc = bad(msg, msg_len, "title", "must be an id or a title");
	else if (!json_ref(json_object_get(o, "season"), season, sizeof(season)) ||
	         json_is_string(json_object_get(o, "season")))
		rc = bad(msg, msg_len, "season", "must be a number or null");
	else if (!json_ref(json_object_get(o, "episode"), episode, sizeof(episode)) ||
	         json_is_string(json_object_get(o, "episode")))
		rc = bad(msg, msg_len, "episode", "must be a number or null");
	else if (!json_is_number(pos))
		rc = bad(msg, msg_len, "position", "must be a number of seconds");
	else if (device && !json_is_null(device) && !json_is_string(device))
		rc = bad(msg, msg_len, "device", "must be a string");
	else
		rc = row_from_parts(
		        json_string_value(json_object_get(o, "event_id")), profile, title, season,
		        episode, json_string_value(json_object_get(o, "kind")),
		        json_number_value(pos), json_string_value(device),
		        json_string_value(json_object_get(o, "time")), out, msg, msg_len);
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
	buf_addf(out, ",%lld,%lld,,,%s,%lld.%03lld,", (long long)e->profile_id,
	         (long long)e->title_id, e->kind, (long long)(e->position_ms / 1000),
	         (long long)(e->position_ms % 1000));
	csv_field(out, e->device);
	buf_addf(out, ",%s\r\n", e->at);
}
