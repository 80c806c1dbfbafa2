/*
 * cmd_awards.c - `binge awards TITLE` and `binge awards import FILE`: a
 * title's awards and nominations, and importing them from CSV (every bad
 * row named by its line, then nothing stored).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/file.h"
#include "core/lines.h"
#include "core/mem.h"
#include "reception/accolades.h"
#include "reception/award_store.h"
#include "reception/reception_report.h"
#include "store/store.h"
#include "core/banned.h"

static const char awards_usage[] =
        "usage: binge awards TITLE [--json]\n"
        "       binge awards import FILE [--json]\n\n"
        "The awards and nominations of a series or film (a name or id): those read\n"
        "from its article's Accolades table (binge import wiki) and those imported\n"
        "from CSV files with the header\n"
        "  " NOMINATION_CSV_HEADER "\n"
        "(result won, nominated, pending or empty = unknown; season and episode\n"
        "optional). Every bad row is named by its line and then nothing is stored.\n"
        "Nominees are linked to the catalogue's people and episodes by name.\n\n"
        "  --json  {\"title\", \"items\": [{\"year\", \"award\", \"category\", \"nominee\",\n"
        "          \"nominee_kind\", \"result\"}], \"won\", \"nominated\"}\n";

static int awards_import(const struct cli_args *args, const char *path)
{
	char *data;
	size_t len;
	enum bg_err rc = file_read_all(path, (size_t)64 << 20, &data, &len);
	if (rc)
		return cli_fail(args->json, rc, "cannot read '%s'", path);
	struct nomination *rows = NULL;
	size_t *line_of = NULL, n = 0, rows_cap = 0, lines_cap = 0;
	struct cli_bad_lines bad = CLI_BAD_LINES_INIT;
	struct lines lines;
	struct str l;
	lines_init(&lines, data, len);
	while (lines_next(&lines, &l)) {
		char msg[300];
		if (lines.number == 1) {
			if (!str_eq(l, NOMINATION_CSV_HEADER))
				cli_bad_line(&bad, 1, "the header must be " NOMINATION_CSV_HEADER);
			continue;
		}
		rows = xgrow(rows, sizeof(*rows), n + 1, &rows_cap);
		line_of = xgrow(line_of, sizeof(*line_of), n + 1, &lines_cap);
		if (nomination_parse_csv(l.ptr, l.len, &rows[n], msg, sizeof(msg))) {
			cli_bad_line(&bad, lines.number, msg);
			continue;
		}
		line_of[n++] = lines.number;
	}
	free(data);
	int code = EXIT_OK;
	struct store *st = NULL;
	if (bad.count) {
		code = cli_fail_bad_lines(args->json, path, &bad);
	} else if (!cli_open_store(args->db, args->json, &st)) {
		code = EXIT_RUNTIME;
	} else {
		size_t bad_index = 0;
		char msg[400];
		rc = award_store_put(st, rows, n, &bad_index, msg, sizeof(msg));
		if (rc == BG_INVALID && bad_index < n)
			code = cli_fail(args->json, rc, "'%s' line %zu: %s; nothing stored", path,
			                line_of[bad_index], msg);
		else if (rc)
			code = cli_fail(args->json, rc, "%s", store_errmsg(st));
		else if (args->json)
			cli_print_json(json_pack("{s:I}", "stored", (json_int_t)n));
		else
			printf("%s: %zu nominations stored\n", path, n);
	}
	store_close(st);
	free(rows);
	free(line_of);
	buf_release(&bad.text);
	return code;
}

static void print_awards(json_t *report)
{
	json_t *items = json_object_get(report, "items"), *a;
	for (size_t i = 0; (a = json_array_get(items, i)); i++)
		printf("%lld  %s: %s - %s (%s)\n",
		       (long long)json_integer_value(json_object_get(a, "year")),
		       json_string_value(json_object_get(a, "award")),
		       json_string_value(json_object_get(a, "category")),
		       json_string_value(json_object_get(a, "nominee")),
		       json_string_value(json_object_get(a, "result")));
	if (!json_array_size(items))
		printf("no accolades recorded\n");
}

int cmd_awards(int argc, char **argv)
{
	struct cli_args args;
	int code = cli_parse(argc, argv, awards_usage, NULL, &args);
	if (code >= 0)
		return code;
	if (args.rest_count == 2 && strcmp(args.rest[0], "import") == 0)
		return awards_import(&args, args.rest[1]);
	if (args.rest_count != 1)
		return cli_usage("awards", "give one title (a name or id)");
	return cli_title_report(&args, awards_report, print_awards);
}
