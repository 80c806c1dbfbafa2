/* encoder.c - on-demand HLS encoders and their cache; see encoder.h. */
#include "media/encoder.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/file.h"
#include "media/ffmpeg_hls.h"
#include "media/probe.h"
#include "core/date.h"
#include "core/banned.h"


#define DIR_MAX 4096
#define REAP_INTERVAL_MS 250
#define EVICT_INTERVAL_MS 10000

struct encoder {
	bool used;
	char dir[DIR_MAX]; /* the rendition's cache directory */
	pid_t pid;         /* 0 once reaped */
	long first;        /* the segment it started at */
	long made;         /* segments first..made-1 exist */
	long wanted;       /* the last segment asked of it */
	long last;         /* the plan's last segment */
	int64_t asked_at;  /* monotonic ms of the last request */
	bool paused;
	int status; /* wait status once reaped */
};

struct encoder_pool {
	pthread_mutex_t lock;
	struct encoder *slots;
	int max;
	char cache[DIR_MAX];
	int64_t cache_bytes;
	int idle_ms, wait_ms;
	pthread_t reaper;
	bool stopping;
};


static void sleep_ms(int ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0;
}

/* The directory of one file version; false when the path would not fit. */
static bool media_dir(const struct encoder_pool *pool, const struct encode_job *job, char *out,
                      size_t len)
{
	int n = snprintf(out, len, "%s/%lld-%lld-%lld", pool->cache, (long long)job->media_id,
	                 (long long)job->size, (long long)job->mtime);
	return n > 0 && (size_t)n < len;
}

/* The directory of one rendition of it; false when the path would not fit. */
static bool rendition_dir(const struct encoder_pool *pool, const struct encode_job *job,
                          char *out, size_t len)
{
	char media[DIR_MAX], name[RENDITION_NAME_MAX];
	if (!media_dir(pool, job, media, sizeof(media)))
		return false;
	rendition_name(job->rendition, name);
	int n = snprintf(out, len, "%s/%s", media, name);
	return n > 0 && (size_t)n < len;
}

/*
 * Kills the encoder a pid file names ("ENCODER_PID SERVER_PID") if the
 * server that started it is gone and it is still an ffmpeg writing here.
 * A live server's encoders (another server on this cache) are left alone.
 */
static bool kill_stale(const char *pid_file, const char *dir)
{
	char *text = NULL;
	size_t len;
	if (file_read_all(pid_file, 64, &text, &len) != BG_OK)
		return true;
	char *end;
	long pid = strtol(text, &end, 10), owner = strtol(end, NULL, 10);
	free(text);
	if (owner > 1 && owner != (long)getpid() && kill((pid_t)owner, 0) == 0)
		return false;
	char proc[64], cmdline[8192];
	snprintf(proc, sizeof(proc), "/proc/%ld/cmdline", pid);
	int fd = pid > 1 ? open(proc, O_RDONLY | O_CLOEXEC) : -1;
	if (fd < 0)
		return true;
	ssize_t n = read(fd, cmdline, sizeof(cmdline) - 1);
	close(fd);
	if (n <= 0)
		return true;
	/* Arguments are NUL-separated: the program, then the directory in one of them. */
	for (ssize_t i = 0; i < n; i++)
		if (cmdline[i] == '\0')
			cmdline[i] = '\n';
	cmdline[n] = '\0';
	if (strstr(cmdline, "ffmpeg") && strstr(cmdline, dir))
		kill((pid_t)pid, SIGKILL);
	return true;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Deletes what an encoder leaves while it runs: pid file, run playlists, .tmp files. */
static void clean_rendition_dir(const char *dir, bool kill_encoder)
{
	char path[DIR_MAX + 300];
	snprintf(path, sizeof(path), "%s/encoder.pid", dir);
	if (kill_encoder && !kill_stale(path, dir))
		return; /* another server's, running */
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (ends_with(e->d_name, ".tmp") || ends_with(e->d_name, ".m3u8") ||
		    strcmp(e->d_name, "encoder.pid") == 0 ||
		    (strncmp(e->d_name, "init-", 5) == 0 && ends_with(e->d_name, ".mp4"))) {
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			unlink(path);
		}
	}
	closedir(d);
}

/* Calls fn on each rendition directory of the cache. */
static void each_rendition_dir(const char *cache, void (*fn)(const char *dir, void *ctx),
                               void *ctx)
{
	DIR *top = opendir(cache);
	if (!top)
		return;
	struct dirent *m;
	while ((m = readdir(top))) {
		if (m->d_name[0] == '.')
			continue;
		char media[DIR_MAX];
		snprintf(media, sizeof(media), "%s/%.255s", cache, m->d_name);
		DIR *md = opendir(media);
		if (!md)
			continue;
		struct dirent *r;
		while ((r = readdir(md))) {
			char dir[DIR_MAX + 300];
			struct stat sb;
			snprintf(dir, sizeof(dir), "%s/%s", media, r->d_name);
			if (r->d_name[0] != '.' && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
				fn(dir, ctx);
		}
		closedir(md);
	}
	closedir(top);
}

static void clean_stale(const char *dir, void *ctx)
{
	(void)ctx;
	clean_rendition_dir(dir, true);
}

/* The cache's segment files, for eviction. */
struct cached_file {
	char path[DIR_MAX + 300];
	int64_t size;
	time_t used;
};

struct cache_scan {
	struct cached_file *files;
	size_t n, cap;
	int64_t total;
};

static void scan_files(const char *dir, void *ctx)
{
	struct cache_scan *scan = ctx;
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!ends_with(e->d_name, ".m4s") && strcmp(e->d_name, "init.mp4") != 0)
			continue;
		if (scan->n == scan->cap) {
			size_t cap = scan->cap ? scan->cap * 2 : 256;
			struct cached_file *grown = realloc(scan->files, cap * sizeof(*grown));
			if (!grown)
				break;
			scan->files = grown;
			scan->cap = cap;
		}
		struct cached_file *f = &scan->files[scan->n];
		struct stat sb;
		snprintf(f->path, sizeof(f->path), "%s/%s", dir, e->d_name);
		if (stat(f->path, &sb) != 0)
			continue;
		f->size = sb.st_size;
		f->used = sb.st_mtime;
		scan->total += f->size;
		scan->n++;
	}
	closedir(d);
}

static int by_use(const void *a, const void *b)
{
	const struct cached_file *x = a, *y = b;
	return (x->used > y->used) - (x->used < y->used);
}

/* Deletes the least recently served files until the cache fits its cap. */
static void evict(struct encoder_pool *pool)
{
	struct cache_scan scan = {0};
	each_rendition_dir(pool->cache, scan_files, &scan);
	if (scan.total > pool->cache_bytes) {
		qsort(scan.files, scan.n, sizeof(*scan.files), by_use);
		for (size_t i = 0; i < scan.n && scan.total > pool->cache_bytes; i++)
			if (unlink(scan.files[i].path) == 0)
				scan.total -= scan.files[i].size;
	}
	free(scan.files);
}

static void segment_path(const char *dir, long n, char *out, size_t len)
{
	if (n < 0)
		snprintf(out, len, "%s/init.mp4", dir);
	else
		snprintf(out, len, "%s/seg%ld.m4s", dir, n);
}

/* Advances e->made past the segments that now exist. Lock held. */
static void count_made(struct encoder *e)
{
	char path[DIR_MAX + 64];
	for (;;) {
		segment_path(e->dir, e->made, path, sizeof(path));
		if (e->made > e->last || !exists(path))
			break;
		e->made++;
	}
}

static void stop_encoder(struct encoder *e)
{
	if (e->pid > 0) {
		kill(e->pid, SIGKILL);
		while (waitpid(e->pid, &e->status, 0) < 0 && errno == EINTR)
			;
		e->pid = 0;
	}
	clean_rendition_dir(e->dir, false);
	e->used = false;
}

static bool publish_init(struct encoder *e);

static void *reap(void *arg)
{
	struct encoder_pool *pool = arg;
	int64_t evicted_at = monotonic_ms();
	for (;;) {
		sleep_ms(REAP_INTERVAL_MS);
		pthread_mutex_lock(&pool->lock);
		if (pool->stopping) {
			pthread_mutex_unlock(&pool->lock);
			return NULL;
		}
		int64_t now = monotonic_ms();
		for (int i = 0; i < pool->max; i++) {
			struct encoder *e = &pool->slots[i];
			if (!e->used)
				continue;
			if (e->pid > 0 && waitpid(e->pid, &e->status, WNOHANG) == e->pid)
				e->pid = 0;
			count_made(e);
			publish_init(e); /* a request may be waiting for init.mp4 */
			if (now - e->asked_at > pool->idle_ms) {
				stop_encoder(e);
				continue;
			}
			/* Far enough ahead of the viewer: pause rather than fill the disk. */
			bool ahead = e->made > e->wanted + ENCODER_AHEAD;
			if (e->pid > 0 && ahead != e->paused) {
				kill(e->pid, ahead ? SIGSTOP : SIGCONT);
				e->paused = ahead;
			}
		}
		pthread_mutex_unlock(&pool->lock);
		if (now - evicted_at > EVICT_INTERVAL_MS) {
			evict(pool);
			evicted_at = now;
		}
	}
}

enum bg_err encoder_pool_open(const struct encoder_config *cfg, struct encoder_pool **out,
                              char *msg, size_t len)
{
	*out = NULL;
	if (file_mkdir_p(cfg->cache_dir, 0700) != 0) {
		snprintf(msg, len, "cannot make the stream cache %s: %s", cfg->cache_dir,
		         strerror(errno));
		return BG_IO;
	}
	struct encoder_pool *pool = calloc(1, sizeof(*pool));
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int max = cfg->max_encoders > 0 ? cfg->max_encoders : (int)(cores / 2);
	if (max < 1)
		max = 1;
	if (!pool || !(pool->slots = calloc((size_t)max, sizeof(*pool->slots)))) {
		free(pool);
		snprintf(msg, len, "out of memory for the encoder pool");
		return BG_NOMEM;
	}
	pool->max = max;
	snprintf(pool->cache, sizeof(pool->cache), "%s", cfg->cache_dir);
	pool->cache_bytes = cfg->cache_bytes > 0 ? cfg->cache_bytes : (int64_t)10 << 30;
	pool->idle_ms = (cfg->idle_seconds > 0 ? cfg->idle_seconds : 60) * 1000;
	pool->wait_ms = (cfg->wait_seconds > 0 ? cfg->wait_seconds : 30) * 1000;
	each_rendition_dir(pool->cache, clean_stale, NULL);
	pthread_mutex_init(&pool->lock, NULL);
	if (pthread_create(&pool->reaper, NULL, reap, pool) != 0) {
		pthread_mutex_destroy(&pool->lock);
		free(pool->slots);
		free(pool);
		snprintf(msg, len, "cannot start the encoder reaper thread");
		return BG_IO;
	}
	*out = pool;
	return BG_OK;
}

void encoder_pool_close(struct encoder_pool *pool)
{
	if (!pool)
		return;
	pthread_mutex_lock(&pool->lock);
	pool->stopping = true;
	for (int i = 0; i < pool->max; i++)
		if (pool->slots[i].used)
			stop_encoder(&pool->slots[i]);
	pthread_mutex_unlock(&pool->lock);
	pthread_join(pool->reaper, NULL);
	pthread_mutex_destroy(&pool->lock);
	free(pool->slots);
	free(pool);
}

int encoder_pool_running(struct encoder_pool *pool)
{
	int n = 0;
	pthread_mutex_lock(&pool->lock);
	for (int i = 0; i < pool->max; i++)
		n += pool->slots[i].used && pool->slots[i].pid > 0;
	pthread_mutex_unlock(&pool->lock);
	return n;
}

/* The keyframe cache: one time in ms per line. */
static enum bg_err load_keyframes(const char *path, int64_t **out, size_t *n)
{
	char *text = NULL;
	size_t len;
	if (file_read_all(path, PROBE_MAX_KEYFRAME_OUTPUT, &text, &len) != BG_OK)
		return BG_NOT_FOUND;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	for (char *p = text, *end; *p; p = end + (*end == '\n')) {
		long long v = strtoll(p, &end, 10);
		if (end == p)
			break;
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			int64_t *grown = realloc(*out, cap * sizeof(**out));
			if (!grown) {
				free(text);
				return BG_NOMEM;
			}
			*out = grown;
		}
		(*out)[(*n)++] = v;
	}
	free(text);
	return *n ? BG_OK : BG_NOT_FOUND;
}

static void save_keyframes(const char *path, const int64_t *kf, size_t n)
{
	struct buf text = BUF_INIT(PROBE_MAX_KEYFRAME_OUTPUT);
	for (size_t i = 0; i < n; i++)
		buf_addf(&text, "%lld\n", (long long)kf[i]);
	if (!buf_error(&text))
		file_write_atomic(path, text.ptr, text.len);
	buf_release(&text);
}

enum bg_err encoder_pool_plan(struct encoder_pool *pool, const struct encode_job *job,
                              struct segment_plan *out, char *msg, size_t len)
{
	int64_t duration = job->info->duration_ms;
	if (!job->rendition->copy_video)
		return segment_plan_fixed(duration, out);
	char dir[DIR_MAX], path[DIR_MAX + 16];
	if (!media_dir(pool, job, dir, sizeof(dir))) {
		snprintf(msg, len, "the stream cache's path is too long");
		return BG_TOO_LARGE;
	}
	snprintf(path, sizeof(path), "%s/keyframes", dir);
	int64_t *kf = NULL;
	size_t n = 0;
	enum bg_err rc = load_keyframes(path, &kf, &n);
	if (rc == BG_NOT_FOUND) {
		rc = probe_keyframes(job->source, &kf, &n, msg, len);
		if (!rc && file_mkdir_p(dir, 0700) == 0)
			save_keyframes(path, kf, n);
	}
	if (!rc)
		rc = segment_plan_keyframes(kf, n, duration, out);
	free(kf);
	return rc;
}

/* Starts ffmpeg for job at segment first of plan into slot e. Lock held. */
static enum bg_err spawn_encoder(struct encoder *e, const struct encode_job *job,
                                 const struct segment_plan *plan, long first, char *msg,
                                 size_t len)
{
	struct ffmpeg_cmd cmd;
	char init_name[32];
	snprintf(init_name, sizeof(init_name), "init-%ld.mp4", first);
	enum bg_err rc = ffmpeg_hls_command(job, plan, first, e->dir, init_name, false, &cmd, msg, len);
	pid_t pid;
	if (!rc)
		rc = ffmpeg_spawn(&cmd, -1, &pid, msg, len);
	if (rc)
		return rc;
	e->pid = pid;
	e->first = e->made = e->wanted = first;
	e->last = (long)plan->count - 1;
	e->paused = false;
	e->status = 0;
	char pid_file[DIR_MAX + 16], text[32];
	snprintf(pid_file, sizeof(pid_file), "%s/encoder.pid", e->dir);
	int n = snprintf(text, sizeof(text), "%ld %ld\n", (long)pid, (long)getpid());
	file_write_atomic(pid_file, text, (size_t)n);
	return BG_OK;
}

static struct encoder *find_encoder(struct encoder_pool *pool, const char *dir)
{
	for (int i = 0; i < pool->max; i++)
		if (pool->slots[i].used && strcmp(pool->slots[i].dir, dir) == 0)
			return &pool->slots[i];
	return NULL;
}

/*
 * A free slot, or one whose encoder has finished, or else the slot of
 * another rendition of the same file (media_dir): a player that switches
 * rendition (its adaptive choice, the quality menu) moves its encoder
 * rather than waiting for the old one to idle out. Lock held.
 */
static struct encoder *free_slot(struct encoder_pool *pool, const char *media)
{
	for (int i = 0; i < pool->max; i++) {
		struct encoder *e = &pool->slots[i];
		if (e->used && e->pid > 0 && waitpid(e->pid, &e->status, WNOHANG) == e->pid)
			e->pid = 0;
		if (e->used && e->pid == 0)
			stop_encoder(e);
		if (!e->used)
			return e;
	}
	size_t len = strlen(media);
	for (int i = 0; i < pool->max; i++) {
		struct encoder *e = &pool->slots[i];
		if (strncmp(e->dir, media, len) == 0 && e->dir[len] == '/') {
			stop_encoder(e);
			return e;
		}
	}
	return NULL;
}

/* Publishes the init segment of e's run once its first segment shows it is whole. */
static bool publish_init(struct encoder *e)
{
	char run_init[DIR_MAX + 32], init[DIR_MAX + 16], first[DIR_MAX + 32];
	snprintf(run_init, sizeof(run_init), "%s/init-%ld.mp4", e->dir, e->first);
	segment_path(e->dir, -1, init, sizeof(init));
	segment_path(e->dir, e->first, first, sizeof(first));
	if (!exists(first) || !exists(run_init))
		return false;
	return link(run_init, init) == 0 || errno == EEXIST;
}

/*
 * One look at segment n: done (*ready) when it is in the cache; else makes
 * sure an encoder that will make it soon is running. Lock held.
 */
static enum bg_err request_locked(struct encoder_pool *pool, const struct encode_job *job,
                                  const struct segment_plan *plan, long n, const char *dir,
                                  const char *path, bool *ready, char *msg, size_t len)
{
	*ready = false;
	struct encoder *e = find_encoder(pool, dir);
	if (e) {
		e->asked_at = monotonic_ms();
		if (n >= 0)
			e->wanted = n;
		count_made(e);
		if (n < 0 && publish_init(e))
			return *ready = true, BG_OK;
	}
	if (exists(path))
		return *ready = true, BG_OK;
	/* The running encoder will make it: its init, or a segment just ahead.
	 * One it has passed (a seek back, or a segment evicted since) restarts it. */
	long want = n < 0 ? (e ? e->first : 0) : n;
	bool covers = e && (n < 0 || (want >= e->made && want <= e->made + ENCODER_SEEK_GAP));
	if (e && covers && e->pid == 0) {
		/* It finished without the segment: FFmpeg failed. */
		snprintf(msg, len, "ffmpeg stopped (status %d) before segment %ld",
		         WIFEXITED(e->status) ? WEXITSTATUS(e->status) : -1, want);
		stop_encoder(e);
		return BG_IO;
	}
	if (!covers) {
		if (e)
			stop_encoder(e);
		char media[DIR_MAX];
		if (!media_dir(pool, job, media, sizeof(media)) || !(e = free_slot(pool, media))) {
			snprintf(msg, len, "every encoder is busy (%d); try again shortly", pool->max);
			return BG_BUSY;
		}
		e->used = true;
		snprintf(e->dir, sizeof(e->dir), "%s", dir);
		e->asked_at = monotonic_ms();
		enum bg_err rc = spawn_encoder(e, job, plan, want, msg, len);
		if (rc) {
			e->used = false;
			return rc;
		}
	}
	if (e->paused && e->pid > 0) {
		kill(e->pid, SIGCONT);
		e->paused = false;
	}
	return BG_OK;
}

/* Checks n and makes the rendition's directory; the segment's path into path. */
static enum bg_err prepare(struct encoder_pool *pool, const struct encode_job *job,
                           const struct segment_plan *plan, long n, char *dir, size_t dir_len,
                           char *path, size_t path_len, char *msg, size_t len)
{
	if (n < -1 || n >= (long)plan->count) {
		snprintf(msg, len, "no segment %ld: this stream has %zu", n, plan->count);
		return BG_INVALID;
	}
	if (!rendition_dir(pool, job, dir, dir_len)) {
		snprintf(msg, len, "the stream cache's path is too long");
		return BG_TOO_LARGE;
	}
	segment_path(dir, n, path, path_len);
	if (file_mkdir_p(dir, 0700) != 0) {
		snprintf(msg, len, "cannot make %s: %s", dir, strerror(errno));
		return BG_IO;
	}
	return BG_OK;
}

enum bg_err encoder_pool_request(struct encoder_pool *pool, const struct encode_job *job,
                                 const struct segment_plan *plan, long n, char *path,
                                 size_t path_len, bool *ready, char *msg, size_t len)
{
	char dir[DIR_MAX];
	*ready = false;
	enum bg_err rc = prepare(pool, job, plan, n, dir, sizeof(dir), path, path_len, msg, len);
	if (rc)
		return rc;
	if (exists(path)) {
		utimensat(AT_FDCWD, path, NULL, 0); /* recently served: evicted last */
		*ready = true;
		/* Still a request: the encoder's viewer is here, so it may go on. */
	}
	pthread_mutex_lock(&pool->lock);
	struct encoder *e = find_encoder(pool, dir);
	if (*ready) {
		if (e) {
			e->asked_at = monotonic_ms();
			if (n >= 0)
				e->wanted = n;
		}
	} else {
		rc = request_locked(pool, job, plan, n, dir, path, ready, msg, len);
	}
	pthread_mutex_unlock(&pool->lock);
	return rc;
}

enum bg_err encoder_pool_segment(struct encoder_pool *pool, const struct encode_job *job,
                                 const struct segment_plan *plan, long n, char *path,
                                 size_t path_len, char *msg, size_t len)
{
	int64_t deadline = monotonic_ms() + pool->wait_ms;
	for (;;) {
		bool ready;
		enum bg_err rc =
		        encoder_pool_request(pool, job, plan, n, path, path_len, &ready, msg, len);
		if (rc || ready)
			return rc;
		if (monotonic_ms() > deadline) {
			snprintf(msg, len, "segment %ld was not ready within %d s", n,
			         pool->wait_ms / 1000);
			return BG_IO;
		}
		sleep_ms(50);
	}
}
