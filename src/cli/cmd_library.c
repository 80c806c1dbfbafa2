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

#include "cli/cli.h"
#include "core/date.h"
#include "media/media_store.h"
#include "store/store.h"
#include "core/banned.h"

static const char library_usage[] =
        "usage: binge library add DIR\n"
        "       binge library list\n\n"
        "Media folders binge scans (binge scan). Folders follow the usual naming:\n"
        "  Show Name (2015)/Season 01/Show Name - S01E01 - Episode Title.mkv\n"
        "  Film Name (2019)/Film Name (2019).mp4\n\n"
        "  --db PATH|URI  the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         machine-readable output\n";

int cmd_library(int argc, char **argv)
{
	struct cli_args args;
	int code = cli_parse(argc, argv, library_usage, NULL, &args);
	if (code >= 0)
		return code;
	bool add = args.rest_count == 2 && strcmp(args.rest[0], "add") == 0;
	bool list = args.rest_count == 1 && strcmp(args.rest[0], "list") == 0;
	if (!add && !list)
		return cli_usage("library", "say 'library add DIR' or 'library list'");
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
		enum bg_err rc = media_store_add_library(st, path, now, &id);
		if (rc)
			code = cli_fail(args.json, rc, "%s", store_errmsg(st));
		else if (args.json)
			cli_print_json(json_pack("{s:I,s:s}", "id", (json_int_t)id, "path", path));
		else
			printf("added library %lld: %s\n", (long long)id, path);
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
					        items, json_pack("{s:I,s:s,s:I}", "id",
					                         (json_int_t)libs[i].id, "path",
					                         libs[i].path, "files",
					                         (json_int_t)libs[i].files));
				else
					printf("%6lld  %8lld files  %s\n", (long long)libs[i].id,
					       (long long)libs[i].files, libs[i].path);
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
