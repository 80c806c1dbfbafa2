/*
 * cmd_similar.c - `binge similar TITLE`: a title's similar titles from the
 * newest trained model (reco/rows.h), optionally as a profile sees them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account_store.h"
#include "catalog/catalog_store.h"
#include "cli/cli.h"
#include "cli/cli_reco.h"
#include "core/date.h"
#include "reco/bundle.h"
#include "reco/rows.h"
#include "reco/rows_json.h"
#include "store/store.h"
#include "core/banned.h"

static const char similar_usage[] =
        "usage: binge similar TITLE [--as USER/PROFILE] [--at TIME] [--models DIR]\n"
        "                     [--db TARGET] [--json]\n\n"
        "The titles most like TITLE (a name or id) by what viewers watch, from the\n"
        "newest trained model: iALS factor cosine, or the model's item weights.\n"
        "--as shows only what that profile may see.\n\n"
        "  --json  {\"title\": {\"id\",\"title\"}, \"items\": "
        "[{\"id\",\"title\",\"kind\",\"score\"}]}\n";

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
	if (!cli_parse_at("similar", at_text, &at))
		return EXIT_USAGE;
	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	struct viewer v;
	struct profile p;
	int64_t title_id;
	viewer_init_unrestricted(&v, at);
	enum bg_err rc = catalog_store_resolve(st, args.rest[0], &title_id);
	if (!rc && as)
		rc = cli_reco_profile_viewer(st, as, at, &p, &v);
	if (rc) {
		code = cli_fail(args.json, rc, "%s", store_errmsg(st));
		store_close(st);
		return code;
	}
	struct reco_bundle b;
	if (!cli_reco_load_newest(models, args.db, args.json, &b)) {
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
		cli_reco_print_row(&row);
	bundle_release(&b);
	store_close(st);
	return code;
}
