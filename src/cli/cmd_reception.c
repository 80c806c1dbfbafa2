/* cmd_reception.c - `binge reception TITLE`: critic aggregates (reception/reception_report.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "reception/reception_report.h"
#include "store/store.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge reception TITLE [--json]\n\n"
        "The critic reception of a series or film (a name or id) from its reviews\n"
        "(binge reviews import): per season and pooled over the whole title, the\n"
        "approval percentage (from 5 reviews) with its 95% Wilson interval, the\n"
        "average rating out of 10, fresh at 60%, the certified badge (seasons: 75%,\n"
        "20 reviews, 5 top critics), a shrunk approval for ranking, and the weighted\n"
        "0-100 score (from 4 reviews) with its band. docs/reception.md.\n\n"
        "  --json  {\"title\", \"series\": {...}, \"seasons\": [{\"number\", \"approval\",\n"
        "          \"approval_low\", \"approval_high\", \"average\", \"reviews\", \"fresh\",\n"
        "          \"certified\", \"score\", \"score_reviews\", \"band\", ...}]}\n";

static void print_figures(const char *label, json_t *f)
{
	json_t *approval = json_object_get(f, "approval"), *score = json_object_get(f, "score");
	printf("%-10s", label);
	if (json_is_integer(approval))
		printf("  %3lld%% approval (95%% %.1f-%.1f) of %lld reviews, %s%s%s",
		       (long long)json_integer_value(approval),
		       json_real_value(json_object_get(f, "approval_low")),
		       json_real_value(json_object_get(f, "approval_high")),
		       (long long)json_integer_value(json_object_get(f, "reviews")),
		       json_is_true(json_object_get(f, "fresh")) ? "fresh" : "rotten",
		       json_is_true(json_object_get(f, "uncertain")) ? " (the interval holds 60%)"
		                                                     : "",
		       json_is_true(json_object_get(f, "certified")) ? ", certified" : "");
	else
		printf("  approval: %lld reviews, too few",
		       (long long)json_integer_value(json_object_get(f, "reviews")));
	if (json_is_real(json_object_get(f, "average")))
		printf(", average %.1f/10", json_real_value(json_object_get(f, "average")));
	if (json_is_integer(score))
		printf("; score %lld/100 from %lld (%s)", (long long)json_integer_value(score),
		       (long long)json_integer_value(json_object_get(f, "score_reviews")),
		       json_string_value(json_object_get(f, "band")));
	printf("\n");
}

static void print_reception(json_t *report)
{
	print_figures(json_string_value(json_object_get(json_object_get(report, "title"), "name")),
	              json_object_get(report, "series"));
	json_t *seasons = json_object_get(report, "seasons"), *s;
	for (size_t i = 0; (s = json_array_get(seasons, i)); i++) {
		char label[32];
		snprintf(label, sizeof(label), "season %lld",
		         (long long)json_integer_value(json_object_get(s, "number")));
		print_figures(label, s);
	}
}

int cmd_reception(int argc, char **argv)
{
	struct cli_args args;
	int code = cli_parse(argc, argv, usage, NULL, &args);
	if (code >= 0)
		return code;
	if (args.rest_count != 1)
		return cli_usage("reception", "give one title (a name or id)");
	return cli_title_report(&args, reception_report, print_reception);
}
