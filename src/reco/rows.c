/* rows.c - ranked, visibility-filtered recommendation rows; see rows.h. */
#include "reco/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "reco/community_validation.h"
#include "reco/log_matrix.h"
#include "core/banned.h"

/*
 * Appends to row the visible titles among ids[0..n) (ranked, scores
 * alongside) until it is full, checking FILL_SLICE candidates a query:
 * most candidates are visible, so one query usually fills a row.
 */
#define FILL_SLICE 32
static enum bg_err fill_visible(struct store *st, const struct viewer *v, const int64_t *ids,
                                const double *scores, size_t n, struct reco_row *row)
{
	struct reco_title kept[FILL_SLICE];
	enum bg_err rc = BG_OK;
	for (size_t from = 0; !rc && from < n && row->n < RECO_ROW_MAX; from += FILL_SLICE) {
		size_t len = n - from < FILL_SLICE ? n - from : FILL_SLICE, got;
		rc = reco_store_visible(st, v, ids + from, len, kept, &got);
		for (size_t i = 0; !rc && i < got && row->n < RECO_ROW_MAX; i++) {
			size_t at = from;
			while (at < from + len && ids[at] != kept[i].id)
				at++;
			if (at == from + len)
				continue; /* cannot happen: kept comes from ids */
			row->scores[row->n] = scores[at];
			row->items[row->n++] = kept[i];
		}
	}
	return rc;
}

/*
 * The best-scored items outside seen (sorted), visible to v, into row:
 * the top 64 are ranked, then the top 256, and so on, until the row is
 * full or every item was checked.
 */
static enum bg_err rank_into(struct store *st, const struct reco_bundle *b, const struct viewer *v,
                             const double *scores, const uint32_t *seen, size_t seen_n,
                             struct reco_row *row)
{
	size_t items = b->model.items, done = 0;
	uint32_t *top = xmalloc((items ? items : 1) * sizeof(*top));
	int64_t *ids = xmalloc((items ? items : 1) * sizeof(*ids));
	double *s = xmalloc((items ? items : 1) * sizeof(*s));
	enum bg_err rc = BG_OK;
	for (size_t k = 64; !rc && row->n < RECO_ROW_MAX && done < items; k *= 4) {
		size_t got = reco_top_k(scores, items, seen, seen_n, k < items ? k : items, top);
		for (size_t i = done; i < got; i++) {
			ids[i - done] = b->title_ids[top[i]];
			s[i - done] = scores[top[i]];
		}
		rc = fill_visible(st, v, ids, s, got > done ? got - done : 0, row);
		if (got <= done || got < k)
			break;
		done = got;
	}
	free(top);
	free(ids);
	free(s);
	return rc;
}

/* A profile's views as the model's items (ascending) with their confidences. */
struct seen {
	uint32_t *items;
	float *conf;
	int64_t *latest; /* title ids, most recent last event first */
	size_t n, latest_n;
};

static int cmp_last_desc(const void *a, const void *b)
{
	const struct reco_view *x = a, *y = b;
	return (x->last_s < y->last_s) - (x->last_s > y->last_s);
}

static enum bg_err load_seen(struct store *st, const struct reco_bundle *b, int64_t profile_id,
                             struct seen *out)
{
	memset(out, 0, sizeof(*out));
	struct reco_view *views;
	size_t n;
	enum bg_err rc = reco_store_views(st, profile_id, &views, &n);
	if (rc)
		return rc;
	out->items = xmalloc((n ? n : 1) * sizeof(*out->items));
	out->conf = xmalloc((n ? n : 1) * sizeof(*out->conf));
	out->latest = xmalloc((n ? n : 1) * sizeof(*out->latest));
	/* views come by title id, so the items come ascending */
	for (size_t i = 0; i < n; i++) {
		long item = b ? bundle_item(b, views[i].title_id) : -1;
		if (item < 0)
			continue;
		out->items[out->n] = (uint32_t)item;
		out->conf[out->n++] = reco_confidence(&views[i], 0, 0);
	}
	if (n)
		qsort(views, n, sizeof(*views), cmp_last_desc);
	for (size_t i = 0; i < n; i++)
		out->latest[out->latest_n++] = views[i].title_id;
	free(views);
	return BG_OK;
}

static void release_seen(struct seen *s)
{
	free(s->items);
	free(s->conf);
	free(s->latest);
}

static void start_row(struct reco_row *row, const char *id, const char *title, int64_t because)
{
	memset(row, 0, sizeof(*row));
	snprintf(row->id, sizeof(row->id), "%s", id);
	snprintf(row->title, sizeof(row->title), "%s", title);
	row->because = because;
}

/* The neighbours of item (visible, outside seen) into row. */
static enum bg_err neighbours_into(struct store *st, const struct reco_bundle *b,
                                   const struct viewer *v, long item, const struct seen *seen,
                                   struct reco_row *row)
{
	int64_t ids[BUNDLE_NEIGHBOURS];
	double scores[BUNDLE_NEIGHBOURS];
	size_t n = 0;
	for (size_t k = 0; k < b->neighbours; k++) {
		uint32_t other = b->nb_item[(size_t)item * b->neighbours + k];
		bool was_seen = false;
		for (size_t s = 0; seen && s < seen->n && !was_seen; s++)
			was_seen = seen->items[s] == other;
		if (was_seen || b->nb_score[(size_t)item * b->neighbours + k] <= 0)
			continue;
		ids[n] = b->title_ids[other];
		scores[n++] = b->nb_score[(size_t)item * b->neighbours + k];
	}
	return fill_visible(st, v, ids, scores, n, row);
}

static enum bg_err top_picks(struct store *st, const struct reco_bundle *b, const struct viewer *v,
                             const struct seen *seen, const char *profile_name,
                             struct reco_row *row)
{
	char title[320];
	snprintf(title, sizeof(title), "Top picks for %s", profile_name);
	start_row(row, "top_picks", title, 0);
	double *scores = xmalloc((b->model.items ? b->model.items : 1) * sizeof(*scores));
	bundle_score(b, seen->items, seen->conf, seen->n, scores);
	enum bg_err rc = rank_into(st, b, v, scores, seen->items, seen->n, row);
	free(scores);
	return rc;
}

/* "Because you watched" rows for the latest titles watched that v may still see. */
static enum bg_err because_rows(struct store *st, const struct reco_bundle *b,
                                const struct viewer *v, const struct seen *seen,
                                struct reco_row *rows, size_t *n_rows)
{
	size_t made = 0;
	for (size_t i = 0; i < seen->latest_n && made < RECO_BECAUSE_ROWS; i++) {
		long item = bundle_item(b, seen->latest[i]);
		struct reco_title anchor;
		size_t visible;
		enum bg_err rc = reco_store_visible(st, v, &seen->latest[i], 1, &anchor, &visible);
		if (rc)
			return rc;
		if (item < 0 || !visible)
			continue;
		char title[320];
		snprintf(title, sizeof(title), "Because you watched %s", anchor.name);
		struct reco_row *row = &rows[*n_rows];
		start_row(row, "because_you_watched", title, anchor.id);
		rc = neighbours_into(st, b, v, item, seen, row);
		if (rc)
			return rc;
		if (row->n) {
			(*n_rows)++;
			made++;
		}
	}
	return BG_OK;
}

static enum bg_err community_row(struct store *st, const struct viewer *v, int64_t profile_id,
                                 const struct seen *seen, struct reco_row *row)
{
	struct community c;
	double affinity;
	start_row(row, "community", "Popular in your taste community", 0);
	enum bg_err rc = reco_store_profile_community(st, profile_id, &c, &affinity);
	if (rc == BG_NOT_FOUND)
		return BG_OK;
	if (rc)
		return rc;
	/* shown only where it beat popularity on the members' held-out starts */
	if (!community_row_earned((size_t)c.held_out, c.hit_rate, c.hit_rate_popularity))
		return BG_OK;
	int64_t ids[COMMUNITY_TOP_TITLES];
	double scores[COMMUNITY_TOP_TITLES];
	size_t n = 0;
	for (size_t i = 0; i < c.top_n; i++) {
		bool was_seen = false;
		for (size_t s = 0; s < seen->latest_n && !was_seen; s++)
			was_seen = seen->latest[s] == c.top_titles[i];
		if (!was_seen) {
			ids[n] = c.top_titles[i];
			scores[n++] = c.top_lift[i];
		}
	}
	snprintf(row->title, sizeof(row->title), "Popular in your taste community: %s", c.label);
	return fill_visible(st, v, ids, scores, n, row);
}

enum bg_err reco_rows_home(struct store *st, const struct reco_bundle *b, const struct viewer *v,
                           int64_t profile_id, const char *profile_name, struct reco_row *rows,
                           size_t *n_rows)
{
	*n_rows = 0;
	struct seen seen;
	enum bg_err rc = load_seen(st, b, profile_id, &seen);
	if (rc)
		return rc;
	if (b && seen.n) { /* nothing watched that the model knows: no basis for picks */
		rc = top_picks(st, b, v, &seen, profile_name, &rows[*n_rows]);
		if (!rc && rows[*n_rows].n)
			(*n_rows)++;
		if (!rc)
			rc = because_rows(st, b, v, &seen, rows, n_rows);
	}
	if (!rc)
		rc = community_row(st, v, profile_id, &seen, &rows[*n_rows]);
	if (!rc && rows[*n_rows].n)
		(*n_rows)++;
	release_seen(&seen);
	return rc;
}

enum bg_err reco_rows_similar(struct store *st, const struct reco_bundle *b, const struct viewer *v,
                              int64_t title_id, struct reco_row *out)
{
	long item = b ? bundle_item(b, title_id) : -1;
	if (item < 0 || !b->neighbours)
		return BG_NOT_FOUND;
	start_row(out, "similar", "More like this", title_id);
	return neighbours_into(st, b, v, item, NULL, out);
}
