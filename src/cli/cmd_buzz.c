/*
 * cmd_buzz.c - `binge buzz import FILE`, `binge buzz track TITLE ...`,
 * `binge buzz report TITLE ...` and `binge buzz TITLE`: social posts
 * attributed to titles (reception/buzz.h, reception/reception_report.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/file.h"
#include "core/lines.h"
#include "core/mem.h"
#include "reception/buzz.h"
#include "reception/reception_report.h"
#include "reception/buzz_store.h"
#include "catalog/catalog_store.h"
#include "store/store.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge buzz import FILE [--json]\n"
        "       binge buzz track TITLE [--hashtag TAG ...] [--keyword WORDS ...] [--handle @H "
        "...]\n"
        "       binge buzz report TITLE --posts N --period TEXT --source TEXT [--season N]\n"
        "       binge buzz TITLE [--json]\n\n"
        "Social buzz. import reads posts, CSV with the header\n"
        "  " BUZZ_CSV_HEADER "\n"
        "or JSON Lines with the same keys; every bad row is named by its line and then\n"
        "nothing is stored; a post already stored (network and id) is skipped. track\n"
        "says how posts name a title: whole hashtags, whole words or phrases, handles\n"
        "mentioned or posting (case-insensitive). report stores a figure published\n"
        "elsewhere with its source. TITLE shows the title's posts (originals and\n"
        "reposts apart) per day and in the week after each season's release, its\n"
        "share of voice among tracked titles, and the reported figures.\n\n"
        "  --json  {\"title\", \"tracked\", \"posts\", \"originals\", \"reposts\",\n"
        "          \"share_of_voice\", \"by_day\", \"premieres\", \"reported\"}\n";

static int import(const struct cli_args *args, const char *path)
{
	char *data;
	size_t len;
	enum bg_err rc = file_read_all(path, (size_t)1 << 30, &data, &len);
	if (rc)
		return cli_fail(args->json, rc, "cannot read '%s'", path);
	size_t plen = strlen(path);
	bool json_lines = plen > 6 && strcmp(path + plen - 6, ".jsonl") == 0;
	struct buzz_post *posts = NULL;
	size_t n = 0, cap = 0;
	struct cli_bad_lines bad = CLI_BAD_LINES_INIT;
	struct lines lines;
	struct str l;
	lines_init(&lines, data, len);
	while (lines_next(&lines, &l)) {
		char msg[300];
		if (lines.number == 1 && !json_lines) {
			if (!str_eq(l, BUZZ_CSV_HEADER))
				cli_bad_line(&bad, 1, "the header must be " BUZZ_CSV_HEADER);
			continue;
		}
		posts = xgrow(posts, sizeof(*posts), n + 1, &cap);
		if ((json_lines ? buzz_parse_json : buzz_parse_csv)(l.ptr, l.len, &posts[n], msg,
		                                                    sizeof(msg))) {
			cli_bad_line(&bad, lines.number, msg);
			continue;
		}
		n++;
	}
	free(data);
	int code = EXIT_OK;
	struct store *st = NULL;
	if (bad.count) {
		code = cli_fail_bad_lines(args->json, path, &bad);
	} else if (!cli_open_store(args->db, args->json, &st)) {
		code = EXIT_RUNTIME;
	} else {
		size_t added, skipped;
		rc = buzz_store_put(st, posts, n, &added, &skipped);
		if (rc)
			code = cli_fail(args->json, rc, "%s", store_errmsg(st));
		else if (args->json)
			cli_print_json(json_pack("{s:I,s:I}", "added", (json_int_t)added, "skipped",
			                         (json_int_t)skipped));
		else
			printf("%s: %zu posts added, %zu already there\n", path, added, skipped);
	}
	store_close(st);
	free(posts);
	buf_release(&bad.text);
	return code;
}

static bool add_trackers(struct store *st, int64_t id, enum buzz_tracker_kind kind,
                         const struct cli_list *values, char mark, bool json, int *code)
{
	for (int i = 0; i < values->n; i++) {
		struct buzz_tracker t = {.kind = kind};
		const char *v = values->items[i];
		if (!*v || strlen(v) >= sizeof(t.value) - 1) {
			*code = cli_usage("buzz", "an empty or overlong tracker");
			return false;
		}
		snprintf(t.value, sizeof(t.value), "%s%s",
		         mark && v[0] != mark ? (char[]){mark, 0} : "", v);
		if (buzz_store_track(st, id, &t)) {
			*code = cli_fail(json, BG_DB, "%s", store_errmsg(st));
			return false;
		}
	}
	return true;
}

int cmd_buzz(int argc, char **argv)
{
	struct cli_args args;
	struct cli_list tags = {0}, words = {0}, handles = {0};
	const char *posts = NULL, *period = NULL, *source = NULL, *season = NULL;
	const struct cli_opt opts[] = {
	        {"hashtag", NULL, NULL, &tags},   {"keyword", NULL, NULL, &words},
	        {"handle", NULL, NULL, &handles}, {"posts", &posts, NULL, NULL},
	        {"period", &period, NULL, NULL},  {"source", &source, NULL, NULL},
	        {"season", &season, NULL, NULL},  {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, usage, opts, &args);
	if (code >= 0)
		return code;
	const char *verb = args.rest_count ? args.rest[0] : "";
	if (strcmp(verb, "import") == 0 && args.rest_count == 2)
		return import(&args, args.rest[1]);
	bool track = strcmp(verb, "track") == 0, report = strcmp(verb, "report") == 0;
	if ((track || report) ? args.rest_count != 2 : args.rest_count != 1)
		return cli_usage("buzz", "give import FILE, track TITLE, report TITLE or TITLE");
	long n_posts = 0, n_season = 0;
	if (track && !tags.n && !words.n && !handles.n)
		return cli_usage("buzz", "track needs --hashtag, --keyword or --handle");
	if (report && (!posts || !period || !*period || !source || !*source))
		return cli_usage("buzz", "report needs --posts, --period and --source");
	if (report && (!cli_number("buzz", "--posts", posts, 0, 1000000000000L, &n_posts) ||
	               (season && !cli_number("buzz", "--season", season, 1, 500, &n_season))))
		return EXIT_USAGE;
	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	int64_t id;
	code = EXIT_OK;
	enum bg_err rc = catalog_store_resolve(st, args.rest[args.rest_count - 1], &id);
	if (rc) {
		code = cli_fail(args.json, rc, "%s", store_errmsg(st));
	} else if (track) {
		if (add_trackers(st, id, BUZZ_HASHTAG, &tags, '#', args.json, &code) &&
		    add_trackers(st, id, BUZZ_KEYWORD, &words, 0, args.json, &code) &&
		    add_trackers(st, id, BUZZ_HANDLE, &handles, '@', args.json, &code) &&
		    !args.json)
			printf("tracking %d hashtags, %d keywords, %d handles more\n", tags.n,
			       words.n, handles.n);
	} else if (report) {
		struct buzz_reported r = {.season = (int)n_season, .posts = n_posts};
		snprintf(r.period, sizeof(r.period), "%s", period);
		snprintf(r.source, sizeof(r.source), "%s", source);
		if (buzz_store_report(st, id, &r))
			code = cli_fail(args.json, BG_DB, "%s", store_errmsg(st));
	} else {
		json_t *out;
		rc = buzz_report(st, id, &out);
		if (rc) {
			code = cli_fail(args.json, rc, "%s", store_errmsg(st));
		} else if (args.json) {
			cli_print_json(out);
		} else {
			printf("%lld posts (%lld originals, %lld reposts)\n",
			       (long long)json_integer_value(json_object_get(out, "posts")),
			       (long long)json_integer_value(json_object_get(out, "originals")),
			       (long long)json_integer_value(json_object_get(out, "reposts")));
			size_t i;
			json_t *w;
			for (i = 0; (w = json_array_get(json_object_get(out, "premieres"), i)); i++)
				printf("  premiere week of season %lld from %s: %lld originals, "
				       "%lld "
				       "reposts\n",
				       (long long)json_integer_value(json_object_get(w, "season")),
				       json_string_value(json_object_get(w, "from")),
				       (long long)json_integer_value(
				               json_object_get(w, "originals")),
				       (long long)json_integer_value(
				               json_object_get(w, "reposts")));
			for (i = 0; (w = json_array_get(json_object_get(out, "reported"), i)); i++)
				printf("  reported: %lld posts, %s (%s)\n",
				       (long long)json_integer_value(json_object_get(w, "posts")),
				       json_string_value(json_object_get(w, "period")),
				       json_string_value(json_object_get(w, "source")));
			json_decref(out);
		}
	}
	store_close(st);
	return code;
}
