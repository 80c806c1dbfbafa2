/* sim_viewing.c - simulated viewers watching the catalogue; see sim_viewing.h. */
#include "audience/sim_viewing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audience/event.h"
#include "audience/rng.h"
#include "audience/sim_store.h"
#include "audience/sim_world.h"
#include "core/date.h"
#include "core/mem.h"
#include "account/account_store.h"
#include "audience/event_store.h"
#include "store/store.h"
#include "core/banned.h"

#define DAY_S           86400
#define VIEWERS_PER_TXN 500
#define GROUPS_MAX      12
#define GENRE_BOOST     12.0
#define FAVOURITE_BOOST 12.0
#define PICK_TRIES      30
#define KIDS_PERCENT    10
#define KIDS_CEILING    7
#define NEXT_SEASON_PCT 75
#define GAP_BETWEEN_S   120
#define LOCKED_PASSWORD "!" /* not an argon2id hash: no password matches it */

struct taste_group {
	uint32_t genres; /* mask of the two preferred genres */
	char label[128];
	double *cumulative; /* running sum of title weights, for sampling */
};

struct sim {
	struct store *st;
	const struct sim_viewing_opts *o;
	struct sim_world world;
	struct taste_group groups[GROUPS_MAX];
	int groups_n;
	struct sim_viewing_report *report;
	struct event_writer writer;
	unsigned char *started; /* per title, for the viewer being simulated */
	int first, last;        /* the viewers of the current transaction */
};

/* Territories and how many viewers live in each, in percent. */
static const struct {
	const char *code;
	int percent;
} territory_mix[] = {{"US", 40}, {"GB", 14}, {"DE", 10}, {"FR", 10},
                     {"CA", 8},  {"BR", 8},  {"JP", 5},  {"AU", 5}};
static const char *const devices[] = {"tv", "web", "phone", "tablet"};

/* ---- taste groups ------------------------------------------------------------ */

static void build_groups(struct sim *s)
{
	struct rng r;
	rng_seed(&r, s->o->seed ^ 0x5eed);
	size_t n = s->world.titles_n;
	/* popularity: Zipf over a seeded shuffle */
	size_t *rank = xmalloc(n * sizeof(*rank));
	for (size_t i = 0; i < n; i++)
		rank[i] = i;
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(rng_next(&r) % i), tmp = rank[i - 1];
		rank[i - 1] = rank[j];
		rank[j] = tmp;
	}
	int genres = s->world.genres_n;
	s->groups_n = genres < 2 ? 2 : genres > GROUPS_MAX ? GROUPS_MAX : genres;
	size_t favourites = n / 40 < 2 ? 2 : n / 40;
	for (int g = 0; g < s->groups_n; g++) {
		struct taste_group *tg = &s->groups[g];
		tg->genres = 0;
		if (genres >= 2) {
			int a = g % genres,
			    b = (a + 1 + (int)(rng_next(&r) % (uint64_t)(genres - 1))) % genres;
			tg->genres = 1u << a | 1u << b;
			/* Through a local: GCC 12 at -O1 cannot tell that the genre
			 * names and the label, both inside *s, do not overlap. */
			char label[sizeof(tg->label)];
			snprintf(label, sizeof(label), "%s + %s", s->world.genres[a], s->world.genres[b]);
			memcpy(tg->label, label, sizeof(label));
		} else {
			snprintf(tg->label, sizeof(tg->label), "group %d", g + 1);
		}
		double *w = xmalloc((n ? n : 1) * sizeof(*w));
		for (size_t i = 0; i < n; i++) {
			w[i] = 1.0 / (double)(rank[i] + 1);
			if (s->world.titles[i].genre_mask & tg->genres)
				w[i] *= GENRE_BOOST;
		}
		for (size_t f = 0; f < favourites && n; f++)
			w[rng_next(&r) % n] *= FAVOURITE_BOOST;
		for (size_t i = 1; i < n; i++)
			w[i] += w[i - 1];
		tg->cumulative = w;
	}
	free(rank);
}

static void release_groups(struct sim *s)
{
	for (int g = 0; g < s->groups_n; g++)
		free(s->groups[g].cumulative);
}

/* A title drawn by the group's weights. */
static size_t draw_title(struct rng *r, const struct taste_group *g, size_t n)
{
	double x = (double)(rng_next(r) >> 11) / 9007199254740992.0 * g->cumulative[n - 1];
	size_t lo = 0, hi = n - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (g->cumulative[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ---- one viewer ---------------------------------------------------------------- */

struct viewer {
	int index;
	int64_t profile_id;
	const char *territory;
	int ceiling, group, active_pct, appetite;
	const char *device;
	long events;
};

static void draw_viewer(struct rng *r, int index, int groups_n, struct viewer *v)
{
	int pick = rng_range(r, 0, 99);
	v->territory = territory_mix[0].code;
	for (size_t i = 0; i < sizeof(territory_mix) / sizeof(territory_mix[0]); i++) {
		if (pick < territory_mix[i].percent) {
			v->territory = territory_mix[i].code;
			break;
		}
		pick -= territory_mix[i].percent;
	}
	v->index = index;
	v->ceiling = rng_chance(r, KIDS_PERCENT) ? KIDS_CEILING : 18;
	v->group = rng_range(r, 0, groups_n - 1);
	v->active_pct = rng_range(r, 15, 70);
	v->appetite = rng_range(r, 1, 8);
	v->device = devices[rng_range(r, 0, 3)];
	v->events = 0;
}

static enum bg_err emit(struct sim *s, struct viewer *v, int64_t title_id, const char *kind,
                        int64_t position_s, int64_t at)
{
	struct viewing_event e;
	memset(&e, 0, sizeof(e));
	snprintf(e.id, sizeof(e.id), "s%llu-%d-%ld", (unsigned long long)s->o->seed, v->index,
	         v->events++);
	e.profile_id = v->profile_id;
	e.title_id = title_id;
	snprintf(e.kind, sizeof(e.kind), "%s", kind);
	e.position_ms = position_s * 1000;
	snprintf(e.device, sizeof(e.device), "%s", v->device);
	date_time_format(at, e.at);
	return event_writer_add(&s->writer, &e);
}

/*
 * One episode or film from *at: start, progress at 25/50/75%, then
 * complete, or stop part-way when the viewer gives up (drop_pct).
 * Advances *at; *dropped says whether they gave up.
 */
static enum bg_err watch(struct sim *s, struct rng *r, struct viewer *v, int64_t title_id,
                         int runtime_s, int drop_pct, int64_t *at, bool *dropped)
{
	*dropped = rng_chance(r, drop_pct);
	int64_t stop_at = *dropped ? runtime_s * rng_range(r, 10, 90) / 100 : runtime_s;
	enum bg_err rc = emit(s, v, title_id, "start", 0, *at);
	for (int q = 1; q <= 3 && !rc; q++)
		if (runtime_s * q / 4 < stop_at)
			rc = emit(s, v, title_id, "progress", runtime_s * q / 4,
			          *at + runtime_s * q / 4);
	if (!rc)
		rc = emit(s, v, title_id, *dropped ? "stop" : "complete", stop_at, *at + stop_at);
	*at += stop_at + GAP_BETWEEN_S;
	s->report->viewings++;
	return rc;
}

/* Where a viewer is in the series they are watching. */
struct place {
	long title; /* index in the world, -1: none */
	size_t season, episode;
};

static bool pick_title(struct sim *s, struct rng *r, const struct viewer *v, int64_t at,
                       struct place *p)
{
	size_t n = s->world.titles_n;
	for (int k = 0; k < PICK_TRIES; k++) {
		size_t i = draw_title(r, &s->groups[v->group], n);
		if (s->started[i] ||
		    !sim_world_available(&s->world.titles[i], v->territory, v->ceiling, at))
			continue;
		s->started[i] = 1;
		s->report->titles_started++;
		*p = (struct place){(long)i, 0, 0};
		return true;
	}
	return false;
}

/* One evening's session. */
static enum bg_err session(struct sim *s, struct rng *r, struct viewer *v, int64_t at,
                           struct place *p)
{
	enum bg_err rc = BG_OK;
	for (int left = v->appetite; left > 0 && !rc; left--) {
		if (p->title < 0 && !pick_title(s, r, v, at, p))
			break;
		const struct sim_title *t = &s->world.titles[p->title];
		if (!sim_world_available(t, v->territory, v->ceiling, at)) {
			p->title = -1; /* left the territory's catalogue: given up */
			continue;
		}
		bool liked = (t->genre_mask & s->groups[v->group].genres) != 0;
		int drop = liked ? 3 : 10;
		bool dropped;
		if (t->film) {
			rc = watch(s, r, v, t->id, t->runtime_s, drop + 5, &at, &dropped);
			p->title = -1;
			left--; /* a film is a long evening */
			continue;
		}
		const struct sim_season *season = &t->seasons[p->season];
		const struct sim_episode *ep = &season->episodes[p->episode];
		if (ep->release_s > at)
			break; /* a weekly season caught up: wait for the next episode */
		rc = watch(s, r, v, ep->id, ep->runtime_s, drop + (p->episode == 0 ? 10 : 0), &at,
		           &dropped);
		if (dropped) {
			p->title = -1;
			break;
		}
		if (++p->episode < season->episodes_n)
			continue;
		p->episode = 0;
		if (++p->season == t->seasons_n || !rng_chance(r, NEXT_SEASON_PCT) ||
		    t->seasons[p->season].episodes[0].release_s > at + 30 * (int64_t)DAY_S)
			p->title = -1; /* done, or the next season is too far off */
	}
	return rc;
}

/* The viewer's account and profile, made on first use. */
static enum bg_err viewer_profile(struct sim *s, struct viewer *v)
{
	char name[64], now[DATE_TIME_LEN + 1];
	snprintf(name, sizeof(name), "sim%llu-%d", (unsigned long long)s->o->seed, v->index);
	date_time_format(s->o->start_s, now);
	struct user u;
	int64_t user_id;
	enum bg_err rc = account_store_user_by_name(s->st, name, &u, NULL);
	if (rc == BG_OK)
		return sim_store_main_profile(s->st, u.id, &v->profile_id);
	if (rc != BG_NOT_FOUND)
		return rc;
	rc = account_store_add_user(s->st, name, LOCKED_PASSWORD, false, v->territory, now,
	                            &user_id);
	if (!rc)
		rc = account_store_add_profile(s->st, user_id, "Main", v->ceiling,
		                               v->ceiling == KIDS_CEILING, NULL, &v->profile_id);
	if (!rc)
		rc = sim_store_add_viewer(s->st, v->profile_id, s->o->seed, v->group,
		                          s->groups[v->group].label);
	return rc;
}

static enum bg_err one_viewer(struct sim *s, int index)
{
	struct rng r;
	rng_seed(&r, s->o->seed * 0x100000001B3ULL + (uint64_t)index);
	struct viewer v;
	draw_viewer(&r, index, s->groups_n, &v);
	enum bg_err rc = viewer_profile(s, &v);
	memset(s->started, 0, s->world.titles_n);
	struct place p = {-1, 0, 0};
	for (int day = 0; day < s->o->days && !rc; day++) {
		if (!rng_chance(&r, v.active_pct))
			continue;
		int64_t evening = s->o->start_s + (int64_t)day * DAY_S +
		                  (int64_t)rng_range(&r, 18, 22) * 3600 +
		                  (int64_t)rng_range(&r, 0, 59) * 60;
		rc = session(s, &r, &v, evening, &p);
	}
	return rc;
}

/* Viewers [first, last) in one transaction; safe to retry. */
static enum bg_err viewer_batch(struct store *st, void *ctx)
{
	struct sim *s = ctx;
	struct sim_viewing_report before = *s->report;
	event_writer_release(&s->writer);
	event_writer_init(&s->writer, st);
	enum bg_err rc = BG_OK;
	for (int i = s->first; i < s->last && !rc; i++)
		rc = one_viewer(s, i);
	if (!rc)
		rc = event_writer_flush(&s->writer);
	if (rc) {
		*s->report = before; /* a retry counts again */
	} else {
		s->report->events += s->writer.inserted;
		s->report->duplicates += s->writer.duplicates;
	}
	return rc;
}

enum bg_err sim_viewing(struct store *st, const struct sim_viewing_opts *o, struct progress *prog,
                        struct sim_viewing_report *out)
{
	memset(out, 0, sizeof(*out));
	struct sim s = {.st = st, .o = o, .report = out};
	enum bg_err rc = sim_store_load_world(st, &s.world);
	if (rc)
		return rc;
	if (!s.world.titles_n) {
		sim_world_release(&s.world);
		return store_set_error(
		        st, BG_INVALID,
		        "the catalogue has nothing to watch (no films, no episodes)");
	}
	build_groups(&s);
	out->groups = s.groups_n;
	s.started = xmalloc(s.world.titles_n);
	event_writer_init(&s.writer, st);
	/* every month of the simulated days, before their events (event_store.h) */
	rc = event_store_prepare_span(st, o->start_s, o->start_s + (int64_t)o->days * DAY_S);
	if (prog && !rc)
		progress_start(prog, "simulating", (size_t)o->viewers);
	for (s.first = 0; s.first < o->viewers && !rc; s.first = s.last) {
		s.last = s.first + VIEWERS_PER_TXN < o->viewers ? s.first + VIEWERS_PER_TXN
		                                                : o->viewers;
		rc = store_transact(st, viewer_batch, &s);
		if (!rc)
			out->viewers = s.last;
		if (prog)
			progress_update(prog, (size_t)s.last, "viewers");
	}
	if (prog)
		progress_end(prog);
	if (!rc) /* months the log was too busy to prepare */
		rc = event_store_settle(st, NULL);
	event_writer_release(&s.writer);
	free(s.started);
	release_groups(&s);
	sim_world_release(&s.world);
	return rc;
}
