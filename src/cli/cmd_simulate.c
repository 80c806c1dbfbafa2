/*
 * cmd_simulate.c - `binge simulate catalogue`: a generated demo catalogue
 * (audience/sim_catalog.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audience/sim_catalog.h"
#include "cli/cli.h"
#include "store/store.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge simulate catalogue --series N --films M [--seed S] [--json]\n\n"
        "Writes a generated catalogue of N series and M films -- seasons, episodes,\n"
        "genres, ratings, credits from a shared pool of people, release schedules\n"
        "and licence windows -- so demos and benchmarks need no outside data. The\n"
        "same seed (default 1) writes the same catalogue; running it again updates\n"
        "those titles in place. Progress on a terminal.\n\n"
        "  --db PATH|URI  the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         print {\"series\",\"films\",\"seasons\",\"episodes\",\"credits\"}\n";

int cmd_simulate(int argc, char **argv)
{
	struct cli_args args;
	const char *series_text = NULL, *films_text = NULL, *seed_text = "1";
	const struct cli_opt opts[] = {{"series", &series_text, NULL},
	                               {"films", &films_text, NULL},
	                               {"seed", &seed_text, NULL},
	                               {NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, usage, opts, &args);
	if (code >= 0)
		return code;
	if (args.rest_count != 1 || strcmp(args.rest[0], "catalogue") != 0)
		return cli_usage("simulate", "say 'simulate catalogue --series N --films M'");
	long series = 0, films = 0, seed = 1;
	if ((series_text &&
	     !cli_number("simulate", "--series", series_text, 0, 1000000, &series)) ||
	    (films_text && !cli_number("simulate", "--films", films_text, 0, 1000000, &films)) ||
	    !cli_number("simulate", "--seed", seed_text, 0, 2147483647L, &seed))
		return EXIT_USAGE;
	if (!series && !films)
		return cli_usage("simulate", "give --series N and/or --films M");
	struct store *st;
	if (!cli_open_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	struct progress prog;
	struct sim_catalog_report r;
	code = EXIT_OK;
	enum bg_err rc = sim_catalog(st, (int)series, (int)films, (uint64_t)seed, &prog, &r);
	if (rc)
		code = cli_fail(args.json, rc, "cannot generate: %s", store_errmsg(st));
	else if (args.json)
		cli_print_json(json_pack("{s:i,s:i,s:i,s:i,s:i}", "series", r.series, "films",
		                         r.films, "seasons", r.seasons, "episodes", r.episodes,
		                         "credits", r.credits));
	else
		printf("generated %d series (%d seasons, %d episodes) and %d films, %d credits\n",
		       r.series, r.seasons, r.episodes, r.films, r.credits);
	store_close(st);
	return code;
}
