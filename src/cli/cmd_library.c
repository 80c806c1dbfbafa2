/*
 * cmd_library.c - `binge library add|list`: the media folders binge scans
 * (binge scan, cmd_scan.c).
 */
/* realpath() is an X/Open function. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog/availability.h"
#include "cli/cli.h"
#include "core/date.h"
#include "media/media_store.h"
#include "store/store.h"
#include "core/banned.h"

static const char library_usage[] =
        "usage: binge library add DIR [--platform NAME] [--territories CC,...|worldwide]\n"
        "                             [--no-window]\n"
        "       binge library list\n\n"
        "Media folders binge scans (binge scan). Folders follow the usual naming:\n"
        "  Show Name (2015)/Season 01/Show Name - S01E01 - Episode Title.mkv\n"
        "  Film Name (2019)/Film Name (2019).mp4\n\n"
        "A library's availability policy: every series or film a scan creates gets\n"
        "a licence window on --platform (default: binge, your own service) in\n"
        "--territories (default: worldwide) from the scan's time, so viewers see it\n"
        "at once. With --no-window its titles wait for windows you add (binge avail).\n\n"
        "  --platform NAME          the policy's platform (default: binge)\n"
        "  --territories CODES      ISO 3166-1 codes, comma-separated, or worldwide\n"
        "  --no-window              no policy: scanned titles are seen by no viewer\n"
        "  --db PATH|URI  the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         machine-readable output\n";

int cmd_library(int argc, char **argv)
{
	struct cli_args args;
	const char *platform = NULL, *territories = NULL;
	bool no_window = false;
	const struct cli_opt opts[] = {{"platform", &platform, NULL, NULL},
	                               {"territories", &territories, NULL, NULL},
	                               {"no-window", NULL, &no_window, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, library_usage, opts, &args);
	if (code >= 0)
		return code;
	bool add = args.rest_count == 2 && strcmp(args.rest[0], "add") == 0;
	bool list = args.rest_count == 1 && strcmp(args.rest[0], "list") == 0;
	if (!add && !list)
		return cli_usage("library", "say 'library add DIR' or 'library list'");
	if (no_window && (platform || territories))
		return cli_usage("library", "--no-window takes no --platform or --territories");
	if (!platform)
		platform = POLICY_DEFAULT_PLATFORM;
	if (!territories)
		territories = POLICY_DEFAULT_TERRITORIES;
	char msg[200];
	if (!no_window && licence_policy_check(platform, territories, msg, sizeof(msg)))
		return cli_usage("library", "%s", msg);
	char path[PATH_MAX];
	struct stat sb;
	if (add && (!realpath(args.rest[1], path) || stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode)))
		return cli_usage("library", "'%s' is not a folder%s%s", args.rest[1],
		                 errno ? ": " : "", errno ? strerror(errno) : "");
	struct store *st;
	if (!cli_open_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	code = EXIT_OK;
	if (add) {
		char now[DATE_TIME_LEN + 1];
		date_time_format(date_time_now(), now);
		int64_t id;
		enum bg_err rc = media_store_add_library(st, path, now, no_window ? NULL : platform,
		                                         territories, &id);
		if (rc)
			code = cli_fail(args.json, rc, "%s", store_errmsg(st));
		else if (args.json)
			cli_print_json(json_pack("{s:I,s:s,s:o}", "id", (json_int_t)id, "path", path,
			                         "availability",
			                         no_window ? json_null()
			                                   : json_pack("{s:s,s:s}", "platform",
			                                               platform, "territories",
			                                               territories)));
		else if (no_window)
			printf("added library %lld: %s (its titles wait for licence windows)\n",
			       (long long)id, path);
		else
			printf("added library %lld: %s (its titles on %s, %s)\n", (long long)id, path,
			       platform, territories);
	} else {
		struct library *libs;
		size_t n;
		enum bg_err rc = media_store_libraries(st, &libs, &n);
		if (rc) {
			code = cli_fail(args.json, rc, "%s", store_errmsg(st));
		} else {
			json_t *items = json_array();
			for (size_t i = 0; i < n; i++) {
				if (args.json)
					json_array_append_new(
					        items,
					        json_pack("{s:I,s:s,s:I,s:o}", "id", (json_int_t)libs[i].id,
					                  "path", libs[i].path, "files",
					                  (json_int_t)libs[i].files, "availability",
					                  libs[i].platform[0]
					                          ? json_pack("{s:s,s:s}", "platform",
					                                      libs[i].platform, "territories",
					                                      libs[i].territories)
					                          : json_null()));
				else
					printf("%6lld  %8lld files  %s  (%s%s%s)\n", (long long)libs[i].id,
					       (long long)libs[i].files, libs[i].path,
					       libs[i].platform[0] ? libs[i].platform : "no window",
					       libs[i].platform[0] ? ", " : "", libs[i].territories);
			}
			if (args.json)
				cli_print_json(json_pack("{s:o}", "items", items));
			else
				json_decref(items);
		}
		free(libs);
	}
	store_close(st);
	return code;
}
