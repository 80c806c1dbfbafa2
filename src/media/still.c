/* still.c - episode stills made by FFmpeg; see still.h. */
#include "media/still.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/file.h"
#include "core/progress.h"
#include "media/ffmpeg_hls.h"
#include "core/banned.h"

/* One still to make: its source, where it goes, and the text its arguments point into. */
struct still_job {
	const struct still_source *src;
	struct still_result *result; /* path set by the caller; rc and msg set here */
	char at[32], input[4200], tmp[4300], map[32];
};

static bool made_already(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && sb.st_size > 0;
}

/* DIR/<media id>-<size>-<mtime>.jpg; false (and msg) when it does not fit. */
static bool still_path(const char *dir, const struct still_source *src, struct still_result *r)
{
	int n = snprintf(r->path, sizeof(r->path), "%s/%lld-%lld-%lld.jpg", dir,
	                 (long long)src->media_id, (long long)src->size, (long long)src->mtime);
	if (n >= 0 && (size_t)n < sizeof(r->path))
		return true;
	r->rc = BG_IO;
	snprintf(r->msg, sizeof(r->msg), "the stills' path is too long");
	return false;
}

/* A batch's command: 5 arguments, 15 per file (6 for its input, 9 for its output), the NULL. */
_Static_assert(5 + 15 * STILL_BATCH + 1 <= FFMPEG_ARGS_MAX, "a batch of stills fits one command");

static void add(struct ffmpeg_cmd *cmd, const char *arg)
{
	cmd->argv[cmd->argc++] = (char *)arg;
}

/*
 * One FFmpeg making the stills of jobs[0..k): an input (seeked to its
 * point) and an output each, so the process is started once for k files.
 * Unless exact, each still is the first keyframe at or after the point,
 * the only frame decoded: exactly at the point, FFmpeg decodes from the
 * keyframe before it, up to a GOP of frames (a 4K HEVC file: 2.5 s a still
 * against 1.4 s). A file with no keyframe after the point gets no still
 * that way. True when FFmpeg exited 0 in time; each output found is then
 * renamed into place (its job's rc BG_OK) and the others are left to the
 * caller.
 */
static bool run_batch(struct still_job *jobs, size_t k, bool exact, bool *timed_out)
{
	struct ffmpeg_cmd cmd = {.argc = 0};
	static const char *const head[] = {"ffmpeg", "-v", "error", "-nostdin", "-y"};
	for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		add(&cmd, head[i]);
	for (size_t i = 0; i < k; i++) {
		struct still_job *j = &jobs[i];
		snprintf(j->at, sizeof(j->at), "%.3f", (double)j->src->duration_ms / 10000.0);
		snprintf(j->input, sizeof(j->input), "file:%s", j->src->path);
		snprintf(j->tmp, sizeof(j->tmp), "%s.partial-%ld.jpg", j->result->path,
		         (long)getpid());
		snprintf(j->map, sizeof(j->map), "%zu:V:0", i);
		if (!exact) {
			add(&cmd, "-skip_frame");
			add(&cmd, "nokey");
		}
		add(&cmd, "-ss");
		add(&cmd, j->at);
		add(&cmd, "-i");
		add(&cmd, j->input);
	}
	/* Each input's first video stream that is not cover art (V), one frame, at most 1280 px
	 * wide. */
	for (size_t i = 0; i < k; i++) {
		static const char *const out[] = {
		        "-frames:v", "1", "-vf", "scale='min(1280,iw)':-2", "-q:v", "3"};
		add(&cmd, "-map");
		add(&cmd, jobs[i].map);
		for (size_t a = 0; a < sizeof(out) / sizeof(out[0]); a++)
			add(&cmd, out[a]);
		add(&cmd, jobs[i].tmp);
	}
	cmd.argv[cmd.argc] = NULL;
	pid_t pid;
	char msg[256];
	int status = 0;
	*timed_out = false;
	if (ffmpeg_spawn(&cmd, -1, &pid, msg, sizeof(msg)) == BG_OK)
		*timed_out = !ffmpeg_wait(pid, STILL_TIMEOUT_MS, &status);
	else
		status = -1;
	bool ok = !*timed_out && WIFEXITED(status) && WEXITSTATUS(status) == 0;
	for (size_t i = 0; i < k; i++) {
		struct still_job *j = &jobs[i];
		if (ok && made_already(j->tmp) && rename(j->tmp, j->result->path) == 0)
			j->result->rc = BG_OK;
		else
			unlink(j->tmp);
	}
	return ok;
}

/* One file alone and exactly at its point, so that a failure names it. */
static void make_one(struct still_job *j)
{
	bool timed_out;
	j->result->rc = BG_IO;
	run_batch(j, 1, true, &timed_out);
	if (j->result->rc)
		snprintf(j->result->msg, sizeof(j->result->msg),
		         "ffmpeg could not make a still of %.200s%s", j->src->path,
		         timed_out ? " (timed out)" : "");
}

static bool make_dir(const char *dir, char *msg, size_t msg_len)
{
	if (file_mkdir_p(dir, 0755) == 0)
		return true;
	snprintf(msg, msg_len, "cannot make %s: %s", dir, strerror(errno));
	return false;
}

struct still_pool {
	const char *dir;
	const struct still_source *srcs;
	struct still_result *results;
	size_t n, next, done;
	size_t batch; /* files per FFmpeg: a processor's share, at most STILL_BATCH */
	struct progress *pg;
	pthread_mutex_t lock;
};

/* Keeps the jobs[0..n) still without a still, in order; returns how many. */
static size_t still_missing(struct still_job *jobs, size_t n)
{
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (jobs[i].result->rc)
			jobs[kept++] = jobs[i];
	return kept;
}

/*
 * Makes the stills of srcs[first..first+k) not made yet: in one FFmpeg at
 * keyframes; those left without one (no keyframe after their point, or the
 * batch failed) in one FFmpeg exactly; those still left alone, so that one
 * bad file does not cost the others their still and its error names it.
 */
static void make_batch(struct still_pool *pool, size_t first, size_t k)
{
	struct still_job jobs[STILL_BATCH];
	size_t todo = 0;
	for (size_t i = first; i < first + k; i++) {
		struct still_result *r = &pool->results[i];
		r->rc = BG_OK;
		if (still_path(pool->dir, &pool->srcs[i], r) && !made_already(r->path)) {
			r->rc = BG_IO;
			jobs[todo++] = (struct still_job){.src = &pool->srcs[i], .result = r};
		}
	}
	bool timed_out;
	if (todo)
		run_batch(jobs, todo, false, &timed_out);
	todo = still_missing(jobs, todo);
	if (todo > 1)
		run_batch(jobs, todo, true, &timed_out);
	todo = still_missing(jobs, todo);
	for (size_t i = 0; i < todo; i++)
		make_one(&jobs[i]);
}

static void *still_worker(void *arg)
{
	struct still_pool *pool = arg;
	for (;;) {
		pthread_mutex_lock(&pool->lock);
		size_t first = pool->next, left = pool->n - first;
		size_t k = left < pool->batch ? left : pool->batch;
		pool->next += k;
		pthread_mutex_unlock(&pool->lock);
		if (k == 0)
			return NULL;
		make_batch(pool, first, k);
		pthread_mutex_lock(&pool->lock);
		pool->done += k;
		if (pool->pg)
			progress_update(pool->pg, pool->done, pool->srcs[first + k - 1].path);
		pthread_mutex_unlock(&pool->lock);
	}
}

void still_make_many(const char *dir, const struct still_source *srcs, size_t n,
                     struct still_result *results, struct progress *pg)
{
	char msg[sizeof(results->msg)];
	if (n && !make_dir(dir, msg, sizeof(msg))) {
		for (size_t i = 0; i < n; i++) {
			results[i].rc = BG_IO;
			snprintf(results[i].msg, sizeof(results[i].msg), "%s", msg);
		}
		return;
	}
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t threads = cpus < 1 ? 1 : cpus > STILL_JOBS ? STILL_JOBS : (size_t)cpus;
	size_t share = n / threads;
	struct still_pool pool = {.dir = dir,
	                          .srcs = srcs,
	                          .results = results,
	                          .n = n,
	                          .batch = share < 1             ? 1
	                                   : share > STILL_BATCH ? STILL_BATCH
	                                                         : share,
	                          .pg = pg};
	pthread_mutex_init(&pool.lock, NULL);
	pthread_t tid[STILL_JOBS];
	size_t started = 0;
	for (size_t t = 0; t < threads && t < n; t++)
		if (pthread_create(&tid[started], NULL, still_worker, &pool) == 0)
			started++;
	if (!started)
		still_worker(&pool);
	for (size_t t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	pthread_mutex_destroy(&pool.lock);
}
