/*
 * still_test.c - episode stills made in batches by a real FFmpeg: every
 * good file gets a JPEG, fewer FFmpeg processes run than there are files,
 * a bad file in a batch fails alone with its own message, a file with no
 * keyframe after its point gets its still exactly, and a still made
 * before is kept.
 */
#include "../test_util.h"

#include <sys/stat.h>

#include "media/still.h"

/* A wrapper named ffmpeg, first on PATH, that counts its runs in dir/runs. */
static void count_ffmpeg_runs(const char *dir)
{
	char *bin = test_path(dir, "bin"), *script = test_path(bin, "ffmpeg");
	assert_int_equal(mkdir(bin, 0755), 0);
	FILE *f = fopen(script, "w");
	assert_non_null(f);
	fprintf(f, "#!/bin/sh\necho run >>'%s/runs'\nexec /usr/bin/ffmpeg \"$@\"\n", dir);
	fclose(f);
	assert_int_equal(chmod(script, 0755), 0);
	char path[8192];
	snprintf(path, sizeof(path), "%s:%s", bin, getenv("PATH"));
	setenv("PATH", path, 1);
	free(script);
	free(bin);
}

static int count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	int n = 0, c;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

static bool is_jpeg(const char *path)
{
	unsigned char head[3] = {0};
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	size_t n = fread(head, 1, 3, f);
	fclose(f);
	return n == 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;
}

#define FILES 40 /* batches even with 8 processors (40 / 8) */
#define BAD   1  /* in the first batch, with good files */

/*
 * A two-second H.264 clip at path with a keyframe every gop frames (24 a
 * second), made by FFmpeg; and a file that is no video at bad.
 */
static void make_clip_and_bad_file(const char *path, int gop, const char *bad)
{
	char cmd[8192];
	snprintf(cmd, sizeof(cmd),
	         "ffmpeg -v error -f lavfi -i testsrc=duration=2:size=320x240:rate=24"
	         " -c:v libx264 -pix_fmt yuv420p -g %d '%s' && echo 'not a video at all' >'%s'",
	         gop, path, bad);
	assert_int_equal(system(cmd), 0);
}

static void source(struct still_source *s, const char *path, int64_t id)
{
	*s = (struct still_source){
	        .media_id = id, .title_id = id, .size = 1000 + id, .mtime = 7, .duration_ms = 2000};
	snprintf(s->path, sizeof(s->path), "%s", path);
}

static void test_batches_of_stills(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), *clip = test_path(dir, "clip.mp4"),
	     *bad = test_path(dir, "bad.mp4");
	make_clip_and_bad_file(clip, 6, bad); /* a keyframe after every file's point */
	count_ffmpeg_runs(dir);

	struct still_source srcs[FILES];
	for (int i = 0; i < FILES; i++)
		source(&srcs[i], i == BAD ? bad : clip, i + 1);
	struct still_result results[FILES];
	char *stills = test_path(dir, "stills/a"); /* made by still_make_many */
	still_make_many(stills, srcs, FILES, results, NULL);

	for (int i = 0; i < FILES; i++) {
		if (i == BAD) {
			assert_int_equal(results[i].rc, BG_IO);
			assert_non_null(strstr(results[i].msg, bad));
			assert_false(is_jpeg(results[i].path));
			continue;
		}
		assert_int_equal(results[i].rc, BG_OK);
		assert_true(is_jpeg(results[i].path));
	}
	char *runs = test_path(dir, "runs");
	int first_runs = count_lines(runs);
	/* Batches: fewer processes than files, even with the bad file's batch made again. */
	assert_true(first_runs > 0);
	assert_true(first_runs < FILES);

	/* Made before: kept, no FFmpeg at all (the bad file alone tries again: at a keyframe, then
	 * exactly). */
	struct stat before, after;
	assert_int_equal(stat(results[0].path, &before), 0);
	still_make_many(stills, srcs, FILES, results, NULL);
	assert_int_equal(stat(results[0].path, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	assert_int_equal(count_lines(runs), first_runs + 2);
	assert_int_equal(results[BAD].rc, BG_IO);
	free(runs);
	free(stills);
	free(bad);
	free(clip);
	free(dir);
}

/*
 * A clip whose only keyframe is its first frame: the batch's keyframe
 * still finds none after the point, and the exact one made alone is kept
 * (two runs), under <media id>-<size>-<mtime>.jpg. A lone file that is
 * not a video fails with its name.
 */
static void test_one_keyframe_and_one_bad_file(void **state)
{
	(void)state;
	char *dir = test_tmpdir(), *clip = test_path(dir, "one.mkv"),
	     *bad = test_path(dir, "x.mkv"), *runs = test_path(dir, "runs");
	make_clip_and_bad_file(clip, 250, bad);
	count_ffmpeg_runs(dir);
	struct still_source src;
	struct still_result result;
	source(&src, clip, 42);
	still_make_many(dir, &src, 1, &result, NULL);
	assert_int_equal(result.rc, BG_OK);
	assert_true(is_jpeg(result.path));
	assert_non_null(strstr(result.path, "/42-1042-7.jpg"));
	assert_int_equal(count_lines(runs), 2);

	source(&src, bad, 43);
	still_make_many(dir, &src, 1, &result, NULL);
	assert_int_equal(result.rc, BG_IO);
	assert_non_null(strstr(result.msg, "x.mkv"));
	free(runs);
	free(bad);
	free(clip);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_batches_of_stills),
	        cmocka_unit_test(test_one_keyframe_and_one_bad_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
