/*
 * cmd_package.c - `binge package` and `binge worker`: HLS ladders made
 * ahead (media/package.h) through the packaging queue
 * (media/package_job_store.h).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalog/catalog_store.h"
#include "cli/cli.h"
#include "core/progress.h"
#include "media/delivery.h"
#include "media/package_job_store.h"
#include "media/package_worker.h"
#include "store/store.h"
#include "core/banned.h"

#define DEFAULT_LADDER "2160,1080,720,480,360"

static const char package_usage[] =
        "usage: binge package TITLE|--all [--ladder HEIGHTS] [--queue] [--packages DIR] [--json]\n\n"
        "Packages a title's media (a series: every episode's) as a static HLS ladder:\n"
        "fMP4 segments of every rendition, made once with FFmpeg and then served as\n"
        "files, by binge or by any web server in front of it (docs/deploy.md). Each\n"
        "file becomes a job in the packaging queue; this command then works the\n"
        "queue until it is empty, beside any `binge worker` sharing it, with\n"
        "progress on a terminal. Renditions taller than the source are left out.\n\n"
        "  --all            every title's media\n"
        "  --ladder HEIGHTS the rungs, from 2160,1440,1080,720,480,360 (default\n"
        "                   " DEFAULT_LADDER ")\n"
        "  --queue          queue the jobs only, for workers elsewhere\n"
        "  --packages DIR   where packages go (default: $BINGE_PACKAGES, else\n"
        "                   packages/ beside the database; shared by every server)\n"
        "  --db PATH|URI    the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json           print {\"queued\",\"jobs\":[{\"job\",\"media\",\"ok\",...}]}\n";

static const char worker_usage[] =
        "usage: binge worker [--once] [--lease SECONDS] [--packages DIR] [--json]\n\n"
        "Works the packaging queue (binge package --queue): takes the oldest job,\n"
        "packages its file, and takes the next, until SIGTERM or SIGINT (the job in\n"
        "hand goes back to the queue). Any number of workers may share a PostgreSQL\n"
        "database, on machines that see the same media and package directories. A\n"
        "worker renews its hold on a job while FFmpeg runs; a job held by a worker\n"
        "that stopped renewing (killed, machine lost) is taken again after the lease.\n\n"
        "  --once           stop when the queue is empty\n"
        "  --lease SECONDS  how long a job stays held without renewal (default 30)\n"
        "  --packages DIR   where packages go (default: $BINGE_PACKAGES, else\n"
        "                   packages/ beside the database)\n"
        "  --db PATH|URI    the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json           print each job's outcome as a JSON line\n";

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void catch_stop_signals(void)
{
	struct sigaction sa = {.sa_handler = on_stop};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

struct shown {
	struct progress bar;
	const struct package_worker *w;
};

/* "packaging 37/100 (37%) media 12, ladder 1080,720,480" */
static void show_progress(double done, void *ctx)
{
	struct shown *s = ctx;
	char label[160];
	snprintf(label, sizeof(label), "media %lld, ladder %s", (long long)s->w->current.media_id,
	         s->w->current.ladder);
	progress_update(&s->bar, (size_t)(done * 100.0), label);
}

static json_t *turn_json(const struct package_turn *t)
{
	return json_pack("{s:I,s:I,s:b,s:b,s:i,s:o}", "job", (json_int_t)t->job.id, "media",
	                 (json_int_t)t->job.media_id, "ok", t->ok, "made", t->made, "renditions",
	                 t->renditions, "error", t->ok ? json_null() : json_string(t->error));
}

static void print_turn(const struct package_turn *t)
{
	if (t->ok)
		printf("media %lld: %s (%d renditions, ladder %s)\n", (long long)t->job.media_id,
		       t->made ? "packaged" : "already packaged", t->renditions, t->job.ladder);
	else
		fprintf(stderr, "binge: media %lld not packaged: %s\n", (long long)t->job.media_id,
		        t->error);
}

/* Works the queue until it is empty or a stop; each outcome to jobs (JSON) or printed. */
static enum bg_err work_queue(struct store *st, struct package_worker *w, bool once, bool json,
                              json_t *jobs, int *failed)
{
	struct shown shown;
	progress_start(&shown.bar, "packaging", 100);
	w->progress = show_progress;
	w->progress_ctx = &shown;
	shown.w = w;
	while (!stop_requested) {
		struct package_turn t;
		enum bg_err rc = package_worker_turn(st, w, &t);
		if (rc) {
			progress_end(&shown.bar);
			return rc;
		}
		if (!t.claimed) {
			if (once)
				break;
			sleep(1); /* interrupted by a stop signal */
			continue;
		}
		progress_end(&shown.bar);
		if (!t.ok)
			(*failed)++;
		if (jobs)
			json_array_append_new(jobs, turn_json(&t));
		else if (json)
			cli_print_json_line(turn_json(&t));
		else
			print_turn(&t);
	}
	progress_end(&shown.bar);
	return BG_OK;
}

static void packages_dir(const char *option, const char *db, char *out, size_t len)
{
	cli_shared_dir(option, "BINGE_PACKAGES", "packages", db, out, len);
}

int cmd_package(int argc, char **argv)
{
	const char *ladder_text = DEFAULT_LADDER, *packages = NULL;
	bool all = false, queue_only = false;
	struct cli_opt extra[] = {{"ladder", &ladder_text, NULL, NULL},
	                          {"packages", &packages, NULL, NULL},
	                          {"all", NULL, &all, NULL},
	                          {"queue", NULL, &queue_only, NULL},
	                          {NULL, NULL, NULL, NULL}};
	struct cli_args args;
	int code = cli_parse(argc, argv, package_usage, extra, &args);
	if (code >= 0)
		return code;
	if (all == (args.rest_count == 1) || args.rest_count > 1)
		return cli_usage("package", "name one TITLE, or --all");
	code = EXIT_OK;
	int heights[8], n;
	char msg[256];
	if (package_parse_ladder(ladder_text, heights, 8, &n, msg, sizeof(msg)))
		return cli_usage("package", "--ladder: %s", msg);
	struct rendition probe_r[PACKAGE_MAX_RENDITIONS];
	struct media_info any = {.height = 100000};
	int count;
	if (delivery_package_ladder(&any, heights, n, probe_r, PACKAGE_MAX_RENDITIONS, &count, msg,
	                            sizeof(msg)))
		return cli_usage("package", "--ladder: %s", msg);
	char root[4096];
	packages_dir(packages, args.db, root, sizeof(root));
	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	int64_t title_id = 0, *media = NULL;
	size_t n_media = 0;
	enum bg_err rc = all ? BG_OK : catalog_store_resolve(st, args.rest[0], &title_id);
	if (!rc)
		rc = package_job_media_of(st, title_id, &media, &n_media);
	if (!rc && n_media == 0) {
		free(media);
		store_close(st);
		return cli_fail(args.json, BG_NOT_FOUND, "%s has no media files to package (run binge scan)",
		                all ? "the catalogue" : args.rest[0]);
	}
	int queued = 0;
	for (size_t i = 0; !rc && i < n_media; i++) {
		int64_t job;
		bool fresh;
		rc = package_job_enqueue(st, media[i], ladder_text, (int64_t)time(NULL), &job, &fresh);
		queued += fresh;
	}
	free(media);
	json_t *jobs = json_array();
	int failed = 0;
	if (!rc && !queue_only) {
		catch_stop_signals();
		struct package_worker w;
		package_worker_init(&w, root);
		w.stop = &stop_requested;
		rc = work_queue(st, &w, true, args.json, args.json ? jobs : NULL, &failed);
	}
	if (rc) {
		code = cli_fail(args.json, rc, "%s", store_errmsg(st));
		json_decref(jobs);
	} else if (args.json) {
		cli_print_json(json_pack("{s:i,s:o}", "queued", queued, "jobs", jobs));
	} else {
		json_decref(jobs);
		if (queue_only)
			printf("%d jobs queued for %s\n", queued, root);
	}
	store_close(st);
	if (!code && (failed || stop_requested))
		code = EXIT_RUNTIME;
	return code;
}

int cmd_worker(int argc, char **argv)
{
	const char *packages = NULL, *lease_text = NULL;
	bool once = false;
	struct cli_opt extra[] = {{"packages", &packages, NULL, NULL},
	                          {"lease", &lease_text, NULL, NULL},
	                          {"once", NULL, &once, NULL},
	                          {NULL, NULL, NULL, NULL}};
	struct cli_args args;
	int code = cli_parse(argc, argv, worker_usage, extra, &args);
	if (code >= 0)
		return code;
	if (args.rest_count)
		return cli_usage("worker", "unexpected argument '%s'", args.rest[0]);
	long lease = PACKAGE_LEASE_SECONDS;
	if (lease_text && !cli_number("worker", "--lease", lease_text, 2, 86400, &lease))
		return EXIT_USAGE;
	char root[4096];
	packages_dir(packages, args.db, root, sizeof(root));
	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	catch_stop_signals();
	struct package_worker w;
	package_worker_init(&w, root);
	w.lease_seconds = (int)lease;
	w.stop = &stop_requested;
	if (!args.json)
		fprintf(stderr, "binge: worker %s packaging into %s\n", w.name, root);
	int failed = 0;
	enum bg_err rc = work_queue(st, &w, once, args.json, NULL, &failed);
	code = rc ? cli_fail(args.json, rc, "%s", store_errmsg(st)) : EXIT_OK;
	store_close(st);
	return code;
}
