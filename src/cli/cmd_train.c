/*
 * cmd_train.c - `binge train`: fits a recommendation model on binge's own
 * viewing (reco/log_matrix.h) and saves it as the next versioned model
 * file (reco/bundle.h), which running servers pick up without a restart.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/cli_reco.h"
#include "core/date.h"
#include "core/progress.h"
#include "reco/bundle.h"
#include "reco/log_matrix.h"
#include "reco/model.h"
#include "reco/reco_store.h"
#include "store/store.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge train [--model ials|ease|itemknn|popularity|blend] [--param NAME=V ...]\n"
        "                   [--half-life DAYS] [--models DIR] [--db TARGET] [--json]\n\n"
        "Fits a recommendation model on the viewing log: one row per profile, one\n"
        "column per series or film viewed, confidence 1 + log2(1 + completed +\n"
        "started-but-unfinished / 2) episodes (a film is one episode), optionally\n"
        "halved every --half-life days since the last viewing. Computes each\n"
        "title's neighbours and saves DIR/model-NNNNNN.bin (checksummed, the next\n"
        "version); `binge serve` swaps the newest in within a second.\n\n"
        "  --model      default ials (parameters: docs/recommendations.md)\n"
        "  --param      NAME=V, repeatable; ials: reg, nu, factors, alpha, iters,\n"
        "               seeds (random starts summed), cg (conjugate-gradient steps\n"
        "               a row instead of exact solves: 3 is about 3x faster)\n"
        "  --models DIR default: $BINGE_MODELS, else models/ beside the database file\n"
        "  --json       {\"version\",\"path\",\"model\",\"params\",\"profiles\",\"titles\",\n"
        "               \"interactions\",\"fit_seconds\"}\n";


int cmd_train(int argc, char **argv)
{
	struct cli_args args;
	const char *model_name = "ials", *models = NULL, *half_life = NULL;
	struct cli_list param_list = {0};
	const struct cli_opt opts[] = {{"model", &model_name, NULL, NULL},
	                               {"param", NULL, NULL, &param_list},
	                               {"models", &models, NULL, NULL},
	                               {"half-life", &half_life, NULL, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, usage, opts, &args);
	if (code >= 0)
		return code;
	if (args.rest_count)
		return cli_usage("train", "unexpected argument '%s'", args.rest[0]);
	enum reco_kind kind;
	struct reco_params params;
	if (!cli_reco_model("train", model_name, &param_list, &kind, &params))
		return EXIT_USAGE;
	long half_days = 0;
	if (half_life && !cli_number("train", "--half-life", half_life, 1, 36500, &half_days))
		return EXIT_USAGE;
	char dir[4096];
	cli_models_dir(models, args.db, dir, sizeof(dir));

	struct store *st;
	if (!cli_open_existing_store(args.db, args.json, &st))
		return EXIT_RUNTIME;
	double t0 = monotonic_s();
	struct reco_view *views;
	size_t n;
	enum bg_err rc = reco_store_views(st, 0, &views, &n);
	if (rc) {
		code = cli_fail(args.json, rc, "cannot read the viewing log: %s", store_errmsg(st));
		store_close(st);
		return code;
	}
	store_close(st);
	if (!n) {
		free(views);
		return cli_fail(
		        args.json, BG_INVALID,
		        "nothing to train on: the viewing log is empty (binge events import, "
		        "or binge simulate)");
	}
	struct log_matrix lm;
	log_matrix_build(views, n, date_time_now(), half_days * 86400, &lm);
	free(views);
	if (!args.json)
		fprintf(stderr, "training %s on %zu profiles x %zu titles, %zu views\n", model_name,
		        lm.m.rows, lm.m.cols, lm.m.ptr[lm.m.rows]);

	struct progress pg;
	progress_start(&pg, "training", (size_t)(params.iters * params.seeds));
	struct reco_model model;
	double fit0 = monotonic_s();
	rc = reco_model_fit_shown(kind, &params, &lm.m, &pg, &model);
	double fit_seconds = monotonic_s() - fit0;
	progress_end(&pg);
	if (rc) {
		log_matrix_release(&lm);
		return cli_fail(args.json, rc,
		                "cannot fit: the regularisation leaves a matrix singular");
	}
	struct reco_bundle b;
	size_t profiles = lm.m.rows, titles = lm.m.cols, interactions = lm.m.ptr[lm.m.rows];
	bundle_make(&model, lm.title_ids, (int64_t)time(NULL), profiles, &b);
	log_matrix_release(&lm);
	char path[4200], msg[4400];
	rc = bundle_save(&b, dir, path, sizeof(path), msg, sizeof(msg));
	if (rc) {
		bundle_release(&b);
		return cli_fail(args.json, rc, "%s", msg);
	}
	if (args.json) {
		json_t *pj = cli_reco_params_json(kind, &params);
		cli_print_json(json_pack("{s:I,s:s,s:s,s:o,s:I,s:I,s:I,s:f,s:f}", "version",
		                         (json_int_t)b.version, "path", path, "model", model_name,
		                         "params", pj, "profiles", (json_int_t)profiles, "titles",
		                         (json_int_t)titles, "interactions",
		                         (json_int_t)interactions, "fit_seconds", fit_seconds,
		                         "seconds", monotonic_s() - t0));
	} else {
		printf("saved %s (version %llu): %s over %zu profiles x %zu titles, fit %.2f s\n",
		       path, (unsigned long long)b.version, model_name, profiles, titles,
		       fit_seconds);
	}
	bundle_release(&b);
	return EXIT_OK;
}
