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

enum bg_err still_make(const char *dir, const struct still_source *src, char *path, size_t path_len,
                       char *msg, size_t msg_len)
{
	int n = snprintf(path, path_len, "%s/%lld-%lld-%lld.jpg", dir, (long long)src->media_id,
	                 (long long)src->size, (long long)src->mtime);
	if (n < 0 || (size_t)n >= path_len) {
		snprintf(msg, msg_len, "the stills' path is too long");
		return BG_IO;
	}
	struct stat sb;
	if (stat(path, &sb) == 0 && sb.st_size > 0)
		return BG_OK;
	if (file_mkdir_p(dir, 0755)) {
		snprintf(msg, msg_len, "cannot make %s: %s", dir, strerror(errno));
		return BG_IO;
	}
	char at[32], input[4200], tmp[4200];
	snprintf(at, sizeof(at), "%.3f", (double)src->duration_ms / 10000.0);
	snprintf(input, sizeof(input), "file:%s", src->path);
	snprintf(tmp, sizeof(tmp), "%s.partial-%ld.jpg", path, (long)getpid());
	struct ffmpeg_cmd cmd = {.argc = 0};
	const char *args[] = {"ffmpeg", "-v",        "error", "-nostdin",
	                      "-y",     "-ss",       at,      "-i",
	                      input,    "-frames:v", "1",     "-an",
	                      "-sn",    "-dn",       "-vf",   "scale='min(1280,iw)':-2",
	                      "-q:v",   "3",         tmp,     NULL};
	for (size_t i = 0; args[i]; i++)
		cmd.argv[cmd.argc++] = (char *)args[i];
	cmd.argv[cmd.argc] = NULL;
	pid_t pid;
	enum bg_err rc = ffmpeg_spawn(&cmd, -1, &pid, msg, msg_len);
	if (rc)
		return rc;
	int status = 0;
	bool exited = ffmpeg_wait(pid, STILL_TIMEOUT_MS, &status);
	if (!exited || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || stat(tmp, &sb) != 0 ||
	    sb.st_size == 0) {
		unlink(tmp);
		snprintf(msg, msg_len, "ffmpeg could not make a still of %s%s", src->path,
		         exited ? "" : " (timed out)");
		return BG_IO;
	}
	if (rename(tmp, path) != 0) {
		snprintf(msg, msg_len, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		return BG_IO;
	}
	return BG_OK;
}

struct still_pool {
	const char *dir;
	const struct still_source *srcs;
	struct still_result *results;
	size_t n, next, done;
	struct progress *pg;
	pthread_mutex_t lock;
};

static void *still_worker(void *arg)
{
	struct still_pool *pool = arg;
	for (;;) {
		pthread_mutex_lock(&pool->lock);
		size_t i = pool->next++;
		pthread_mutex_unlock(&pool->lock);
		if (i >= pool->n)
			return NULL;
		struct still_result *r = &pool->results[i];
		r->rc = still_make(pool->dir, &pool->srcs[i], r->path, sizeof(r->path), r->msg,
		                   sizeof(r->msg));
		pthread_mutex_lock(&pool->lock);
		if (pool->pg)
			progress_update(pool->pg, ++pool->done, pool->srcs[i].path);
		pthread_mutex_unlock(&pool->lock);
	}
}

void still_make_many(const char *dir, const struct still_source *srcs, size_t n,
                     struct still_result *results, struct progress *pg)
{
	struct still_pool pool = {.dir = dir, .srcs = srcs, .results = results, .n = n, .pg = pg};
	pthread_mutex_init(&pool.lock, NULL);
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t threads = cpus < 1 ? 1 : cpus > STILL_JOBS ? STILL_JOBS : (size_t)cpus;
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
