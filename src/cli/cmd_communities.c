/*
 * cmd_communities.c - `binge communities build|list|show|score`: taste
 * communities (reco/communities.h) over the newest model's profile
 * factors, stored in the database (store/reco_store.h), and scored against
 * the taste groups `binge simulate` planted.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/mem.h"
#include "core/progress.h"
#include "reco/bundle.h"
#include "reco/communities.h"
#include "reco/log_matrix.h"
#include "store/account_store.h"
#include "store/reco_store.h"
#include "store/store.h"
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
        "base popularity, and a label from the three of highest lift.\n\n"
        "score measures communities on a simulated log (binge simulate) without\n"
        "peeking: each profile's latest start is held out, iALS is fitted and the\n"
        "profiles clustered on the rest; then NMI and ARI against the planted taste\n"
        "groups, and the hit rate of the held-out start in the top 10 of the\n"
        "profile's community (what its members watch most, pulled toward the\n"
        "service's counts by a prior chosen on the members' own views) against the\n"
        "top 10 of global popularity, both leaving out what the profile had seen.\n\n"
        "  --json  build: {\"k\",\"profiles\",\"iterations\",\"seconds\",\"model_version\"}\n"
        "          list: {\"items\": [{\"id\",\"size\",\"label\",\"top_titles\": [...]}]}\n"
        "          show: {\"profile\",\"community\",\"affinity\"}\n"
        "          score: {\"nmi\",\"ari\",\"next_hit_rate_community\",\n"
        "                  \"next_hit_rate_community_raw\",\"community_smoothing\",\n"
        "                  \"next_hit_rate_popularity\",\"profiles\",\"k\",\"held_out\"}\n";

#define MAX_K    1300
#define TOP_HITS 10

struct opts {
	struct cli_args args;
	const char *k, *seed, *iters, *models;
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t default_k(size_t profiles)
{
	double k = round(sqrt((double)profiles / 2));
	return k < 2 ? 2 : k > MAX_K ? MAX_K : (size_t)k;
}

/* K from --k or the default; 0 (reported) when invalid. */
static size_t choose_k(const struct opts *o, size_t profiles)
{
	long k = (long)default_k(profiles);
	if (o->k && !cli_number("communities", "--k", o->k, 1, MAX_K, &k))
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
	viewer_init_unrestricted(&all);
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

/* Turns a clustering of lm's rows into stored communities, labels from title names. */
static enum bg_err save(struct store *st, const struct log_matrix *lm, const struct clustering *c,
                        uint64_t version)
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

/* Profile factors of every row of lm, clustered into k. */
static void cluster_rows(const struct reco_model *ials, const struct log_matrix *lm, size_t k,
                         uint64_t seed, size_t iters, bool show, struct clustering *c)
{
	size_t d = reco_ials_dims(&ials->params);
	double *x = xmalloc((lm->m.rows * d + 1) * sizeof(*x));
	communities_profile_factors(ials, &lm->m, x);
	struct progress pg;
	progress_start(&pg, "clustering", iters);
	communities_cluster(x, lm->m.rows, d, k, seed, iters, show ? &pg : NULL, c);
	progress_end(&pg);
	free(x);
}

static int build(struct opts *o, struct store *st)
{
	bool json = o->args.json;
	double t0 = now_s();
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
	rc = save(st, &lm, &c, b.version);
	if (rc)
		code = cli_fail(json, rc, "%s", store_errmsg(st));
	else if (json)
		cli_print_json(json_pack("{s:I,s:I,s:I,s:f,s:I}", "k", (json_int_t)k, "profiles",
		                         (json_int_t)lm.m.rows, "iterations",
		                         (json_int_t)c.iterations, "seconds", now_s() - t0,
		                         "model_version", (json_int_t)b.version));
	else
		printf("%zu communities over %zu profiles (%zu passes, %.2f s), model version "
		       "%llu\n",
		       k, lm.m.rows, c.iterations, now_s() - t0, (unsigned long long)b.version);
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
	return json_pack("{s:I,s:I,s:s,s:o}", "id", (json_int_t)c->id, "size", (json_int_t)c->size,
	                 "label", c->label, "top_titles", top);
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
			printf("%4lld  %6lld profiles  %s\n", (long long)cs[i].id,
			       (long long)cs[i].size, cs[i].label);
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

/* Each profile's latest start (by first event; ties: the higher title id) leaves views. */
static void hold_out_latest(struct reco_view *views, size_t *n, int64_t *held_profile,
                            int64_t *held_title, size_t *held_n)
{
	size_t w = 0;
	*held_n = 0;
	for (size_t i = 0; i < *n;) {
		size_t j = i, latest = i;
		while (j < *n && views[j].profile_id == views[i].profile_id) {
			if (views[j].first_s >= views[latest].first_s)
				latest = j;
			j++;
		}
		bool hold = j - i >= 2;
		if (hold) {
			held_profile[*held_n] = views[latest].profile_id;
			held_title[(*held_n)++] = views[latest].title_id;
		}
		for (size_t x = i; x < j; x++)
			if (!hold || x != latest)
				views[w++] = views[x];
		i = j;
	}
	*n = w;
}

/* The prior strengths, in views, among which communities_smoothing() chooses. */
static const double smoothing_grid[] = {1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000};

/* Is the held-out item among the top TOP_HITS of scores outside the row's seen items? */
static bool hit(const double *scores, size_t items, const struct csr *m, size_t row, long target)
{
	uint32_t top[TOP_HITS];
	size_t got = reco_top_k(scores, items, m->idx + m->ptr[row], m->ptr[row + 1] - m->ptr[row],
	                        TOP_HITS, top);
	for (size_t i = 0; i < got; i++)
		if ((long)top[i] == target)
			return true;
	return false;
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
	int64_t *held_profile = xmalloc((n + 1) * sizeof(int64_t)),
	        *held_title = xmalloc((n + 1) * sizeof(int64_t));
	size_t held_n;
	hold_out_latest(views, &n, held_profile, held_title, &held_n);
	struct log_matrix lm;
	log_matrix_build(views, n, 0, 0, &lm);
	long seed = 42;
	size_t k = planted_n ? choose_k(o, lm.m.rows) : 0;
	if (!planted_n)
		code = cli_fail(json, BG_INVALID,
		                "no planted taste groups: score needs a log from binge simulate");
	else if (!k ||
	         (o->seed && !cli_number("communities", "--seed", o->seed, 0, 2147483647L, &seed)))
		code = EXIT_USAGE;
	if (code != EXIT_OK)
		goto out;

	struct reco_params p;
	reco_params_init(RECO_IALS, &p);
	struct reco_model ials;
	if ((rc = reco_model_fit(RECO_IALS, &p, &lm.m, &ials))) {
		code = cli_fail(json, rc, "cannot fit iALS on the log");
		goto out;
	}
	struct clustering c;
	cluster_rows(&ials, &lm, k, (uint64_t)seed, 20, !json, &c);
	reco_model_release(&ials);

	/* agreement with the planted groups, over profiles with both */
	int64_t *a = xmalloc((lm.m.rows + 1) * sizeof(*a)),
	        *t = xmalloc((lm.m.rows + 1) * sizeof(*t));
	size_t both = 0;
	for (size_t r = 0; r < lm.m.rows; r++) {
		long at = reco_index_of(planted_ids, planted_n, lm.profile_ids[r]);
		if (at >= 0) {
			a[both] = c.assign[r];
			t[both++] = planted[at];
		}
	}
	double nmi = clustering_nmi(a, t, both), ari = clustering_ari(a, t, both);
	free(a);
	free(t);

	/*
	 * next-start hit rates: community counts, raw and pulled toward the
	 * service's (communities_smoothing), against global counts
	 */
	size_t items = lm.m.cols;
	double *counts = xcalloc(k * items + 1, sizeof(*counts)), *global = xcalloc(items + 1, 8),
	       *smoothed = xcalloc(k * items + 1, sizeof(*smoothed)), all = 0;
	for (size_t r = 0; r < lm.m.rows; r++)
		for (size_t e = lm.m.ptr[r]; e < lm.m.ptr[r + 1]; e++) {
			counts[(size_t)c.assign[r] * items + lm.m.idx[e]] += 1;
			global[lm.m.idx[e]] += 1;
			all += 1;
		}
	double m = communities_smoothing(counts, global, k, items, smoothing_grid,
	                                 sizeof(smoothing_grid) / sizeof(smoothing_grid[0]));
	for (size_t x = 0; x < k * items; x++)
		smoothed[x] = counts[x] + m * global[x % items] / (all > 0 ? all : 1);
	size_t tried = 0, hits_c = 0, hits_raw = 0, hits_p = 0;
	for (size_t h = 0; h < held_n; h++) {
		long row = reco_index_of(lm.profile_ids, lm.m.rows, held_profile[h]);
		long target = reco_index_of(lm.title_ids, items, held_title[h]);
		if (row < 0 || target < 0)
			continue; /* a title nobody else watched: no method can name it */
		tried++;
		hits_c += hit(smoothed + (size_t)c.assign[row] * items, items, &lm.m, (size_t)row,
		              target);
		hits_raw += hit(counts + (size_t)c.assign[row] * items, items, &lm.m, (size_t)row,
		                target);
		hits_p += hit(global, items, &lm.m, (size_t)row, target);
	}
	free(counts);
	free(smoothed);
	free(global);
	double rate_c = tried ? (double)hits_c / (double)tried : 0,
	       rate_raw = tried ? (double)hits_raw / (double)tried : 0,
	       rate_p = tried ? (double)hits_p / (double)tried : 0;
	if (json)
		cli_print_json(json_pack(
		        "{s:f,s:f,s:f,s:f,s:f,s:f,s:I,s:I,s:I}", "nmi", nmi, "ari", ari,
		        "next_hit_rate_community", rate_c, "next_hit_rate_community_raw", rate_raw,
		        "community_smoothing", m, "next_hit_rate_popularity", rate_p, "profiles",
		        (json_int_t)lm.m.rows, "k", (json_int_t)k, "held_out", (json_int_t)tried));
	else
		printf("%zu communities over %zu profiles against %zu planted groups' members:\n"
		       "  NMI %.4f  ARI %.4f\n"
		       "  next title started in the top %d: community %.4f (raw counts %.4f, "
		       "smoothing %g views), popularity %.4f (%zu held-out starts)\n",
		       k, lm.m.rows, both, nmi, ari, TOP_HITS, rate_c, rate_raw, m, rate_p, tried);
	clustering_release(&c);
out:
	log_matrix_release(&lm);
	free(views);
	free(held_profile);
	free(held_title);
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
