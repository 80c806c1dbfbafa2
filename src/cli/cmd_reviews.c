/*
 * cmd_reviews.c - `binge reviews import FILE` and `binge reviews weight
 * OUTLET WEIGHT`: critic reviews into the store (reception/review.h,
 * reception/review_store.h), all or nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/file.h"
#include "core/lines.h"
#include "core/mem.h"
#include "reception/review.h"
#include "reception/review_store.h"
#include "store/store.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge reviews import FILE [--json]\n"
        "       binge reviews weight OUTLET WEIGHT\n\n"
        "Critic reviews, CSV with the header\n"
        "  " REVIEW_CSV_HEADER "\n"
        "or JSON Lines with the same keys (.jsonl, or a first line that is an object).\n"
        "title is a series or film (name or id); season a season number or empty (the\n"
        "whole title); scale 10, 5, 100, letter or empty; verdict fresh, rotten or\n"
        "empty; panels approval, weighted, approval;weighted or empty (a verdict counts\n"
        "in approval, a score in weighted). Every bad row is named by its line and\n"
        "then nothing is stored. A review with the title, season, outlet and critic\n"
        "of a stored one replaces it, so importing a file twice changes nothing.\n"
        "weight sets an outlet's weight in the weighted score (default 1).\n\n"
        "  --json  {\"added\", \"replaced\"}; errors {\"error\": {\"code\", \"message\"}}\n";

#define FILE_MAX ((size_t)256 << 20)

struct parsed {
	struct review *reviews;
	size_t *line_of; /* per review: its line */
	size_t n, cap, line_cap;
	struct cli_bad_lines bad;
};

static bool same_key(const struct review *a, const struct review *b)
{
	return a->season == b->season && strcmp(a->title, b->title) == 0 &&
	       strcmp(a->outlet, b->outlet) == 0 && strcmp(a->critic, b->critic) == 0;
}

/* Parses every line; bad ones (and repeats of a review in the file) are named. */
static void parse_all(const char *data, size_t len, bool json_lines, struct parsed *p)
{
	struct lines lines;
	struct str l;
	lines_init(&lines, data, len);
	while (lines_next(&lines, &l)) {
		size_t line_no = lines.number;
		if (line_no == 1 && !json_lines) {
			if (!str_eq(l, REVIEW_CSV_HEADER))
				cli_bad_line(&p->bad, 1, "the header must be " REVIEW_CSV_HEADER);
			continue;
		}
		p->reviews = xgrow(p->reviews, sizeof(*p->reviews), p->n + 1, &p->cap);
		p->line_of = xgrow(p->line_of, sizeof(*p->line_of), p->n + 1, &p->line_cap);
		char msg[300];
		struct review *r = &p->reviews[p->n];
		enum bg_err rc = json_lines ? review_parse_json(l.ptr, l.len, r, msg, sizeof(msg))
		                            : review_parse_csv(l.ptr, l.len, r, msg, sizeof(msg));
		if (rc) {
			cli_bad_line(&p->bad, line_no, msg);
			continue;
		}
		for (size_t i = 0; i < p->n; i++)
			if (same_key(&p->reviews[i], r)) {
				snprintf(msg, sizeof(msg),
				         "the same review (title, season, outlet, critic) as line "
				         "%zu",
				         p->line_of[i]);
				cli_bad_line(&p->bad, line_no, msg);
				rc = BG_INVALID;
				break;
			}
		if (!rc)
			p->line_of[p->n++] = line_no;
	}
}

static int import(struct cli_args *args, const char *path)
{
	char *data;
	size_t len;
	enum bg_err rc = file_read_all(path, FILE_MAX, &data, &len);
	if (rc)
		return cli_fail(args->json, rc, "cannot read '%s'", path);
	size_t plen = strlen(path);
	bool json_lines = (plen > 6 && strcmp(path + plen - 6, ".jsonl") == 0);
	for (size_t i = 0;
	     !json_lines && i < len && !(plen > 4 && !strcmp(path + plen - 4, ".csv")); i++)
		if (data[i] != ' ' && data[i] != '\n' && data[i] != '\r' && data[i] != '\t') {
			json_lines = data[i] == '{';
			break;
		}
	struct parsed p = {.bad = CLI_BAD_LINES_INIT};
	parse_all(data, len, json_lines, &p);
	free(data);
	int code = EXIT_OK;
	struct store *st = NULL;
	if (p.bad.count) {
		code = cli_fail_bad_lines(args->json, path, &p.bad);
	} else if (!cli_open_store(args->db, args->json, &st)) {
		code = EXIT_RUNTIME;
	} else {
		size_t added, replaced, bad_index;
		char msg[400];
		rc = review_store_put(st, p.reviews, p.n, &added, &replaced, &bad_index, msg,
		                      sizeof(msg));
		if (rc == BG_INVALID && bad_index < p.n)
			code = cli_fail(args->json, rc, "'%s' line %zu: %s; nothing stored", path,
			                p.line_of[bad_index], msg);
		else if (rc)
			code = cli_fail(args->json, rc, "%s", store_errmsg(st));
		else if (args->json)
			cli_print_json(json_pack("{s:I,s:I}", "added", (json_int_t)added,
			                         "replaced", (json_int_t)replaced));
		else
			printf("%s: %zu reviews added, %zu replaced\n", path, added, replaced);
	}
	store_close(st);
	free(p.reviews);
	free(p.line_of);
	buf_release(&p.bad.text);
	return code;
}

int cmd_reviews(int argc, char **argv)
{
	struct cli_args args;
	int code = cli_parse(argc, argv, usage, NULL, &args);
	if (code >= 0)
		return code;
	if (args.rest_count == 2 && strcmp(args.rest[0], "import") == 0)
		return import(&args, args.rest[1]);
	if (args.rest_count != 3 || strcmp(args.rest[0], "weight") != 0)
		return cli_usage("reviews", "give import FILE, or weight OUTLET WEIGHT");
	char *end;
	double w = strtod(args.rest[2], &end);
	if (*end || !(w > 0 && w <= 1000))
		return cli_usage("reviews", "WEIGHT: a number above 0, at most 1000");
	struct store *st;
	if (!cli_open_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	enum bg_err rc = review_store_set_weight(st, args.rest[1], w);
	code = rc ? cli_fail(args.json, rc, "%s", store_errmsg(st)) : EXIT_OK;
	if (!rc && !args.json)
		printf("%s weighs %g in weighted scores\n", args.rest[1], w);
	store_close(st);
	return code;
}
