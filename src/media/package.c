/* package.c - HLS renditions made ahead; see package.h. */
#include "media/package.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
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
#include "media/hls.h"
#include "core/banned.h"

/* Room for what is appended to each directory name below it. */
/* Readable by a web server sending the files (docs/deploy.md); the
 * segments themselves are FFmpeg's, under the umask. */
#define PACKAGE_DIR_MODE 0755
#define KEY_DIR_MAX       (PATH_MAX - 512)
#define PARTIAL_DIR_MAX   (PATH_MAX - 256)
#define RENDITION_DIR_MAX (PATH_MAX - 128)

/* root/<id>-<size>-<mtime>: false when it would not fit. */
static bool package_dir(const char *root, const struct package_source *src, char *out,
                        size_t len)
{
	int n = snprintf(out, len, "%s/%lld-%lld-%lld", root, (long long)src->media_id,
	                 (long long)src->size, (long long)src->mtime);
	return n > 0 && (size_t)n < len;
}

static bool is_file(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0;
}

/* Removes root/<key>.partial-* left by packagers that stopped half-way. */
static void remove_partials(const char *root, const char *key)
{
	DIR *d = opendir(root);
	if (!d)
		return;
	char prefix[NAME_MAX + 1];
	snprintf(prefix, sizeof(prefix), "%s.partial-", key);
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
			continue;
		char path[PATH_MAX];
		if (snprintf(path, sizeof(path), "%s/%s", root, de->d_name) < (int)sizeof(path))
			file_remove_tree(path);
	}
	closedir(d);
}

struct rendition_run {
	const struct package_source *src;
	const struct rendition *rendition;
	const char *dir;
	int index, count; /* this rendition's place among the package's */
	package_progress_fn progress;
	void *ctx;
	volatile sig_atomic_t *stop;
};

/* Reads FFmpeg's -progress lines ("out_time_us=N") until it closes them. */
static bool follow_progress(int fd, const struct rendition_run *run, pid_t pid)
{
	char line[256];
	size_t used = 0;
	double duration_us = (double)run->src->info->duration_ms * 1000.0;
	for (;;) {
		if (run->stop && *run->stop) {
			kill(pid, SIGTERM);
			return false;
		}
		struct pollfd p = {.fd = fd, .events = POLLIN};
		if (poll(&p, 1, 250) <= 0)
			continue;
		ssize_t got = read(fd, line + used, sizeof(line) - 1 - used);
		if (got <= 0)
			return true;
		used += (size_t)got;
		line[used] = '\0';
		char *nl;
		while ((nl = strchr(line, '\n')) != NULL) {
			*nl = '\0';
			long long us;
			if (run->progress && duration_us > 0 && sscanf(line, "out_time_us=%lld", &us) == 1) {
				double part = us > 0 ? (double)us / duration_us : 0.0;
				run->progress(((double)run->index + (part > 1 ? 1 : part)) / run->count,
				              run->ctx);
			}
			used -= (size_t)(nl + 1 - line);
			memmove(line, nl + 1, used + 1);
		}
		if (used == sizeof(line) - 1)
			used = 0; /* a line longer than any FFmpeg writes: drop it */
	}
}

/* Makes one rendition in full into run->dir. */
static enum bg_err make_rendition(const struct rendition_run *run, char *msg, size_t len)
{
	struct segment_plan plan;
	if (segment_plan_fixed(run->src->info->duration_ms, &plan)) {
		snprintf(msg, len, "out of memory for the segment plan");
		return BG_NOMEM;
	}
	struct encode_job job = {.media_id = run->src->media_id,
	                         .source = run->src->path,
	                         .size = run->src->size,
	                         .mtime = run->src->mtime,
	                         .info = run->src->info,
	                         .rendition = run->rendition};
	struct ffmpeg_cmd cmd;
	int fds[2] = {-1, -1};
	pid_t pid = 0;
	enum bg_err rc = ffmpeg_hls_command(&job, &plan, 0, run->dir, "init.mp4", true, &cmd, msg, len);
	if (!rc && (pipe(fds) != 0 || fcntl(fds[0], F_SETFD, FD_CLOEXEC) != 0 ||
	            fcntl(fds[1], F_SETFD, FD_CLOEXEC) != 0)) {
		snprintf(msg, len, "cannot make a pipe: %s", strerror(errno));
		rc = BG_IO;
	}
	if (!rc)
		rc = ffmpeg_spawn(&cmd, fds[1], &pid, msg, len);
	if (fds[1] >= 0)
		close(fds[1]);
	if (!rc) {
		bool whole = follow_progress(fds[0], run, pid);
		int status = 0;
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		char name[RENDITION_NAME_MAX];
		rendition_name(run->rendition, name);
		if (!whole) {
			snprintf(msg, len, "stopped while making %s", name);
			rc = BG_IO;
		} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			snprintf(msg, len, "ffmpeg failed making %s (%s %d)", name,
			         WIFEXITED(status) ? "exit status" : "signal",
			         WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
			rc = BG_IO;
		}
		/* Every segment the plan lists must be there: FFmpeg exiting 0 is not proof. */
		char path[PATH_MAX];
		for (long i = -1; !rc && i < (long)plan.count; i++) {
			if (i < 0)
				snprintf(path, sizeof(path), "%s/init.mp4", run->dir);
			else
				snprintf(path, sizeof(path), "%s/seg%ld.m4s", run->dir, i);
			if (!is_file(path)) {
				snprintf(msg, len, "ffmpeg did not make %s of %s", i < 0 ? "init.mp4" : path,
				         name);
				rc = BG_IO;
			}
		}
		snprintf(path, sizeof(path), "%s/run-0.m3u8", run->dir);
		unlink(path);
	}
	if (fds[0] >= 0)
		close(fds[0]);
	segment_plan_release(&plan);
	return rc;
}

enum bg_err package_build(const char *root, const struct package_source *src,
                          const struct rendition *r, int n, package_progress_fn progress,
                          void *ctx, volatile sig_atomic_t *stop, bool *made, char *msg,
                          size_t len)
{
	*made = false;
	char final[KEY_DIR_MAX], partial[PARTIAL_DIR_MAX], list[PATH_MAX];
	if (!package_dir(root, src, final, sizeof(final))) {
		snprintf(msg, len, "the package directory's name is too long");
		return BG_IO;
	}
	snprintf(list, sizeof(list), "%s/renditions", final);
	if (is_file(list))
		return BG_OK;
	if (file_mkdir_p(root, PACKAGE_DIR_MODE)) {
		snprintf(msg, len, "cannot make %s: %s", root, strerror(errno));
		return BG_IO;
	}
	remove_partials(root, strrchr(final, '/') + 1);
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	snprintf(partial, sizeof(partial), "%s.partial-%ld-%ld", final, (long)getpid(),
	         (long)(now.tv_nsec & 0xffffff));
	struct buf names = BUF_INIT(256);
	enum bg_err rc = BG_OK;
	for (int i = 0; i < n && !rc; i++) {
		char name[RENDITION_NAME_MAX], dir[RENDITION_DIR_MAX];
		rendition_name(&r[i], name);
		snprintf(dir, sizeof(dir), "%s/%s", partial, name);
		if (file_mkdir_p(dir, PACKAGE_DIR_MODE)) {
			snprintf(msg, len, "cannot make %s: %s", dir, strerror(errno));
			rc = BG_IO;
			break;
		}
		struct rendition_run run = {.src = src, .rendition = &r[i], .dir = dir, .index = i,
		                            .count = n, .progress = progress, .ctx = ctx,
		                            .stop = stop};
		rc = make_rendition(&run, msg, len);
		buf_addf(&names, "%s\n", name);
	}
	if (!rc) {
		char partial_list[PATH_MAX];
		snprintf(partial_list, sizeof(partial_list), "%s/renditions", partial);
		if (buf_error(&names) || file_write_atomic(partial_list, names.ptr, names.len)) {
			snprintf(msg, len, "cannot write %s: %s", partial_list, strerror(errno));
			rc = BG_IO;
		}
	}
	buf_release(&names);
	if (!rc && rename(partial, final) != 0) {
		if (errno != ENOTEMPTY && errno != EEXIST) {
			snprintf(msg, len, "cannot publish %s: %s", final, strerror(errno));
			rc = BG_IO;
		}
		file_remove_tree(partial); /* another packager published it first */
		return rc;
	}
	if (rc)
		file_remove_tree(partial);
	else
		*made = true;
	return rc;
}

int package_renditions(const char *root, const struct package_source *src, struct rendition *out,
                       int max)
{
	char dir[KEY_DIR_MAX], list[PATH_MAX];
	if (!root || !package_dir(root, src, dir, sizeof(dir)))
		return 0;
	snprintf(list, sizeof(list), "%s/renditions", dir);
	char *text;
	size_t text_len;
	if (file_read_all(list, 4096, &text, &text_len))
		return 0;
	int n = 0;
	char msg[128];
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line && n < max;
	     line = strtok_r(NULL, "\n", &save)) {
		/* Parsed against the file with the name's audio stream selected. */
		struct media_info info = *src->info;
		int audio, burn;
		if (!rendition_streams(line, &audio, &burn) ||
		    (src->tracks_n && !media_info_select_audio(&info, src->tracks, src->tracks_n, audio)))
			continue;
		if (rendition_parse(line, &info, &out[n], msg, sizeof(msg)) == BG_OK)
			n++;
	}
	free(text);
	return n;
}

bool package_segment(const char *root, const struct package_source *src, const char *rendition,
                     long n, char *path, size_t len)
{
	char dir[KEY_DIR_MAX];
	if (!root || strchr(rendition, '/') || rendition[0] == '.' ||
	    !package_dir(root, src, dir, sizeof(dir)))
		return false;
	int w = n < 0 ? snprintf(path, len, "%s/%s/init.mp4", dir, rendition)
	              : snprintf(path, len, "%s/%s/seg%ld.m4s", dir, rendition, n);
	return w > 0 && (size_t)w < len && is_file(path);
}
