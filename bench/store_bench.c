/*
 * store_bench.c - the same catalogue workload on SQLite and PostgreSQL,
 * figures side by side.
 *
 *   store_bench SQLITE_FILE POSTGRES_URI [TITLES]
 *
 * Workload (deterministic, seed 42): TITLES generated series (default 300),
 * each with 3 seasons, 4 genres, 3 companies and 45 credits drawn from a
 * pool of 3,000 people, written one title per transaction (bulk import);
 * then 3,000 point reads of a whole title (catalog_store_load); then 1,000
 * searches for a fragment of a person's name. Both databases must be empty.
 * Prints operations per second per engine and the PostgreSQL/SQLite ratio.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog/title_doc.h"
#include "core/mem.h"
#include "catalog/catalog_store.h"
#include "catalog/catalog_view.h"
#include "store/store.h"

#define PEOPLE            3000
#define CREDITS_PER_TITLE 45
#define READS             3000
#define SEARCHES          1000

static uint64_t rng_state;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 11);
}

static const char *const first[] = {"Ana",   "Björn", "Chloé", "Dmitri", "Eka", "Farid",
                                    "Grete", "Hiro",  "Inés",  "Jamal",  "Kai", "Lea"};
static const char *const last[] = {"Moss",  "Ordoñez", "Tennant",   "Ritter", "Callery",
                                   "Zreik", "Loeb",    "Rosenberg", "Núñez",  "Østergaard"};

static void person_name(int i, char *out, size_t cap)
{
	snprintf(out, cap, "%s %s %d", first[i % 12], last[(i / 12) % 10], i);
}

static void make_doc(int n, struct title_doc *d)
{
	char buf[128];
	title_doc_init(d);
	snprintf(buf, sizeof(buf), "Bench Series %d", n);
	d->name = xstrdup(buf);
	snprintf(buf, sizeof(buf), "Bench Series %d (TV series)", n);
	d->source_key = xstrdup(buf);
	d->synopsis = xstrdup("A generated series for the store benchmark. It has a synopsis of "
	                      "a realistic length, with a few sentences in it.");
	memcpy(d->first_aired, "2015-11-20", 11);
	d->runtime_min = 44;
	d->runtime_max = 56;
	const char *genres[] = {"Drama", "Crime", "Superhero", "Comedy", "Thriller", "Noir"};
	for (int i = 0; i < 4; i++)
		strlist_add_unique(&d->genres, genres[(n + i) % 6], strlen(genres[(n + i) % 6]));
	strlist_add(&d->platforms, "Netflix", 7);
	for (int i = 0; i < 3; i++) {
		snprintf(buf, sizeof(buf), "Studio %d", (n * 3 + i) % 40);
		strlist_add_unique(&d->companies, buf, strlen(buf));
	}
	for (int i = 0; i < CREDITS_PER_TITLE; i++) {
		person_name((int)(rng() % PEOPLE), buf, sizeof(buf));
		enum credit_role role = i < 20 ? ROLE_CAST : (enum credit_role)(rng() % ROLE_COUNT);
		struct credit *c = title_doc_credit(d, role, buf);
		if (role == ROLE_CAST && !c->character) {
			snprintf(buf, sizeof(buf), "Character %d-%d", n, i);
			c->character = xstrdup(buf);
		}
	}
	for (int s = 1; s <= 3; s++)
		title_doc_add_season(d, s, 13);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct figures {
	double import_per_s, read_per_s, search_per_s;
};

static enum bg_err put_one(struct store *st, void *ctx)
{
	return catalog_store_put(st, ctx);
}

static int run(const char *target, int titles, struct figures *f)
{
	struct store *st;
	char *msg = NULL;
	if (store_open(target, &st, &msg)) {
		fprintf(stderr, "store_bench: %s\n", msg);
		return 1;
	}
	int64_t any;
	if (store_run(st, &any, "SELECT id FROM title LIMIT 1", "") == BG_OK) {
		fprintf(stderr, "store_bench: '%s' is not empty\n", store_engine(st));
		store_close(st);
		return 1;
	}
	rng_state = 42;
	int64_t *ids = xcalloc((size_t)titles, sizeof(*ids));
	double t0 = now();
	for (int i = 0; i < titles; i++) {
		struct title_doc d;
		make_doc(i, &d);
		if (store_transact(st, put_one, &d)) {
			fprintf(stderr, "store_bench: put: %s\n", store_errmsg(st));
			return 1;
		}
		ids[i] = d.id;
		title_doc_release(&d);
	}
	f->import_per_s = titles / (now() - t0);

	t0 = now();
	for (int i = 0; i < READS; i++) {
		struct title_doc d;
		title_doc_init(&d);
		if (catalog_store_load(st, ids[rng() % (uint32_t)titles], &d)) {
			fprintf(stderr, "store_bench: load: %s\n", store_errmsg(st));
			return 1;
		}
		title_doc_release(&d);
	}
	f->read_per_s = READS / (now() - t0);

	t0 = now();
	size_t hits = 0;
	for (int i = 0; i < SEARCHES; i++) {
		char q[64];
		snprintf(q, sizeof(q), "%s %d", last[rng() % 10], (int)(rng() % PEOPLE));
		struct search_hits h = SEARCH_HITS_INIT;
		if (catalog_view_search(st, NULL, q, 20, &h)) {
			fprintf(stderr, "store_bench: search: %s\n", store_errmsg(st));
			return 1;
		}
		hits += h.n;
		search_hits_release(&h);
	}
	f->search_per_s = SEARCHES / (now() - t0);
	fprintf(stderr, "%s: %zu search hits\n", store_engine(st), hits);
	free(ids);
	store_close(st);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: store_bench SQLITE_FILE POSTGRES_URI [TITLES]\n");
		return 2;
	}
	int titles = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 300;
	if (titles < 1)
		titles = 300;
	struct figures lite, pg;
	if (run(argv[1], titles, &lite) || run(argv[2], titles, &pg))
		return 1;
	printf("store benchmark: %d titles x %d credits, %d people; %d reads; %d searches\n",
	       titles, CREDITS_PER_TITLE, PEOPLE, READS, SEARCHES);
	printf("%-28s %12s %12s %10s\n", "operation (per second)", "sqlite", "postgres",
	       "pg/sqlite");
	printf("%-28s %12.1f %12.1f %10.2f\n", "import (1 title / tx)", lite.import_per_s,
	       pg.import_per_s, pg.import_per_s / lite.import_per_s);
	printf("%-28s %12.1f %12.1f %10.2f\n", "point read (whole title)", lite.read_per_s,
	       pg.read_per_s, pg.read_per_s / lite.read_per_s);
	printf("%-28s %12.1f %12.1f %10.2f\n", "search (folded LIKE)", lite.search_per_s,
	       pg.search_per_s, pg.search_per_s / lite.search_per_s);
	return 0;
}
