/*
 * cmd_simulate.c - `binge simulate`: simulated viewers watching the
 * catalogue (audience/sim_viewing.h), and `binge simulate catalogue`: a
 * generated demo catalogue (audience/sim_catalog.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audience/sim_catalog.h"
#include "audience/sim_viewing.h"
#include "core/date.h"
#include "cli/cli.h"
#include "store/store.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge simulate --viewers N --days D [--seed S] [--start DATE] [--json]\n"
        "       binge simulate catalogue --series N --films M [--seed S] [--json]\n\n"
        "simulate: N simulated viewers watch the current catalogue for D days from\n"
        "DATE (default 2024-01-01): popularity on a power law, hidden taste groups\n"
        "(recorded per viewer in sim_viewer), series from episode 1 in order, binge\n"
        "sessions after all-at-once releases and a weekly rhythm after weekly ones,\n"
        "drop-off, and only what each viewer's territory, ceiling and the release\n"
        "dates allow. The events go to the event log; the same seed (default 1)\n"
        "writes the same log, and running it again adds nothing.\n\n"
        "simulate catalogue: writes N series and M films -- seasons, episodes,\n"
        "genres, ratings, credits from a shared pool of people, release schedules\n"
        "and licence windows -- so demos and benchmarks need no outside data. The\n"
        "same seed writes the same catalogue; running it again updates those titles.\n"
        "Progress on a terminal.\n\n"
        "  --db PATH|URI  the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         print what was written as JSON\n";

static int simulate_catalogue(const struct cli_args *args, const char *series_text,
                              const char *films_text, long seed)
{
	long series = 0, films = 0;
	if ((series_text &&
	     !cli_number("simulate", "--series", series_text, 0, 1000000, &series)) ||
	    (films_text && !cli_number("simulate", "--films", films_text, 0, 1000000, &films)))
		return EXIT_USAGE;
	if (!series && !films)
		return cli_usage("simulate", "give --series N and/or --films M");
	struct store *st;
	if (!cli_open_store(args->db, args->json, &st))
		return EXIT_RUNTIME;
	struct progress prog;
	struct sim_catalog_report r;
	int code = EXIT_OK;
	enum bg_err rc = sim_catalog(st, (int)series, (int)films, (uint64_t)seed, &prog, &r);
	if (!rc)
		rc = store_analyze(st, NULL); /* a new catalogue's statistics, for the planner */
	if (rc)
		code = cli_fail(args->json, rc, "cannot generate: %s", store_errmsg(st));
	else if (args->json)
		cli_print_json(json_pack("{s:i,s:i,s:i,s:i,s:i}", "series", r.series, "films",
		                         r.films, "seasons", r.seasons, "episodes", r.episodes,
		                         "credits", r.credits));
	else
		printf("generated %d series (%d seasons, %d episodes) and %d films, %d credits\n",
		       r.series, r.seasons, r.episodes, r.films, r.credits);
	store_close(st);
	return code;
}

static int simulate_viewing(const struct cli_args *args, const char *viewers_text,
                            const char *days_text, const char *start_text, long seed)
{
	long viewers, days;
	struct sim_viewing_opts o = {.seed = (uint64_t)seed};
	if (!viewers_text || !days_text)
		return cli_usage("simulate", "give --viewers N and --days D");
	if (!cli_number("simulate", "--viewers", viewers_text, 1, 10000000, &viewers) ||
	    !cli_number("simulate", "--days", days_text, 1, 3650, &days))
		return EXIT_USAGE;
	if (date_time_parse(start_text, &o.start_s))
		return cli_usage("simulate", "--start: '%s' is not YYYY-MM-DD", start_text);
	o.start_s -= o.start_s % 86400;
	o.viewers = (int)viewers;
	o.days = (int)days;
	struct store *st;
	if (!cli_open_store(args->db, args->json, &st))
		return EXIT_RUNTIME;
	struct progress prog;
	struct sim_viewing_report r;
	int code = EXIT_OK;
	enum bg_err rc = sim_viewing(st, &o, &prog, &r);
	if (!rc)
		rc = store_analyze(st, NULL);
	if (rc)
		code = cli_fail(args->json, rc, "cannot simulate: %s", store_errmsg(st));
	else if (args->json)
		cli_print_json(json_pack(
		        "{s:I,s:I,s:I,s:I,s:I,s:I}", "viewers", (json_int_t)r.viewers, "groups",
		        (json_int_t)r.groups, "events", (json_int_t)r.events, "duplicates",
		        (json_int_t)r.duplicates, "viewings", (json_int_t)r.viewings,
		        "titles_started", (json_int_t)r.titles_started));
	else
		printf("%ld viewers in %ld taste groups: %ld viewings, %ld events written"
		       " (%ld already there)\n",
		       r.viewers, r.groups, r.viewings, r.events, r.duplicates);
	store_close(st);
	return code;
}

int cmd_simulate(int argc, char **argv)
{
	struct cli_args args;
	const char *series_text = NULL, *films_text = NULL, *seed_text = "1";
	const char *viewers_text = NULL, *days_text = NULL, *start_text = "2024-01-01";
	const struct cli_opt opts[] = {{"series", &series_text, NULL, NULL},
	                               {"films", &films_text, NULL, NULL},
	                               {"seed", &seed_text, NULL, NULL},
	                               {"viewers", &viewers_text, NULL, NULL},
	                               {"days", &days_text, NULL, NULL},
	                               {"start", &start_text, NULL, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, usage, opts, &args);
	if (code >= 0)
		return code;
	long seed;
	if (!cli_number("simulate", "--seed", seed_text, 0, 2147483647L, &seed))
		return EXIT_USAGE;
	if (args.rest_count == 1 && strcmp(args.rest[0], "catalogue") == 0)
		return simulate_catalogue(&args, series_text, films_text, seed);
	if (args.rest_count == 0)
		return simulate_viewing(&args, viewers_text, days_text, start_text, seed);
	return cli_usage("simulate", "say 'simulate --viewers N --days D' or 'simulate catalogue'");
}
