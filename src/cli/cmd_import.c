/*
 * cmd_import.c - `binge import wiki FILE...`: parses every file first, then
 * writes them all in one transaction, so a bad file leaves the database
 * exactly as it was.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/import_wiki.h"
#include "cli/cli.h"
#include "core/file.h"
#include "core/mem.h"
#include "core/progress.h"
#include "catalog/catalog_store.h"
#include "store/store.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge import wiki [--db PATH] [--json] FILE...\n\n"
        "Imports articles in the wiki text format (see docs/import-wiki.md) into\n"
        "the catalogue. Importing an article again updates its title in place.\n"
        "All files are checked before anything is written; if any is bad, nothing\n"
        "is imported and the error names the file and line.\n\n"
        "  --db PATH   the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json      print {\"imported\":[...]} (see docs/cli.md)\n";

/* Reads and parses one file into doc; reports and returns false on error. */
static bool parse_file(const char *path, bool json, struct title_doc *doc)
{
	char *data;
	size_t len;
	enum bg_err rc = file_read_all(path, IMPORT_WIKI_MAX_FILE, &data, &len);
	if (rc == BG_TOO_LARGE) {
		cli_fail(json, rc, "cannot import '%s': the file is larger than %zu bytes", path,
		         IMPORT_WIKI_MAX_FILE);
		return false;
	}
	if (rc) {
		cli_fail(json, rc, "cannot read '%s': %s", path, strerror(errno));
		return false;
	}
	struct import_error err;
	rc = import_wiki_parse(data, len, doc, &err);
	free(data);
	if (rc) {
		if (err.line)
			cli_fail(json, rc, "cannot import '%s' line %zu: %s", path, err.line,
			         err.message);
		else
			cli_fail(json, rc, "cannot import '%s': %s", path, err.message);
		return false;
	}
	return true;
}

static json_t *summary_json(const char *path, const struct title_doc *doc)
{
	return json_pack("{s:s,s:I,s:s,s:s,s:i,s:i,s:i}", "file", path, "id", (json_int_t)doc->id,
	                 "kind", title_kind_name(doc->kind), "title", doc->name, "season_count",
	                 (int)doc->season_count, "episode_count", title_doc_episode_count(doc),
	                 "credit_count", (int)doc->credit_count);
}

struct import_batch {
	struct title_doc *docs;
	int n;
	int failed; /* index of the doc whose write failed */
};

static enum bg_err put_all(struct store *st, void *ctx)
{
	struct import_batch *b = ctx;
	for (b->failed = 0; b->failed < b->n; b->failed++) {
		enum bg_err rc = catalog_store_put(st, &b->docs[b->failed]);
		if (rc)
			return rc;
	}
	return BG_OK;
}

static int write_all(struct store *st, struct title_doc *docs, char **paths, int n, bool json)
{
	struct import_batch batch = {docs, n, 0};
	enum bg_err rc = store_transact(st, put_all, &batch);
	if (!rc)
		rc = store_analyze(st, NULL); /* the planner's statistics after a bulk write */
	if (rc && batch.failed < n)
		return cli_fail(json, rc, "cannot import '%s': %s", paths[batch.failed],
		                store_errmsg(st));
	if (rc)
		return cli_fail(json, rc, "cannot import: %s", store_errmsg(st));
	json_t *list = json_array();
	for (int i = 0; i < n; i++) {
		if (json)
			json_array_append_new(list, summary_json(paths[i], &docs[i]));
		else
			printf("imported '%s' (%s %lld): %zu seasons, %d episodes, %zu credits\n",
			       docs[i].name, title_kind_name(docs[i].kind), (long long)docs[i].id,
			       docs[i].season_count, title_doc_episode_count(&docs[i]),
			       docs[i].credit_count);
	}
	if (json)
		cli_print_json(json_pack("{s:o}", "imported", list));
	else
		json_decref(list);
	return EXIT_OK;
}

int cmd_import(int argc, char **argv)
{
	struct cli_args args;
	int code = cli_parse(argc, argv, usage, NULL, &args);
	if (code >= 0)
		return code;
	if (args.rest_count < 1)
		return cli_usage("import", "which source? 'wiki' is the one binge reads");
	if (strcmp(args.rest[0], "wiki") != 0)
		return cli_usage("import", "unknown source '%s'; 'wiki' is the one binge reads",
		                 args.rest[0]);
	char **paths = args.rest + 1;
	int n = args.rest_count - 1;
	if (n < 1)
		return cli_usage("import", "no files to import");

	struct title_doc *docs = xcalloc((size_t)n, sizeof(*docs));
	struct store *st = NULL;
	struct progress prog;
	code = EXIT_RUNTIME;
	progress_start(&prog, "reading", (size_t)n);
	for (int i = 0; i < n; i++) {
		title_doc_init(&docs[i]);
		progress_update(&prog, (size_t)i + 1, paths[i]);
		if (!parse_file(paths[i], args.json, &docs[i])) {
			progress_end(&prog);
			goto out;
		}
	}
	progress_end(&prog);
	if (cli_open_store(args.db, args.json, &st))
		code = write_all(st, docs, paths, n, args.json);
out:
	store_close(st);
	for (int i = 0; i < n; i++)
		title_doc_release(&docs[i]);
	free(docs);
	return code;
}
