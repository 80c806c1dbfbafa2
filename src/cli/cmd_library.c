/*
 * cmd_library.c - `binge library add|list` and `binge scan`: media folders
 * and bringing the catalogue into agreement with them (media/scan.h).
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
#include "core/progress.h"
#include "media/scan.h"
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

static const char scan_usage[] =
        "usage: binge scan [--json]\n\n"
        "Scans every library: probes new and changed video files with ffprobe,\n"
        "links them to the episodes and films their names give (creating what the\n"
        "catalogue lacks), follows moved files and forgets deleted ones. Files that\n"
        "are not media are reported and skipped. Progress on a terminal.\n\n"
        "  --db PATH|URI  the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         print {\"libraries\":[{\"path\",\"added\",...,\"problems\"}]}\n";

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

int cmd_scan(int argc, char **argv)
{
	struct cli_args args;
	int code = cli_parse(argc, argv, scan_usage, NULL, &args);
	if (code >= 0)
		return code;
	if (args.rest_count)
		return cli_usage("scan", "unexpected argument '%s'", args.rest[0]);
	struct store *st;
	if (!cli_open_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	struct library *libs;
	size_t n;
	enum bg_err rc = media_store_libraries(st, &libs, &n);
	if (rc) {
		code = cli_fail(args.json, rc, "%s", store_errmsg(st));
		store_close(st);
		return code;
	}
	json_t *out = json_array();
	code = EXIT_OK;
	for (size_t i = 0; i < n; i++) {
		struct scan_report r = {0};
		struct progress prog;
		char msg[512] = "";
		rc = scan_library(st, &libs[i], &prog, &r, msg, sizeof(msg));
		if (rc) {
			code = cli_fail(args.json, rc, "%s", msg);
			scan_report_release(&r);
			break;
		}
		json_t *problems = json_array();
		for (size_t p = 0; p < r.problems.n; p++) {
			json_array_append_new(problems, json_string(r.problems.items[p]));
			if (!args.json)
				fprintf(stderr, "binge: skipped %s\n", r.problems.items[p]);
		}
		if (!args.json)
			printf("%s: %d added, %d changed, %d moved, %d deleted, %d unchanged, "
			       "%d skipped\n",
			       libs[i].path, r.added, r.changed, r.moved, r.deleted, r.unchanged,
			       r.skipped);
		json_array_append_new(out, json_pack("{s:s,s:i,s:i,s:i,s:i,s:i,s:i,s:o}", "path",
		                                     libs[i].path, "added", r.added, "changed",
		                                     r.changed, "moved", r.moved, "deleted",
		                                     r.deleted, "unchanged", r.unchanged, "skipped",
		                                     r.skipped, "problems", problems));
		scan_report_release(&r);
	}
	if (args.json && code == EXIT_OK)
		cli_print_json(json_pack("{s:o}", "libraries", out));
	else
		json_decref(out);
	free(libs);
	store_close(st);
	return code;
}
