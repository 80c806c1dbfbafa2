/*
 * package_worker.h - one worker of the packaging queue: claims a job,
 * packages its file (media/package.h) while renewing the job's lease, and
 * records the outcome. `binge worker` runs it in a loop on any machine
 * that sees the media and package directories; `binge package` runs it
 * until the queue is empty; `binge serve` on SQLite runs one itself.
 */
#ifndef BINGE_MEDIA_PACKAGE_WORKER_H
#define BINGE_MEDIA_PACKAGE_WORKER_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "media/package.h"
#include "media/package_job_store.h"

struct store;

#define PACKAGE_LEASE_SECONDS 30

struct package_worker {
	const char *packages_root;
	char name[128]; /* "host:pid", as the job rows show it */
	int lease_seconds; /* 0: PACKAGE_LEASE_SECONDS */
	volatile sig_atomic_t *stop; /* set by a signal handler: hand the job back */
	package_progress_fn progress; /* NULL: none */
	void *progress_ctx;
	struct package_job current; /* the job in hand, for progress displays */
};

/* Fills w->name from the host name and the process id. */
void package_worker_init(struct package_worker *w, const char *packages_root);

/* What one turn did. */
struct package_turn {
	bool claimed;           /* false: the queue was empty */
	struct package_job job; /* the job it took */
	bool ok, made;          /* packaged (made: now; else already there) */
	int renditions;
	char error[512];        /* when !ok */
};

/*
 * Takes the oldest open job and works it to the end. A failure of the job
 * (media gone, FFmpeg failed) is recorded on the job and in turn, not
 * returned; a stop hands the job back to the queue. Errors: the store's.
 */
enum bg_err package_worker_turn(struct store *st, struct package_worker *w,
                                struct package_turn *turn);

/*
 * A worker on a thread of its own with its own connection to db (what
 * `binge serve` runs on SQLite): it takes a job whenever there is one and
 * looks again every couple of seconds. Errors: BG_IO, BG_NOMEM, or the
 * store's, with msg.
 */
struct package_thread;
enum bg_err package_thread_start(const char *db, const char *packages_root,
                                 struct package_thread **out, char *msg, size_t len);

/* Stops it: the job in hand (FFmpeg killed) goes back to the queue. NULL is a no-op. */
void package_thread_stop(struct package_thread *t);

/*
 * Parses a ladder ("1080,720,480", heights of the ladder's rungs) into
 * heights[max]; the count in *n. Errors: BG_INVALID with msg.
 */
enum bg_err package_parse_ladder(const char *text, int *heights, int max, int *n, char *msg,
                                 size_t len);

#endif
