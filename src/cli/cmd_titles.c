/* cmd_titles.c - `binge titles [--kind K]`: lists the catalogue. */
#include <stdio.h>
#include <stdlib.h>

#include "catalog/title_json.h"
#include "cli/cli.h"
#include "catalog/catalog_view.h"
#include "store/store.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge titles [--kind series|season|episode|film] [--db PATH] [--json]\n\n"
        "Lists series and films (or every title of one kind) by name.\n\n"
        "  --kind K    only titles of kind K\n"
        "  --db PATH   the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json      print {\"titles\":[...]} (see docs/cli.md)\n";

static void row_text(const struct title_row *r)
{
	printf("%6lld  %-7s  %-40s", (long long)r->id, title_kind_name(r->kind), r->name);
	if (r->first_aired[0])
		printf("  %s", r->first_aired);
	if (r->kind == TITLE_SERIES)
		printf("  %d seasons, %d episodes", r->season_count, r->episode_count);
	else if (r->kind == TITLE_SEASON)
		printf("  %d episodes", r->episode_count);
	putchar('\n');
}

int cmd_titles(int argc, char **argv)
{
	struct cli_args args;
	const char *kind_text = NULL;
	const struct cli_opt opts[] = {{"kind", &kind_text, NULL, NULL}, {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, usage, opts, &args);
	if (code >= 0)
		return code;
	if (args.rest_count > 0)
		return cli_usage("titles", "unexpected argument '%s'", args.rest[0]);
	enum title_kind kind;
	if (kind_text && !title_kind_parse(kind_text, &kind))
		return cli_usage("titles", "--kind wants series, season, episode or film, not '%s'",
		                 kind_text);

	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	struct title_rows rows = TITLE_ROWS_INIT;
	struct title_filter filter = {.kind = kind_text ? &kind : NULL};
	char *next = NULL;
	enum bg_err rc = catalog_view_list(st, NULL, &filter, &rows, &next);
	free(next);
	if (rc) {
		code = cli_fail(args.json, rc, "cannot list titles: %s", store_errmsg(st));
		goto out;
	}
	if (args.json) {
		json_t *list = json_array();
		for (size_t i = 0; i < rows.n; i++)
			json_array_append_new(list, title_row_json(&rows.items[i]));
		cli_print_json(json_pack("{s:o}", "titles", list));
	} else {
		for (size_t i = 0; i < rows.n; i++)
			row_text(&rows.items[i]);
	}
	code = EXIT_OK;
out:
	title_rows_release(&rows);
	store_close(st);
	return code;
}
