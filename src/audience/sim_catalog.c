/* sim_catalog.c - deterministic demo catalogues; see sim_catalog.h. */
#include "audience/sim_catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audience/rng.h"
#include "catalog/title_doc.h"
#include "core/mem.h"
#include "catalog/availability_store.h"
#include "catalog/catalog_store.h"
#include "store/store.h"
#include "core/banned.h"

#define PEOPLE 4000

static const char *const adjectives[] = {
        "Silent", "Broken",   "Hidden", "Golden",  "Last",     "Crimson", "Distant", "Quiet",
        "Frozen", "Wild",     "Lost",   "Burning", "Hollow",   "Bright",  "Secret",  "Northern",
        "Iron",   "Restless", "Velvet", "Fallen",  "Electric", "Endless", "Paper",   "Midnight"};
static const char *const nouns[] = {
        "Harbour",  "Kingdom", "Signal", "River",   "Empire", "Garden",  "Witness", "Orchard",
        "Frontier", "Circuit", "Choir",  "Lantern", "Tide",   "Station", "Verdict", "Meadow",
        "Archive",  "Highway", "Island", "Parade",  "Summit", "Canvas",  "Engine",  "Shelter"};
static const char *const first_names[] = {"Ana",   "Ben",  "Chloé", "Dmitri", "Eka",   "Farid",
                                          "Grete", "Hiro", "Inés",  "Jamal",  "Kai",   "Lea",
                                          "Mateo", "Nora", "Olu",   "Priya",  "Quinn", "Rosa",
                                          "Sven",  "Tara", "Uma",   "Vikram", "Wen",   "Yara"};
static const char *const last_names[] = {"Moss",     "Ordoñez", "Tennant", "Ritter",     "Callery",
                                         "Zreik",    "Loeb",    "Núñez",   "Østergaard", "Okafor",
                                         "Kowalski", "Haddad",  "Ivanova", "Lindqvist",  "Sato",
                                         "Mbeki",    "Rossi",   "Dubois",  "Fischer",    "Reyes"};
static const char *const genres[] = {"Drama",     "Crime",   "Comedy",  "Thriller",
                                     "Superhero", "Sci-fi",  "Romance", "Documentary",
                                     "Horror",    "Mystery", "Fantasy", "Family"};
static const char *const tv_ratings[] = {"TV-Y", "TV-Y7", "TV-G", "TV-PG", "TV-14", "TV-MA"};
static const char *const film_ratings[] = {"G", "PG", "PG-13", "R", "NC-17"};
static const char *const territories[] = {"US", "CA", "GB", "IE", "AU", "NZ", "FR", "DE",
                                          "ES", "IT", "JP", "BR", "MX", "IN", "SE", "NL"};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void person(struct rng *r, char *out, size_t cap)
{
	int i = rng_range(r, 0, PEOPLE - 1);
	snprintf(out, cap, "%s %s %d", first_names[i % COUNT(first_names)],
	         last_names[(i / COUNT(first_names)) % COUNT(last_names)], i);
}

static void title_name(int index, int kind_offset, char *out, size_t cap)
{
	int k = index * 7 + kind_offset; /* spread films and series over the pairs */
	int pairs = COUNT(adjectives) * COUNT(nouns);
	snprintf(out, cap, "The %s %s", adjectives[k % COUNT(adjectives)],
	         nouns[(k / COUNT(adjectives)) % COUNT(nouns)]);
	if (k >= pairs)
		snprintf(out + strlen(out), cap - strlen(out), " %d", k / pairs + 1);
}

/* A window: worldwide (70%), or 2-6 territories. */
static void window(struct rng *r, int year, struct licence_window *w)
{
	memset(w, 0, sizeof(*w));
	w->platform = (char *)"binge";
	w->worldwide = rng_chance(r, 70);
	for (int n = rng_range(r, 2, 6); !w->worldwide && n > 0; n--) {
		const char *t = territories[rng_range(r, 0, COUNT(territories) - 1)];
		strlist_add_unique(&w->territories, t, strlen(t));
	}
	snprintf(w->starts_at, sizeof(w->starts_at), "%04u-%02u-01", (unsigned)year % 10000u,
	         (unsigned)rng_range(r, 1, 12) % 100u);
}

struct job {
	struct title_doc doc;
	struct licence_window window;
	int weekly[8];
	int64_t starts[8];
};

static enum bg_err write_job(struct store *st, void *ctx)
{
	struct job *j = ctx;
	enum bg_err rc = catalog_store_put(st, &j->doc);
	struct licence_windows one = LICENCE_WINDOWS_INIT;
	licence_windows_add(&one, &j->window);
	if (!rc)
		rc = availability_store_set_windows(st, j->doc.id, &one);
	licence_windows_release(&one);
	for (size_t s = 0; s < j->doc.season_count && !rc; s++)
		rc = availability_store_set_release(
		        st, j->doc.id, j->doc.seasons[s].number,
		        j->weekly[s] ? RELEASE_WEEKLY : RELEASE_ALL_AT_ONCE, j->starts[s]);
	return rc;
}

static void make_title(struct rng *r, bool film, int index, uint64_t seed, struct job *j)
{
	char buf[160];
	title_doc_init(&j->doc);
	j->doc.kind = film ? TITLE_FILM : TITLE_SERIES;
	title_name(index, film ? 3 : 0, buf, sizeof(buf));
	j->doc.name = xstrdup(buf);
	snprintf(buf, sizeof(buf), "sim:%llu:%s:%d", (unsigned long long)seed,
	         film ? "film" : "series", index);
	j->doc.source_key = xstrdup(buf);
	int year = rng_range(r, 2008, 2024);
	snprintf(j->doc.first_aired, sizeof(j->doc.first_aired), "%04u-%02u-%02u",
	         (unsigned)year % 10000u, (unsigned)rng_range(r, 1, 12) % 100u,
	         (unsigned)rng_range(r, 1, 28) % 100u);
	snprintf(buf, sizeof(buf), "A generated %s for demos and benchmarks.",
	         film ? "film" : "series");
	j->doc.synopsis = xstrdup(buf);
	const char *rating = film ? film_ratings[rng_range(r, 0, COUNT(film_ratings) - 1)]
	                          : tv_ratings[rng_range(r, 0, COUNT(tv_ratings) - 1)];
	j->doc.rating_value = xstrdup(rating);
	j->doc.rating_system = xstrdup(film ? "MPA" : "US TV");
	j->doc.runtime_min = film ? rng_range(r, 80, 160) : rng_range(r, 22, 50);
	j->doc.runtime_max = film ? j->doc.runtime_min : j->doc.runtime_min + rng_range(r, 0, 15);
	for (int g = rng_range(r, 1, 3); g > 0; g--) {
		const char *name = genres[rng_range(r, 0, COUNT(genres) - 1)];
		strlist_add_unique(&j->doc.genres, name, strlen(name));
	}
	strlist_add(&j->doc.platforms, "binge", 5);
	person(r, buf, sizeof(buf));
	title_doc_credit(&j->doc, film ? ROLE_DIRECTOR : ROLE_CREATOR, buf);
	person(r, buf, sizeof(buf));
	title_doc_credit(&j->doc, ROLE_COMPOSER, buf);
	for (int c = rng_range(r, 4, 12), k = 0; k < c; k++) {
		person(r, buf, sizeof(buf));
		struct credit *cr = title_doc_credit(&j->doc, ROLE_CAST, buf);
		if (!cr->character) {
			snprintf(buf, sizeof(buf), "%s %s",
			         first_names[rng_range(r, 0, COUNT(first_names) - 1)],
			         nouns[rng_range(r, 0, COUNT(nouns) - 1)]);
			cr->character = xstrdup(buf);
		}
	}
	/* Fewer seasons are likelier: 1 (40%), 2 (25%), 3 (15%), then up to 6. */
	int seasons = 0, roll = rng_range(r, 0, 99);
	if (!film)
		seasons = roll < 40 ? 1 : roll < 65 ? 2 : roll < 80 ? 3 : rng_range(r, 4, 6);
	int64_t start;
	date_time_parse(j->doc.first_aired, &start);
	for (int s = 1; s <= seasons; s++) {
		title_doc_add_season(&j->doc, s, rng_range(r, 6, 13));
		j->weekly[s - 1] = rng_chance(r, 30);
		j->starts[s - 1] = start + (int64_t)(s - 1) * 365 * 86400;
	}
	window(r, year, &j->window);
}

enum bg_err sim_catalog(struct store *st, int series, int films, uint64_t seed,
                        struct progress *prog, struct sim_catalog_report *out)
{
	memset(out, 0, sizeof(*out));
	struct rng r;
	rng_seed(&r, seed);
	int total = series + films;
	if (prog)
		progress_start(prog, "generating", (size_t)total);
	enum bg_err rc = BG_OK;
	for (int i = 0; i < total && !rc; i++) {
		bool film = i >= series;
		struct job j;
		memset(&j, 0, sizeof(j));
		make_title(&r, film, film ? i - series : i, seed, &j);
		rc = store_transact(st, write_job, &j);
		if (!rc) {
			out->series += !film;
			out->films += film;
			out->seasons += (int)j.doc.season_count;
			out->episodes += title_doc_episode_count(&j.doc);
			out->credits += (int)j.doc.credit_count;
		}
		strlist_release(&j.window.territories);
		title_doc_release(&j.doc);
		if (prog)
			progress_update(prog, (size_t)i + 1, film ? "films" : "series");
	}
	if (prog)
		progress_end(prog);
	return rc;
}
