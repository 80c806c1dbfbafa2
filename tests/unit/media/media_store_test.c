/*
 * media_store_test.c - a library's new files written many rows a
 * statement (on PostgreSQL): each file gets its own id and its own tracks
 * and markers, across statements of different sizes; a file updated in
 * place has its tracks replaced.
 */
#include "../test_util.h"

#include "media/media_store.h"

struct fixture {
	struct test_db db;
	struct store *st;
	int64_t library;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->st = test_db_create_open(&f->db);
	assert_int_equal(media_store_add_library(f->st, "/media/shows", "2026-01-01T00:00:00Z",
	                                         NULL, NULL, &f->library),
	                 BG_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	return test_fixture_release(&f->db, f->st, f);
}

/* 100 files: statements of 64, 32 and 4 rows on PostgreSQL, crossing every boundary. */
#define FILES 100

/* File i: (i % 3) audio tracks whose codec names the file, and an intro when i is 7. */
static void file_info(struct media_info *m, int i)
{
	*m = (struct media_info){.duration_ms = 60000, .chapters = MEDIA_MARKERS_NONE};
	snprintf(m->container, sizeof(m->container), "matroska");
	snprintf(m->video_codec, sizeof(m->video_codec), "h264");
	m->tracks_n = (size_t)(i % 3);
	m->tracks = calloc(m->tracks_n + 1, sizeof(*m->tracks));
	for (size_t t = 0; t < m->tracks_n; t++) {
		m->tracks[t].kind = TRACK_AUDIO;
		m->tracks[t].index = (int)t;
		m->tracks[t].channels = 2;
		snprintf(m->tracks[t].codec, sizeof(m->tracks[t].codec), "c%d", i);
		snprintf(m->tracks[t].language, sizeof(m->tracks[t].language), "eng");
	}
	if (i == 7)
		m->chapters.intro_start = 1000, m->chapters.intro_end = 31000;
}

static enum bg_err add_all(struct store *st, void *ctx)
{
	struct fixture *f = ctx;
	static char paths[FILES][32];
	struct media_info infos[FILES];
	struct media_file_new files[FILES];
	for (int i = 0; i < FILES; i++) {
		snprintf(paths[i], sizeof(paths[i]), "Show/f%03d.mkv", i);
		file_info(&infos[i], i);
		files[i] = (struct media_file_new){paths[i], 1000 + i, 7, 0, 0, &infos[i], 0};
	}
	enum bg_err rc =
	        media_store_add_files(st, f->library, files, FILES, "2026-01-02T00:00:00Z");
	for (int i = 0; i < FILES && !rc; i++) {
		/* the id given back is the row of that path */
		char sql[128], want[40];
		snprintf(sql, sizeof(sql), "SELECT rel_path FROM media_file WHERE id = %lld",
		         (long long)files[i].id);
		snprintf(want, sizeof(want), "%s\n", paths[i]);
		char *got = test_query(st, sql, 1);
		assert_string_equal(got, want);
		free(got);
	}
	for (int i = 0; i < FILES; i++)
		free(infos[i].tracks);
	return rc;
}

static void test_add_files(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(store_transact(f->st, add_all, f), BG_OK);
	assert_int_equal(test_count(f->st, "media_file"), FILES);
	/* every track belongs to the file its codec names */
	char *wrong = test_query(f->st,
	                         "SELECT COUNT(*) FROM media_track t JOIN media_file m"
	                         " ON m.id = t.media_id WHERE t.codec <> 'c' || CAST(m.size - 1000"
	                         " AS TEXT)",
	                         1);
	assert_string_equal(wrong, "0\n");
	free(wrong);
	assert_int_equal(test_count(f->st, "media_track"), 33 + 2 * 33); /* i % 3 over 0..99 */
	char *intro =
	        test_query(f->st,
	                   "SELECT m.rel_path, k.start_ms FROM media_marker k JOIN media_file m"
	                   " ON m.id = k.media_id",
	                   2);
	assert_string_equal(intro, "Show/f007.mkv|1000\n");
	free(intro);
}

static void test_update_replaces_tracks(void **state)
{
	struct fixture *f = *state;
	struct media_info m;
	file_info(&m, 2); /* two tracks */
	struct media_file_new file = {"Show/x.mkv", 5, 6, 0, 0, &m, 0};
	assert_int_equal(media_store_add_files(f->st, f->library, &file, 1, "2026-01-02T00:00:00Z"),
	                 BG_OK);
	free(m.tracks);
	file_info(&m, 4); /* one track, another codec */
	m.width = 1920;
	file.size = 8;
	assert_int_equal(
	        media_store_update_file(f->st, f->library, file.id, &file, "2026-01-03T00:00:00Z"),
	        BG_OK);
	free(m.tracks);
	assert_int_equal(media_store_update_file(f->st, f->library, file.id + 1, &file, "x"),
	                 BG_NOT_FOUND);
	char *row =
	        test_query(f->st,
	                   "SELECT m.size, m.width, t.codec FROM media_file m JOIN media_track t"
	                   " ON t.media_id = m.id",
	                   3);
	assert_string_equal(row, "8|1920|c4\n");
	free(row);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	        T(test_add_files),
	        T(test_update_replaces_tracks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
