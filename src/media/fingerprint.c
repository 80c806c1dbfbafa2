/* fingerprint.c - Chromaprint fingerprints through FFmpeg; see fingerprint.h. */
#include "media/fingerprint.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/date.h"
#include "media/ffmpeg_hls.h"
#include "core/banned.h"

enum bg_err fingerprint_file(const char *path, int seconds, uint32_t **out, size_t *n, char *msg,
                             size_t len)
{
	*out = NULL;
	*n = 0;
	struct ffmpeg_cmd cmd = {.argc = 0};
	char input[8300], duration[32];
	snprintf(input, sizeof(input), "file:%s", path);
	snprintf(duration, sizeof(duration), "%d", seconds);
	const char *args[] = {"ffmpeg", "-v", "error", "-nostdin", "-t", duration, "-i", input,
	                      "-map", "0:a:0", "-f", "chromaprint", "-fp_format", "raw", "pipe:1",
	                      NULL};
	for (size_t i = 0; args[i]; i++)
		cmd.argv[cmd.argc++] = (char *)args[i];
	int pipefd[2];
	if (pipe(pipefd) != 0) {
		snprintf(msg, len, "cannot create a pipe: %s", strerror(errno));
		return BG_IO;
	}
	pid_t pid;
	enum bg_err rc = ffmpeg_spawn(&cmd, pipefd[1], &pid, msg, len);
	close(pipefd[1]);
	if (rc) {
		close(pipefd[0]);
		return rc;
	}
	/* About 8 items of 4 bytes a second: a generous cap. */
	struct buf data = BUF_INIT((size_t)seconds * 64 + 4096);
	int64_t deadline = monotonic_ms() + FINGERPRINT_TIMEOUT_MS;
	char chunk[4096];
	for (;;) {
		int left = (int)(deadline - monotonic_ms());
		struct pollfd p = {.fd = pipefd[0], .events = POLLIN};
		int r = left > 0 ? poll(&p, 1, left) : 0;
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			rc = BG_IO;
			snprintf(msg, len, "fingerprinting took longer than %d s",
			         FINGERPRINT_TIMEOUT_MS / 1000);
			break;
		}
		ssize_t got = read(pipefd[0], chunk, sizeof(chunk));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		buf_add(&data, chunk, (size_t)got);
	}
	close(pipefd[0]);
	if (rc)
		kill(pid, SIGKILL);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!rc && (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || buf_error(&data) ||
	            data.len < 4)) {
		rc = BG_IO;
		snprintf(msg, len, "ffmpeg made no fingerprint of its audio");
	}
	if (!rc) {
		*n = data.len / 4;
		*out = malloc(*n * sizeof(**out));
		if (!*out) {
			rc = BG_NOMEM;
			snprintf(msg, len, "out of memory for a fingerprint");
			*n = 0;
		} else {
			for (size_t i = 0; i < *n; i++) /* little-endian on disk, as Chromaprint writes */
				(*out)[i] = (uint32_t)(unsigned char)data.ptr[4 * i] |
				            (uint32_t)(unsigned char)data.ptr[4 * i + 1] << 8 |
				            (uint32_t)(unsigned char)data.ptr[4 * i + 2] << 16 |
				            (uint32_t)(unsigned char)data.ptr[4 * i + 3] << 24;
		}
	}
	buf_release(&data);
	return rc;
}
