/*
 * cmd_release.c - `binge release set TITLE --season N ...`: when a season's
 * episodes are released, all at once or weekly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/availability_store.h"
#include "cli/cli.h"
#include "core/date.h"
#include "store/store.h"
#include "core/banned.h"

static const char release_usage[] =
        "usage: binge release set TITLE --season N (--all-at-once DATE | --weekly DATE)\n\n"
        "Sets when season N of a series is released: every episode on DATE, or\n"
        "weekly from DATE (episode n on DATE + 7(n-1) days). Unreleased seasons and\n"
        "episodes are invisible to viewers.\n\n"
        "  --db PATH|URI  the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         print {\"id\",\"season\",\"mode\",\"start\"}\n";

struct job {
	int64_t id;
	int season;
	enum release_mode mode;
	int64_t start;
};

static enum bg_err write_release(struct store *st, void *ctx)
{
	struct job *j = ctx;
	return availability_store_set_release(st, j->id, j->season, j->mode, j->start);
}

int cmd_release(int argc, char **argv)
{
	struct cli_args args;
	const char *season_text = NULL, *all_at_once = NULL, *weekly = NULL;
	const struct cli_opt opts[] = {{"season", &season_text, NULL, NULL},
	                               {"all-at-once", &all_at_once, NULL, NULL},
	                               {"weekly", &weekly, NULL, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, release_usage, opts, &args);
	if (code >= 0)
		return code;
	if (args.rest_count != 2 || strcmp(args.rest[0], "set") != 0)
		return cli_usage("release", "say 'release set TITLE --season N ...'");
	long season;
	if (!season_text)
		return cli_usage("release", "--season N is required");
	if (!cli_number("release", "--season", season_text, 0, 500, &season))
		return EXIT_USAGE;
	if (!!all_at_once == !!weekly)
		return cli_usage("release", "give one of --all-at-once DATE or --weekly DATE");
	const char *date = all_at_once ? all_at_once : weekly;
	struct job job = {.season = (int)season,
	                  .mode = weekly ? RELEASE_WEEKLY : RELEASE_ALL_AT_ONCE};
	if (date_time_parse(date, &job.start))
		return cli_usage("release", "'%s' is not a date (YYYY-MM-DD) or UTC time", date);
	if (season == 0) /* season 0 (specials) is stored as number 0 */
		job.season = 0;
	code = cli_write_title(&args, args.rest[1], &job.id, write_release, &job);
	if (!code && args.json)
		cli_print_json(json_pack("{s:I,s:i,s:s,s:s}", "id", (json_int_t)job.id, "season",
		                         (int)season, "mode", weekly ? "weekly" : "all_at_once",
		                         "start", date));
	else if (!code)
		printf("season %ld of '%s' releases %s from %s\n", season, args.rest[1],
		       weekly ? "weekly" : "all at once", date);
	return code;
}
