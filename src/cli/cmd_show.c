/*
 * cmd_show.c - `binge show TITLE|ID`: one series or film with its seasons,
 * episode counts and credits grouped by role.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/catalog_store.h"
#include "store/store.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge show TITLE|ID [--db PATH] [--json]\n\n"
        "Shows a series or film: dates, status, genres, platforms, companies,\n"
        "seasons with episode counts, and credits grouped by role. TITLE matches\n"
        "case- and accent-insensitively; use the id when a name fits several.\n\n"
        "  --db PATH   the database (default: $BINGE_DB, else binge-data/binge.db)\n"
        "  --json      print the title as JSON (see docs/cli.md)\n";

static json_t *list_json(const struct strlist *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->items[i]));
	return a;
}

static json_t *doc_json(const struct title_doc *d)
{
	json_t *seasons = json_array(), *credits = json_array(), *extras = json_array();
	for (size_t i = 0; i < d->season_count; i++)
		json_array_append_new(seasons,
		                      json_pack("{s:I,s:i,s:i}", "id", (json_int_t)d->seasons[i].id,
		                                "number", d->seasons[i].number, "episode_count",
		                                d->seasons[i].episode_count));
	for (size_t i = 0; i < d->credit_count; i++) {
		const struct credit *c = &d->credits[i];
		json_t *o = json_pack("{s:s,s:s}", "role", credit_role_name(c->role), "person",
		                      c->person);
		if (c->character)
			json_object_set_new(o, "character", json_string(c->character));
		if (c->description)
			json_object_set_new(o, "description", json_string(c->description));
		json_array_append_new(credits, o);
	}
	for (size_t i = 0; i < d->extra_count; i++)
		json_array_append_new(extras, json_pack("{s:s,s:s}", "key", d->extras[i].key,
		                                        "value", d->extras[i].value));
	json_t *runtime = d->runtime_min ? json_pack("{s:i,s:i}", "min", d->runtime_min, "max",
	                                             d->runtime_max)
	                                 : json_null();
	json_t *rating = d->rating_value
	                         ? json_pack("{s:o,s:s}", "system", cli_json_str(d->rating_system),
	                                     "value", d->rating_value)
	                         : json_null();
	return json_pack(
	        "{s:I,s:s,s:s,s:o,s:o,s:o,s:i,s:i,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,"
	        "s:o}",
	        "id", (json_int_t)d->id, "kind", title_kind_name(d->kind), "title", d->name,
	        "first_aired", cli_json_str(d->first_aired), "status", cli_json_str(d->status),
	        "status_date", cli_json_str(d->status_date), "season_count", (int)d->season_count,
	        "episode_count", title_doc_episode_count(d), "seasons", seasons, "genres",
	        list_json(&d->genres), "countries", list_json(&d->countries), "languages",
	        list_json(&d->languages), "locations", list_json(&d->locations), "platforms",
	        list_json(&d->platforms), "companies", list_json(&d->companies), "related",
	        list_json(&d->related), "runtime_minutes", runtime, "rating", rating, "synopsis",
	        cli_json_str(d->synopsis), "credits", credits, "extras", extras);
}

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
	int code = cli_parse(argc, argv, usage, 0, &args);
	if (code >= 0)
		return code;
	if (args.rest_count != 1)
		return cli_usage("show", "name one title (or its id)");

	struct store *st;
	if (!cli_open_store(args.db, args.json, &st))
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
			cli_print_json(doc_json(&doc));
		else
			doc_text(&doc);
		code = EXIT_OK;
	}
	title_doc_release(&doc);
	store_close(st);
	return code;
}
