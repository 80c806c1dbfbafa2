/*
 * cmd_rating.c - `binge rating set TITLE RATING [--board B]`: a series' or
 * film's maturity rating, from a US board (its primary rating) or the
 * board of another territory (its certification there).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/availability_store.h"
#include "cli/cli.h"
#include "store/store.h"
#include "core/banned.h"

static const char rating_usage[] =
        "usage: binge rating set TITLE RATING [--board BOARD]\n\n"
        "Sets the maturity rating of a series or film. Without --board, RATING is\n"
        "the primary (US) rating: TV-Y, TV-Y7, TV-G, TV-PG, TV-14, TV-MA (US TV)\n"
        "or G, PG, PG-13, R, NC-17 (MPA). With --board, it is the certification\n"
        "viewers in that board's territory are judged by:\n"
        "  BBFC (GB)        U, PG, 12A, 12, 15, 18, R18\n"
        "  FSK (DE)         0, 6, 12, 16, 18\n"
        "  ACB (AU)         G, PG, M, MA15+, R18+, X18+\n"
        "  CNC (FR)         TP, 10, 12, 16, 18\n"
        "  EIRIN (JP)       G, PG12, R15+, R18+\n"
        "  Kijkwijzer (NL)  AL, 6, 9, 12, 14, 16, 18\n"
        "  CBFC (IN)        U, U/A 7+, UA, U/A 13+, U/A 16+, A, S\n"
        "  MPA, TV (US)     the primary rating\n"
        "'none' removes the rating. Elsewhere a title counts at its primary rating,\n"
        "else at its highest certification; an unrated title counts as 18+\n"
        "(docs/api.md, \"Maturity ratings\").\n\n"
        "  --board BOARD  the rating board (default: the US boards)\n"
        "  --db PATH|URI  the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         print {\"id\",\"rating\",\"board\",\"territory\",\"age\"}\n";

struct job {
	int64_t id;
	const struct rating_board *board; /* NULL: the primary rating */
	const char *rating;               /* NULL clears it */
	struct certification stored;
};

static enum bg_err write_rating(struct store *st, void *ctx)
{
	struct job *j = ctx;
	if (j->board)
		return availability_store_set_certification(st, j->id, j->board, j->rating,
		                                            &j->stored);
	return availability_store_set_rating(st, j->id, j->rating);
}

int cmd_rating(int argc, char **argv)
{
	struct cli_args args;
	const char *board = NULL;
	const struct cli_opt opts[] = {{"board", &board, NULL, NULL}, {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, rating_usage, opts, &args);
	if (code >= 0)
		return code;
	if (args.rest_count != 3 || strcmp(args.rest[0], "set") != 0)
		return cli_usage("rating", "say 'rating set TITLE RATING'");
	struct job job = {.rating = strcmp(args.rest[2], "none") == 0 ? NULL : args.rest[2]};
	if (board && !(job.board = maturity_board_named(board))) {
		char known[256];
		maturity_board_names(known, sizeof(known));
		fprintf(stderr, "binge rating: no rating board '%s' (known: %s)\n", board, known);
		return EXIT_USAGE;
	}
	code = cli_write_title(&args, args.rest[1], &job.id, write_rating, &job);
	if (code)
		return code;
	const char *shown = job.board ? (job.rating ? job.stored.rating : NULL) : job.rating;
	char age[8] = "";
	if (shown)
		maturity_age_label(job.stored.level, age);
	if (args.json)
		cli_print_json(json_pack("{s:I,s:o,s:o,s:o,s:o}", "id", (json_int_t)job.id, "rating",
		                         cli_json_str(shown), "board",
		                         cli_json_str(job.board ? job.board->name : NULL),
		                         "territory",
		                         cli_json_str(job.board ? job.board->territory : NULL), "age",
		                         cli_json_str(job.board && shown ? age : NULL)));
	else if (job.board)
		printf("'%s' is rated %s by %s (viewers in %s)%s%s\n", args.rest[1],
		       shown ? shown : "(none)", job.board->name, job.board->territory,
		       shown ? ": age " : "", shown ? age : "");
	else
		printf("'%s' is rated %s\n", args.rest[1], shown ? shown : "(none)");
	return code;
}
