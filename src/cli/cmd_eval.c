/*
 * cmd_eval.c - `binge eval`: a recommendation model measured offline on an
 * interactions file (reco/evaluate.h), hyper-parameters chosen on
 * validation splits carved from the training data (reco/tune.h), never on
 * the test set. This file parses, calls and prints.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/cli_reco.h"
#include "core/buf.h"
#include "core/file.h"
#include "core/progress.h"
#include "reco/evaluate.h"
#include "reco/interactions.h"
#include "reco/model.h"
#include "reco/tune.h"
#include "core/date.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge eval --data FILE --model popularity|itemknn|ease|ials|blend|community\n"
        "                  [--positive '>=X'|'>X'|all] [--weight] [--format auto|movielens|csv]\n"
        "                  [--param NAME=V ...] [--protocol holdout|strong|last]\n"
        "                  [--seed S] [--horizon DAYS]\n"
        "                  [--save-split DIR] [--json]\n\n"
        "Measures a recommendation model on an interactions file: user, item, then\n"
        "an optional rating (or weight) and time, separated by commas, tabs, '::' or\n"
        "spaces, with or without a header line, as MovieLens (u.data, ratings.dat,\n"
        "ratings.csv) and other public files come. Positives are the rows whose\n"
        "rating passes --positive (default '>=4'), or every row of a file without\n"
        "ratings. Protocol holdout: per user, a random\n"
        "20% of positives (seed S, default 42) is the test set; three more such\n"
        "splits of the rest (seeds S+1..S+3) are validation sets, on whose mean\n"
        "Recall@20 the model's tuned parameters (ease: lambda; itemknn: shrink;\n"
        "ials: reg, alpha, nu; blend: those and lambda, weight; community:\n"
        "communities, spread, smoothing) are chosen when\n"
        "--param does not give them. Parameters: ease lambda; itemknn k, shrink;\n"
        "ials factors, reg, alpha, nu, iters, seeds (random starts summed, fitted\n"
        "from one while choosing), cg (conjugate-gradient steps a row, 0: exact);\n"
        "blend weight, reg, alpha, nu, seeds, cg, lambda; community communities,\n"
        "spread, smoothing (tuned), reg, alpha, nu, factors, iters: each user is\n"
        "offered the smoothed popularity of the taste community their iALS vector\n"
        "joins, or with spread > 0 of the communities near it, each weighted\n"
        "exp((cosine - best cosine) / spread); it\n"
        "also prints its share of the NDCG@20 gap from popularity to EASE (lambda\n"
        "chosen on validation), both run on the same split.\n"
        "Full ranking over all items; Recall@K normalised by min(K, |test|),\n"
        "NDCG@K, precision, coverage, effective catalogue size. Protocol strong:\n"
        "10% of the users are held out of training and scored from 80% of their\n"
        "positives (fold-in), the other 20% to find. Protocol last: each user's\n"
        "latest positive by time is the test item (validation: the one before).\n"
        "docs/recommendations.md.\n\n"
        "  --positive RULE   which ratings are positives: '>=X', '>X' or all (every row)\n"
        "  --weight          the third column is a weight (plays, clicks): every row\n"
        "                    above 0 is a positive, and iALS weighs it by\n"
        "                    1 + log2(1 + weight)\n"
        "  --format F        auto (default) finds the separator and a header;\n"
        "                    movielens: tabs; csv: commas\n"
        "  --horizon DAYS    rank for each user only the items that had entered the\n"
        "                    catalogue (their earliest time among the pairs the model\n"
        "                    is given) by DAYS after the user's latest input time, on\n"
        "                    validation and test alike: the catalogue as it stood\n"
        "                    when the viewer watched. Needs a file with times\n"
        "  --save-split DIR  (created if missing) write train.csv (what was fit on),\n"
        "                    test.csv, validation.csv, validation-2.csv and\n"
        "                    validation-3.csv (strong: also input.csv) as user,item\n"
        "                    lines; with --horizon also catalogue.csv (item,entered)\n"
        "                    and viewers.csv (user,time) of the test split\n"
        "  --json            {\"model\",\"params\",\"protocol\",\"seed\",\"users\",\"items\",\n"
        "                    \"recall\",\"ndcg\",\"precision\",\"coverage\",\n"
        "                    \"effective_catalogue\",\"fit_seconds\",\"horizon_days\"};\n"
        "                    community adds \"gap\": {\"popularity_ndcg_20\",\n"
        "                    \"ease_ndcg_20\",\"ease_lambda\",\"recovered\"}\n";

/* Writes text (released) to dir/name, replacing it whole or not at all. */
static bool write_text(const char *dir, const char *name, struct buf *text)
{
	struct buf path = BUF_INIT(4096);
	buf_addf(&path, "%s/%s", dir, name);
	bool ok = !buf_error(text) && !buf_error(&path) &&
	          file_write_atomic(path.ptr, text->ptr, text->len) == BG_OK;
	buf_release(text);
	buf_release(&path);
	return ok;
}

/* Writes a matrix's (user, item) pairs as raw ids, "user,item" lines. */
static bool write_pairs(const char *dir, const char *name, const struct csr *m,
                        const struct interactions *in)
{
	struct buf text = BUF_INIT((size_t)1 << 30);
	for (size_t u = 0; u < m->rows; u++)
		for (size_t k = m->ptr[u]; k < m->ptr[u + 1]; k++)
			buf_addf(&text, "%lld,%lld\n", (long long)in->user_id[u],
			         (long long)in->item_id[m->idx[k]]);
	return write_text(dir, name, &text);
}

/* The catalogue dates of a split: "item,entered" and "user,time" lines, raw ids. */
static bool write_catalogue(const char *dir, const struct as_of *a, const struct interactions *in)
{
	struct buf items = BUF_INIT((size_t)1 << 28), users = BUF_INIT((size_t)1 << 28);
	for (size_t i = 0; i < a->items; i++)
		if (a->entered[i] != INT64_MAX)
			buf_addf(&items, "%lld,%lld\n", (long long)in->item_id[i],
			         (long long)a->entered[i]);
	for (size_t u = 0; u < a->users; u++)
		if (a->viewer_time[u] != INT64_MIN)
			buf_addf(&users, "%lld,%lld\n", (long long)in->user_id[u],
			         (long long)a->viewer_time[u]);
	bool ok = write_text(dir, "catalogue.csv", &items);
	ok = write_text(dir, "viewers.csv", &users) && ok;
	return ok;
}

/* Metrics are printed to five places: more is noise between runs' splits. */
static double five_places(double x)
{
	return (double)(long long)(x * 1e5 + 0.5) / 1e5;
}

static json_t *by_cutoff(const double *v, int first, int last)
{
	json_t *o = json_object();
	for (int c = first; c <= last; c++) {
		char key[8];
		snprintf(key, sizeof(key), "%zu", eval_cutoffs[c]);
		json_object_set_new(o, key, json_real(five_places(v[c])));
	}
	return o;
}

/* The yardsticks the community model is read against, on the same split. */
struct gap {
	double popularity, ease, lambda; /* NDCG@20; EASE's lambda, chosen on validation */
};

/* NDCG@20 of kind fitted with p on the outer split's train, scored on its test. */
static bool ndcg_20(enum reco_kind kind, const struct reco_params *p,
                    const struct eval_split *outer, double *out)
{
	struct reco_model m;
	if (reco_model_fit(kind, p, &outer->train, &m))
		return false;
	struct eval_result r;
	evaluate(&m, &outer->input, &outer->test, eval_split_catalogue(outer), &r);
	reco_model_release(&m);
	*out = r.ndcg[1];
	return true;
}

/*
 * Popularity's and EASE's NDCG@20 on splits' outer split (EASE's lambda
 * chosen on its validation splits, as `--model ease` would), so a
 * community model's share of the gap between them is read off one split.
 */
static bool measure_gap(const struct tune_splits *splits, struct progress *prog, struct gap *g)
{
	struct reco_params p;
	reco_params_init(RECO_POPULARITY, &p);
	if (!ndcg_20(RECO_POPULARITY, &p, &splits->outer, &g->popularity))
		return false;
	reco_params_init(RECO_EASE, &p);
	tune_choose_shown(RECO_EASE, NULL, 0, splits, &p, prog);
	g->lambda = p.lambda;
	return ndcg_20(RECO_EASE, &p, &splits->outer, &g->ease);
}

static double gap_share(const struct gap *g, double ndcg)
{
	return g->ease > g->popularity ? (ndcg - g->popularity) / (g->ease - g->popularity) : 0.0;
}

int cmd_eval(int argc, char **argv)
{
	struct cli_args args;
	const char *data = NULL, *format = "auto", *model_name = NULL, *protocol = "holdout",
	           *seed_text = "42", *save = NULL, *horizon_text = NULL, *positive = NULL;
	bool weight = false;
	struct cli_list param_list = {0};
	const struct cli_opt opts[] = {{"data", &data, NULL, NULL},
	                               {"format", &format, NULL, NULL},
	                               {"positive", &positive, NULL, NULL},
	                               {"weight", NULL, &weight, NULL},
	                               {"model", &model_name, NULL, NULL},
	                               {"param", NULL, NULL, &param_list},
	                               {"protocol", &protocol, NULL, NULL},
	                               {"seed", &seed_text, NULL, NULL},
	                               {"save-split", &save, NULL, NULL},
	                               {"horizon", &horizon_text, NULL, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, usage, opts, &args);
	if (code >= 0)
		return code;
	enum reco_kind kind;
	long seed, horizon = -1;
	if (!data || !model_name)
		return cli_usage("eval", "give --data FILE and --model MODEL");
	struct reco_params params;
	if (!cli_reco_model("eval", model_name, &param_list, &kind, &params))
		return EXIT_USAGE;
	bool strong = strcmp(protocol, "strong") == 0, last = strcmp(protocol, "last") == 0;
	if (strcmp(protocol, "holdout") != 0 && !strong && !last)
		return cli_usage("eval", "--protocol: 'holdout', 'strong' or 'last'");
	struct interactions_rules rules = INTERACTIONS_RULES_INIT;
	rules.format = strcmp(format, "movielens") == 0 ? INTERACTIONS_MOVIELENS
	               : strcmp(format, "csv") == 0     ? INTERACTIONS_CSV
	                                                : INTERACTIONS_AUTO;
	if (rules.format == INTERACTIONS_AUTO && strcmp(format, "auto") != 0)
		return cli_usage("eval", "--format: 'auto', 'movielens' or 'csv'");
	if (positive && !interactions_positive_parse(positive, &rules))
		return cli_usage("eval", "--positive: '>=X', '>X' (X a number) or 'all'");
	if (positive && weight)
		return cli_usage("eval",
		                 "--positive is for ratings; with --weight every row above 0 "
		                 "is a positive");
	rules.weight = weight;
	if (!cli_number("eval", "--seed", seed_text, 0, 2147483647L, &seed))
		return EXIT_USAGE;
	if (horizon_text && !cli_number("eval", "--horizon", horizon_text, 0, 36500, &horizon))
		return EXIT_USAGE;

	struct interactions in;
	char msg[256];
	enum bg_err rc = interactions_load(data, &rules, &in, msg, sizeof(msg));
	if (rc)
		return cli_fail(args.json, rc, "%s: %s", data, msg);
	if (horizon >= 0 && !as_of_has_times(&in)) {
		interactions_release(&in);
		return cli_fail(args.json, BG_INVALID,
		                "%s: --horizon needs times, and every line's time is missing or 0",
		                data);
	}
	struct csr all;
	csr_from_triples(in.users, in.items, in.user, in.item, in.confidence, in.n, &all);
	struct tune_splits splits;
	tune_splits_make(&in, &all,
	                 strong ? TUNE_STRONG
	                 : last ? TUNE_LAST
	                        : TUNE_HOLDOUT,
	                 (uint64_t)seed, horizon, &splits);
	const struct eval_split *outer = &splits.outer;
	struct progress prog;
	double valid_recall = tune_choose_shown(kind, param_list.items, (size_t)param_list.n,
	                                        &splits, &params, &prog);

	struct reco_model model;
	code = EXIT_OK;
	double t0 = monotonic_s();
	rc = reco_model_fit(kind, &params, &outer->train, &model);
	double fit_seconds = monotonic_s() - t0;
	if (rc) {
		code = cli_fail(args.json, rc,
		                "cannot fit: the regularisation leaves a matrix singular");
		goto out;
	}
	struct eval_result r;
	evaluate(&model, &outer->input, &outer->test, eval_split_catalogue(outer), &r);
	reco_model_release(&model);
	struct gap gap = {0};
	bool gapped = kind == RECO_COMMUNITY;
	if (gapped && !measure_gap(&splits, &prog, &gap)) {
		code = cli_fail(args.json, BG_INVALID,
		                "cannot fit EASE for the comparison: the matrix is singular");
		goto out;
	}
	if (save && mkdir(save, 0755) != 0 && errno != EEXIST) {
		code = cli_fail(args.json, BG_IO, "cannot create '%s': %s", save, strerror(errno));
		goto out;
	}
	bool saved =
	        !save ||
	        (write_pairs(save, "train.csv", &outer->train, &in) &&
	         write_pairs(save, "test.csv", &outer->test, &in) &&
	         (!strong || write_pairs(save, "input.csv", &outer->input, &in)) &&
	         (!eval_split_catalogue(outer) || write_catalogue(save, &outer->catalogue, &in)));
	for (size_t v = 0; save && saved && v < splits.inner_n; v++) {
		char name[32];
		snprintf(name, sizeof(name), v ? "validation-%zu.csv" : "validation.csv", v + 1);
		saved = write_pairs(save, name, &splits.inner[v].test, &in);
	}
	if (!saved) {
		code = cli_fail(args.json, BG_IO, "cannot write the split into '%s'", save);
		goto out;
	}
	const char *const *names = reco_param_names(kind);
	if (args.json) {
		json_t *pj = cli_reco_params_json(kind, &params);
		json_t *doc = json_pack(
		        "{s:s,s:o,s:s,s:I,s:I,s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:f,s:o,s:o}", "model",
		        model_name, "params", pj, "protocol", protocol, "seed", (json_int_t)seed,
		        "users", (json_int_t)in.users, "items", (json_int_t)in.items, "test_users",
		        (json_int_t)r.users, "recall", by_cutoff(r.recall, 0, 2), "ndcg",
		        by_cutoff(r.ndcg, 0, 3), "precision", by_cutoff(r.precision, 0, 2),
		        "coverage", by_cutoff(r.coverage, 1, 1), "effective_catalogue",
		        by_cutoff(r.effective_catalogue, 1, 1), "fit_seconds", fit_seconds,
		        "validation_recall_20",
		        valid_recall >= 0 ? json_real(valid_recall) : json_null(), "horizon_days",
		        horizon >= 0 ? json_integer(horizon) : json_null());
		if (gapped)
			json_object_set_new(doc, "gap",
			                    json_pack("{s:f,s:f,s:f,s:f}", "popularity_ndcg_20",
			                              five_places(gap.popularity), "ease_ndcg_20",
			                              five_places(gap.ease), "ease_lambda",
			                              gap.lambda, "recovered",
			                              gap_share(&gap, r.ndcg[1])));
		cli_print_json(doc);
	} else {
		printf("%s on %s (%zu users, %zu items, %zu positives), %s seed %ld\n", model_name,
		       data, in.users, in.items, in.n, protocol, seed);
		for (size_t i = 0; names[i]; i++)
			printf("%s %g\n", names[i], reco_param_get(&params, names[i]));
		if (horizon >= 0)
			printf("ranking the catalogue as of each user's time, horizon %ld days\n",
			       horizon);
		if (valid_recall >= 0)
			printf("(tuned parameters chosen on validation: Recall@20 %.4f)\n",
			       valid_recall);
		for (int c = 0; c < EVAL_CUTOFFS; c++)
			printf("@%-3zu recall %.4f  ndcg %.4f  precision %.4f  coverage %.3f  "
			       "effective catalogue %.1f\n",
			       eval_cutoffs[c], r.recall[c], r.ndcg[c], r.precision[c],
			       r.coverage[c], r.effective_catalogue[c]);
		printf("fit %.2f s, %zu test users\n", fit_seconds, r.users);
		if (gapped)
			printf("recovers %.0f%% of the NDCG@20 gap from popularity (%.4f) to EASE "
			       "(%.4f, lambda %g) on the same split\n",
			       100 * gap_share(&gap, r.ndcg[1]), gap.popularity, gap.ease,
			       gap.lambda);
	}
out:
	tune_splits_release(&splits);
	csr_release(&all);
	interactions_release(&in);
	return code;
}
