/* buzz.c - social posts parsed and attributed; see buzz.h. */
#include "reception/buzz.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/banned.h"

static enum bg_err bad(char *msg, size_t msg_len, const char *field, const char *why)
{
	snprintf(msg, msg_len, "%s: %s", field, why);
	return BG_INVALID;
}

static bool fits(const char *s, size_t cap)
{
	return strlen(s) < cap;
}

static enum bg_err fill(const char *id, const char *network, const char *at, const char *author,
                        const char *text, const char *repost_of, struct buzz_post *out, char *msg,
                        size_t msg_len)
{
	memset(out, 0, sizeof(*out));
	if (!*id || !fits(id, sizeof(out->id)))
		return bad(msg, msg_len, "id", "must be given (at most 127 bytes)");
	if (!*network || !fits(network, sizeof(out->network)))
		return bad(msg, msg_len, "network", "must be given (at most 31 bytes)");
	int64_t t;
	if (date_time_parse(at, &t))
		return bad(msg, msg_len, "time", "must be YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD");
	if (!fits(author, sizeof(out->author)) || !fits(text, sizeof(out->text)) ||
	    !fits(repost_of, sizeof(out->repost_of)))
		return bad(msg, msg_len, "text", "author, text or repost_of too long");
	if (strcmp(repost_of, id) == 0)
		return bad(msg, msg_len, "repost_of", "a post cannot repost itself");
	snprintf(out->id, sizeof(out->id), "%s", id);
	snprintf(out->network, sizeof(out->network), "%s", network);
	date_time_format(t, out->at);
	snprintf(out->author, sizeof(out->author), "%s", author);
	snprintf(out->text, sizeof(out->text), "%s", text);
	snprintf(out->repost_of, sizeof(out->repost_of), "%s", repost_of);
	return BG_OK;
}

enum bg_err buzz_parse_csv(const char *line, size_t len, struct buzz_post *out, char *msg,
                           size_t msg_len)
{
	char buf[2048];
	char *f[6];
	if (csv_split(line, len, buf, sizeof(buf), f, 6) != 6) {
		snprintf(msg, msg_len, "expected the 6 fields %s", BUZZ_CSV_HEADER);
		return BG_INVALID;
	}
	return fill(f[0], f[1], f[2], f[3], f[4], f[5], out, msg, msg_len);
}

enum bg_err buzz_parse_json(const char *line, size_t len, struct buzz_post *out, char *msg,
                            size_t msg_len)
{
	static const char *const keys[] = {"id", "network", "time", "author", "text", "repost_of"};
	json_error_t err;
	json_t *o = json_loadb(line, len, 0, &err);
	if (!json_is_object(o)) {
		json_decref(o);
		snprintf(msg, msg_len, "not a JSON object: %s", err.text);
		return BG_INVALID;
	}
	char v[6][1024];
	enum bg_err rc = BG_OK;
	for (size_t i = 0; i < 6 && !rc; i++) {
		json_t *x = json_object_get(o, keys[i]);
		v[i][0] = '\0';
		if (json_is_string(x))
			snprintf(v[i], sizeof(v[i]), "%s", json_string_value(x));
		else if (x && !json_is_null(x))
			rc = bad(msg, msg_len, keys[i], "must be a string");
	}
	if (!rc && json_object_size(o) > 0) {
		const char *key;
		json_t *value;
		json_object_foreach(o, key, value)
		{
			bool known = false;
			for (size_t i = 0; i < 6; i++)
				known |= strcmp(key, keys[i]) == 0;
			if (!known && !rc) {
				snprintf(msg, msg_len, "unknown field '%.64s'", key);
				rc = BG_INVALID;
			}
		}
	}
	json_decref(o);
	return rc ? rc : fill(v[0], v[1], v[2], v[3], v[4], v[5], out, msg, msg_len);
}

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || (c & 0x80);
}

/* Whether needle occurs in text case-insensitively with no word character on either side. */
static bool has_whole(const char *text, const char *needle)
{
	size_t n = strlen(needle);
	if (!n)
		return false;
	for (const char *p = text; *p; p++) {
		if (strncasecmp(p, needle, n) != 0)
			continue;
		bool left = p == text || !word_char(p[-1]);
		bool right = !word_char(p[n]);
		if (left && right)
			return true;
	}
	return false;
}

bool buzz_matches(const struct buzz_tracker *t, size_t n, const struct buzz_post *p)
{
	for (size_t i = 0; i < n; i++) {
		if (has_whole(p->text, t[i].value))
			return true;
		if (t[i].kind == BUZZ_HANDLE && strcasecmp(p->author, t[i].value) == 0)
			return true;
		if (t[i].kind == BUZZ_HANDLE && t[i].value[0] == '@' &&
		    strcasecmp(p->author, t[i].value + 1) == 0)
			return true;
	}
	return false;
}
