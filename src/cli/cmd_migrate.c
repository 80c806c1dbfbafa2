/*
 * cmd_migrate.c - `binge migrate --from SRC --to DST`: copies a whole
 * database between engines (SQLite file <-> PostgreSQL) and verifies it
 * table by table; see store/store_copy.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/progress.h"
#include "store/store.h"
#include "store/store_copy.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge migrate --from SRC --to DST [--resume] [--batch N] [--json]\n\n"
        "Copies every table of the database SRC into DST and verifies the copy by\n"
        "row counts and checksums per table. SRC and DST are each a SQLite file or\n"
        "a postgres:// URI, so this moves a catalogue from SQLite to PostgreSQL or\n"
        "back. DST is created or upgraded to the current schema; both ends must be\n"
        "at the same schema version afterwards.\n\n"
        "  --from SRC   the database to copy (not modified, but upgraded if older)\n"
        "  --to DST     the database to copy into; must be empty unless --resume\n"
        "  --resume     continue an interrupted copy into a non-empty DST\n"
        "  --batch N    rows per transaction (default 1000)\n"
        "  --json       print {\"tables\":[...],\"verified\":true} (see docs/cli.md)\n";

/* The target as shown to people: a URI's password is masked. */
static void redact(const char *target, char *out, size_t cap)
{
	const char *scheme = strstr(target, "://");
	const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
	const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
	if (!at || !colon || colon > at) {
		snprintf(out, cap, "%s", target);
		return;
	}
	snprintf(out, cap, "%.*s:***%s", (int)(colon - target), target, at);
}

static void show_progress(void *ctx, const char *table, int64_t done, int64_t total)
{
	struct progress *p = ctx;
	p->total = (size_t)total;
	progress_update(p, (size_t)done, table);
}

static json_t *report_json(const struct copy_report *r)
{
	json_t *tables = json_array();
	for (size_t i = 0; i < r->count; i++) {
		char sum[17];
		snprintf(sum, sizeof(sum), "%016llx", (unsigned long long)r->tables[i].target_sum);
		json_array_append_new(
		        tables, json_pack("{s:s,s:I,s:I,s:s}", "table", r->tables[i].name, "rows",
		                          (json_int_t)r->tables[i].target_rows, "copied",
		                          (json_int_t)r->tables[i].copied_rows, "checksum", sum));
	}
	return json_pack("{s:o,s:b}", "tables", tables, "verified", 1);
}

int cmd_migrate(int argc, char **argv)
{
	struct cli_args args;
	const char *from_arg = NULL, *to_arg = NULL, *batch_text = NULL;
	bool resume = false;
	const struct cli_opt opts[] = {{"from", &from_arg, NULL, NULL},
	                               {"to", &to_arg, NULL, NULL},
	                               {"resume", NULL, &resume, NULL},
	                               {"batch", &batch_text, NULL, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, usage, opts, &args);
	if (code >= 0)
		return code;
	long batch = 0;
	if (batch_text && !cli_number("migrate", "--batch", batch_text, 1, 1000000, &batch))
		return EXIT_USAGE;
	if (!from_arg || !to_arg)
		return cli_usage("migrate", "give both --from and --to");
	if (args.rest_count > 0)
		return cli_usage("migrate", "unexpected argument '%s'", args.rest[0]);
	if (strcmp(from_arg, to_arg) == 0)
		return cli_usage("migrate", "--from and --to name the same database");

	char from_name[512], to_name[512];
	redact(from_arg, from_name, sizeof(from_name));
	redact(to_arg, to_name, sizeof(to_name));
	struct store *from = NULL, *to = NULL;
	if (!cli_open_store(from_arg, args.json, &from) ||
	    !cli_open_store(to_arg, args.json, &to)) {
		store_close(from);
		return EXIT_RUNTIME;
	}
	struct progress prog;
	progress_start(&prog, "copying", 0);
	struct copy_options opt = {.resume = resume,
	                           .batch_rows = (size_t)batch,
	                           .progress = show_progress,
	                           .progress_ctx = &prog};
	struct copy_report report;
	struct store *failed;
	enum bg_err rc = store_copy(from, to, &opt, &report, &failed);
	progress_end(&prog);
	if (rc) {
		code = cli_fail(args.json, rc, "cannot migrate %s to %s: %s", from_name, to_name,
		                store_errmsg(failed ? failed : to));
	} else if (args.json) {
		cli_print_json(report_json(&report));
		code = EXIT_OK;
	} else {
		for (size_t i = 0; i < report.count; i++)
			printf("%-20s %8lld rows  checksum %016llx  %s\n", report.tables[i].name,
			       (long long)report.tables[i].target_rows,
			       (unsigned long long)report.tables[i].target_sum,
			       report.tables[i].copied_rows ? "copied" : "already there");
		printf("copied %s to %s: every table verified\n", from_name, to_name);
		code = EXIT_OK;
	}
	store_close(from);
	store_close(to);
	return code;
}
