/* review.c - critic reviews parsed and normalised; see review.h. */
#include "reception/review.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/banned.h"

static enum bg_err bad(char *msg, size_t msg_len, const char *field, const char *why)
{
	snprintf(msg, msg_len, "%s: %s", field, why);
	return BG_INVALID;
}

static const struct {
	const char *grade;
	double value;
} letters[] = {{"A+", 100}, {"A", 100}, {"A-", 91}, {"B+", 83}, {"B", 75},  {"B-", 67}, {"C+", 58},
               {"C", 50},   {"C-", 42}, {"D+", 33}, {"D", 25},  {"D-", 16}, {"F", 0}};

enum bg_err review_normalise(const char *score, const char *scale, double *out, char *msg,
                             size_t msg_len)
{
	*out = -1;
	if (!*score && !*scale)
		return BG_OK;
	if (!*score)
		return bad(msg, msg_len, "score", "missing, but a scale is given");
	if (strcmp(scale, "letter") == 0) {
		for (size_t i = 0; i < sizeof(letters) / sizeof(letters[0]); i++)
			if (strcmp(score, letters[i].grade) == 0) {
				*out = letters[i].value;
				return BG_OK;
			}
		return bad(msg, msg_len, "score", "not a letter grade (A+ to F)");
	}
	double top = strcmp(scale, "10") == 0    ? 10
	             : strcmp(scale, "5") == 0   ? 5
	             : strcmp(scale, "100") == 0 ? 100
	                                         : 0;
	if (!top)
		return bad(msg, msg_len, "scale", "must be 10, 5, 100, letter or empty");
	char *end;
	errno = 0;
	double v = strtod(score, &end);
	if (end == score || *end || errno || !isfinite(v))
		return bad(msg, msg_len, "score", "not a number");
	if (v < 0 || v > top) {
		snprintf(msg, msg_len, "score: %s is outside 0-%g", score, top);
		return BG_INVALID;
	}
	*out = v * 100.0 / top;
	return BG_OK;
}

/* Checks and stores the fields common to both forms. */
static enum bg_err fill(const char *title, const char *season, const char *outlet,
                        const char *critic, const char *top, const char *date, const char *score,
                        const char *scale, const char *verdict, const char *panels,
                        struct review *out, char *msg, size_t msg_len)
{
	memset(out, 0, sizeof(*out));
	if (!*title || strlen(title) >= sizeof(out->title))
		return bad(msg, msg_len, "title", "must be a name or id (at most 255 bytes)");
	snprintf(out->title, sizeof(out->title), "%s", title);
	if (*season) {
		char *end;
		long s = strtol(season, &end, 10);
		if (*end || s < 1 || s > 500)
			return bad(msg, msg_len, "season",
			           "must be a season number from 1, or empty");
		out->season = (int)s;
	}
	if (!*outlet || strlen(outlet) >= sizeof(out->outlet))
		return bad(msg, msg_len, "outlet", "must be given (at most 127 bytes)");
	snprintf(out->outlet, sizeof(out->outlet), "%s", outlet);
	if (strlen(critic) >= sizeof(out->critic))
		return bad(msg, msg_len, "critic", "at most 127 bytes");
	snprintf(out->critic, sizeof(out->critic), "%s", critic);
	if (strcmp(top, "true") == 0 || strcmp(top, "1") == 0 || strcmp(top, "yes") == 0)
		out->top_critic = true;
	else if (*top && strcmp(top, "false") != 0 && strcmp(top, "0") != 0 &&
	         strcmp(top, "no") != 0)
		return bad(msg, msg_len, "top_critic", "must be true or false");
	if (*date && date_parse(str_from(date, strlen(date)), out->date))
		return bad(msg, msg_len, "date", "must be YYYY-MM-DD");
	if (strlen(score) >= sizeof(out->score) || strlen(scale) >= sizeof(out->scale))
		return bad(msg, msg_len, "score", "too long");
	snprintf(out->score, sizeof(out->score), "%s", score);
	snprintf(out->scale, sizeof(out->scale), "%s", scale);
	if (review_normalise(score, scale, &out->normalised, msg, msg_len))
		return BG_INVALID;
	if (strcmp(verdict, "fresh") == 0)
		out->verdict = VERDICT_FRESH;
	else if (strcmp(verdict, "rotten") == 0)
		out->verdict = VERDICT_ROTTEN;
	else if (*verdict)
		return bad(msg, msg_len, "verdict", "must be fresh, rotten or empty");
	if (!*panels) {
		out->in_approval = out->verdict != VERDICT_NONE;
		out->in_weighted = out->normalised >= 0;
	} else if (strcmp(panels, "approval") == 0) {
		out->in_approval = true;
	} else if (strcmp(panels, "weighted") == 0) {
		out->in_weighted = true;
	} else if (strcmp(panels, "approval;weighted") == 0 ||
	           strcmp(panels, "weighted;approval") == 0) {
		out->in_approval = out->in_weighted = true;
	} else {
		return bad(msg, msg_len, "panels", "must be approval, weighted, both (;) or empty");
	}
	if (out->in_approval && out->verdict == VERDICT_NONE)
		return bad(msg, msg_len, "verdict", "a review in the approval panel needs one");
	if (out->in_weighted && out->normalised < 0)
		return bad(msg, msg_len, "score", "a review in the weighted panel needs one");
	if (!out->in_approval && !out->in_weighted)
		return bad(msg, msg_len, "verdict", "a review needs a verdict or a score");
	return BG_OK;
}

enum bg_err review_parse_csv(const char *line, size_t len, struct review *out, char *msg,
                             size_t msg_len)
{
	char buf[2048];
	char *f[10];
	int n = csv_split(line, len, buf, sizeof(buf), f, 10);
	if (n != 10) {
		snprintf(msg, msg_len, "expected the 10 fields %s", REVIEW_CSV_HEADER);
		return BG_INVALID;
	}
	return fill(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], out, msg, msg_len);
}

/* A JSON field as text: strings as they are, numbers and booleans spelled out. */
static bool text_of(json_t *o, const char *key, char *out, size_t cap)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		out[0] = '\0';
	else if (json_is_string(v))
		snprintf(out, cap, "%s", json_string_value(v));
	else if (json_is_integer(v))
		snprintf(out, cap, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(out, cap, "%.10g", json_real_value(v));
	else if (json_is_boolean(v))
		snprintf(out, cap, "%s", json_is_true(v) ? "true" : "false");
	else
		return false;
	return true;
}

enum bg_err review_parse_json(const char *line, size_t len, struct review *out, char *msg,
                              size_t msg_len)
{
	static const char *const keys[] = {"title", "season", "outlet", "critic",  "top_critic",
	                                   "date",  "score",  "scale",  "verdict", "panels"};
	json_error_t err;
	json_t *o = json_loadb(line, len, 0, &err);
	if (!json_is_object(o)) {
		json_decref(o);
		snprintf(msg, msg_len, "not a JSON object: %s", err.text);
		return BG_INVALID;
	}
	const char *key;
	json_t *value;
	json_object_foreach(o, key, value)
	{
		bool known = false;
		for (size_t i = 0; i < 10; i++)
			known |= strcmp(key, keys[i]) == 0;
		if (!known) {
			snprintf(msg, msg_len, "unknown field '%.64s'", key);
			json_decref(o);
			return BG_INVALID;
		}
	}
	char v[10][256];
	for (size_t i = 0; i < 10; i++)
		if (!text_of(o, keys[i], v[i], sizeof(v[i]))) {
			json_decref(o);
			return bad(msg, msg_len, keys[i], "must be a string, number or boolean");
		}
	json_decref(o);
	return fill(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], out, msg, msg_len);
}
