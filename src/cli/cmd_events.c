/*
 * cmd_events.c - `binge events import FILE` and `binge events export`: the
 * viewing event log in CSV or JSON Lines (audience/event.h).
 *
 * Import makes one pass in one transaction: each row is checked (fields,
 * and that its profile and title exist, resolved references cached) and
 * written; if a row was bad and --skip-bad was not given, the transaction
 * is rolled back. So a bad file loads nothing unless asked, and the error
 * lists the bad lines.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audience/event.h"
#include "cli/cli.h"
#include "core/file.h"
#include "core/progress.h"
#include "audience/event_store.h"
#include "store/store.h"
#include "core/banned.h"

#define EVENTS_FILE_MAX ((size_t)1024 * 1024 * 1024)

static const char usage[] =
        "usage: binge events import FILE [--skip-bad] [--json]\n"
        "       binge events export [--format csv|jsonl]\n\n"
        "The viewing event log. Files are CSV with the header\n"
        "  " EVENT_CSV_HEADER "\n"
        "or JSON Lines with the same keys (chosen by the .jsonl/.ndjson extension or\n"
        "a leading '{'). position is in seconds; at is YYYY-MM-DDTHH:MM:SSZ. Import\n"
        "checks every row first: bad rows are listed with their line numbers and\n"
        "nothing is loaded unless --skip-bad is given. Event ids already stored are\n"
        "skipped, so importing a file twice adds nothing. Into an empty log the file\n"
        "is a bulk load: the log's indexes are built once at the end, and other\n"
        "writers of events wait until it commits. Progress on a terminal.\n\n"
        "  --db PATH|URI  the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json         import: print {\"loaded\",\"duplicates\",\"bad\",\"errors\":[...]}\n";

struct import_run {
	const char *data;
	size_t len;
	bool json_lines;
	bool skip_bad;
	struct event_resolver cache;
	struct event_writer writer;
	struct progress prog; /* bytes read */
	long bad, loaded, duplicates;
	json_t *errors; /* "line N: why", at most CLI_BAD_LINES_SHOWN */
};

static void bad_row(struct import_run *r, size_t line_no, const char *why)
{
	if (r->bad < CLI_BAD_LINES_SHOWN) {
		char text[320];
		snprintf(text, sizeof(text), "line %zu: %s", line_no, why);
		json_array_append_new(r->errors, json_string(text));
	}
	r->bad++;
}

/* Checks one record and, when good, stores it. */
static enum bg_err one_row(struct store *st, struct import_run *r, size_t line_no, const char *line,
                           size_t len)
{
	struct event_row row;
	struct viewing_event e;
	char msg[256];
	enum bg_err rc = r->json_lines ? event_parse_json(line, len, &row, msg, sizeof(msg))
	                               : event_parse_csv(line, len, &row, msg, sizeof(msg));
	if (!rc)
		rc = event_store_resolve(st, &r->cache, &row, &e, msg, sizeof(msg));
	if (rc == BG_INVALID) {
		bad_row(r, line_no, msg);
		return BG_OK;
	}
	return rc ? rc : event_writer_add(&r->writer, &e);
}

/*
 * The whole file in one transaction. Bad rows without --skip-bad end it
 * with BG_INVALID, so store_transact rolls everything back.
 */
static enum bg_err pass(struct store *st, void *ctx)
{
	struct import_run *r = ctx;
	/* A retried transaction (busy database) counts again from the start. */
	r->loaded = r->duplicates = r->bad = 0;
	event_writer_release(&r->writer);
	event_writer_init(&r->writer, st);
	/* Into an empty log, the indexes are built once at the end. */
	enum bg_err bulk = event_writer_bulk(&r->writer);
	if (bulk)
		return bulk;
	progress_start(&r->prog, "importing", r->len);
	json_array_clear(r->errors);
	size_t line_no = 0, pos = 0;
	if (r->len >= 3 && memcmp(r->data, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < r->len) {
		const char *nl = memchr(r->data + pos, '\n', r->len - pos);
		size_t end = nl ? (size_t)(nl - r->data) : r->len, n = end - pos;
		const char *line = r->data + pos;
		pos = end + 1;
		line_no++;
		if (n && line[n - 1] == '\r')
			n--;
		if (n == 0)
			continue;
		if (line_no == 1 && !r->json_lines) {
			if (n != strlen(EVENT_CSV_HEADER) || memcmp(line, EVENT_CSV_HEADER, n) != 0)
				bad_row(r, 1, "the header must be " EVENT_CSV_HEADER);
			continue;
		}
		enum bg_err rc = one_row(st, r, line_no, line, n);
		if (rc)
			return rc;
		if (line_no % 16384 == 0)
			progress_update(&r->prog, pos, "bytes");
	}
	progress_end(&r->prog);
	if (r->bad && !r->skip_bad)
		return BG_INVALID;
	enum bg_err rc = event_writer_flush(&r->writer);
	r->loaded = r->writer.inserted;
	r->duplicates = r->writer.duplicates;
	return rc;
}

static bool is_json_lines(const char *path, const char *data, size_t len)
{
	size_t n = strlen(path);
	if ((n > 6 && strcmp(path + n - 6, ".jsonl") == 0) ||
	    (n > 7 && strcmp(path + n - 7, ".ndjson") == 0))
		return true;
	if (n > 4 && strcmp(path + n - 4, ".csv") == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (data[i] != ' ' && data[i] != '\n' && data[i] != '\r' && data[i] != '\t')
			return data[i] == '{';
	return false;
}

static int events_import(struct cli_args *args, const char *path, bool skip_bad)
{
	char *data;
	size_t len;
	enum bg_err rc = file_read_all(path, EVENTS_FILE_MAX, &data, &len);
	if (rc)
		return cli_fail(args->json, rc, "cannot read '%s': %s", path,
		                rc == BG_TOO_LARGE ? "larger than 1 GiB" : strerror(errno));
	struct store *st;
	if (!cli_open_store(args->db, args->json, &st)) {
		free(data);
		return EXIT_RUNTIME;
	}
	struct import_run r = {.data = data,
	                       .len = len,
	                       .json_lines = is_json_lines(path, data, len),
	                       .skip_bad = skip_bad,
	                       .cache = EVENT_RESOLVER_INIT,
	                       .errors = json_array()};
	int code = EXIT_OK;
	rc = store_transact(st, pass, &r);
	/* Months a load into a log that had events wrote without a partition of
	 * their own get one (a load into an empty log makes them as it goes).
	 * The events are committed either way: a failure here only leaves them
	 * in the default partition, for the next import to move. */
	if (!rc && event_store_settle(st, NULL) != BG_OK)
		fprintf(stderr,
		        "binge: warning: the events loaded stay in the log's default partition: "
		        "%s\n",
		        store_errmsg(st));
	if (rc == BG_INVALID && r.bad && !skip_bad) {
		for (size_t i = 0; i < json_array_size(r.errors) && !args->json; i++)
			fprintf(stderr, "binge: %s: %s\n", path,
			        json_string_value(json_array_get(r.errors, i)));
		code = cli_fail(args->json, BG_INVALID,
		                "'%s' has %ld bad rows; nothing loaded (--skip-bad loads the rest)",
		                path, r.bad);
	} else if (rc) {
		code = cli_fail(args->json, rc, "cannot import '%s': %s", path, store_errmsg(st));
	} else if (args->json) {
		cli_print_json(json_pack("{s:I,s:I,s:I,s:O}", "loaded", (json_int_t)r.loaded,
		                         "duplicates", (json_int_t)r.duplicates, "bad",
		                         (json_int_t)r.bad, "errors", r.errors));
	} else {
		printf("%s: %ld events loaded, %ld already there, %ld bad rows skipped\n", path,
		       r.loaded, r.duplicates, r.bad);
	}
	event_resolver_release(&r.cache);
	event_writer_release(&r.writer);
	json_decref(r.errors);
	free(data);
	store_close(st);
	return code;
}

static enum bg_err write_csv(const struct viewing_event *e, void *ctx)
{
	(void)ctx;
	struct buf b = BUF_INIT(BUF_MAX_SMALL);
	event_write_csv(e, &b);
	fwrite(b.ptr, 1, b.len, stdout);
	buf_release(&b);
	return BG_OK;
}

static enum bg_err write_jsonl(const struct viewing_event *e, void *ctx)
{
	(void)ctx;
	json_t *o = json_pack("{s:s,s:I,s:I,s:n,s:n,s:s,s:f,s:s,s:s}", "event_id", e->id, "profile",
	                      (json_int_t)e->profile_id, "title", (json_int_t)e->title_id, "season",
	                      "episode", "kind", e->kind, "position",
	                      (double)e->position_ms / 1000.0, "device", e->device, "time", e->at);
	json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	fputc('\n', stdout);
	json_decref(o);
	return BG_OK;
}

int cmd_events(int argc, char **argv)
{
	struct cli_args args;
	bool skip_bad = false;
	const char *format = "csv", *since = NULL;
	const struct cli_opt opts[] = {{"skip-bad", NULL, &skip_bad, NULL},
	                               {"format", &format, NULL, NULL},
	                               {"since", &since, NULL, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, usage, opts, &args);
	if (code >= 0)
		return code;
	if (args.rest_count == 2 && strcmp(args.rest[0], "import") == 0)
		return events_import(&args, args.rest[1], skip_bad);
	if (args.rest_count != 1 || strcmp(args.rest[0], "export") != 0)
		return cli_usage("events", "say 'events import FILE' or 'events export'");
	if (strcmp(format, "csv") != 0 && strcmp(format, "jsonl") != 0)
		return cli_usage("events", "--format wants csv or jsonl, not '%s'", format);
	int64_t since_t;
	char since_at[DATE_TIME_LEN + 1] = "";
	if (since && date_time_parse(since, &since_t))
		return cli_usage("events",
		                 "--since wants YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, not '%s'",
		                 since);
	if (since)
		date_time_format(since_t, since_at);
	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	bool csv = strcmp(format, "csv") == 0;
	if (csv)
		printf("%s\r\n", EVENT_CSV_HEADER);
	enum bg_err rc =
	        event_store_each(st, since ? since_at : NULL, csv ? write_csv : write_jsonl, NULL);
	code = rc ? cli_fail(false, rc, "cannot export: %s", store_errmsg(st)) : EXIT_OK;
	store_close(st);
	return code;
}
