/* cmd_trickplay.c - `binge trickplay TITLE|--all`: seek-bar previews made ahead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog/catalog_store.h"
#include "cli/cli.h"
#include "core/date.h"
#include "core/progress.h"
#include "media/media_store.h"
#include "media/package_job_store.h"
#include "media/trickplay.h"
#include "store/store.h"
#include "core/banned.h"

static const char trickplay_usage[] =
        "usage: binge trickplay TITLE|--all [--trickplay DIR]\n\n"
        "Makes the seek-bar previews of a title's media files (or of every file):\n"
        "a thumbnail every 10 s, 320 pixels wide, in 10x10 JPEG sprite sheets with\n"
        "a WebVTT index, decoding keyframes only. Files already done are skipped;\n"
        "progress on a terminal. The player shows them while the pointer is over\n"
        "the seek bar.\n\n"
        "  --all            every media file of the catalogue\n"
        "  --trickplay DIR  where they go (default: $BINGE_TRICKPLAY, else trickplay/\n"
        "                   beside the database file, or binge-data/trickplay)\n"
        "  --db PATH|URI    the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json           print {\"made\", \"skipped\", \"failed\", \"seconds\"}\n";

enum bg_err cli_make_previews(struct store *st, const char *root, const int64_t *media, size_t n,
                              bool quiet, struct preview_counts *out)
{
	struct progress bar;
	if (!quiet)
		progress_start(&bar, "previews", n);
	enum bg_err rc = BG_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		struct media_location loc;
		rc = media_store_locate(st, media[i], &loc);
		if (rc)
			break;
		struct trickplay_source src = {.media_id = media[i], .path = loc.path,
		                               .size = loc.size, .mtime = loc.mtime,
		                               .duration_ms = loc.info.duration_ms,
		                               .width = loc.info.width, .height = loc.info.height};
		if (!quiet)
			progress_update(&bar, i + 1, loc.path);
		char msg[256];
		if (trickplay_exists(root, &src)) {
			out->skipped++;
		} else if (trickplay_make(root, &src, msg, sizeof(msg))) {
			fprintf(stderr, "binge: trickplay: %s\n", msg);
			out->failed++;
		} else {
			out->made++;
		}
	}
	if (!quiet)
		progress_end(&bar);
	return rc;
}

int cmd_trickplay(int argc, char **argv)
{
	const char *dir_option = NULL;
	bool all = false;
	struct cli_opt extra[] = {{"trickplay", &dir_option, NULL, NULL},
	                          {"all", NULL, &all, NULL},
	                          {NULL, NULL, NULL, NULL}};
	struct cli_args args;
	int code = cli_parse(argc, argv, trickplay_usage, extra, &args);
	if (code >= 0)
		return code;
	if (all == (args.rest_count == 1) || args.rest_count > 1)
		return cli_usage("trickplay", "name one TITLE, or --all");
	char root[4096];
	cli_shared_dir(dir_option, "BINGE_TRICKPLAY", "trickplay", args.db, root, sizeof(root));
	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	int64_t title_id = 0, *media = NULL;
	size_t n = 0;
	enum bg_err rc = all ? BG_OK : catalog_store_resolve(st, args.rest[0], &title_id);
	if (!rc)
		rc = package_job_media_of(st, title_id, &media, &n);
	if (!rc && !n)
		rc = store_set_error(st, BG_NOT_FOUND, "%s has no media files (run binge scan)",
		                     all ? "the catalogue" : args.rest[0]);
	struct preview_counts counts = {0};
	int64_t started = monotonic_ms();
	if (!rc)
		rc = cli_make_previews(st, root, media, n, args.json, &counts);
	free(media);
	double seconds = (double)(monotonic_ms() - started) / 1000.0;
	if (rc) {
		code = cli_fail(args.json, rc, "%s", store_errmsg(st));
	} else {
		code = counts.failed ? EXIT_RUNTIME : EXIT_OK;
		if (args.json)
			cli_print_json(json_pack("{s:i,s:i,s:i,s:f}", "made", counts.made, "skipped",
			                         counts.skipped, "failed", counts.failed, "seconds",
			                         seconds));
		else
			printf("previews made for %d files, %d already done, %d failed, in %.1f s\n",
			       counts.made, counts.skipped, counts.failed, seconds);
	}
	store_close(st);
	return code;
}
