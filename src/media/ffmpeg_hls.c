/* ffmpeg_hls.c - the FFmpeg command of one HLS rendition; see ffmpeg_hls.h. */
#include "media/ffmpeg_hls.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"

#include "core/banned.h"

/* How far before a segment burned-in subtitles are read from (see below). */
#define BURN_LOOKBACK_MS 30000

extern char **environ;

/* Appends one printf-formatted argument; one that does not fit is dropped
 * and found by the length check at the end. */
static void arg(struct ffmpeg_cmd *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void arg(struct ffmpeg_cmd *a, const char *fmt, ...)
{
	if (a->argc >= FFMPEG_ARGS_MAX - 1)
		return;
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(a->store + a->used, sizeof(a->store) - a->used, fmt, ap);
	va_end(ap);
	if (len < 0 || (size_t)len >= sizeof(a->store) - a->used)
		return;
	a->argv[a->argc++] = a->store + a->used;
	a->argv[a->argc] = NULL;
	a->used += (size_t)len + 1;
}

/* The video filter of an encoded rendition: tone mapping, then scaling. */
static void video_filter(const struct rendition *r, char *out, size_t len)
{
	if (r->tonemap)
		/* Scaled first, so the float stages see the smallest picture; then
		 * PQ/HLG to linear light, BT.709 primaries, Hable curve, 8-bit BT.709. */
		snprintf(out, len,
		         "scale=-2:%d,zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,"
		         "tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p",
		         r->height);
	else
		snprintf(out, len, "scale=-2:%d,format=%s", r->height,
		         strcmp(r->video_codec, "hevc") == 0 ? "yuv420p10le" : "yuv420p");
}

enum bg_err ffmpeg_hls_command(const struct encode_job *job, const struct segment_plan *plan,
                               long first, const char *dir, const char *init_name, bool progress,
                               struct ffmpeg_cmd *out, char *msg, size_t len)
{
	struct ffmpeg_cmd *a = out;
	*a = (struct ffmpeg_cmd){0};
	const struct rendition *r = job->rendition;
	const struct media_info *m = job->info;
	int64_t start = plan->starts[first];
	/* An alternate audio rendition carries no video, though the file has it. */
	bool video = r->copy_video || r->video_codec[0];
	arg(a, "ffmpeg");
	arg(a, "-v");
	arg(a, "error");
	arg(a, "-nostdin");
	if (progress) {
		arg(a, "-progress");
		arg(a, "pipe:1");
		arg(a, "-nostats");
	}
	arg(a, "-y");
	/* A copied audio stream may start before 0 (an MP4's AAC priming, 1024
	 * samples): fMP4 cannot say so (tfdt is unsigned) and the browser stalls
	 * on the wrapped time. From 0, with -copypriorss:a 0 below, those
	 * packets are left out. */
	if (first == 0 && r->has_audio && r->copy_audio) {
		arg(a, "-ss");
		arg(a, "0");
	} else if (first > 0) {
		arg(a, "-ss");
		/* A copy starts at the last keyframe before -ss, and FFmpeg seeks
		 * 3/23 s (130.4 ms) earlier than asked when the video has B-frames
		 * (fftools: video_delay): 132 ms past the keyframe lands on it.
		 * Encoders keep at least ~1 s between keyframes (min-keyint). */
		arg(a, "%.3f", (double)(start + (r->copy_video ? 132 : 0)) / 1000.0);
	}
	arg(a, "-i");
	arg(a, "file:%s", job->source);
	/*
	 * Picture subtitles are display sets that last until the next one: one
	 * shown from before the seek point is never read by an input seeked
	 * past its start, and would be missing from the segment. The same
	 * file again, from BURN_LOOKBACK_MS earlier, feeds the subtitles.
	 */
	bool second_input = r->burn_in && first > 0;
	if (second_input) {
		arg(a, "-ss");
		arg(a, "%.3f",
		    (double)(start > BURN_LOOKBACK_MS ? start - BURN_LOOKBACK_MS : 0) / 1000.0);
		arg(a, "-i");
		arg(a, "file:%s", job->source);
	}
	/* The source's times, so a restarted run's segments match a whole run's
	 * (and the two inputs' times agree). */
	arg(a, "-copyts");
	/* Burned-in subtitles: drawn on the source's picture (their canvas is
	 * the source's size), then scaled and tone-mapped with it. */
	char vf[320] = "";
	if (!r->copy_video && video)
		video_filter(r, vf, sizeof(vf));
	if (r->burn_in) {
		arg(a, "-filter_complex");
		arg(a, "[0:v:0][%d:s:%d]overlay=eof_action=pass,%s[v]", second_input ? 1 : 0,
		    r->burn_index, vf);
		arg(a, "-map");
		arg(a, "[v]");
	} else if (video) {
		arg(a, "-map");
		arg(a, "0:v:0");
	}
	if (r->has_audio) {
		arg(a, "-map");
		arg(a, "0:a:%d", r->audio_index);
	}
	if (r->copy_video) {
		arg(a, "-c:v");
		arg(a, "copy");
	} else if (video) {
		bool hevc = strcmp(r->video_codec, "hevc") == 0;
		if (!r->burn_in) {
			arg(a, "-vf");
			arg(a, "%s", vf);
		}
		arg(a, "-c:v");
		arg(a, hevc ? "libx265" : "libx264");
		arg(a, "-preset");
		arg(a, hevc ? "ultrafast" : "veryfast");
		arg(a, "-b:v");
		arg(a, "%dk", r->video_kbps);
		arg(a, "-maxrate");
		arg(a, "%dk", r->video_kbps * 3 / 2);
		arg(a, "-bufsize");
		arg(a, "%dk", r->video_kbps * 2);
		/* A keyframe at every segment start of the plan, in the source's
		 * time, and none after the last (a merged tail stays one segment). */
		arg(a, "-force_key_frames");
		arg(a, "expr:if(lt(n_forced,%ld),gte(t,%.3f+n_forced*%d),0)",
		    (long)plan->count - first, (double)start / 1000.0, HLS_SEGMENT_MS / 1000);
		if (hevc) {
			/* HDR kept: say so in the stream, as the source did. */
			bool hlg = strcmp(m->hdr, "hlg") == 0;
			arg(a, "-color_primaries");
			arg(a, "bt2020");
			arg(a, "-color_trc");
			arg(a, hlg ? "arib-std-b67" : "smpte2084");
			arg(a, "-colorspace");
			arg(a, "bt2020nc");
			arg(a, "-x265-params");
			arg(a, "log-level=error:hdr10-opt=%d:repeat-headers=1", hlg ? 0 : 1);
		} else {
			arg(a, "-profile:v");
			arg(a, "high");
		}
	}
	if (video && strcmp(r->copy_video ? m->video_codec : r->video_codec, "hevc") == 0) {
		arg(a, "-tag:v");
		arg(a, "hvc1"); /* what Safari and MSE want in MP4 */
	}
	if (r->has_audio) {
		arg(a, "-c:a");
		if (r->copy_audio) {
			arg(a, "copy");
			arg(a, "-copypriorss:a");
			arg(a, "0");
		} else {
			arg(a, "aac");
			arg(a, "-ac");
			arg(a, "%d", r->channels);
			arg(a, "-b:a");
			arg(a, "%dk", r->channels > 2 ? 384 : 128);
		}
	}
	arg(a, "-sn");
	arg(a, "-dn");
	/* Each fragment's decode time (tfdt) is the source's time, also in a run
	 * restarted at a seek: browsers place fMP4 media by tfdt and ignore edit
	 * lists. Without these, every run's first segment would start at 0. */
	arg(a, "-avoid_negative_ts");
	arg(a, "disabled");
	arg(a, "-hls_segment_options");
	arg(a, "movflags=+frag_discont");
	arg(a, "-f");
	arg(a, "hls");
	arg(a, "-hls_time");
	/* A copy is cut at every keyframe (the plan's cut points); an encode every segment. */
	arg(a, r->copy_video ? "0.001" : "%d", HLS_SEGMENT_MS / 1000);
	arg(a, "-hls_segment_type");
	arg(a, "fmp4");
	arg(a, "-hls_flags");
	arg(a, "temp_file+independent_segments");
	arg(a, "-hls_list_size");
	arg(a, "0");
	arg(a, "-start_number");
	arg(a, "%ld", first);
	arg(a, "-hls_fmp4_init_filename");
	arg(a, "%s", init_name);
	arg(a, "-hls_segment_filename");
	arg(a, "%s/seg%%d.m4s", dir);
	arg(a, "%s/run-%ld.m3u8", dir, first);
	if (a->argc >= FFMPEG_ARGS_MAX - 1 || a->used >= sizeof(a->store) - 1) {
		snprintf(msg, len, "the encoder's command line is too long");
		return BG_TOO_LARGE;
	}
	return BG_OK;
}

bool ffmpeg_wait(pid_t pid, int64_t timeout_ms, int *status)
{
	int64_t deadline = monotonic_ms() + timeout_ms;
	/*
	 * A pidfd turns readable when the process ends, so the wait ends with
	 * it: the 20 ms naps below made every still cost at least 20 ms (a
	 * scan with FFmpeg stood in for spent 30 of its 49 s asleep). The naps
	 * remain for kernels without pidfd_open (before Linux 5.3).
	 */
	int pidfd = pidfd_open(pid, 0);
	if (pidfd >= 0) {
		struct pollfd ended = {.fd = pidfd, .events = POLLIN};
		int64_t left;
		while ((left = deadline - monotonic_ms()) > 0 &&
		       poll(&ended, 1, left > INT32_MAX ? INT32_MAX : (int)left) < 0 &&
		       errno == EINTR)
			;
		close(pidfd);
	}
	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG);
		if (r == pid)
			return true;
		if ((r < 0 && errno != EINTR) || monotonic_ms() > deadline) {
			kill(pid, SIGKILL);
			while (waitpid(pid, status, 0) < 0 && errno == EINTR)
				;
			return false;
		}
		struct timespec nap = {0, 20 * 1000 * 1000};
		nanosleep(&nap, NULL);
	}
}

enum bg_err ffmpeg_spawn(const struct ffmpeg_cmd *cmd, int stdout_fd, pid_t *pid, char *msg,
                         size_t len)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	if (stdout_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, stdout_fd, STDOUT_FILENO);
	else
		posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_t attr;
	sigset_t none;
	sigemptyset(&none);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
	int rc = posix_spawnp(pid, "ffmpeg", &fa, &attr, (char *const *)cmd->argv, environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		snprintf(msg, len, "cannot run ffmpeg: %s", strerror(rc));
		return BG_IO;
	}
	return BG_OK;
}
