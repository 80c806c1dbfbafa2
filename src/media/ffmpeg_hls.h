/*
 * ffmpeg_hls.h - the FFmpeg command that makes one HLS rendition of a file
 * (fMP4 segments cut where the segment plan says), and starting it.
 *
 * One command for both users: the encoder pool (made on demand, from any
 * segment on, stopped and restarted at seeks) and the packager (every
 * segment, ahead of time), so a packaged segment is the same as one made
 * on demand. FFmpeg is executed (posix_spawnp, no shell), never linked.
 */
#ifndef BINGE_MEDIA_FFMPEG_HLS_H
#define BINGE_MEDIA_FFMPEG_HLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/err.h"
#include "media/delivery.h"
#include "media/hls.h"
#include "media/media_info.h"

/* Enough for a batch of stills (media/still.h): a few arguments per file. */
#define FFMPEG_ARGS_MAX 192

/* One rendition of one file, as a request names it. */
struct encode_job {
	int64_t media_id;
	const char *source; /* the file */
	int64_t size, mtime;
	const struct media_info *info;
	const struct rendition *rendition;
};


/* An argument vector and the text it points into. */
struct ffmpeg_cmd {
	char *argv[FFMPEG_ARGS_MAX];
	int argc;
	char store[4096];
	size_t used;
};

/*
 * The command making job's rendition from segment first of plan on, into
 * dir/seg<N>.m4s and dir/<init_name> (FFmpeg's own playlist goes to
 * dir/run-<first>.m3u8 and is not used). With progress, FFmpeg reports
 * "out_time_us=..." lines on its standard output.
 * Errors: BG_TOO_LARGE (the command line does not fit), with msg.
 */
enum bg_err ffmpeg_hls_command(const struct encode_job *job, const struct segment_plan *plan,
                               long first, const char *dir, const char *init_name, bool progress,
                               struct ffmpeg_cmd *out, char *msg, size_t len);

/*
 * Starts cmd with stdin from /dev/null, stdout to stdout_fd (-1:
 * /dev/null) and every signal unblocked (a server blocks SIGTERM in its
 * threads; FFmpeg should not). Errors: BG_IO (cannot run ffmpeg), with msg.
 */
enum bg_err ffmpeg_spawn(const struct ffmpeg_cmd *cmd, int stdout_fd, pid_t *pid, char *msg,
                         size_t len);

/*
 * Waits for the FFmpeg pid until timeout_ms have passed, and kills it then.
 * True with *status set when it exited in time.
 */
bool ffmpeg_wait(pid_t pid, int64_t timeout_ms, int *status);

#endif
