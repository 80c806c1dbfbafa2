/*
 * cmd_recommend.c - `binge recommend USER/PROFILE` and `binge similar
 * TITLE`: the rows a profile's home page would show, and a title's
 * similar titles, from the newest trained model (reco/rows.h), through the
 * same visibility rule as the server.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/date.h"
#include "reco/bundle.h"
#include "reco/rows.h"
#include "reco/rows_json.h"
#include "account/account_store.h"
#include "catalog/catalog_store.h"
#include "store/store.h"
#include "core/banned.h"

static const char recommend_usage[] =
        "usage: binge recommend USER/PROFILE [--at TIME] [--models DIR] [--db TARGET] [--json]\n\n"
        "Shows the recommendation rows of a profile's home page from the newest\n"
        "trained model (binge train): Top picks, Because you watched (the two\n"
        "latest titles watched), Popular in your taste community (binge communities\n"
        "build). Only titles the profile may see: its maturity ceiling, its\n"
        "account's territory, licence windows and releases at TIME (default now).\n\n"
        "  --json  {\"profile\",\"model_version\",\"rows\": [{\"id\",\"title\",\"items\":\n"
        "          [{\"id\",\"title\",\"kind\",\"score\"}]}]}\n";

static const char similar_usage[] =
        "usage: binge similar TITLE [--as USER/PROFILE] [--at TIME] [--models DIR]\n"
        "                     [--db TARGET] [--json]\n\n"
        "The titles most like TITLE (a name or id) by what viewers watch, from the\n"
        "newest trained model: iALS factor cosine, or the model's item weights.\n"
        "--as shows only what that profile may see.\n\n"
        "  --json  {\"title\": {\"id\",\"title\"}, \"items\": "
        "[{\"id\",\"title\",\"kind\",\"score\"}]}\n";

static void print_row(const struct reco_row *row)
{
	printf("%s\n", row->title);
	for (size_t i = 0; i < row->n; i++)
		printf("  %2zu. %s (%s, %lld)  %.3f\n", i + 1, row->items[i].name,
		       row->items[i].kind, (long long)row->items[i].id, row->scores[i]);
}

/* The newest model in the models directory; false (reported) if none or unreadable. */
static bool load_newest(const char *models, const char *db, bool json, struct reco_bundle *b)
{
	char dir[4096], path[4200], msg[4400];
	uint64_t version;
	cli_models_dir(models, db, dir, sizeof(dir));
	if (bundle_newest(dir, &version, path, sizeof(path))) {
		cli_fail(json, BG_NOT_FOUND, "no trained model in '%s': run binge train", dir);
		return false;
	}
	enum bg_err rc = bundle_load(path, b, msg, sizeof(msg));
	if (rc)
		cli_fail(json, rc, "%s", msg);
	return rc == BG_OK;
}

/* The viewer a profile is: its ceiling, its account's territory, at time at. */
static enum bg_err profile_viewer(struct store *st, const char *ref, int64_t at, struct profile *p,
                                  struct viewer *v)
{
	int64_t id;
	struct user u;
	enum bg_err rc = account_store_profile_ref(st, ref, &id);
	if (!rc)
		rc = account_store_profile(st, id, p, NULL);
	if (!rc)
		rc = account_store_user(st, p->user_id, &u);
	if (rc)
		return rc;
	viewer_init_profile(v, p->ceiling, u.territory, at);
	return BG_OK;
}

static bool parse_at(const char *cmd, const char *at_text, int64_t *at)
{
	*at = date_time_now();
	if (at_text && date_time_parse(at_text, at)) {
		cli_usage(cmd, "--at: '%s' is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ", at_text);
		return false;
	}
	return true;
}

int cmd_recommend(int argc, char **argv)
{
	struct cli_args args;
	const char *models = NULL, *at_text = NULL;
	const struct cli_opt opts[] = {{"models", &models, NULL, NULL},
	                               {"at", &at_text, NULL, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, recommend_usage, opts, &args);
	if (code >= 0)
		return code;
	if (args.rest_count != 1)
		return cli_usage("recommend", "give one profile as USER/PROFILE (or its id)");
	int64_t at;
	if (!parse_at("recommend", at_text, &at))
		return EXIT_USAGE;
	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	struct profile p;
	struct viewer v;
	struct reco_bundle b;
	enum bg_err rc = profile_viewer(st, args.rest[0], at, &p, &v);
	if (rc) {
		code = cli_fail(args.json, rc, "%s", store_errmsg(st));
		store_close(st);
		return code;
	}
	if (!load_newest(models, args.db, args.json, &b)) {
		store_close(st);
		return EXIT_RUNTIME;
	}
	struct reco_row rows[RECO_HOME_ROWS_MAX];
	size_t n;
	code = EXIT_OK;
	rc = reco_rows_home(st, &b, &v, p.id, p.name, rows, &n);
	if (rc) {
		code = cli_fail(args.json, rc, "%s", store_errmsg(st));
	} else if (args.json) {
		json_t *rj = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(rj, reco_row_json(&rows[i]));
		cli_print_json(json_pack("{s:{s:I,s:s},s:I,s:o}", "profile", "id", (json_int_t)p.id,
		                         "name", p.name, "model_version", (json_int_t)b.version,
		                         "rows", rj));
	} else {
		for (size_t i = 0; i < n; i++)
			print_row(&rows[i]);
		if (!n)
			printf("no recommendations for %s: nothing watched that the model knows\n",
			       args.rest[0]);
	}
	bundle_release(&b);
	store_close(st);
	return code;
}

int cmd_similar(int argc, char **argv)
{
	struct cli_args args;
	const char *models = NULL, *at_text = NULL, *as = NULL;
	const struct cli_opt opts[] = {{"models", &models, NULL, NULL},
	                               {"at", &at_text, NULL, NULL},
	                               {"as", &as, NULL, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, similar_usage, opts, &args);
	if (code >= 0)
		return code;
	if (args.rest_count != 1)
		return cli_usage("similar", "give one title (a name or id)");
	int64_t at;
	if (!parse_at("similar", at_text, &at))
		return EXIT_USAGE;
	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	struct viewer v;
	struct profile p;
	int64_t title_id;
	viewer_init_unrestricted(&v);
	date_time_format(at, v.now);
	enum bg_err rc = catalog_store_resolve(st, args.rest[0], &title_id);
	if (!rc && as)
		rc = profile_viewer(st, as, at, &p, &v);
	if (rc) {
		code = cli_fail(args.json, rc, "%s", store_errmsg(st));
		store_close(st);
		return code;
	}
	struct reco_bundle b;
	if (!load_newest(models, args.db, args.json, &b)) {
		store_close(st);
		return EXIT_RUNTIME;
	}
	struct reco_row row;
	code = EXIT_OK;
	rc = reco_rows_similar(st, &b, &v, title_id, &row);
	if (rc == BG_NOT_FOUND)
		code = cli_fail(args.json, rc,
		                "'%s' has no similar titles: the model (version %llu) "
		                "has no viewing of it",
		                args.rest[0], (unsigned long long)b.version);
	else if (rc)
		code = cli_fail(args.json, rc, "%s", store_errmsg(st));
	else if (args.json)
		cli_print_json(json_pack("{s:{s:I},s:I,s:o}", "title", "id", (json_int_t)title_id,
		                         "model_version", (json_int_t)b.version, "items",
		                         reco_row_items_json(&row)));
	else
		print_row(&row);
	bundle_release(&b);
	store_close(st);
	return code;
}
