/*
 * cmd_recommend.c - `binge recommend USER/PROFILE`: the rows a profile's
 * home page would show, from the newest trained model (reco/rows.h),
 * through the same visibility rule as the server.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_reco.h"
#include "reco/bundle.h"
#include "reco/rows.h"
#include "reco/rows_json.h"
#include "account/account_store.h"
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
	if (!cli_parse_at("recommend", at_text, &at))
		return EXIT_USAGE;
	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	struct profile p;
	struct viewer v;
	struct reco_bundle b;
	enum bg_err rc = cli_reco_profile_viewer(st, args.rest[0], at, &p, &v);
	if (rc) {
		code = cli_fail(args.json, rc, "%s", store_errmsg(st));
		store_close(st);
		return code;
	}
	if (!cli_reco_load_newest(models, args.db, args.json, &b)) {
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
			cli_reco_print_row(&rows[i]);
		if (!n)
			printf("no recommendations for %s: nothing watched that the model knows\n",
			       args.rest[0]);
	}
	bundle_release(&b);
	store_close(st);
	return code;
}
