/* subtitle.c - text subtitles converted to WebVTT; see subtitle.h. */
#include "media/subtitle.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "core/file.h"
#include "core/utf8.h"
#include "media/ffmpeg_hls.h"
#include "core/banned.h"

/* True when the sidecar at path is UTF-8 throughout (FFmpeg's SRT reader needs to know). */
static enum bg_err sidecar_is_utf8(const char *path, bool *utf8, char *msg, size_t msg_len)
{
	char *data = NULL;
	size_t len = 0;
	enum bg_err rc = file_read_all(path, (size_t)SUBTITLE_MAX_BYTES, &data, &len);
	if (rc == BG_TOO_LARGE)
		snprintf(msg, msg_len, "the subtitle file is larger than %lld MiB",
		         (long long)(SUBTITLE_MAX_BYTES >> 20));
	else if (rc)
		snprintf(msg, msg_len, "the subtitle file cannot be read: %s", strerror(errno));
	else
		*utf8 = utf8_valid_prefix(data, len) == len;
	free(data);
	return rc == BG_IO && errno == ENOENT ? BG_NOT_FOUND : rc;
}

enum bg_err subtitle_vtt(const char *cache_dir, const struct subtitle_source *src,
                         const struct media_track *t, char *out, size_t out_len, char *msg,
                         size_t msg_len)
{
	if (!media_track_is_text(t)) {
		snprintf(msg, msg_len, "track %d is a picture subtitle (%s), not text", t->id,
		         t->codec);
		return BG_INVALID;
	}
	/* A sidecar's own size and time name its conversion; a stream's, the video's. */
	char sidecar[8192] = "";
	int64_t size = src->size, mtime = src->mtime;
	if (t->index < 0) {
		const char *slash = strrchr(src->path, '/');
		int n = snprintf(sidecar, sizeof(sidecar), "%.*s%s",
		                 slash ? (int)(slash - src->path + 1) : 0, src->path, t->file);
		struct stat sb;
		if (n < 0 || (size_t)n >= sizeof(sidecar)) {
			snprintf(msg, msg_len, "the subtitle file's path is too long");
			return BG_TOO_LARGE;
		}
		if (stat(sidecar, &sb) != 0) {
			snprintf(msg, msg_len, "the subtitle file '%s' is gone; rescan", t->file);
			return BG_NOT_FOUND;
		}
		size = (int64_t)sb.st_size;
		mtime = (int64_t)sb.st_mtime;
	}
	int n = snprintf(out, out_len, "%s/%lld-%d-%lld-%lld.vtt", cache_dir,
	                 (long long)src->media_id, t->id, (long long)size, (long long)mtime);
	if (n < 0 || (size_t)n >= out_len) {
		snprintf(msg, msg_len, "the subtitle cache's path is too long");
		return BG_TOO_LARGE;
	}
	if (access(out, R_OK) == 0)
		return BG_OK;
	bool utf8 = true;
	enum bg_err rc = t->index < 0 ? sidecar_is_utf8(sidecar, &utf8, msg, msg_len) : BG_OK;
	if (rc)
		return rc;
	if (file_mkdir_p(cache_dir, 0755)) {
		snprintf(msg, msg_len, "cannot make the subtitle cache %s: %s", cache_dir,
		         strerror(errno));
		return BG_IO;
	}
	static unsigned long counter;
	char tmp[8300];
	snprintf(tmp, sizeof(tmp), "%s.partial-%ld-%lu", out, (long)getpid(),
	         __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED));
	struct ffmpeg_cmd cmd = {.argc = 0};
	const char *args[24];
	int argc = 0;
	char input[8400], map[32];
	snprintf(input, sizeof(input), "file:%s", t->index < 0 ? sidecar : src->path);
	snprintf(map, sizeof(map), "0:s:%d", t->index < 0 ? 0 : t->index);
	args[argc++] = "ffmpeg";
	args[argc++] = "-v";
	args[argc++] = "error";
	args[argc++] = "-nostdin";
	args[argc++] = "-y";
	if (!utf8) {
		args[argc++] = "-sub_charenc";
		args[argc++] = "CP1252";
	}
	args[argc++] = "-i";
	args[argc++] = input;
	args[argc++] = "-map";
	args[argc++] = map;
	args[argc++] = "-c:s";
	args[argc++] = "webvtt";
	args[argc++] = "-f";
	args[argc++] = "webvtt";
	args[argc++] = tmp;
	for (int i = 0; i < argc; i++)
		cmd.argv[i] = (char *)args[i];
	cmd.argv[argc] = NULL;
	cmd.argc = argc;
	pid_t pid;
	rc = ffmpeg_spawn(&cmd, -1, &pid, msg, msg_len);
	if (rc)
		return rc;
	int status = 0;
	bool exited = ffmpeg_wait(pid, SUBTITLE_TIMEOUT_MS, &status);
	if (!exited || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		unlink(tmp);
		snprintf(msg, msg_len,
		         exited ? "ffmpeg could not convert subtitle track %d (%s) to WebVTT"
		                : "converting subtitle track %d (%s) took longer than the limit",
		         t->id, t->codec);
		return BG_IO;
	}
	if (rename(tmp, out) != 0) {
		snprintf(msg, msg_len, "cannot write %s: %s", out, strerror(errno));
		unlink(tmp);
		return BG_IO;
	}
	return BG_OK;
}
