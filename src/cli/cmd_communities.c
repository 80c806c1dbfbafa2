/*
 * cmd_communities.c - `binge communities build|list|show|score`: taste
 * communities (reco/communities.h) over the newest model's profile
 * factors, stored in the database (reco/reco_store.h), and scored against
 * the taste groups `binge simulate` planted (reco/communities_eval.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/mem.h"
#include "core/progress.h"
#include "reco/bundle.h"
#include "reco/communities.h"
#include "reco/communities_eval.h"
#include "reco/community_validation.h"
#include "reco/log_matrix.h"
#include "account/account_store.h"
#include "reco/reco_store.h"
#include "store/store.h"
#include "core/date.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge communities build [--k K] [--seed S] [--iters N] [--models DIR] [--json]\n"
        "       binge communities list [--json]\n"
        "       binge communities show USER/PROFILE [--json]\n"
        "       binge communities score [--k K] [--seed S] [--json]\n\n"
        "Taste communities: profiles clustered by what they watch (spherical k-means\n"
        "with k-means++ seeding on the profiles' iALS factors from the newest model;\n"
        "binge train first). K defaults to sqrt(profiles / 2), from 2 to 1300.\n"
        "Each community has a size, its most watched titles with their lift over\n"
        "base popularity, and a label from the three of highest lift. build then\n"
        "checks each community's home row on its members' latest starts, held out:\n"
        "the row is shown only where the community's top 10 finds more of them than\n"
        "the service's top 10 does (on at least 10 starts).\n\n"
        "score measures communities on a simulated log (binge simulate) without\n"
        "peeking: each profile's latest start is held out, iALS is fitted and the\n"
        "profiles clustered on the rest; then NMI and ARI against the planted taste\n"
        "groups, and the hit rate of the held-out start in the top 10 of the\n"
        "profile's community (what its members watch most, pulled toward the\n"
        "service's counts by a prior chosen on the members' own views) against the\n"
        "top 10 of global popularity, both leaving out what the profile had seen.\n\n"
        "  --json  build: {\"k\",\"profiles\",\"iterations\",\"seconds\",\"model_version\",\n"
        "                 \"validation\": {\"held_out\",\"hit_rate\",\"hit_rate_popularity\",\n"
        "                 \"smoothing\",\"rows_earned\"}}\n"
        "          list: {\"items\": [{\"id\",\"size\",\"label\",\"top_titles\": [...],\n"
        "                 \"validation\": {\"held_out\",\"hit_rate\",\"hit_rate_popularity\",\n"
        "                 \"home_row\"}}]}\n"
        "          show: {\"profile\",\"community\",\"affinity\"}\n"
        "          score: {\"nmi\",\"ari\",\"next_hit_rate_community\",\n"
        "                  \"next_hit_rate_community_raw\",\"community_smoothing\",\n"
        "                  \"next_hit_rate_popularity\",\"profiles\",\"k\",\"held_out\"}\n";

struct opts {
	struct cli_args args;
	const char *k, *seed, *iters, *models;
};

/* K from --k or the default; 0 (reported) when invalid. */
static size_t choose_k(const struct opts *o, size_t profiles)
{
	long k = (long)communities_default_k(profiles);
	if (o->k && !cli_number("communities", "--k", o->k, 1, COMMUNITIES_MAX_K, &k))
		return 0;
	if ((size_t)k > profiles) {
		cli_usage("communities", "--k %ld is more than the %zu profiles with viewing", k,
		          profiles);
		return 0;
	}
	return (size_t)k;
}

/* The iALS part of a model: itself, a blend's first part, or NULL. */
static const struct reco_model *ials_of(const struct reco_model *m)
{
	return m->kind == RECO_IALS ? m : m->kind == RECO_BLEND ? &m->parts[0] : NULL;
}

/* Names of title ids (series, films) into names[n][256]; "" for unknown. */
static enum bg_err title_names(struct store *st, const int64_t *ids, size_t n, char (*names)[256])
{
	struct viewer all;
	viewer_init_unrestricted(&all, date_time_now());
	struct reco_title *t = xmalloc((n ? n : 1) * sizeof(*t));
	size_t got;
	enum bg_err rc = reco_store_visible(st, &all, ids, n, t, &got);
	for (size_t i = 0; i < n; i++) {
		names[i][0] = '\0';
		for (size_t j = 0; !rc && j < got; j++)
			if (t[j].id == ids[i])
				snprintf(names[i], 256, "%s", t[j].name);
	}
	free(t);
	return rc;
}

static double share(size_t part, size_t whole)
{
	return whole ? (double)part / (double)whole : 0.0;
}

/* Turns a clustering of lm's rows into stored communities, labels from title names. */
static enum bg_err save(struct store *st, const struct log_matrix *lm, const struct clustering *c,
                        const struct community_rate *rates, uint64_t version)
{
	size_t k = c->k;
	struct community_titles *desc = xmalloc(k * sizeof(*desc));
	uint32_t *label_items = xmalloc(k * 3 * sizeof(*label_items));
	communities_describe(&lm->m, c, COMMUNITY_TOP_TITLES, desc, label_items);
	struct community *out = xcalloc(k, sizeof(*out));
	int64_t ids[3];
	char names[3][256];
	enum bg_err rc = BG_OK;
	for (size_t j = 0; j < k && !rc; j++) {
		struct community *o = &out[j];
		o->id = (int64_t)j + 1;
		o->size = (int64_t)c->sizes[j];
		o->model_version = (int64_t)version;
		o->held_out = (int64_t)rates[j].held_out;
		o->hit_rate = share(rates[j].hits, rates[j].held_out);
		o->hit_rate_popularity = share(rates[j].hits_popularity, rates[j].held_out);
		o->top_n = desc[j].n;
		for (size_t i = 0; i < desc[j].n; i++) {
			o->top_titles[i] = lm->title_ids[desc[j].item[i]];
			o->top_lift[i] = desc[j].lift[i];
		}
		size_t nl = 0;
		for (size_t l = 0; l < 3; l++)
			if (label_items[j * 3 + l] != UINT32_MAX)
				ids[nl++] = lm->title_ids[label_items[j * 3 + l]];
		rc = title_names(st, ids, nl, names);
		/* "A · B · C", each name cut to fit */
		snprintf(o->label, sizeof(o->label), "%.80s%s%.80s%s%.80s",
		         nl ? names[0] : "(no title stands out)", nl > 1 ? " · " : "",
		         nl > 1 ? names[1] : "", nl > 2 ? " · " : "", nl > 2 ? names[2] : "");
	}
	int64_t *member = xmalloc((lm->m.rows + 1) * sizeof(*member));
	for (size_t r = 0; r < lm->m.rows; r++)
		member[r] = (int64_t)c->assign[r] + 1;
	if (!rc)
		rc = reco_store_save_communities(st, out, k, lm->profile_ids, member, c->affinity,
		                                 lm->m.rows);
	free(member);
	free(out);
	free(desc);
	free(label_items);
	return rc;
}

/* lm's rows clustered into k on the model's profile factors, passes shown unless show is false. */
static void cluster_rows(const struct reco_model *ials, const struct log_matrix *lm, size_t k,
                         uint64_t seed, size_t iters, bool show, struct clustering *c)
{
	struct progress pg;
	progress_start(&pg, "clustering", iters);
	communities_cluster_profiles(ials, &lm->m, k, seed, iters, show ? &pg : NULL, c);
	progress_end(&pg);
}

static int build(struct opts *o, struct store *st)
{
	bool json = o->args.json;
	double t0 = monotonic_s();
	char dir[4096], path[4200], msg[4400];
	uint64_t version;
	cli_models_dir(o->models, o->args.db, dir, sizeof(dir));
	if (bundle_newest(dir, &version, path, sizeof(path)))
		return cli_fail(json, BG_NOT_FOUND, "no trained model in '%s': run binge train",
		                dir);
	struct reco_bundle b;
	enum bg_err rc = bundle_load(path, &b, msg, sizeof(msg));
	if (rc)
		return cli_fail(json, rc, "%s", msg);
	const struct reco_model *ials = ials_of(&b.model);
	int code = EXIT_OK;
	struct reco_view *views = NULL;
	size_t n = 0;
	if (!ials) {
		code = cli_fail(json, BG_INVALID,
		                "communities need profile factors: the newest model (%s) is not "
		                "ials or blend; run binge train --model ials",
		                reco_kind_name(b.model.kind));
		goto out;
	}
	rc = reco_store_views(st, 0, &views, &n);
	if (rc) {
		code = cli_fail(json, rc, "%s", store_errmsg(st));
		goto out;
	}
	struct log_matrix lm;
	log_matrix_build_over(views, n, b.title_ids, b.model.items, 0, 0, &lm);
	long seed = 42, iters = 20;
	size_t k = choose_k(o, lm.m.rows);
	if (!k ||
	    (o->seed && !cli_number("communities", "--seed", o->seed, 0, 2147483647L, &seed)) ||
	    (o->iters && !cli_number("communities", "--iters", o->iters, 1, 1000, &iters))) {
		log_matrix_release(&lm);
		code = EXIT_USAGE;
		goto out;
	}
	struct clustering c;
	cluster_rows(ials, &lm, k, (uint64_t)seed, (size_t)iters, !json, &c);
	struct community_rate *rates = xmalloc(k * sizeof(*rates)), all = {0};
	double smoothing;
	community_validate(ials, &lm, views, n, &c, rates, &smoothing);
	size_t earned = 0;
	for (size_t j = 0; j < k; j++) {
		all.held_out += rates[j].held_out;
		all.hits += rates[j].hits;
		all.hits_popularity += rates[j].hits_popularity;
		earned += community_row_earned(rates[j].held_out,
		                               share(rates[j].hits, rates[j].held_out),
		                               share(rates[j].hits_popularity, rates[j].held_out));
	}
	rc = save(st, &lm, &c, rates, b.version);
	if (rc)
		code = cli_fail(json, rc, "%s", store_errmsg(st));
	else if (json)
		cli_print_json(json_pack(
		        "{s:I,s:I,s:I,s:f,s:I,s:{s:I,s:f,s:f,s:f,s:I}}", "k", (json_int_t)k,
		        "profiles", (json_int_t)lm.m.rows, "iterations", (json_int_t)c.iterations,
		        "seconds", monotonic_s() - t0, "model_version", (json_int_t)b.version,
		        "validation", "held_out", (json_int_t)all.held_out, "hit_rate",
		        share(all.hits, all.held_out), "hit_rate_popularity",
		        share(all.hits_popularity, all.held_out), "smoothing", smoothing,
		        "rows_earned", (json_int_t)earned));
	else
		printf("%zu communities over %zu profiles (%zu passes, %.2f s), model version "
		       "%llu\n"
		       "latest starts held out: %zu; in the community's top %d: %.3f, in the "
		       "service's: %.3f; %zu of %zu communities earn a home row\n",
		       k, lm.m.rows, c.iterations, monotonic_s() - t0,
		       (unsigned long long)b.version, all.held_out, COMMUNITY_ROW_TOP,
		       share(all.hits, all.held_out), share(all.hits_popularity, all.held_out),
		       earned, k);
	free(rates);
	clustering_release(&c);
	log_matrix_release(&lm);
out:
	free(views);
	bundle_release(&b);
	return code;
}

static json_t *community_json(struct store *st, const struct community *c)
{
	char(*names)[256] = xmalloc((c->top_n + 1) * sizeof(*names));
	title_names(st, c->top_titles, c->top_n, names);
	json_t *top = json_array();
	for (size_t i = 0; i < c->top_n; i++)
		json_array_append_new(top,
		                      json_pack("{s:I,s:s,s:f}", "id", (json_int_t)c->top_titles[i],
		                                "title", names[i], "lift", c->top_lift[i]));
	free(names);
	return json_pack(
	        "{s:I,s:I,s:s,s:o,s:{s:I,s:f,s:f,s:b}}", "id", (json_int_t)c->id, "size",
	        (json_int_t)c->size, "label", c->label, "top_titles", top, "validation", "held_out",
	        (json_int_t)c->held_out, "hit_rate", c->hit_rate, "hit_rate_popularity",
	        c->hit_rate_popularity, "home_row",
	        community_row_earned((size_t)c->held_out, c->hit_rate, c->hit_rate_popularity));
}

static int list(struct opts *o, struct store *st)
{
	struct community *cs;
	size_t n;
	enum bg_err rc = reco_store_communities(st, &cs, &n);
	if (rc)
		return cli_fail(o->args.json, rc, "%s", store_errmsg(st));
	if (o->args.json) {
		json_t *items = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(items, community_json(st, &cs[i]));
		cli_print_json(json_pack("{s:o}", "items", items));
	} else {
		for (size_t i = 0; i < n; i++)
			printf("%4lld  %6lld profiles  hits %.3f vs %.3f (%lld held out)%s  %s\n",
			       (long long)cs[i].id, (long long)cs[i].size, cs[i].hit_rate,
			       cs[i].hit_rate_popularity, (long long)cs[i].held_out,
			       community_row_earned((size_t)cs[i].held_out, cs[i].hit_rate,
			                            cs[i].hit_rate_popularity)
			               ? ", home row"
			               : "",
			       cs[i].label);
		if (!n)
			printf("no communities yet: binge communities build\n");
	}
	free(cs);
	return EXIT_OK;
}

static int show(struct opts *o, struct store *st)
{
	if (o->args.rest_count != 2)
		return cli_usage("communities", "show takes one profile as USER/PROFILE");
	int64_t id;
	struct community c;
	double affinity = 0;
	enum bg_err rc = account_store_profile_ref(st, o->args.rest[1], &id);
	if (!rc)
		rc = reco_store_profile_community(st, id, &c, &affinity);
	if (rc)
		return cli_fail(o->args.json, rc, "%s: %s", o->args.rest[1], store_errmsg(st));
	if (o->args.json) {
		cli_print_json(json_pack("{s:I,s:o,s:f}", "profile", (json_int_t)id, "community",
		                         community_json(st, &c), "affinity", affinity));
	} else {
		printf("%s is in community %lld (%lld profiles), affinity %.3f: %s\n",
		       o->args.rest[1], (long long)c.id, (long long)c.size, affinity, c.label);
	}
	return EXIT_OK;
}

static int score(struct opts *o, struct store *st)
{
	bool json = o->args.json;
	struct reco_view *views;
	size_t n;
	int64_t *planted_ids, *planted;
	size_t planted_n;
	enum bg_err rc = reco_store_views(st, 0, &views, &n);
	if (!rc)
		rc = reco_store_planted(st, &planted_ids, &planted, &planted_n);
	if (rc)
		return cli_fail(json, rc, "%s", store_errmsg(st));
	int code = EXIT_OK;
	long seed = 42, k = 0;
	if (!planted_n)
		code = cli_fail(json, BG_INVALID,
		                "no planted taste groups: score needs a log from binge simulate");
	else if ((o->k && !cli_number("communities", "--k", o->k, 1, COMMUNITIES_MAX_K, &k)) ||
	         (o->seed && !cli_number("communities", "--seed", o->seed, 0, 2147483647L, &seed)))
		code = EXIT_USAGE;
	if (code != EXIT_OK)
		goto out;
	struct communities_score r;
	struct progress pg;
	char msg[256];
	progress_start(&pg, "clustering", COMMUNITIES_ITERS);
	rc = communities_evaluate(views, n, planted_ids, planted, planted_n, (size_t)k,
	                          (uint64_t)seed, json ? NULL : &pg, &r, msg, sizeof(msg));
	progress_end(&pg);
	if (rc) {
		code = rc == BG_INVALID && o->k ? cli_usage("communities", "--k %s", msg)
		                                : cli_fail(json, rc, "%s", msg);
		goto out;
	}
	if (json)
		cli_print_json(json_pack("{s:f,s:f,s:f,s:f,s:f,s:f,s:I,s:I,s:I}", "nmi", r.nmi,
		                         "ari", r.ari, "next_hit_rate_community", r.hit_rate,
		                         "next_hit_rate_community_raw", r.hit_rate_raw,
		                         "community_smoothing", r.smoothing,
		                         "next_hit_rate_popularity", r.hit_rate_popularity,
		                         "profiles", (json_int_t)r.profiles, "k", (json_int_t)r.k,
		                         "held_out", (json_int_t)r.held_out));
	else
		printf("%zu communities over %zu profiles against %zu planted groups' members:\n"
		       "  NMI %.4f  ARI %.4f\n"
		       "  next title started in the top %d: community %.4f (raw counts %.4f, "
		       "smoothing %g views), popularity %.4f (%zu held-out starts)\n",
		       r.k, r.profiles, r.with_group, r.nmi, r.ari, COMMUNITIES_EVAL_TOP,
		       r.hit_rate, r.hit_rate_raw, r.smoothing, r.hit_rate_popularity, r.held_out);
out:
	free(views);
	free(planted_ids);
	free(planted);
	return code;
}

int cmd_communities(int argc, char **argv)
{
	struct opts o = {0};
	const struct cli_opt opts[] = {{"k", &o.k, NULL, NULL},
	                               {"seed", &o.seed, NULL, NULL},
	                               {"iters", &o.iters, NULL, NULL},
	                               {"models", &o.models, NULL, NULL},
	                               {NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, usage, opts, &o.args);
	if (code >= 0)
		return code;
	const char *verb = o.args.rest_count ? o.args.rest[0] : "";
	int (*run)(struct opts *, struct store *) = strcmp(verb, "build") == 0   ? build
	                                            : strcmp(verb, "list") == 0  ? list
	                                            : strcmp(verb, "show") == 0  ? show
	                                            : strcmp(verb, "score") == 0 ? score
	                                                                         : NULL;
	if (!run)
		return cli_usage("communities", "give build, list, show or score");
	struct store *st;
	if (!cli_open_store(o.args.db, o.args.json, &st))
		return EXIT_RUNTIME;
	code = run(&o, st);
	store_close(st);
	return code;
}
