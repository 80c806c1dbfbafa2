/*
 * cmd_search.c - `binge search TEXT`: titles, people and characters whose
 * names contain TEXT, ignoring case and accents.
 */
#include <stdio.h>

#include "catalog/title_json.h"
#include "cli/cli.h"
#include "core/fold.h"
#include "catalog/catalog_view.h"
#include "store/store.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge search TEXT [--limit N] [--db PATH] [--json]\n\n"
        "Finds titles, people and characters whose names contain TEXT, ignoring\n"
        "case, accents and punctuation: 'trey ordonez' finds Trey Ordoñez, and\n"
        "'kilgrave' finds the series Kilgrave appears in.\n\n"
        "  --limit N   at most N hits of each kind (default 20)\n"
        "  --db PATH   the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json      print {\"query\",\"hits\":[...]} (see docs/cli.md)\n";

static void hit_text(const struct search_hit *h)
{
	switch (h->kind) {
	case HIT_TITLE:
		printf("title      %s (%s %lld)\n", h->title, title_kind_name(h->title_kind),
		       (long long)h->title_id);
		break;
	case HIT_PERSON:
		printf("person     %s, %s in %s (%lld)\n", h->person, h->role, h->title,
		       (long long)h->title_id);
		break;
	case HIT_CHARACTER:
		printf("character  %s, played by %s in %s (%lld)\n", h->character, h->person,
		       h->title, (long long)h->title_id);
		break;
	}
}

int cmd_search(int argc, char **argv)
{
	struct cli_args args;
	const char *limit_text = NULL;
	const struct cli_opt opts[] = {{"limit", &limit_text, NULL, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, usage, opts, &args);
	if (code >= 0)
		return code;
	long limit = 20;
	if (limit_text && !cli_number("search", "--limit", limit_text, 1, 1000, &limit))
		return EXIT_USAGE;
	if (args.rest_count != 1)
		return cli_usage("search", "give one search text (quote it if it has spaces)");
	char *folded = fold_dup(args.rest[0]);
	bool empty = !*folded;
	free(folded);
	if (empty) /* a usage error before any database is opened */
		return cli_usage("search", "the search text has no letters or digits");

	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	struct search_hits hits = SEARCH_HITS_INIT;
	enum bg_err rc = catalog_view_search(st, NULL, args.rest[0], (size_t)limit, &hits);
	if (rc == BG_INVALID) {
		code = cli_usage("search", "%s", store_errmsg(st));
	} else if (rc) {
		code = cli_fail(args.json, rc, "search failed: %s", store_errmsg(st));
	} else {
		if (args.json) {
			json_t *list = json_array();
			for (size_t i = 0; i < hits.n; i++)
				json_array_append_new(list, search_hit_json(&hits.items[i]));
			cli_print_json(json_pack("{s:s,s:o}", "query", args.rest[0], "hits", list));
		} else {
			for (size_t i = 0; i < hits.n; i++)
				hit_text(&hits.items[i]);
			if (!hits.n)
				printf("no matches for '%s'\n", args.rest[0]);
		}
		code = EXIT_OK;
	}
	search_hits_release(&hits);
	store_close(st);
	return code;
}
