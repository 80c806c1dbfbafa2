/*
 * cmd_scan.c - `binge scan`: brings the catalogue into agreement with the
 * media folders (media/scan.h), with progress on a terminal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/progress.h"
#include "media/media_store.h"
#include "media/package_job_store.h"
#include "media/scan.h"
#include "store/store.h"
#include "core/banned.h"

static const char scan_usage[] =
        "usage: binge scan [--trickplay] [--json]\n\n"
        "Scans every library: probes new and changed video files with ffprobe,\n"
        "links them to the episodes and films their names give (creating what the\n"
        "catalogue lacks), follows moved files and forgets deleted ones. Files that\n"
        "are not media are reported and skipped. Progress on a terminal.\n\n"
        "  --trickplay    then make the seek-bar previews files lack (binge trickplay)\n"
        "  --db PATH|URI  the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         print {\"libraries\":[{\"path\",\"added\",...,\"problems\"}]}\n"
        "                 (and \"previews\": {\"made\",\"skipped\",\"failed\"})\n";

int cmd_scan(int argc, char **argv)
{
	bool trickplay = false;
	struct cli_opt extra[] = {{"trickplay", NULL, &trickplay, NULL}, {NULL, NULL, NULL, NULL}};
	struct cli_args args;
	int code = cli_parse(argc, argv, scan_usage, extra, &args);
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
			       "%d skipped, %d with new subtitle files, %d NFO files read, %d new images\n",
			       libs[i].path, r.added, r.changed, r.moved, r.deleted, r.unchanged,
			       r.skipped, r.subtitles, r.nfo, r.images);
		json_array_append_new(out, json_pack("{s:s,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:o}",
		                                     "path", libs[i].path, "added", r.added, "changed",
		                                     r.changed, "moved", r.moved, "deleted",
		                                     r.deleted, "unchanged", r.unchanged, "skipped",
		                                     r.skipped, "subtitles", r.subtitles, "nfo", r.nfo, "images", r.images,
		                                     "problems", problems));
		scan_report_release(&r);
	}
	json_t *previews = json_null();
	if (trickplay && code == EXIT_OK) {
		char root[4096];
		cli_shared_dir(NULL, "BINGE_TRICKPLAY", "trickplay", args.db, root, sizeof(root));
		int64_t *media = NULL;
		size_t media_n = 0;
		struct preview_counts counts = {0};
		rc = package_job_media_of(st, 0, &media, &media_n);
		if (!rc)
			rc = cli_make_previews(st, root, media, media_n, args.json, &counts);
		free(media);
		if (rc)
			code = cli_fail(args.json, rc, "%s", store_errmsg(st));
		else if (counts.failed)
			code = EXIT_RUNTIME;
		previews = json_pack("{s:i,s:i,s:i}", "made", counts.made, "skipped", counts.skipped,
		                     "failed", counts.failed);
		if (!args.json && !rc)
			printf("previews made for %d files, %d already done, %d failed\n", counts.made,
			       counts.skipped, counts.failed);
	}
	if (args.json && code != EXIT_USAGE && !rc)
		cli_print_json(json_pack("{s:o,s:o}", "libraries", out, "previews", previews));
	else {
		json_decref(out);
		json_decref(previews);
	}
	free(libs);
	store_close(st);
	return code;
}
