/*
 * cmd_scan.c - `binge scan`: brings the catalogue into agreement with the
 * media folders (media/scan.h), with progress on a terminal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/mem.h"
#include "core/progress.h"
#include "media/media_store.h"
#include "media/package_job_store.h"
#include "catalog/artwork_store.h"
#include "media/scan.h"
#include "media/still.h"
#include "store/store.h"
#include "core/banned.h"

static const char scan_usage[] =
        "usage: binge scan [--trickplay] [--json]\n\n"
        "Scans every library: probes new and changed video files with ffprobe,\n"
        "links them to the episodes and films their names give (creating what the\n"
        "catalogue lacks), follows moved files and forgets deleted ones. A file\n"
        "ffprobe has read before (the same device, inode, size and time, in any\n"
        "library) is not probed again. Files that\n"
        "are not media are reported and skipped. NFO files and artwork beside the\n"
        "media fill in the titles (docs/catalogue.md); episodes with no still get one\n"
        "made by FFmpeg near a tenth of their runtime ($BINGE_STILLS, else stills/\n"
        "beside the database). Progress on a terminal.\n\n"
        "  --trickplay    then make the seek-bar previews files lack (binge trickplay)\n"
        "  --db PATH|URI  the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         print {\"libraries\":[{\"path\",\"added\",...,\"problems\"}]}\n"
        "                 (and \"stills\": {\"made\",\"failed\"}, \"previews\":\n"
        "                 {\"made\",\"skipped\",\"failed\"})\n";

/* Stills for the episodes that have none; counts what was made and what failed. */
static enum bg_err make_stills(struct store *st, const char *db, bool json, int *made, int *failed)
{
	char dir[4096];
	cli_shared_dir(NULL, "BINGE_STILLS", "stills", db, dir, sizeof(dir));
	struct still_source *todo = NULL;
	size_t n = 0;
	enum bg_err rc = media_store_without_stills(st, 1000000, &todo, &n);
	struct progress prog;
	struct still_result *made_now = xcalloc(n ? n : 1, sizeof(*made_now));
	if (!rc && n) {
		progress_start(&prog, "stills", n);
		still_make_many(dir, todo, n, made_now, &prog);
	}
	for (size_t i = 0; i < n && !rc; i++) {
		if (made_now[i].rc) {
			if (!json)
				fprintf(stderr, "binge: no still: %s\n", made_now[i].msg);
			(*failed)++;
			continue;
		}
		struct stat sb;
		bool changed;
		const char *path = made_now[i].path;
		rc = artwork_store_put(st, todo[i].title_id, ARTWORK_STILL, path,
		                       stat(path, &sb) == 0 ? (int64_t)sb.st_size : 0,
		                       todo[i].mtime, true, &changed);
		*made += !rc;
	}
	free(made_now);
	if (!rc && n)
		progress_end(&prog);
	free(todo);
	return rc;
}

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
	bool wrote = false; /* files added, changed, moved or deleted */
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
		for (size_t p = 0; p < r.problems.n && !args.json; p++)
			fprintf(stderr, "binge: skipped %s\n", r.problems.items[p]);
		if (!args.json) {
			char reach[1024];
			scan_report_reach_text(&r, reach, sizeof(reach));
			printf("%s: %d added, %d changed, %d moved, %d deleted, %d unchanged, "
			       "%d skipped, %d with new subtitle files, %d NFO files read, %d new "
			       "images\n"
			       "  %s\n",
			       libs[i].path, r.added, r.changed, r.moved, r.deleted, r.unchanged,
			       r.skipped, r.subtitles, r.nfo, r.images, reach);
			if (r.probes_cached)
				printf("  %d files not probed again: the probe cache knew them\n",
				       r.probes_cached);
		}
		wrote = wrote || r.added || r.changed || r.moved || r.deleted;
		json_t *one = scan_report_json(&r);
		json_object_set_new(one, "path", json_string(libs[i].path));
		json_array_append_new(out, one);
		scan_report_release(&r);
	}
	int stills_made = 0, stills_failed = 0;
	/* The planner's statistics of the tables a scan's reads plan by, when it
	 * wrote: on PostgreSQL a whole ANALYZE (129 ms) was most of an
	 * unchanged re-scan of 3,000 files. (The probe cache is read by key
	 * alone, and its JSON column cost 24 ms to analyse.) */
	static const char *const scanned[] = {"title", "media_file", "media_track", NULL};
	if (code == EXIT_OK && wrote && (rc = store_analyze(st, scanned)) != BG_OK)
		code = cli_fail(args.json, rc, "%s", store_errmsg(st));
	if (code == EXIT_OK) {
		rc = make_stills(st, args.db, args.json, &stills_made, &stills_failed);
		if (rc)
			code = cli_fail(args.json, rc, "%s", store_errmsg(st));
		else if (!args.json && (stills_made || stills_failed))
			printf("stills made for %d episodes, %d failed\n", stills_made,
			       stills_failed);
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
		previews = json_pack("{s:i,s:i,s:i}", "made", counts.made, "skipped",
		                     counts.skipped, "failed", counts.failed);
		if (!args.json && !rc)
			printf("previews made for %d files, %d already done, %d failed\n",
			       counts.made, counts.skipped, counts.failed);
	}
	if (args.json && code != EXIT_USAGE && !rc)
		cli_print_json(json_pack("{s:o,s:{s:i,s:i},s:o}", "libraries", out, "stills",
		                         "made", stills_made, "failed", stills_failed, "previews",
		                         previews));
	else {
		json_decref(out);
		json_decref(previews);
	}
	free(libs);
	store_close(st);
	return code;
}
