/*
 * cmd_timeline.c - `binge timeline import FILE` and `binge timeline
 * FRANCHISE`: franchise story orders (reception/timeline.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/file.h"
#include "reception/timeline_report.h"
#include "store/store.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge timeline import FILE [--json]\n"
        "       binge timeline FRANCHISE [--json]\n\n"
        "Franchise timelines. import reads a JSON file\n"
        "  {\"franchise\": NAME, \"entries\": [{\"name\", \"released\": DATE, \"title\": T,\n"
        "   \"season\": N}], \"constraints\": [{\"entry\", \"after\": E, \"before\": E}]}\n"
        "(title and season link an entry to the catalogue; after and before may both\n"
        "be given: between) and replaces the franchise of that name. FRANCHISE shows\n"
        "the story order the constraints give (ties: the earlier release), the\n"
        "release order, and any constraints that contradict each other.\n\n"
        "  --json  {\"franchise\", \"story_order\": [{\"name\", \"released\", \"title_id\",\n"
        "          \"season\"}], \"release_order\": [...], \"contradictions\": [{\"entries\",\n"
        "          \"constraints\"}]}\n";

static int import(const struct cli_args *args, const char *path)
{
	char *text, msg[600];
	size_t len;
	enum bg_err rc = file_read_all(path, (size_t)16 << 20, &text, &len);
	if (rc)
		return cli_fail(args->json, rc, "cannot read '%s'", path);
	struct franchise f;
	rc = timeline_parse(text, len, &f, msg, sizeof(msg));
	free(text);
	if (rc)
		return cli_fail(args->json, rc, "%s: %s", path, msg);
	struct store *st;
	if (!cli_open_store(args->db, args->json, &st)) {
		franchise_release(&f);
		return EXIT_RUNTIME;
	}
	rc = franchise_store_put(st, &f, msg, sizeof(msg));
	int code = EXIT_OK;
	if (rc)
		code = cli_fail(args->json, rc, "%s: %s", path,
		                rc == BG_INVALID ? msg : store_errmsg(st));
	else if (args->json)
		cli_print_json(json_pack("{s:s,s:I,s:I}", "franchise", f.name, "entries",
		                         (json_int_t)f.n_entries, "constraints",
		                         (json_int_t)f.n_constraints));
	else
		printf("%s: %zu entries, %zu constraints\n", f.name, f.n_entries, f.n_constraints);
	franchise_release(&f);
	store_close(st);
	return code;
}

static void print_order(const char *heading, json_t *list)
{
	printf("%s\n", heading);
	size_t i;
	json_t *e;
	for (i = 0; (e = json_array_get(list, i)); i++) {
		json_t *released = json_object_get(e, "released");
		printf("  %2zu. %s%s%s%s\n", i + 1, json_string_value(json_object_get(e, "name")),
		       json_is_string(released) ? " (" : "",
		       json_is_string(released) ? json_string_value(released) : "",
		       json_is_string(released) ? ")" : "");
	}
}

int cmd_timeline(int argc, char **argv)
{
	struct cli_args args;
	int code = cli_parse(argc, argv, usage, NULL, &args);
	if (code >= 0)
		return code;
	if (args.rest_count == 2 && strcmp(args.rest[0], "import") == 0)
		return import(&args, args.rest[1]);
	if (args.rest_count != 1)
		return cli_usage("timeline", "give a franchise name, or import FILE");
	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	json_t *report;
	enum bg_err rc = timeline_report(st, args.rest[0], &report);
	code = EXIT_OK;
	if (rc) {
		code = cli_fail(args.json, rc, "%s", store_errmsg(st));
	} else if (args.json) {
		cli_print_json(report);
	} else {
		print_order("Story order", json_object_get(report, "story_order"));
		print_order("Release order", json_object_get(report, "release_order"));
		size_t i;
		json_t *c;
		for (i = 0; (c = json_array_get(json_object_get(report, "contradictions"), i));
		     i++) {
			printf("Contradiction:");
			size_t j;
			json_t *s;
			for (j = 0; (s = json_array_get(json_object_get(c, "constraints"), j)); j++)
				printf("%s %s", j ? ";" : "", json_string_value(s));
			printf("\n");
		}
		json_decref(report);
	}
	store_close(st);
	return code;
}
