/* trickplay.c - seek-bar previews; see trickplay.h. */
#include "media/trickplay.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "core/file.h"
#include "media/ffmpeg_hls.h"
#include "core/banned.h"

void trickplay_dir(const char *root, const struct trickplay_source *src, char *out, size_t len)
{
	snprintf(out, len, "%s/%lld-%lld-%lld", root, (long long)src->media_id,
	         (long long)src->size, (long long)src->mtime);
}

bool trickplay_exists(const char *root, const struct trickplay_source *src)
{
	char dir[4200], first[4300];
	trickplay_dir(root, src, dir, sizeof(dir));
	snprintf(first, sizeof(first), "%s/1.jpg", dir);
	return access(first, R_OK) == 0;
}

int trickplay_width(const struct trickplay_source *src)
{
	int w = src->width > 0 && src->width < TRICKPLAY_WIDTH ? src->width : TRICKPLAY_WIDTH;
	return w & ~1;
}

int trickplay_height(const struct trickplay_source *src)
{
	int w = trickplay_width(src);
	if (src->width <= 0 || src->height <= 0)
		return w * 9 / 16;
	int h = (int)((int64_t)w * src->height / src->width);
	return h & ~1; /* FFmpeg's scale=W:-2 */
}

/* True when the first sheet is in dir. */
static bool trickplay_sheet_made(const char *dir)
{
	char first[4400];
	snprintf(first, sizeof(first), "%s/1.jpg", dir);
	return access(first, R_OK) == 0;
}

/* One FFmpeg run making the sheets; waits for it, at most TRICKPLAY_TIMEOUT_MS. */
static enum bg_err run_ffmpeg(const char *input, const char *vf, const char *out,
                              bool keyframes_only, char *msg, size_t len)
{
	struct ffmpeg_cmd cmd = {.argc = 0};
	const char *head[] = {"ffmpeg", "-v", "error", "-nostdin", "-y", NULL};
	const char *tail[] = {"-i", input, "-an", "-sn", "-dn", "-vf", vf, "-fps_mode", "vfr",
	                      "-q:v", "5", out, NULL};
	for (size_t i = 0; head[i]; i++)
		cmd.argv[cmd.argc++] = (char *)head[i];
	if (keyframes_only) {
		cmd.argv[cmd.argc++] = (char *)"-skip_frame";
		cmd.argv[cmd.argc++] = (char *)"nokey";
	}
	for (size_t i = 0; tail[i]; i++)
		cmd.argv[cmd.argc++] = (char *)tail[i];
	cmd.argv[cmd.argc] = NULL;
	pid_t pid;
	enum bg_err rc = ffmpeg_spawn(&cmd, -1, &pid, msg, len);
	if (rc)
		return rc;
	int status = 0;
	if (!ffmpeg_wait(pid, TRICKPLAY_TIMEOUT_MS, &status)) {
		snprintf(msg, len, "making previews took longer than %d minutes",
		         TRICKPLAY_TIMEOUT_MS / 60000);
		return BG_IO;
	}
	if (WIFSIGNALED(status)) {
		snprintf(msg, len, "ffmpeg, making previews of %s, was killed by signal %d",
		         input + 5, WTERMSIG(status));
		return BG_IO;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(msg, len, "ffmpeg could not make previews of %s (exit status %d)", input + 5,
		         WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return BG_IO;
	}
	return BG_OK;
}

enum bg_err trickplay_make(const char *root, const struct trickplay_source *src, char *msg,
                           size_t len)
{
	if (src->width <= 0 || src->duration_ms <= 0) {
		snprintf(msg, len, "media %lld has no video to preview", (long long)src->media_id);
		return BG_INVALID;
	}
	char dir[4200], tmp[4300], input[8300], vf[128], out[4400];
	trickplay_dir(root, src, dir, sizeof(dir));
	snprintf(tmp, sizeof(tmp), "%s.partial-%ld", dir, (long)getpid());
	file_remove_tree(tmp);
	if (file_mkdir_p(tmp, 0755)) {
		snprintf(msg, len, "cannot make %s: %s", tmp, strerror(errno));
		return BG_IO;
	}
	snprintf(input, sizeof(input), "file:%s", src->path);
	/* eof_action=pass: a file shorter than half an interval still gets its picture. */
	snprintf(vf, sizeof(vf), "fps=1/%d:eof_action=pass,scale=%d:-2,tile=%dx%d", TRICKPLAY_INTERVAL_S,
	         trickplay_width(src), TRICKPLAY_TILES, TRICKPLAY_TILES);
	snprintf(out, sizeof(out), "%s/%%d.jpg", tmp);
	/* Keyframes only; a short file with one keyframe may give the fps
	 * filter nothing to pick, so then every frame is decoded. */
	enum bg_err rc = BG_OK;
	for (int keyframes_only = 1; keyframes_only >= 0; keyframes_only--) {
		rc = run_ffmpeg(input, vf, out, keyframes_only, msg, len);
		if (rc || trickplay_sheet_made(tmp))
			break;
		if (!keyframes_only) {
			rc = BG_IO;
			snprintf(msg, len, "ffmpeg made no preview of media %lld",
			         (long long)src->media_id);
		}
	}
	if (!rc) {
		file_remove_tree(dir); /* an older set of the same file, if any */
		if (rename(tmp, dir) != 0) {
			rc = BG_IO;
			snprintf(msg, len, "cannot publish %s: %s", dir, strerror(errno));
		}
	}
	if (rc)
		file_remove_tree(tmp);
	return rc;
}

static void vtt_time(struct buf *out, int64_t ms)
{
	buf_addf(out, "%02lld:%02lld:%02lld.%03lld", (long long)(ms / 3600000),
	         (long long)(ms / 60000 % 60), (long long)(ms / 1000 % 60), (long long)(ms % 1000));
}

void trickplay_vtt(const struct trickplay_source *src, const char *query, struct buf *out)
{
	int w = trickplay_width(src), h = trickplay_height(src);
	int per_sheet = TRICKPLAY_TILES * TRICKPLAY_TILES;
	buf_addf(out, "WEBVTT\n");
	int64_t step = (int64_t)TRICKPLAY_INTERVAL_S * 1000;
	for (int64_t i = 0; i * step < src->duration_ms; i++) {
		int64_t end = (i + 1) * step < src->duration_ms ? (i + 1) * step : src->duration_ms;
		int tile = (int)(i % per_sheet);
		buf_addf(out, "\n");
		vtt_time(out, i * step);
		buf_addf(out, " --> ");
		vtt_time(out, end);
		buf_addf(out, "\n%lld.jpg?%s#xywh=%d,%d,%d,%d\n", (long long)(i / per_sheet + 1), query,
		         tile % TRICKPLAY_TILES * w, tile / TRICKPLAY_TILES * h, w, h);
	}
}
