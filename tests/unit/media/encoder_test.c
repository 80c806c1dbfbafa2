/*
 * encoder_test.c - the encoder pool's limits and clean-up, with a stand-in
 * for FFmpeg (a shell script named ffmpeg first on PATH that never writes a
 * segment), so the limits are hit deterministically: a segment not ready
 * in time, every encoder busy, encoders stopped when the pool closes, and
 * an encoder a killed server left behind, killed on the next start. Real
 * encoding is tested end to end by tests/integration/hls_test.sh.
 */
#include "../test_util.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "media/encoder.h"

static char dir[256], cache[300];

static int setup(void **state)
{
	(void)state;
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/encoder-test-XXXXXX", tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	char stub[320];
	snprintf(stub, sizeof(stub), "%s/ffmpeg", dir);
	FILE *f = fopen(stub, "w");
	assert_non_null(f);
	/* Busy forever, writing nothing; killed by the pool. */
	fputs("#!/bin/sh\nwhile :; do sleep 0.1; done\n", f);
	fclose(f);
	chmod(stub, 0755);
	char path[4096];
	snprintf(path, sizeof(path), "%s:%s", dir, getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	setenv("PATH", path, 1);
	snprintf(cache, sizeof(cache), "%s/streams", dir);
	return 0;
}

static bool alive(pid_t pid)
{
	return kill(pid, 0) == 0;
}

static struct media_info info(void)
{
	struct media_info m = {.duration_ms = 60000, .width = 640, .height = 480, .bit_depth = 8,
	                       .audio_channels = 2};
	snprintf(m.video_codec, sizeof(m.video_codec), "h264");
	snprintf(m.audio_codec, sizeof(m.audio_codec), "aac");
	return m;
}

static void test_limits(void **state)
{
	(void)state;
	struct encoder_config cfg = {.cache_dir = cache, .max_encoders = 1, .wait_seconds = 1};
	struct encoder_pool *pool;
	char msg[256], path[8192];
	assert_int_equal(encoder_pool_open(&cfg, &pool, msg, sizeof(msg)), BG_OK);
	struct media_info m = info();
	struct rendition a, b;
	assert_int_equal(rendition_parse("h264.480.1500-aac2", &m, &a, msg, sizeof(msg)), BG_OK);
	assert_int_equal(rendition_parse("h264.360.800-aac2", &m, &b, msg, sizeof(msg)), BG_OK);
	struct encode_job ja = {.media_id = 7, .source = "/nonexistent.mkv", .size = 1, .mtime = 2,
	                        .info = &m, .rendition = &a};
	struct encode_job jb = ja;
	jb.rendition = &b;
	struct segment_plan plan;
	assert_int_equal(encoder_pool_plan(pool, &ja, &plan, msg, sizeof(msg)), BG_OK);
	assert_int_equal(plan.count, 10);

	/* Out of range: no encoder started. */
	assert_int_equal(encoder_pool_segment(pool, &ja, &plan, 10, path, sizeof(path), msg,
	                                      sizeof(msg)),
	                 BG_INVALID);
	assert_int_equal(encoder_pool_running(pool), 0);
	/* The stand-in never writes: not ready within the wait, still running. */
	assert_int_equal(
	        encoder_pool_segment(pool, &ja, &plan, 0, path, sizeof(path), msg, sizeof(msg)),
	        BG_IO);
	assert_non_null(strstr(msg, "not ready within 1 s"));
	assert_int_equal(encoder_pool_running(pool), 1);
	/* Another file needs a second encoder: the only one is busy. */
	struct encode_job other = jb;
	other.media_id = 8;
	assert_int_equal(
	        encoder_pool_segment(pool, &other, &plan, 0, path, sizeof(path), msg, sizeof(msg)),
	        BG_BUSY);
	assert_non_null(strstr(msg, "busy"));
	/* Its pid file names it and this process. */
	char pid_file[8192];
	snprintf(pid_file, sizeof(pid_file), "%s/7-1-2/h264.480.1500-aac2/encoder.pid", cache);
	FILE *f = fopen(pid_file, "r");
	assert_non_null(f);
	long pid = 0, owner = 0;
	assert_int_equal(fscanf(f, "%ld %ld", &pid, &owner), 2);
	fclose(f);
	assert_int_equal(owner, (long)getpid());
	assert_true(alive((pid_t)pid));
	/* Another rendition of the same file (a player switching quality) takes
	 * its slot: the first encoder is stopped, its files cleaned. */
	assert_int_equal(
	        encoder_pool_segment(pool, &jb, &plan, 0, path, sizeof(path), msg, sizeof(msg)),
	        BG_IO); /* started, and (the stand-in) not ready in time */
	assert_false(alive((pid_t)pid));
	assert_int_not_equal(access(pid_file, F_OK), 0);
	assert_int_equal(encoder_pool_running(pool), 1);
	snprintf(pid_file, sizeof(pid_file), "%s/7-1-2/h264.360.800-aac2/encoder.pid", cache);
	f = fopen(pid_file, "r");
	assert_non_null(f);
	assert_int_equal(fscanf(f, "%ld %ld", &pid, &owner), 2);
	fclose(f);
	/* Closing stops it and removes what it left. */
	encoder_pool_close(pool);
	assert_false(alive((pid_t)pid));
	assert_int_not_equal(access(pid_file, F_OK), 0);
	segment_plan_release(&plan);
}

/* An encoder of media id writing into its cache folder (named into rdir), started here. */
static pid_t stray_encoder(int id, char *rdir, size_t len)
{
	char cmd[1024], stub[320];
	snprintf(rdir, len, "%s/%d-1-2/copy-copy", cache, id);
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", rdir);
	assert_int_equal(system(cmd), 0);
	snprintf(stub, sizeof(stub), "%s/ffmpeg", dir);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		execl(stub, "ffmpeg", "-hls_segment_filename", rdir, (char *)NULL);
		_exit(127);
	}
	return child;
}

static void test_stale_encoder_killed_on_start(void **state)
{
	(void)state;
	/* What a server killed with -9 leaves: an encoder still running, its pid file. */
	char rdir[512], pid_file[600], tmp_seg[600];
	pid_t child = stray_encoder(9, rdir, sizeof(rdir));
	nanosleep(&(struct timespec){.tv_sec = 0, .tv_nsec = 100000000}, NULL);
	snprintf(pid_file, sizeof(pid_file), "%s/encoder.pid", rdir);
	FILE *f = fopen(pid_file, "w");
	assert_non_null(f);
	/* The owner: a process that is gone (pid 1 is never a dead server; use a reaped child). */
	pid_t gone = fork();
	if (gone == 0)
		_exit(0);
	waitpid(gone, NULL, 0);
	fprintf(f, "%ld %ld\n", (long)child, (long)gone);
	fclose(f);
	snprintf(tmp_seg, sizeof(tmp_seg), "%s/seg3.m4s.tmp", rdir);
	f = fopen(tmp_seg, "w");
	assert_non_null(f);
	fclose(f);

	struct encoder_config cfg = {.cache_dir = cache, .max_encoders = 1};
	struct encoder_pool *pool;
	char msg[256];
	assert_int_equal(encoder_pool_open(&cfg, &pool, msg, sizeof(msg)), BG_OK);
	/* Killed by the pool: reaped within 5 s, or the test kills it and fails. */
	int status = 0;
	pid_t reaped = 0;
	for (int i = 0; i < 100 && reaped == 0; i++) {
		reaped = waitpid(child, &status, WNOHANG);
		if (reaped == 0)
			nanosleep(&(struct timespec){.tv_sec = 0, .tv_nsec = 50000000}, NULL);
	}
	if (reaped == 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	assert_int_equal(reaped, child);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	assert_int_not_equal(access(tmp_seg, F_OK), 0);
	assert_int_not_equal(access(pid_file, F_OK), 0);
	encoder_pool_close(pool);
}

static void test_live_servers_encoder_left_alone(void **state)
{
	(void)state;
	char rdir[512], pid_file[600];
	pid_t child = stray_encoder(10, rdir, sizeof(rdir));
	/* Owned by a server that is alive (the parent of this test stands in). */
	snprintf(pid_file, sizeof(pid_file), "%s/encoder.pid", rdir);
	FILE *f = fopen(pid_file, "w");
	assert_non_null(f);
	fprintf(f, "%ld %ld\n", (long)child, (long)getppid());
	fclose(f);
	struct encoder_config cfg = {.cache_dir = cache, .max_encoders = 1};
	struct encoder_pool *pool;
	char msg[256];
	assert_int_equal(encoder_pool_open(&cfg, &pool, msg, sizeof(msg)), BG_OK);
	nanosleep(&(struct timespec){.tv_sec = 0, .tv_nsec = 100000000}, NULL);
	assert_true(alive(child));
	assert_int_equal(access(pid_file, F_OK), 0);
	encoder_pool_close(pool);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
}

static int teardown(void **state)
{
	(void)state;
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_limits),
	        cmocka_unit_test(test_stale_encoder_killed_on_start),
	        cmocka_unit_test(test_live_servers_encoder_left_alone),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
