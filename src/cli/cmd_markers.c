/*
 * cmd_markers.c - `binge markers detect|set|show`: intro and credits
 * markers, found by audio fingerprint across a season, or set by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog_store.h"
#include "cli/cli.h"
#include "core/mem.h"
#include "core/progress.h"
#include "media/intro_detect.h"
#include "media/marker_store.h"
#include "media/media_store.h"
#include "store/store.h"
#include "core/banned.h"

static const char markers_usage[] =
        "usage: binge markers detect SERIES [--season N]\n"
        "       binge markers set MEDIA_ID [--intro START-END|none] [--credits START|none]\n"
        "       binge markers show SERIES [--season N]\n\n"
        "Where each episode's intro and credits are, for the player's \"Skip intro\"\n"
        "and its next-episode countdown, which starts with the credits. The scan\n"
        "reads them from chapters named Intro/Opening/OP and Credits/Ending/ED.\n"
        "'detect' finds the intro a season's episodes share by comparing their audio\n"
        "(Chromaprint fingerprints of each episode's first quarter, through FFmpeg),\n"
        "with progress on a terminal; it never replaces a marker from a chapter or\n"
        "one set by hand. 'set' sets a media file's markers by hand (seconds, or\n"
        "M:SS); 'none' removes one.\n\n"
        "  --season N     one season (default: every season)\n"
        "  --intro S-E    the intro, from S to E\n"
        "  --credits S    where the credits start\n"
        "  --db PATH|URI  the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         print the markers as JSON\n";

/* Seconds as "95", "95.5" or "1:35" into ms; false when not a time. */
static bool parse_time(const char *text, int64_t *ms)
{
	char *end;
	double minutes = 0, seconds = strtod(text, &end);
	if (*end == ':') {
		minutes = seconds;
		seconds = strtod(end + 1, &end);
		if (seconds >= 60)
			return false;
	}
	if (*end || end == text || seconds < 0 || minutes < 0 || minutes > 6000)
		return false;
	*ms = (int64_t)((minutes * 60.0 + seconds) * 1000.0 + 0.5);
	return true;
}

static json_t *marker_json(int64_t start, int64_t end, enum marker_source source)
{
	if (start < 0)
		return json_null();
	json_t *o = json_pack("{s:f,s:s}", "start", (double)start / 1000.0, "source",
	                      marker_source_name(source));
	if (end >= 0)
		json_object_set_new(o, "end", json_real((double)end / 1000.0));
	return o;
}

static void print_time(const char *label, int64_t ms)
{
	printf(" %s %lld:%06.3f", label, (long long)(ms / 60000), (double)(ms % 60000) / 1000.0);
}

/* Prints (or adds to items) one media file's markers as stored. */
static enum bg_err report(struct store *st, const struct episode_media *e, bool json,
                          json_t *items)
{
	struct marker_set m;
	enum bg_err rc = marker_store_get(st, e->media_id, &m);
	if (rc)
		return rc;
	if (json) {
		json_array_append_new(
		        items, json_pack("{s:I,s:i,s:i,s:o,s:o}", "media_id", (json_int_t)e->media_id,
		                         "season", e->season, "episode", e->episode, "intro",
		                         marker_json(m.at.intro_start, m.at.intro_end, m.intro_source),
		                         "credits", marker_json(m.at.credits_start, -1, m.credits_source)));
		return BG_OK;
	}
	printf("S%02dE%02d (media %lld):", e->season, e->episode, (long long)e->media_id);
	if (m.at.intro_start >= 0) {
		print_time("intro", m.at.intro_start);
		print_time("to", m.at.intro_end);
		printf(" (%s);", marker_source_name(m.intro_source));
	} else {
		printf(" no intro;");
	}
	if (m.at.credits_start >= 0) {
		print_time("credits", m.at.credits_start);
		printf(" (%s)\n", marker_source_name(m.credits_source));
	} else {
		printf(" no credits\n");
	}
	return BG_OK;
}

static enum bg_err put_fingerprinted(struct store *st, void *ctx)
{
	const struct episode_media *e = ((const void **)ctx)[0];
	const struct media_markers *m = ((const void **)ctx)[1];
	return marker_store_put(st, e->media_id, m, MARKER_FINGERPRINT);
}

/* Detects season by season; counts what it found. */
static enum bg_err detect(struct store *st, const struct episode_media *eps, size_t n,
                          bool json, int *found_n)
{
	struct progress bar;
	struct media_markers *found = xcalloc(n ? n : 1, sizeof(*found));
	char (*problems)[160] = xcalloc(n ? n : 1, sizeof(*problems));
	enum bg_err rc = BG_OK;
	for (size_t first = 0; first < n && !rc;) {
		size_t last = first;
		while (last < n && eps[last].season == eps[first].season)
			last++;
		rc = intro_detect_season(eps + first, last - first, json ? NULL : &bar, found + first,
		                         problems + first);
		first = last;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		if (problems[i][0])
			fprintf(stderr, "binge: markers: S%02dE%02d: %s\n", eps[i].season,
			        eps[i].episode, problems[i]);
		if (found[i].intro_start < 0)
			continue;
		(*found_n)++;
		const void *ctx[] = {&eps[i], &found[i]};
		rc = store_transact(st, put_fingerprinted, ctx);
	}
	free(problems);
	free(found);
	return rc;
}

int cmd_markers(int argc, char **argv)
{
	const char *season_text = NULL, *intro = NULL, *credits = NULL;
	struct cli_opt extra[] = {{"season", &season_text, NULL, NULL},
	                          {"intro", &intro, NULL, NULL},
	                          {"credits", &credits, NULL, NULL},
	                          {NULL, NULL, NULL, NULL}};
	struct cli_args args;
	int code = cli_parse(argc, argv, markers_usage, extra, &args);
	if (code >= 0)
		return code;
	const char *verb = args.rest_count == 2 ? args.rest[0] : "";
	bool is_set = strcmp(verb, "set") == 0;
	if (strcmp(verb, "detect") != 0 && strcmp(verb, "show") != 0 && !is_set)
		return cli_usage("markers", "say 'markers detect SERIES', 'markers set MEDIA_ID' or "
		                            "'markers show SERIES'");
	long season = 0, media_id = 0;
	if (season_text && !cli_number("markers", "--season", season_text, 0, 10000, &season))
		return EXIT_USAGE;
	struct media_markers set = MEDIA_MARKERS_NONE;
	bool clear_intro = intro && strcmp(intro, "none") == 0;
	bool clear_credits = credits && strcmp(credits, "none") == 0;
	if (is_set) {
		if (!cli_number("markers", "MEDIA_ID", args.rest[1], 1, INT64_MAX / 2, &media_id))
			return EXIT_USAGE;
		if (!intro && !credits)
			return cli_usage("markers", "set what: --intro START-END and/or --credits START");
		const char *dash = intro && !clear_intro ? strchr(intro, '-') : NULL;
		char start[32];
		if (intro && !clear_intro &&
		    (!dash || (size_t)(dash - intro) >= sizeof(start) ||
		     !parse_time((snprintf(start, sizeof(start), "%.*s", (int)(dash - intro), intro), start),
		                 &set.intro_start) ||
		     !parse_time(dash + 1, &set.intro_end) || set.intro_end <= set.intro_start))
			return cli_usage("markers", "--intro wants START-END with END after START "
			                            "(seconds or M:SS), or none; not '%s'", intro);
		if (credits && !clear_credits && !parse_time(credits, &set.credits_start))
			return cli_usage("markers", "--credits wants a time (seconds or M:SS), or none; not '%s'",
			                 credits);
	}
	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	code = EXIT_OK;
	struct episode_media *eps = NULL;
	size_t n = 0;
	int64_t series = 0;
	enum bg_err rc = BG_OK;
	if (is_set) {
		struct media_location loc;
		rc = media_store_locate(st, media_id, &loc);
		if (!rc && clear_intro)
			rc = marker_store_clear(st, media_id, "intro");
		if (!rc && clear_credits)
			rc = marker_store_clear(st, media_id, "credits");
		if (!rc)
			rc = marker_store_put(st, media_id, &set, MARKER_ADMIN);
		if (rc) {
			code = cli_fail(args.json, rc, "%s", store_errmsg(st));
			goto out;
		}
		struct episode_media one = {.media_id = media_id};
		json_t *items = json_array();
		rc = report(st, &one, args.json, items);
		if (args.json && !rc)
			cli_print_json(json_incref(json_array_get(items, 0)));
		json_decref(items);
		goto out;
	}
	rc = catalog_store_resolve(st, args.rest[1], &series);
	if (!rc)
		rc = media_store_of_series(st, series, (int)season, &eps, &n);
	if (!rc && !n)
		rc = store_set_error(st, BG_NOT_FOUND, "%s has no episodes with media%s (run binge scan)",
		                     args.rest[1], season ? " in that season" : "");
	int found = 0;
	if (!rc && strcmp(verb, "detect") == 0)
		rc = detect(st, eps, n, args.json, &found);
	json_t *items = json_array();
	for (size_t i = 0; i < n && !rc; i++)
		rc = report(st, &eps[i], args.json, items);
	if (rc) {
		json_decref(items);
		code = cli_fail(args.json, rc, "%s", store_errmsg(st));
	} else if (args.json) {
		cli_print_json(json_pack("{s:o,s:i}", "items", items, "found", found));
	} else {
		json_decref(items);
		if (strcmp(verb, "detect") == 0)
			printf("an intro found in %d of %zu episodes\n", found, n);
	}
out:
	free(eps);
	store_close(st);
	return code;
}
