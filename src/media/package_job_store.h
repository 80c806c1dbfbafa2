/*
 * package_job_store.h - the queue of packaging jobs in the store.
 *
 * A job packages one media file with one ladder. Workers claim the oldest
 * open job atomically (on PostgreSQL with SKIP LOCKED, so workers on other
 * machines never wait on each other) and hold it by a lease they renew
 * while FFmpeg runs. A job whose lease has run out (its worker was killed,
 * or lost its machine) is open again: the next claim takes it, and the
 * package's write-then-rename keeps a half-made one from being served.
 * Times are Unix seconds.
 */
#ifndef BINGE_MEDIA_PACKAGE_JOB_STORE_H
#define BINGE_MEDIA_PACKAGE_JOB_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct store;

#define PACKAGE_LADDER_MAX 64

struct package_job {
	int64_t id, media_id;
	char ladder[PACKAGE_LADDER_MAX]; /* heights, "1080,720,480" */
	int attempts;                    /* claims so far, this one included */
};

/*
 * Queues media_id with ladder, unless a job for that file and ladder is
 * already queued or running (*queued false; *id_out is that job).
 */
enum bg_err package_job_enqueue(struct store *st, int64_t media_id, const char *ladder,
                                int64_t now, int64_t *id_out, bool *queued);

/*
 * Claims the oldest open job (queued, or running with its lease run out)
 * for worker until now + lease. Errors: BG_NOT_FOUND when there is none.
 */
enum bg_err package_job_claim(struct store *st, const char *worker, int64_t now, int64_t lease,
                              struct package_job *out);

/* Extends the lease; BG_NOT_FOUND when worker no longer holds the job. */
enum bg_err package_job_renew(struct store *st, int64_t id, const char *worker, int64_t now,
                              int64_t lease);

/*
 * Ends a job worker holds: done, or failed with error (kept for the
 * operator). BG_NOT_FOUND when worker no longer holds it.
 */
enum bg_err package_job_finish(struct store *st, int64_t id, const char *worker, bool ok,
                               const char *error, int64_t now);

/* Hands a job worker holds back to the queue (a worker stopping). */
enum bg_err package_job_release(struct store *st, int64_t id, const char *worker);

struct package_job_counts {
	int64_t queued, running, done, failed;
};

enum bg_err package_job_counts(struct store *st, struct package_job_counts *out);

/*
 * The media files of a title and of everything under it (a series'
 * episodes), or of every title when title_id is 0, that have video, by id.
 * *ids is an array the caller frees.
 */
enum bg_err package_job_media_of(struct store *st, int64_t title_id, int64_t **ids, size_t *n);

#endif
