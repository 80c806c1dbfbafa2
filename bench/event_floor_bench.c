/*
 * event_floor_bench.c - how fast SQLite itself can load the event log: the
 * floor under `binge events import`, measured on the same machine and data.
 *
 *   event_floor_bench DB CSV [--no-foreign-keys]
 *
 * DB is a binge database with an empty log (it is changed: pass a copy);
 * CSV is `binge events export` output, whose profile and title are ids.
 * The rows are parsed into memory first and not timed. Then, as a bulk
 * import does, in one transaction: the log's two indexes dropped, every row
 * appended by one prepared INSERT (binge's own table, with its CHECK and,
 * unless --no-foreign-keys, its foreign keys), the indexes built again by
 * sorting with two threads, the commit. What binge adds on top (parsing,
 * resolving names, repeated ids, the viewing summaries) is not done.
 */
#define _DEFAULT_SOURCE /* strsep */
#include <math.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct row {
	char id[129];
	long long profile, title, position_ms;
	char kind[16], device[65], at[21];
};

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "event_floor_bench: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
	exit(1);
}

static void exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(db, sql);
}

/* Copies field into out (size cap) or fails naming the line. */
static void field(char *out, size_t cap, const char *field, size_t line)
{
	size_t n = strlen(field);
	if (n >= cap || strchr(field, '"')) {
		fprintf(stderr, "event_floor_bench: line %zu: a field binge's export would not write\n",
		        line);
		exit(1);
	}
	memcpy(out, field, n + 1);
}

static struct row *read_csv(const char *path, size_t *n_out)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(1);
	}
	char line[1024];
	size_t n = 0, cap = 1 << 16, line_no = 1;
	struct row *rows = malloc(cap * sizeof(*rows));
	if (!rows || !fgets(line, sizeof(line), f)) /* the header */
		die(NULL, "empty CSV or out of memory");
	while (fgets(line, sizeof(line), f)) {
		line_no++;
		line[strcspn(line, "\r\n")] = '\0';
		char *part[9], *p = line;
		int k = 0;
		/* strsep keeps empty fields (season and episode are empty for events by id) */
		while (k < 9 && (part[k] = strsep(&p, ",")) != NULL)
			k++;
		if (k != 9 || p) {
			fprintf(stderr, "event_floor_bench: line %zu: expected 9 fields\n", line_no);
			exit(1);
		}
		if (n == cap) {
			cap *= 2;
			rows = realloc(rows, cap * sizeof(*rows));
			if (!rows)
				die(NULL, "out of memory");
		}
		struct row *r = &rows[n++];
		field(r->id, sizeof(r->id), part[0], line_no);
		r->profile = strtoll(part[1], NULL, 10);
		r->title = strtoll(part[2], NULL, 10);
		field(r->kind, sizeof(r->kind), part[5], line_no);
		r->position_ms = llround(strtod(part[6], NULL) * 1000.0);
		field(r->device, sizeof(r->device), part[7], line_no);
		field(r->at, sizeof(r->at), part[8], line_no);
	}
	fclose(f);
	*n_out = n;
	return rows;
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4 || (argc == 4 && strcmp(argv[3], "--no-foreign-keys") != 0)) {
		fprintf(stderr, "usage: event_floor_bench DB CSV [--no-foreign-keys]\n");
		return 2;
	}
	bool foreign_keys = argc == 3;
	size_t n;
	struct row *rows = read_csv(argv[2], &n);

	sqlite3 *db;
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die(db, argv[1]);
	/* binge's bulk load settings (store_sqlite.c, event_writer_bulk) */
	exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
	         " PRAGMA cache_size = -1048576; PRAGMA threads = 2");
	exec(db, foreign_keys ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF");

	double t0 = now();
	exec(db, "BEGIN IMMEDIATE; DROP INDEX viewing_event_by_client; DROP INDEX viewing_event_at");
	sqlite3_stmt *insert;
	if (sqlite3_prepare_v2(db,
	                       "INSERT INTO viewing_event (id, profile_id, title_id, kind,"
	                       " position_ms, device, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
	                       -1, &insert, NULL) != SQLITE_OK)
		die(db, "prepare");
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		sqlite3_bind_text(insert, 1, r->id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(insert, 2, r->profile);
		sqlite3_bind_int64(insert, 3, r->title);
		sqlite3_bind_text(insert, 4, r->kind, -1, SQLITE_STATIC);
		sqlite3_bind_int64(insert, 5, r->position_ms);
		sqlite3_bind_text(insert, 6, r->device, -1, SQLITE_STATIC);
		sqlite3_bind_text(insert, 7, r->at, -1, SQLITE_STATIC);
		if (sqlite3_step(insert) != SQLITE_DONE)
			die(db, "insert");
		sqlite3_reset(insert);
	}
	sqlite3_finalize(insert);
	double t1 = now();
	exec(db, "CREATE UNIQUE INDEX viewing_event_by_client ON viewing_event (profile_id, id);"
	         " CREATE INDEX viewing_event_at ON viewing_event (at, title_id, profile_id)");
	double t2 = now();
	exec(db, "COMMIT");
	double t3 = now();
	printf("SQLite floor (%s): %zu rows appended in %.2f s, indexes %.2f s, commit %.2f s;"
	       " %.2f s, %.0f events/s\n",
	       foreign_keys ? "the log's table as it is" : "foreign keys not checked", n, t1 - t0,
	       t2 - t1, t3 - t2, t3 - t0, (double)n / (t3 - t0));
	sqlite3_close(db);
	free(rows);
	return 0;
}
