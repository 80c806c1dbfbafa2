/* stats.c - audience analytics over per-viewer summaries; see stats.h. */
#include "audience/stats.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/pairmap.h"
#include "core/banned.h"

#define DAY_S 86400

static int cmp_i64(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

static int cmp_view(const void *pa, const void *pb)
{
	const struct title_view *a = pa, *b = pb;
	int c = cmp_i64(a->profile_id, b->profile_id);
	if (!c)
		c = cmp_i64(a->first_s, b->first_s);
	return c ? c : cmp_i64(a->title_id, b->title_id);
}

void stats_sort_views(struct title_view *views, size_t n)
{
	if (n > 1)
		qsort(views, n, sizeof(*views), cmp_view);
}

/* The end of the profile group starting at i. */
static size_t group_end(const struct title_view *views, size_t n, size_t i)
{
	size_t j = i + 1;
	while (j < n && views[j].profile_id == views[i].profile_id)
		j++;
	return j;
}

/* ---- watch order -------------------------------------------------------- */

/* An order as a number: 4 bits per title index, then the length. */
static uint64_t order_key(const uint32_t *idx, int len)
{
	uint64_t key = (uint64_t)len;
	for (int i = 0; i < len; i++)
		key = key << 4 | idx[i];
	return key;
}

static int cmp_order(const void *pa, const void *pb)
{
	const struct watch_order_row *a = pa, *b = pb;
	if (a->viewers != b->viewers)
		return a->viewers > b->viewers ? -1 : 1;
	for (int i = 0; i < a->len && i < b->len; i++)
		if (a->titles[i] != b->titles[i])
			return a->titles[i] < b->titles[i] ? -1 : 1;
	return a->len - b->len;
}

void stats_watch_order(const struct title_view *views, size_t n, const int64_t *titles, size_t k,
                       struct watch_order *out)
{
	struct pairmap orders_at = PAIRMAP_INIT;
	size_t cap = 0;
	out->viewers = 0;
	out->orders = xgrow(NULL, sizeof(*out->orders), 16, &cap); /* never NULL */
	out->orders_n = 0;
	memset(out->first, 0, k * sizeof(*out->first));
	for (size_t i = 0; i < n;) {
		size_t end = group_end(views, n, i);
		uint32_t idx[STATS_WATCH_ORDER_MAX_TITLES];
		int64_t at[STATS_WATCH_ORDER_MAX_TITLES];
		int len = 0;
		for (; i < end; i++)
			for (size_t t = 0; t < k && len < STATS_WATCH_ORDER_MAX_TITLES; t++) {
				if (views[i].title_id != titles[t])
					continue;
				/* insertion by (start, release order) */
				int p = len++;
				while (p > 0 &&
				       (at[p - 1] > views[i].first_s ||
				        (at[p - 1] == views[i].first_s && idx[p - 1] > t))) {
					at[p] = at[p - 1];
					idx[p] = idx[p - 1];
					p--;
				}
				at[p] = views[i].first_s;
				idx[p] = (uint32_t)t;
			}
		if (!len)
			continue;
		out->viewers++;
		out->first[idx[0]]++;
		bool added;
		size_t o = pairmap_intern(&orders_at, (int64_t)order_key(idx, len), 0,
		                          out->orders_n, &added);
		if (added) {
			out->orders =
			        xgrow(out->orders, sizeof(*out->orders), out->orders_n + 1, &cap);
			struct watch_order_row *row = &out->orders[out->orders_n++];
			memset(row, 0, sizeof(*row));
			memcpy(row->titles, idx, (size_t)len * sizeof(*idx));
			row->len = len;
		}
		out->orders[o].viewers++;
	}
	pairmap_release(&orders_at);
	if (out->orders_n > 1)
		qsort(out->orders, out->orders_n, sizeof(*out->orders), cmp_order);
}

/* ---- next title, gateways -------------------------------------------------- */

/* Counts per title: a growable array indexed through a map. */
struct tally {
	struct pairmap at;
	struct title_count *items;
	size_t n, cap;
};

static void tally_add(struct tally *t, int64_t title_id, long by)
{
	bool added;
	size_t i = pairmap_intern(&t->at, title_id, 0, t->n, &added);
	if (added) {
		t->items = xgrow(t->items, sizeof(*t->items), t->n + 1, &t->cap);
		t->items[t->n++] = (struct title_count){title_id, 0, 0.0};
	}
	t->items[i].count += by;
}

static long tally_get(const struct tally *t, int64_t title_id)
{
	size_t i;
	return pairmap_get(&t->at, title_id, 0, &i) ? t->items[i].count : 0;
}

static int cmp_by_count(const void *pa, const void *pb)
{
	const struct title_count *a = pa, *b = pb;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return cmp_i64(a->title_id, b->title_id);
}

static int cmp_by_value(const void *pa, const void *pb)
{
	const struct title_count *a = pa, *b = pb;
	if (a->value != b->value)
		return a->value > b->value ? -1 : 1;
	return cmp_by_count(pa, pb);
}

/* The target's row in the profile group [i, end), or NULL. */
static const struct title_view *find_title(const struct title_view *views, size_t i, size_t end,
                                           int64_t target)
{
	for (; i < end; i++)
		if (views[i].title_id == target)
			return &views[i];
	return NULL;
}

void stats_next(const struct title_view *views, size_t n, int64_t target, bool after_finish,
                long *viewers, long *moved_on, struct title_count **items, size_t *items_n)
{
	struct tally next = {PAIRMAP_INIT, NULL, 0, 0};
	*viewers = *moved_on = 0;
	for (size_t i = 0; i < n;) {
		size_t end = group_end(views, n, i);
		const struct title_view *mine = find_title(views, i, end, target);
		int64_t from = !mine ? STATS_NONE : after_finish ? mine->finished_s : mine->first_s;
		if (from != STATS_NONE) {
			++*viewers;
			/* sorted by start then id: the first later start is the answer */
			for (size_t j = i; j < end; j++)
				if (views[j].title_id != target && views[j].first_s > from) {
					tally_add(&next, views[j].title_id, 1);
					++*moved_on;
					break;
				}
		}
		i = end;
	}
	for (size_t k = 0; k < next.n; k++)
		next.items[k].value = (double)next.items[k].count / (double)*moved_on;
	if (next.n > 1)
		qsort(next.items, next.n, sizeof(*next.items), cmp_by_count);
	pairmap_release(&next.at);
	*items = next.items;
	*items_n = next.n;
}

void stats_gateways(const struct title_view *views, size_t n, int64_t target, int64_t window_s,
                    long min_count, long *viewers, struct title_count **items, size_t *items_n)
{
	struct tally base = {PAIRMAP_INIT, NULL, 0, 0}, before = {PAIRMAP_INIT, NULL, 0, 0};
	long everyone = 0;
	*viewers = 0;
	for (size_t i = 0; i < n;) {
		size_t end = group_end(views, n, i);
		everyone++;
		for (size_t j = i; j < end; j++)
			tally_add(&base, views[j].title_id, 1);
		const struct title_view *mine = find_title(views, i, end, target);
		if (mine) {
			++*viewers;
			for (size_t j = i; j < end; j++)
				if (views[j].first_s < mine->first_s &&
				    views[j].last_s >= mine->first_s - window_s &&
				    views[j].title_id != target)
					tally_add(&before, views[j].title_id, 1);
		}
		i = end;
	}
	size_t kept = 0;
	for (size_t k = 0; k < before.n; k++) {
		struct title_count c = before.items[k];
		if (c.count < min_count)
			continue;
		double share = (double)c.count / (double)*viewers;
		double base_share = (double)tally_get(&base, c.title_id) / (double)everyone;
		c.value = share / base_share;
		before.items[kept++] = c;
	}
	if (kept > 1)
		qsort(before.items, kept, sizeof(*before.items), cmp_by_value);
	pairmap_release(&base.at);
	free(base.items);
	pairmap_release(&before.at);
	*items = before.items;
	*items_n = kept;
}

/* ---- bingeing --------------------------------------------------------------- */

static int cmp_episode(const void *pa, const void *pb)
{
	const struct episode_view *a = pa, *b = pb;
	int c = cmp_i64(a->profile_id, b->profile_id);
	if (!c)
		c = (a->season > b->season) - (a->season < b->season);
	return c ? c : (a->episode > b->episode) - (a->episode < b->episode);
}

void stats_sort_episodes(struct episode_view *rows, size_t n)
{
	if (n > 1)
		qsort(rows, n, sizeof(*rows), cmp_episode);
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return (a > b) - (a < b);
}

static double median(double *v, size_t n)
{
	if (!n)
		return -1.0;
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

static int cmp_int64(const void *pa, const void *pb)
{
	return cmp_i64(*(const int64_t *)pa, *(const int64_t *)pb);
}

/* Distinct values among days[0..count); sorts days. */
static long distinct_days(int64_t *days, size_t count)
{
	qsort(days, count, sizeof(*days), cmp_int64);
	long distinct = 0;
	for (size_t a = 0; a < count; a++)
		distinct += a == 0 || days[a] != days[a - 1];
	return distinct;
}

/* One season over all viewers. */
static void one_season(const struct episode_view *rows, size_t n, const struct stats_season *s,
                       double *finish_days, int64_t *day_of, struct season_binge *out)
{
	long episodes = 0, days = 0, within_week = 0;
	size_t finishers = 0;
	*out = (struct season_binge){.number = s->number};
	for (size_t i = 0; i < n;) {
		size_t end = i + 1;
		while (end < n && rows[end].profile_id == rows[i].profile_id)
			end++;
		long watched = 0, completed = 0;
		int64_t started = STATS_NONE, finished = 0;
		size_t day_n = 0;
		for (size_t j = i; j < end; j++) {
			const struct episode_view *r = &rows[j];
			if (r->season != s->number || r->episode < 1 || r->episode > s->episodes)
				continue;
			watched++;
			if (r->first_s < started)
				started = r->first_s;
			if (r->completed_s != STATS_NONE) {
				completed++;
				if (r->completed_s > finished)
					finished = r->completed_s;
			}
			day_of[day_n++] = r->first_s / DAY_S;
		}
		i = end;
		if (!watched)
			continue;
		out->viewers++;
		episodes += watched;
		days += distinct_days(day_of, day_n);
		if (completed == s->episodes) {
			out->finished++;
			finish_days[finishers++] = (double)(finished - started) / DAY_S;
			if (s->release_s != STATS_NONE &&
			    finished <= s->release_s + 7 * (int64_t)DAY_S)
				within_week++;
		}
	}
	out->episodes_per_day = days ? (double)episodes / (double)days : 0.0;
	out->completion_rate = out->viewers ? (double)out->finished / (double)out->viewers : 0.0;
	out->median_days_to_finish = median(finish_days, finishers);
	out->finished_within_week_share = s->release_s == STATS_NONE ? -1.0
	                                  : out->viewers
	                                          ? (double)within_week / (double)out->viewers
	                                          : 0.0;
}

void stats_binge(const struct episode_view *rows, size_t n, const struct stats_season *seasons,
                 size_t seasons_n, double *workspace, struct season_binge *out)
{
	int64_t *day_of = xmalloc((n ? n : 1) * sizeof(*day_of));
	for (size_t s = 0; s < seasons_n; s++)
		one_season(rows, n, &seasons[s], workspace, day_of, &out[s]);
	free(day_of);
}

/* ---- starts per day ----------------------------------------------------------- */

void stats_starts_per_day(const int64_t *starts, size_t n, int64_t from_day, int days, long *counts)
{
	memset(counts, 0, (size_t)days * sizeof(*counts));
	for (size_t i = 0; i < n; i++) {
		int64_t d = starts[i] / DAY_S - from_day;
		if (d >= 0 && d < days)
			counts[d]++;
	}
}
