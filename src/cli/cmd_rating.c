/* cmd_rating.c - `binge rating set TITLE RATING`: a series' or film's maturity rating. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/availability_store.h"
#include "cli/cli.h"
#include "store/store.h"
#include "core/banned.h"

static const char rating_usage[] =
        "usage: binge rating set TITLE RATING\n\n"
        "Sets the maturity rating of a series or film: TV-Y, TV-Y7, TV-G, TV-PG,\n"
        "TV-14, TV-MA (US TV) or G, PG, PG-13, R, NC-17 (MPA); 'none' clears it\n"
        "(an unrated title counts as 18+).\n\n"
        "  --db PATH|URI  the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         print {\"id\",\"rating\"}\n";

struct job {
	int64_t id;
	const char *rating; /* NULL clears it */
};

static enum bg_err write_rating(struct store *st, void *ctx)
{
	struct job *j = ctx;
	return availability_store_set_rating(st, j->id, j->rating);
}

int cmd_rating(int argc, char **argv)
{
	struct cli_args args;
	int code = cli_parse(argc, argv, rating_usage, NULL, &args);
	if (code >= 0)
		return code;
	if (args.rest_count != 3 || strcmp(args.rest[0], "set") != 0)
		return cli_usage("rating", "say 'rating set TITLE RATING'");
	struct job job = {.rating = strcmp(args.rest[2], "none") == 0 ? NULL : args.rest[2]};
	code = cli_write_title(&args, args.rest[1], &job.id, write_rating, &job);
	if (!code && args.json)
		cli_print_json(json_pack("{s:I,s:o}", "id", (json_int_t)job.id, "rating",
		                         cli_json_str(job.rating)));
	else if (!code)
		printf("'%s' is rated %s\n", args.rest[1], job.rating ? job.rating : "(none)");
	return code;
}
