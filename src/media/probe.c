/* probe.c - ffprobe as a subprocess; see probe.h. */
#include "media/probe.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/mem.h"
#include "core/banned.h"

extern char **environ;

static void copy_str(json_t *obj, const char *key, char *out, size_t cap)
{
	const char *s = json_string_value(json_object_get(obj, key));
	snprintf(out, cap, "%s", s ? s : "");
}

/*
 * 8, 10 or 12 from a pixel format ("yuv420p10le": 10) or, failing that,
 * bits_per_raw_sample; 8 when neither says.
 */
static int bit_depth_of(const char *pix_fmt, const char *raw_bits)
{
	for (const char *p = pix_fmt; p && *p; p++)
		if (p[0] == 'p' && (p[1] == '1') && (p[2] == '0' || p[2] == '2'))
			return p[2] == '0' ? 10 : 12;
	long bits = raw_bits ? strtol(raw_bits, NULL, 10) : 0;
	return bits == 10 || bits == 12 ? (int)bits : 8;
}

/* One audio or subtitle stream as a track; index is its number among its kind. */
static void read_track(json_t *s, enum track_kind kind, int index, struct media_track *t)
{
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->index = index;
	copy_str(s, "codec_name", t->codec, sizeof(t->codec));
	json_t *tags = json_object_get(s, "tags");
	language_normalize(json_string_value(json_object_get(tags, "language")), t->language);
	copy_str(tags, "title", t->title, sizeof(t->title));
	t->channels =
	        kind == TRACK_AUDIO ? (int)json_integer_value(json_object_get(s, "channels")) : 0;
	json_t *disp = json_object_get(s, "disposition");
	t->is_default = json_integer_value(json_object_get(disp, "default")) != 0;
	t->forced = json_integer_value(json_object_get(disp, "forced")) != 0;
	t->hearing_impaired = json_integer_value(json_object_get(disp, "hearing_impaired")) != 0;
}

/* True when a chapter's title names one of words (any case, whole title). */
static bool chapter_is(const char *title, const char *const *words)
{
	for (; title && *words; words++)
		if (strcasecmp(title, *words) == 0)
			return true;
	return false;
}

/* The intro and credits chapters, by the names players and rippers give them. */
static void read_chapters(json_t *chapters, struct media_markers *out)
{
	static const char *const intro[] = {"intro",           "opening",        "op",
	                                    "opening credits", "title sequence", NULL};
	static const char *const credits[] = {"credits",     "ending",          "ed",
	                                      "end credits", "closing credits", NULL};
	*out = (struct media_markers)MEDIA_MARKERS_NONE;
	size_t i;
	json_t *c;
	json_array_foreach(chapters, i, c)
	{
		const char *title =
		        json_string_value(json_object_get(json_object_get(c, "tags"), "title"));
		const char *start = json_string_value(json_object_get(c, "start_time"));
		const char *end = json_string_value(json_object_get(c, "end_time"));
		if (!start || !end)
			continue;
		int64_t s = (int64_t)(strtod(start, NULL) * 1000.0 + 0.5);
		int64_t e = (int64_t)(strtod(end, NULL) * 1000.0 + 0.5);
		if (s < 0 || e <= s)
			continue;
		if (out->intro_start < 0 && chapter_is(title, intro)) {
			out->intro_start = s;
			out->intro_end = e;
		} else if (out->credits_start < 0 && chapter_is(title, credits)) {
			out->credits_start = s;
		}
	}
}

/* A tag's text whatever its case (Matroska writes "DESCRIPTION", MP4 "description"). */
static const char *tag(json_t *tags, const char *key)
{
	const char *k;
	json_t *v;
	json_object_foreach(tags, k, v)
	{
		if (strcasecmp(k, key) == 0 && json_is_string(v) && *json_string_value(v))
			return json_string_value(v);
	}
	return NULL;
}

static void read_tags(json_t *tags, struct media_info *out)
{
	const char *title = tag(tags, "title");
	const char *synopsis = tag(tags, "synopsis");
	if (!synopsis)
		synopsis = tag(tags, "description");
	const char *date = tag(tags, "date_released");
	if (!date)
		date = tag(tags, "date");
	snprintf(out->tag_title, sizeof(out->tag_title), "%s", title ? title : "");
	snprintf(out->tag_synopsis, sizeof(out->tag_synopsis), "%s", synopsis ? synopsis : "");
	/* "2015-11-20" or "2015-11-20T..." only: a bare year says too little. */
	if (date && strlen(date) >= 10 && date[4] == '-' && date[7] == '-')
		snprintf(out->tag_date, sizeof(out->tag_date), "%.10s", date);
}

enum bg_err probe_parse(const char *json, size_t len, struct media_info *out, char *msg,
                        size_t msg_len)
{
	memset(out, 0, sizeof(*out));
	out->chapters = (struct media_markers)MEDIA_MARKERS_NONE;
	json_t *root = json_loadb(json, len, 0, NULL);
	json_t *format = json_object_get(root, "format");
	json_t *streams = json_object_get(root, "streams");
	if (!json_is_object(format) || !json_is_array(streams)) {
		json_decref(root);
		snprintf(msg, msg_len, "ffprobe found no media container");
		return BG_INVALID;
	}
	/* "matroska,webm" -> "matroska"; "mov,mp4,m4a,3gp,3g2,mj2" -> "mov" */
	copy_str(format, "format_name", out->container, sizeof(out->container));
	out->container[strcspn(out->container, ",")] = '\0';
	const char *dur = json_string_value(json_object_get(format, "duration"));
	out->duration_ms = dur ? (int64_t)(strtod(dur, NULL) * 1000.0 + 0.5) : 0;
	read_tags(json_object_get(format, "tags"), out);
	size_t i;
	json_t *s;
	int audio = 0, subtitle = 0;
	size_t tracks_cap = 0;
	json_array_foreach(streams, i, s)
	{
		const char *type = json_string_value(json_object_get(s, "codec_type"));
		if (!type)
			continue;
		if (strcmp(type, "video") == 0 && !out->video_codec[0]) {
			/* Cover art is a "video" stream too; skip attached pictures. */
			json_t *disp = json_object_get(s, "disposition");
			if (json_integer_value(json_object_get(disp, "attached_pic")))
				continue;
			copy_str(s, "codec_name", out->video_codec, sizeof(out->video_codec));
			out->width = (int)json_integer_value(json_object_get(s, "width"));
			out->height = (int)json_integer_value(json_object_get(s, "height"));
			out->bit_depth = bit_depth_of(
			        json_string_value(json_object_get(s, "pix_fmt")),
			        json_string_value(json_object_get(s, "bits_per_raw_sample")));
			const char *trc = json_string_value(json_object_get(s, "color_transfer"));
			if (trc && strcmp(trc, "smpte2084") == 0)
				snprintf(out->hdr, sizeof(out->hdr), "hdr10");
			else if (trc && strcmp(trc, "arib-std-b67") == 0)
				snprintf(out->hdr, sizeof(out->hdr), "hlg");
			continue;
		}
		bool is_audio = strcmp(type, "audio") == 0;
		if (!is_audio && strcmp(type, "subtitle") != 0)
			continue;
		int index = is_audio ? audio++ : subtitle++;
		if (is_audio && index == 0) {
			copy_str(s, "codec_name", out->audio_codec, sizeof(out->audio_codec));
			out->audio_channels =
			        (int)json_integer_value(json_object_get(s, "channels"));
		}
		if (out->tracks_n == MEDIA_TRACKS_MAX)
			continue;
		/* Grown as streams come: a scan parses thousands of probes, most with one or two. */
		out->tracks = xgrow(out->tracks, sizeof(*out->tracks), out->tracks_n + 1, &tracks_cap);
		read_track(s, is_audio ? TRACK_AUDIO : TRACK_SUBTITLE, index,
		           &out->tracks[out->tracks_n++]);
	}
	read_chapters(json_object_get(root, "chapters"), &out->chapters);
	json_decref(root);
	if (!out->video_codec[0] && !out->audio_codec[0]) {
		media_info_release(out);
		snprintf(msg, msg_len, "no audio or video stream");
		return BG_INVALID;
	}
	return BG_OK;
}

/* Reads the child's stdout until EOF, the cap or the deadline. */
static enum bg_err read_output(int fd, struct buf *out, char *msg, size_t msg_len)
{
	int64_t deadline = monotonic_ms() + PROBE_TIMEOUT_MS;
	char chunk[16384];
	for (;;) {
		int64_t left = deadline - monotonic_ms();
		if (left <= 0) {
			snprintf(msg, msg_len, "ffprobe took longer than %d ms", PROBE_TIMEOUT_MS);
			return BG_IO;
		}
		struct pollfd p = {.fd = fd, .events = POLLIN};
		int r = poll(&p, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			continue;
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return BG_OK;
		buf_add(out, chunk, (size_t)n);
		if (buf_error(out)) {
			snprintf(msg, msg_len, "ffprobe wrote more than %zu bytes", out->max);
			return BG_IO;
		}
	}
}

/* Runs ffprobe with args (after the program name) on "file:PATH"; its stdout into output. */
static enum bg_err run_ffprobe(const char *const *args, const char *path, struct buf *output,
                               char *msg, size_t msg_len)
{
	int pipefd[2];
	if (pipe(pipefd) != 0) {
		snprintf(msg, msg_len, "cannot create a pipe: %s", strerror(errno));
		return BG_IO;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	/* "file:" keeps a name like "-x.mkv" or "http:..." a plain file path. */
	struct buf url = BUF_INIT(8192);
	buf_addf(&url, "file:%s", path);
	char *argv[16];
	size_t argc = 0;
	argv[argc++] = (char *)"ffprobe";
	for (; *args && argc < 14; args++)
		argv[argc++] = (char *)*args;
	argv[argc++] = url.ptr;
	argv[argc] = NULL;
	pid_t pid;
	int rc = buf_error(&url) ? ENAMETOOLONG
	                         : posix_spawnp(&pid, "ffprobe", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	buf_release(&url);
	if (rc != 0) {
		close(pipefd[0]);
		snprintf(msg, msg_len, "cannot run ffprobe: %s", strerror(rc));
		return BG_IO;
	}
	enum bg_err err = read_output(pipefd[0], output, msg, msg_len);
	close(pipefd[0]);
	if (err)
		kill(pid, SIGKILL);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!err && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
		snprintf(msg, msg_len, "ffprobe cannot read it as media");
		err = BG_INVALID;
	}
	return err;
}

enum bg_err probe_file_json(const char *path, struct buf *output, char *msg, size_t msg_len)
{
	/* compact: a section to a line, about half the bytes a probe cache keeps */
	static const char *const args[] = {
	        "-v",           "error",         "-print_format",  "json=c=1",
	        "-show_format", "-show_streams", "-show_chapters", NULL};
	return run_ffprobe(args, path, output, msg, msg_len);
}

enum bg_err probe_file(const char *path, struct media_info *out, char *msg, size_t msg_len)
{
	struct buf output = BUF_INIT(PROBE_MAX_OUTPUT);
	enum bg_err err = probe_file_json(path, &output, msg, msg_len);
	if (!err)
		err = probe_parse(output.ptr, output.len, out, msg, msg_len);
	buf_release(&output);
	return err;
}

enum bg_err probe_keyframes_parse(const char *text, size_t len, int64_t **out, size_t *count,
                                  char *msg, size_t msg_len)
{
	*out = NULL;
	*count = 0;
	size_t cap = 0;
	int64_t last = INT64_MIN;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		/* "12.345000,K_" (a keyframe) or "12.387000,__" */
		const char *comma = memchr(p, ',', (size_t)(eol - p));
		if (comma && comma + 1 < eol && comma[1] == 'K') {
			char num[32];
			size_t n = (size_t)(comma - p);
			char *stop;
			if (n == 0 || n >= sizeof(num))
				goto bad;
			memcpy(num, p, n);
			num[n] = '\0';
			double t = strtod(num, &stop);
			if (*stop || t < 0 || t > 1e7)
				goto bad;
			int64_t ms = (int64_t)(t * 1000.0 + 0.5);
			if (ms > last) { /* packets come in decode order; keyframes rise */
				if (*count == cap) {
					cap = cap ? cap * 2 : 256;
					int64_t *grown = realloc(*out, cap * sizeof(**out));
					if (!grown)
						goto oom;
					*out = grown;
				}
				(*out)[(*count)++] = last = ms;
			}
		}
		p = eol + 1;
	}
	if (*count)
		return BG_OK;
	snprintf(msg, msg_len, "ffprobe listed no keyframes");
	return BG_INVALID;
bad:
	snprintf(msg, msg_len, "ffprobe listed a packet time that is not a number");
	free(*out);
	*out = NULL;
	*count = 0;
	return BG_INVALID;
oom:
	snprintf(msg, msg_len, "out of memory for the keyframe list");
	free(*out);
	*out = NULL;
	*count = 0;
	return BG_NOMEM;
}

enum bg_err probe_keyframes(const char *path, int64_t **out, size_t *count, char *msg,
                            size_t msg_len)
{
	static const char *const args[] = {"-v",  "error",         "-select_streams",
	                                   "v:0", "-show_entries", "packet=pts_time,flags",
	                                   "-of", "csv=p=0",       NULL};
	struct buf output = BUF_INIT(PROBE_MAX_KEYFRAME_OUTPUT);
	enum bg_err err = run_ffprobe(args, path, &output, msg, msg_len);
	if (!err)
		err = probe_keyframes_parse(output.ptr, output.len, out, count, msg, msg_len);
	buf_release(&output);
	return err;
}
