/*
 * cmd_avail.c - `binge avail add|list|clear`: a title's licence windows per
 * territory, as an operator manages them from the command line. Each write
 * is one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/title_json.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "catalog/availability_store.h"
#include "catalog/catalog_store.h"
#include "store/store.h"
#include "core/banned.h"

static const char avail_usage[] =
        "usage: binge avail add TITLE --platform NAME --territories CC,CC,...|worldwide\n"
        "                         --from DATE [--until DATE]\n"
        "       binge avail list TITLE\n"
        "       binge avail clear TITLE\n\n"
        "Licence windows: TITLE (a name or id) streams on platform NAME in the given\n"
        "ISO 3166-1 territories (or worldwide) from DATE until the start of --until\n"
        "(open-ended without it). Dates are YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, UTC.\n"
        "A title with no window is available to no viewer.\n\n"
        "  --db PATH|URI  the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         machine-readable output\n";

/* A window to add to the title, or (NULL) every window to clear. */
struct job {
	int64_t id;
	const struct licence_window *window;
};

static enum bg_err write_windows(struct store *st, void *ctx)
{
	struct job *j = ctx;
	if (j->window)
		return availability_store_add_window(st, j->id, j->window);
	struct licence_windows none = LICENCE_WINDOWS_INIT;
	return availability_store_set_windows(st, j->id, &none);
}

static int avail_list(const struct cli_args *args, const char *title)
{
	struct store *st;
	if (!cli_open_store(args->db, args->json, &st))
		return EXIT_RUNTIME;
	int64_t id;
	struct licence_windows w = LICENCE_WINDOWS_INIT;
	enum bg_err rc = catalog_store_resolve(st, title, &id);
	if (!rc)
		rc = availability_store_windows(st, id, &w);
	int code = rc ? cli_fail(args->json, rc, "%s", store_errmsg(st)) : EXIT_OK;
	for (size_t i = 0; i < w.n && !rc && !args->json; i++) {
		struct licence_window *x = &w.items[i];
		struct buf text = BUF_INIT(BUF_MAX_SMALL);
		for (size_t t = 0; t < x->territories.n; t++)
			buf_addf(&text, "%s%s", t ? "," : "", x->territories.items[t]);
		printf("%-12s %-30s from %s%s%s\n", x->platform,
		       x->worldwide ? "worldwide" : text.ptr, x->starts_at,
		       x->ends_at[0] ? " until " : "", x->ends_at);
		buf_release(&text);
	}
	if (!rc && args->json)
		cli_print_json(licence_windows_json(&w));
	licence_windows_release(&w);
	store_close(st);
	return code;
}

int cmd_avail(int argc, char **argv)
{
	struct cli_args args;
	const char *platform = NULL, *territories = NULL, *from = NULL, *until = NULL;
	const struct cli_opt opts[] = {{"platform", &platform, NULL, NULL},
	                               {"territories", &territories, NULL, NULL},
	                               {"from", &from, NULL, NULL},
	                               {"until", &until, NULL, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, avail_usage, opts, &args);
	if (code >= 0)
		return code;
	if (args.rest_count != 2)
		return cli_usage("avail", "say 'avail add|list|clear TITLE'");
	const char *verb = args.rest[0], *title = args.rest[1];
	if (strcmp(verb, "list") == 0)
		return avail_list(&args, title);
	struct job job = {0};
	if (strcmp(verb, "clear") == 0) {
		code = cli_write_title(&args, title, &job.id, write_windows, &job);
		if (!code && !args.json)
			printf("cleared the licence windows of '%s'\n", title);
		return code;
	}
	if (strcmp(verb, "add") != 0)
		return cli_usage("avail", "unknown action '%s'; add, list or clear", verb);
	if (!platform || !territories || !from)
		return cli_usage("avail", "add needs --platform, --territories and --from");
	struct licence_window w = {.platform = (char *)platform};
	licence_window_set_territories(&w, territories);
	snprintf(w.starts_at, sizeof(w.starts_at), "%.20s", from);
	snprintf(w.ends_at, sizeof(w.ends_at), "%.20s", until ? until : "");
	char msg[200];
	if (licence_window_check(&w, msg, sizeof(msg)) || strlen(from) > DATE_TIME_LEN ||
	    (until && strlen(until) > DATE_TIME_LEN)) {
		strlist_release(&w.territories);
		return cli_usage("avail", "%s", msg[0] ? msg : "dates are YYYY-MM-DD");
	}
	job.window = &w;
	code = cli_write_title(&args, title, &job.id, write_windows, &job);
	if (!code && args.json)
		cli_print_json(json_pack("{s:I,s:s,s:s}", "title_id", (json_int_t)job.id,
		                         "platform", platform, "from", from));
	else if (!code)
		printf("'%s' is on %s in %s from %s%s%s\n", title, platform, territories, from,
		       until ? " until " : "", until ? until : "");
	strlist_release(&w.territories);
	return code;
}
