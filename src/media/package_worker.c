/* package_worker.c - one packaging worker's turn; see package_worker.h. */
#include "media/package_worker.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "media/delivery.h"
#include "media/media_store.h"
#include "store/store.h"
#include "core/banned.h"

void package_worker_init(struct package_worker *w, const char *packages_root)
{
	*w = (struct package_worker){.packages_root = packages_root};
	char host[64] = "localhost";
	gethostname(host, sizeof(host) - 1);
	host[sizeof(host) - 1] = '\0';
	snprintf(w->name, sizeof(w->name), "%s:%ld", host, (long)getpid());
}

enum bg_err package_parse_ladder(const char *text, int *heights, int max, int *n, char *msg,
                                 size_t len)
{
	*n = 0;
	const char *p = text;
	while (*p) {
		char *end;
		errno = 0;
		long h = strtol(p, &end, 10);
		if (end == p || errno || h <= 0 || h > 100000 || (*end && *end != ',')) {
			snprintf(msg, len, "'%s' is not a list of heights such as 1080,720,480", text);
			return BG_INVALID;
		}
		if (*n == max) {
			snprintf(msg, len, "at most %d heights", max);
			return BG_INVALID;
		}
		heights[(*n)++] = (int)h;
		p = *end ? end + 1 : end;
	}
	if (*n == 0) {
		snprintf(msg, len, "the ladder is empty");
		return BG_INVALID;
	}
	return BG_OK;
}

/* The progress callback's view: renews the lease as FFmpeg goes. */
struct lease_keeper {
	struct store *st;
	struct package_worker *w;
	int64_t job_id;
	int64_t renewed_at;
	volatile sig_atomic_t stop; /* the build's stop: the worker's, or the lease lost */
};

static void keep_lease(double done, void *ctx)
{
	struct lease_keeper *k = ctx;
	int lease = k->w->lease_seconds > 0 ? k->w->lease_seconds : PACKAGE_LEASE_SECONDS;
	int64_t now = (int64_t)time(NULL);
	if (k->w->stop && *k->w->stop)
		k->stop = 1;
	if (now - k->renewed_at >= (lease + 2) / 3) {
		/* Lost (another worker took it after a pause longer than the
		 * lease): stop, rather than publish work someone else redoes. */
		if (package_job_renew(k->st, k->job_id, k->w->name, now, lease) == BG_NOT_FOUND)
			k->stop = 1;
		k->renewed_at = now;
	}
	if (k->w->progress)
		k->w->progress(done, k->w->progress_ctx);
}

enum bg_err package_worker_turn(struct store *st, struct package_worker *w,
                                struct package_turn *turn)
{
	*turn = (struct package_turn){0};
	int lease = w->lease_seconds > 0 ? w->lease_seconds : PACKAGE_LEASE_SECONDS;
	int64_t now = (int64_t)time(NULL);
	enum bg_err rc = package_job_claim(st, w->name, now, lease, &turn->job);
	if (rc == BG_NOT_FOUND)
		return BG_OK;
	if (rc)
		return rc;
	turn->claimed = true;
	w->current = turn->job;
	struct media_location *loc = malloc(sizeof(*loc));
	int heights[8], n_heights = 0;
	struct rendition r[PACKAGE_MAX_RENDITIONS];
	int n = 0;
	struct media_track *tracks = NULL;
	size_t tracks_n = 0;
	if (!loc) {
		snprintf(turn->error, sizeof(turn->error), "out of memory");
	} else if ((rc = media_store_locate(st, turn->job.media_id, loc)) != BG_OK) {
		snprintf(turn->error, sizeof(turn->error), "media %lld: %s",
		         (long long)turn->job.media_id,
		         rc == BG_NOT_FOUND ? "no longer in the catalogue" : store_errmsg(st));
	} else if ((rc = media_store_tracks(st, turn->job.media_id, &tracks, &tracks_n)) != BG_OK) {
		snprintf(turn->error, sizeof(turn->error), "media %lld: %s",
		         (long long)turn->job.media_id, store_errmsg(st));
	} else if (!package_parse_ladder(turn->job.ladder, heights, 8, &n_heights, turn->error,
	                                 sizeof(turn->error)) &&
	           !delivery_package_ladder(&loc->info, heights, n_heights, r,
	                                    PACKAGE_MAX_RENDITIONS, &n, turn->error,
	                                    sizeof(turn->error))) {
		/* Several audio streams: one rendition each, beside the video. */
		n = delivery_package_audio(r, n, PACKAGE_MAX_RENDITIONS, &loc->info, tracks, tracks_n);
		struct package_source src = {.media_id = turn->job.media_id,
		                             .path = loc->path,
		                             .size = loc->size,
		                             .mtime = loc->mtime,
		                             .info = &loc->info,
		                             .tracks = tracks,
		                             .tracks_n = tracks_n};
		struct lease_keeper keeper = {.st = st, .w = w, .job_id = turn->job.id,
		                              .renewed_at = now};
		rc = package_build(w->packages_root, &src, r, n, keep_lease, &keeper, &keeper.stop,
		                   &turn->made, turn->error, sizeof(turn->error));
		if (rc && keeper.stop) {
			free(tracks);
			free(loc);
			turn->claimed = false; /* handed back, not worked */
			rc = package_job_release(st, turn->job.id, w->name);
			return rc == BG_NOT_FOUND ? BG_OK : rc;
		}
		turn->ok = rc == BG_OK;
		turn->renditions = n;
	}
	free(tracks);
	free(loc);
	rc = package_job_finish(st, turn->job.id, w->name, turn->ok, turn->ok ? NULL : turn->error,
	                        (int64_t)time(NULL));
	return rc == BG_NOT_FOUND ? BG_OK : rc;
}

#define THREAD_POLL_MS 2000

struct package_thread {
	pthread_t thread;
	struct store *st;
	struct package_worker w;
	volatile sig_atomic_t stop;
};

static void *work(void *arg)
{
	struct package_thread *t = arg;
	while (!t->stop) {
		struct package_turn turn;
		enum bg_err rc = package_worker_turn(t->st, &t->w, &turn);
		if (rc)
			fprintf(stderr, "binge: packaging queue: %s\n", store_errmsg(t->st));
		else if (turn.claimed && !turn.ok)
			fprintf(stderr, "binge: media %lld not packaged: %s\n",
			        (long long)turn.job.media_id, turn.error);
		if (!rc && turn.claimed)
			continue;
		for (int waited = 0; waited < THREAD_POLL_MS && !t->stop; waited += 100) {
			struct timespec pause = {0, 100 * 1000 * 1000};
			nanosleep(&pause, NULL);
		}
	}
	return NULL;
}

enum bg_err package_thread_start(const char *db, const char *packages_root,
                                 struct package_thread **out, char *msg, size_t len)
{
	*out = NULL;
	struct package_thread *t = calloc(1, sizeof(*t));
	if (!t) {
		snprintf(msg, len, "out of memory");
		return BG_NOMEM;
	}
	char *err = NULL;
	enum bg_err rc = store_open(db, &t->st, &err);
	if (rc) {
		snprintf(msg, len, "packaging worker: %s", err ? err : "cannot open the database");
		free(err);
		free(t);
		return rc;
	}
	package_worker_init(&t->w, packages_root);
	t->w.stop = &t->stop;
	if (pthread_create(&t->thread, NULL, work, t) != 0) {
		snprintf(msg, len, "cannot start the packaging worker");
		store_close(t->st);
		free(t);
		return BG_IO;
	}
	*out = t;
	return BG_OK;
}

void package_thread_stop(struct package_thread *t)
{
	if (!t)
		return;
	t->stop = 1;
	pthread_join(t->thread, NULL);
	store_close(t->st);
	free(t);
}
