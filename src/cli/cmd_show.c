/*
 * cmd_show.c - `binge show TITLE|ID`: one series or film with its seasons,
 * episode counts and credits grouped by role.
 */
#include <stdio.h>
#include <string.h>

#include "catalog/title_json.h"
#include "cli/cli.h"
#include "catalog/catalog_store.h"
#include "store/store.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge show TITLE|ID [--db PATH] [--json]\n\n"
        "Shows a series or film: dates, status, genres, platforms, companies,\n"
        "seasons with episode counts, and credits grouped by role. TITLE matches\n"
        "case- and accent-insensitively; use the id when a name fits several.\n\n"
        "  --db PATH   the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json      print the title as JSON (see docs/cli.md)\n";

static void print_list(const char *label, const struct strlist *l)
{
	if (!l->n)
		return;
	printf("%s: ", label);
	for (size_t i = 0; i < l->n; i++)
		printf("%s%s", i ? ", " : "", l->items[i]);
	putchar('\n');
}

static void print_credits(const struct title_doc *d)
{
	for (size_t i = 0; i < d->credit_count; i++) {
		const struct credit *c = &d->credits[i];
		bool first = i == 0 || d->credits[i - 1].role != c->role;
		if (c->role == ROLE_CAST) {
			if (first)
				printf("%s:\n", credit_role_label(c->role));
			printf("  %s%s%s\n", c->person, c->character ? " as " : "",
			       c->character ? c->character : "");
			continue;
		}
		if (first)
			printf("%s: ", credit_role_label(c->role));
		bool last = i + 1 == d->credit_count || d->credits[i + 1].role != c->role;
		printf("%s%s", c->person, last ? "\n" : ", ");
	}
}

static void doc_text(const struct title_doc *d)
{
	printf("%s (%s %lld)\n", d->name, title_kind_name(d->kind), (long long)d->id);
	if (d->first_aired[0])
		printf("First aired: %s\n", d->first_aired);
	if (d->status)
		printf("Status: %s%s%s\n", d->status, d->status_date[0] ? " " : "", d->status_date);
	if (d->runtime_min)
		printf("Runtime: %d-%d minutes\n", d->runtime_min, d->runtime_max);
	if (d->rating_value)
		printf("Rating: %s (%s)\n", d->rating_value, d->rating_system);
	print_list("Genres", &d->genres);
	print_list("Country", &d->countries);
	print_list("Language", &d->languages);
	print_list("Platforms", &d->platforms);
	print_list("Companies", &d->companies);
	print_list("Locations", &d->locations);
	print_list("Related", &d->related);
	if (d->kind == TITLE_SERIES) {
		printf("Seasons: %zu, episodes: %d\n", d->season_count, title_doc_episode_count(d));
		for (size_t i = 0; i < d->season_count; i++)
			printf("  Season %d: %d episodes\n", d->seasons[i].number,
			       d->seasons[i].episode_count);
	}
	print_credits(d);
	for (size_t i = 0; i < d->extra_count; i++)
		printf("%s: %s\n", d->extras[i].key, d->extras[i].value);
	if (d->synopsis && *d->synopsis)
		printf("\n%s\n", d->synopsis);
}

int cmd_show(int argc, char **argv)
{
	struct cli_args args;
	int code = cli_parse(argc, argv, usage, NULL, &args);
	if (code >= 0)
		return code;
	if (args.rest_count != 1)
		return cli_usage("show", "name one title (or its id)");

	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	struct title_doc doc;
	title_doc_init(&doc);
	int64_t id;
	enum bg_err rc = catalog_store_resolve(st, args.rest[0], &id);
	if (!rc)
		rc = catalog_store_load(st, id, &doc);
	if (rc) {
		code = cli_fail(args.json, rc, "%s", store_errmsg(st));
	} else {
		if (args.json)
			cli_print_json(title_json_render(&doc));
		else
			doc_text(&doc);
		code = EXIT_OK;
	}
	title_doc_release(&doc);
	store_close(st);
	return code;
}
