/*
 * cmd_stats.c - `binge stats watch-order|next|gateways|binge|starts`: the
 * audience analytics (audience/stats_report.h) as a table, JSON (--json)
 * or an SVG chart (--svg FILE).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audience/stats_report.h"
#include "audience/stats_svg.h"
#include "cli/cli.h"
#include "core/file.h"
#include "catalog/catalog_store.h"
#include "store/store.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge stats watch-order --titles T1,T2,... [options]\n"
        "       binge stats next TITLE [--after finish|start] [options]\n"
        "       binge stats gateways TITLE [--weeks W] [--min-count N] [options]\n"
        "       binge stats binge TITLE [options]\n"
        "       binge stats starts TITLE [--season N] [--before D] [--after-days D] [options]\n\n"
        "What the viewing event log says (docs/audience.md defines every figure):\n"
        "  watch-order  how viewers ordered their first starts of up to 8 titles,\n"
        "               against release order: who started each first, common orders\n"
        "  next         which title viewers started next after finishing (default)\n"
        "               or starting TITLE\n"
        "  gateways     titles viewers watched in the W weeks (default 4) before\n"
        "               starting TITLE, ranked by lift over their base popularity\n"
        "  binge        per season: episodes per viewing day, completion rate, median\n"
        "               days to finish, share finished within a week of release\n"
        "  starts       first starts per day from D days before (default 7) to D days\n"
        "               after (default 28) the release of TITLE or its season N\n"
        "Titles are ids or names (series or films).\n\n"
        "  --since T, --until T  only starts in [T, T) (YYYY-MM-DD or ...THH:MM:SSZ)\n"
        "  --territory CC        only viewers whose account is in territory CC\n"
        "  --limit N             ranked rows to list (default 10)\n"
        "  --svg FILE            also write the chart as SVG to FILE ('-': stdout only)\n"
        "  --db PATH|URI         the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json                print the report as JSON\n";

struct stats_opts {
	const char *titles, *after, *weeks, *min_count, *season, *before, *after_days;
	const char *since, *until, *territory, *limit, *svg;
};

static int print_watch_order(const json_t *r)
{
	printf("%lld viewers started at least one of the titles\n\nstarted first:\n",
	       (long long)json_integer_value(json_object_get(r, "viewers")));
	const json_t *order = json_object_get(r, "release_order");
	for (size_t i = 0; i < json_array_size(order); i++) {
		const char *name = json_string_value(json_array_get(order, i));
		printf("  %5.1f%%  %6lld  %s%s\n",
		       100.0 * json_number_value(
		                       json_object_get(json_object_get(r, "first_share"), name)),
		       (long long)json_integer_value(
		               json_object_get(json_object_get(r, "first_count"), name)),
		       name, i == 0 ? "  (released first)" : "");
	}
	printf("\nmost common orders:\n");
	const json_t *orders = json_object_get(r, "orders");
	for (size_t i = 0; i < json_array_size(orders); i++) {
		const json_t *o = json_array_get(orders, i), *names = json_object_get(o, "order");
		printf("  %5.1f%%  %6lld  ", 100.0 * json_number_value(json_object_get(o, "share")),
		       (long long)json_integer_value(json_object_get(o, "viewers")));
		for (size_t j = 0; j < json_array_size(names); j++)
			printf("%s%s", j ? " > " : "", json_string_value(json_array_get(names, j)));
		printf("\n");
	}
	return EXIT_OK;
}

static int print_ranked(const json_t *r, const char *key)
{
	const json_t *items = json_object_get(r, "items");
	if (strcmp(key, "share") == 0)
		printf("%lld viewers %s it; %lld started another title after\n",
		       (long long)json_integer_value(json_object_get(r, "viewers")),
		       strcmp(json_string_value(json_object_get(r, "after")), "finish") == 0
		               ? "finished"
		               : "started",
		       (long long)json_integer_value(json_object_get(r, "moved_on")));
	else
		printf("%lld viewers started it; titles watched in the %lld days before:\n",
		       (long long)json_integer_value(json_object_get(r, "viewers")),
		       (long long)json_integer_value(json_object_get(r, "window_days")));
	printf("  %8s  %7s  %s\n", strcmp(key, "share") == 0 ? "share" : "lift", "viewers",
	       "title");
	for (size_t i = 0; i < json_array_size(items); i++) {
		const json_t *it = json_array_get(items, i);
		double v = json_number_value(json_object_get(it, key));
		if (strcmp(key, "share") == 0)
			printf("  %7.1f%%  %7lld  %s\n", v * 100.0,
			       (long long)json_integer_value(json_object_get(it, "count")),
			       json_string_value(json_object_get(it, "title")));
		else
			printf("  %8.2f  %7lld  %s\n", v,
			       (long long)json_integer_value(json_object_get(it, "count")),
			       json_string_value(json_object_get(it, "title")));
	}
	return EXIT_OK;
}

static void print_measure(const json_t *v, double scale, const char *unit)
{
	if (json_is_null(v))
		printf("  %9s", "-");
	else
		printf("  %8.1f%s", json_number_value(v) * scale, unit);
}

static int print_binge(const json_t *r)
{
	printf("season  viewers  finished  eps/day  completed  median days  in 1st week\n");
	const json_t *seasons = json_object_get(r, "seasons");
	for (size_t i = 0; i < json_array_size(seasons); i++) {
		const json_t *s = json_array_get(seasons, i);
		printf("%6lld  %7lld  %8lld  %7.2f",
		       (long long)json_integer_value(json_object_get(s, "number")),
		       (long long)json_integer_value(json_object_get(s, "viewers")),
		       (long long)json_integer_value(json_object_get(s, "finished")),
		       json_number_value(json_object_get(s, "episodes_per_day")));
		print_measure(json_object_get(s, "completion_rate"), 100.0, "%");
		print_measure(json_object_get(s, "median_days_to_finish"), 1.0, " ");
		print_measure(json_object_get(s, "finished_within_week_share"), 100.0, "%");
		printf("\n");
	}
	return EXIT_OK;
}

static int print_starts(const json_t *r)
{
	printf("release %s\n", json_string_value(json_object_get(r, "release")));
	const json_t *days = json_object_get(r, "days");
	for (size_t i = 0; i < json_array_size(days); i++) {
		const json_t *d = json_array_get(days, i);
		printf("%s  %+4lld  %7lld\n", json_string_value(json_object_get(d, "date")),
		       (long long)json_integer_value(json_object_get(d, "offset")),
		       (long long)json_integer_value(json_object_get(d, "starts")));
	}
	return EXIT_OK;
}

/* Resolves a comma-separated list of titles into ids (at most max). */
static bool resolve_list(struct store *st, bool json, const char *list, int64_t *ids, size_t max,
                         size_t *n)
{
	*n = 0;
	char item[512];
	for (const char *p = list; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (*n == max) {
			cli_fail(json, BG_INVALID, "--titles: at most %zu titles", max);
			return false;
		}
		snprintf(item, sizeof(item), "%.*s", (int)len, p);
		enum bg_err rc = catalog_store_resolve(st, item, &ids[*n]);
		if (rc) {
			cli_fail(json, rc, "--titles: %s", store_errmsg(st));
			return false;
		}
		(*n)++;
		p += len + (comma ? 1 : 0);
	}
	if (!*n)
		cli_fail(json, BG_INVALID, "--titles: give at least one title");
	return *n > 0;
}

/* Runs one report; *report set on success. */
static int run_report(struct store *st, const char *kind, const struct cli_args *args,
                      const struct stats_opts *o, const struct stats_filter *f, json_t **report)
{
	long limit = STATS_REPORT_LIMIT, weeks = 4, min_count = 1, season = 0, before = 7,
	     after = 28;
	if ((o->limit && !cli_number("stats", "--limit", o->limit, 1, 1000, &limit)) ||
	    (o->weeks && !cli_number("stats", "--weeks", o->weeks, 1, 520, &weeks)) ||
	    (o->min_count &&
	     !cli_number("stats", "--min-count", o->min_count, 1, 1000000000L, &min_count)) ||
	    (o->season && !cli_number("stats", "--season", o->season, 1, 10000, &season)) ||
	    (o->before && !cli_number("stats", "--before", o->before, 0, 3650, &before)) ||
	    (o->after_days && !cli_number("stats", "--after-days", o->after_days, 0, 3650, &after)))
		return EXIT_USAGE;
	enum bg_err rc;
	int64_t ids[STATS_WATCH_ORDER_MAX_TITLES];
	size_t n;
	if (strcmp(kind, "watch-order") == 0) {
		if (!o->titles)
			return cli_usage("stats", "watch-order needs --titles T1,T2,...");
		if (!resolve_list(st, args->json, o->titles, ids, STATS_WATCH_ORDER_MAX_TITLES, &n))
			return EXIT_RUNTIME;
		rc = stats_report_watch_order(st, f, ids, n, (int)limit, report);
	} else {
		if (args->rest_count != 2)
			return cli_usage("stats", "%s needs one TITLE", kind);
		rc = catalog_store_resolve(st, args->rest[1], &ids[0]);
		if (rc)
			return cli_fail(args->json, rc, "%s", store_errmsg(st));
		if (strcmp(kind, "next") == 0) {
			if (o->after && strcmp(o->after, "finish") != 0 &&
			    strcmp(o->after, "start") != 0)
				return cli_usage("stats", "--after is 'finish' or 'start'");
			rc = stats_report_next(st, f, ids[0],
			                       !o->after || !strcmp(o->after, "finish"), (int)limit,
			                       report);
		} else if (strcmp(kind, "gateways") == 0) {
			rc = stats_report_gateways(st, f, ids[0], (int)weeks * 7, min_count,
			                           (int)limit, report);
		} else if (strcmp(kind, "binge") == 0) {
			rc = stats_report_binge(st, f, ids[0], report);
		} else {
			rc = stats_report_starts(st, f, ids[0], (int)season, (int)before,
			                         (int)after, report);
		}
	}
	return rc ? cli_fail(args->json, rc, "%s", store_errmsg(st)) : EXIT_OK;
}

static int write_svg(const char *path, const char *kind, const json_t *report, bool json)
{
	char *svg = stats_svg(kind, report);
	if (!svg)
		return cli_fail(json, BG_INVALID, "nothing to draw");
	int code = EXIT_OK;
	if (strcmp(path, "-") == 0)
		fputs(svg, stdout);
	else if (file_write_atomic(path, svg, strlen(svg)))
		code = cli_fail(json, BG_IO, "cannot write '%s'", path);
	free(svg);
	return code;
}

int cmd_stats(int argc, char **argv)
{
	struct cli_args args;
	struct stats_opts o = {0};
	const struct cli_opt opts[] = {{"titles", &o.titles, NULL, NULL},
	                               {"after", &o.after, NULL, NULL},
	                               {"weeks", &o.weeks, NULL, NULL},
	                               {"min-count", &o.min_count, NULL, NULL},
	                               {"season", &o.season, NULL, NULL},
	                               {"before", &o.before, NULL, NULL},
	                               {"after-days", &o.after_days, NULL, NULL},
	                               {"since", &o.since, NULL, NULL},
	                               {"until", &o.until, NULL, NULL},
	                               {"territory", &o.territory, NULL, NULL},
	                               {"limit", &o.limit, NULL, NULL},
	                               {"svg", &o.svg, NULL, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, usage, opts, &args);
	if (code >= 0)
		return code;
	static const char *const kinds[] = {"watch-order", "next", "gateways", "binge", "starts"};
	const char *kind = NULL;
	for (size_t i = 0; args.rest_count >= 1 && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(args.rest[0], kinds[i]) == 0)
			kind = kinds[i];
	if (!kind)
		return cli_usage("stats",
		                 "say which: watch-order, next, gateways, binge or starts");
	struct stats_filter f;
	char msg[160];
	if (stats_filter_from_text(o.since, o.until, o.territory, &f, msg, sizeof(msg)))
		return cli_usage("stats", "--%s", msg);
	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	json_t *report = NULL;
	code = run_report(st, kind, &args, &o, &f, &report);
	if (code == EXIT_OK && o.svg)
		code = write_svg(o.svg, kind, report, args.json);
	if (code == EXIT_OK && !(o.svg && strcmp(o.svg, "-") == 0)) {
		if (args.json)
			cli_print_json(json_incref(report));
		else if (strcmp(kind, "watch-order") == 0)
			print_watch_order(report);
		else if (strcmp(kind, "next") == 0)
			print_ranked(report, "share");
		else if (strcmp(kind, "gateways") == 0)
			print_ranked(report, "lift");
		else if (strcmp(kind, "binge") == 0)
			print_binge(report);
		else
			print_starts(report);
	}
	json_decref(report);
	store_close(st);
	return code;
}
