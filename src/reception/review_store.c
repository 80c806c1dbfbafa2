/* review_store.c - critic reviews and outlet weights; see review_store.h. */
#include "reception/review_store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "catalog/catalog_store.h"
#include "store/store.h"
#include "core/banned.h"

/* The stored review's id with the same key, 0 if none. */
static enum bg_err existing(struct store *st, int64_t title_id, const struct review *r, int64_t *id)
{
	*id = 0;
	enum bg_err rc = store_run(st, id,
	                           "SELECT id FROM critic_review WHERE title_id = ? AND season = ?"
	                           " AND outlet = ? AND critic = ?",
	                           "idtt", title_id, r->season, r->outlet, r->critic);
	return rc == BG_NOT_FOUND ? BG_OK : rc;
}

/* Resolves a review's title and checks its season; BG_INVALID with msg. */
static enum bg_err resolve(struct store *st, const struct review *r, int64_t *title_id, char *msg,
                           size_t msg_len)
{
	enum bg_err rc = catalog_store_resolve(st, r->title, title_id);
	if (rc == BG_NOT_FOUND || rc == BG_CONFLICT) {
		snprintf(msg, msg_len, "title: %s", store_errmsg(st));
		return BG_INVALID;
	}
	if (rc || r->season == 0)
		return rc;
	int64_t season_id;
	rc = store_run(
	        st, &season_id,
	        "SELECT s.id FROM title s JOIN title t ON t.id = s.parent_id"
	        " WHERE t.id = ? AND t.kind = 'series' AND s.kind = 'season' AND s.number = ?",
	        "id", *title_id, r->season);
	if (rc == BG_NOT_FOUND) {
		snprintf(msg, msg_len, "season: '%.100s' has no season %d", r->title, r->season);
		return BG_INVALID;
	}
	return rc;
}

static int64_t milli(double x)
{
	return (int64_t)llround(x * 1000.0);
}

static enum bg_err put_one(struct store *st, int64_t title_id, const struct review *r,
                           bool *replaced)
{
	int64_t id;
	enum bg_err rc = existing(st, title_id, r, &id);
	if (rc)
		return rc;
	*replaced = id != 0;
	if (id)
		rc = store_run(st, NULL, "DELETE FROM critic_review WHERE id = ?", "i", id);
	if (rc)
		return rc;
	struct store_stmt *stmt;
	rc = store_prepare(
	        st,
	        "INSERT INTO critic_review (title_id, season, outlet, critic, top_critic,"
	        " reviewed_on, score, scale, score_milli, verdict, in_approval,"
	        " in_weighted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, title_id);
	store_bind_int(stmt, 2, r->season);
	store_bind_text(stmt, 3, r->outlet);
	store_bind_text(stmt, 4, r->critic);
	store_bind_int(stmt, 5, r->top_critic);
	store_bind_text(stmt, 6, r->date[0] ? r->date : NULL);
	store_bind_text(stmt, 7, r->score[0] ? r->score : NULL);
	store_bind_text(stmt, 8, r->scale[0] ? r->scale : NULL);
	if (r->normalised >= 0)
		store_bind_int(stmt, 9, milli(r->normalised));
	else
		store_bind_null(stmt, 9);
	store_bind_text(stmt, 10,
	                r->verdict == VERDICT_FRESH    ? "fresh"
	                : r->verdict == VERDICT_ROTTEN ? "rotten"
	                                               : NULL);
	store_bind_int(stmt, 11, r->in_approval);
	store_bind_int(stmt, 12, r->in_weighted);
	rc = store_step(stmt);
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

/* review_store_put's arguments, for its transaction. */
struct review_put {
	const struct review *reviews;
	size_t n, *added, *replaced, *bad_index;
	char *msg;
	size_t msg_len;
};

static enum bg_err put_all(struct store *st, void *ctx)
{
	const struct review_put *p = ctx;
	*p->added = *p->replaced = 0; /* a retried transaction counts again */
	enum bg_err rc = BG_OK;
	for (size_t i = 0; i < p->n && !rc; i++) {
		int64_t title_id;
		bool was;
		*p->bad_index = i;
		rc = resolve(st, &p->reviews[i], &title_id, p->msg, p->msg_len);
		if (!rc)
			rc = put_one(st, title_id, &p->reviews[i], &was);
		if (!rc)
			(*(was ? p->replaced : p->added))++;
	}
	return rc;
}

enum bg_err review_store_put(struct store *st, const struct review *reviews, size_t n,
                             size_t *added, size_t *replaced, size_t *bad_index, char *msg,
                             size_t msg_len)
{
	*bad_index = 0;
	struct review_put p = {reviews, n, added, replaced, bad_index, msg, msg_len};
	enum bg_err rc = store_transact(st, put_all, &p);
	if (rc)
		*added = *replaced = 0;
	return rc;
}

/* One row of review_store_of_title(). */
static void read_season_review(struct store_stmt *stmt, void *item)
{
	struct season_review *s = item;
	const char *verdict = store_col_text(stmt, 3);
	s->season = (int)store_col_int(stmt, 0);
	s->r = (struct scored_review){
	        .in_approval = store_col_int(stmt, 1) != 0,
	        .in_weighted = store_col_int(stmt, 2) != 0,
	        .fresh = verdict && strcmp(verdict, "fresh") == 0,
	        .top_critic = store_col_int(stmt, 4) != 0,
	        .normalised =
	                store_col_is_null(stmt, 5) ? -1.0 : (double)store_col_int(stmt, 5) / 1000,
	        .weight = (double)store_col_int(stmt, 6) / 1000,
	};
}

enum bg_err review_store_of_title(struct store *st, int64_t title_id, struct season_review **out,
                                  size_t *n)
{
	*out = NULL;
	*n = 0;
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT r.season, r.in_approval, r.in_weighted, r.verdict, r.top_critic,"
	        " r.score_milli, COALESCE(w.weight_milli, 1000)"
	        " FROM critic_review r LEFT JOIN outlet_weight w ON w.outlet = r.outlet"
	        " WHERE r.title_id = ? ORDER BY r.season, r.id",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, title_id);
	return store_collect(stmt, sizeof(struct season_review), read_season_review, NULL, out, n);
}

static void read_season_number(struct store_stmt *stmt, void *item)
{
	*(int *)item = (int)store_col_int(stmt, 0);
}

enum bg_err review_store_seasons(struct store *st, int64_t title_id, int **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "SELECT number FROM title WHERE parent_id = ?"
	                               " AND kind = 'season' AND number > 0 ORDER BY number",
	                               &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, title_id);
	return store_collect(stmt, sizeof(int), read_season_number, NULL, out, n);
}

enum bg_err review_store_prior(struct store *st, double *out)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN verdict = 'fresh' THEN 1 ELSE 0 END), 0)"
	        " FROM critic_review WHERE in_approval = 1",
	        &stmt);
	if (rc)
		return rc;
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		int64_t all = store_col_int(stmt, 0), fresh = store_col_int(stmt, 1);
		*out = all ? (double)fresh / (double)all : 0.6;
		rc = BG_OK;
	}
	store_finalize(stmt);
	return rc;
}

enum bg_err review_store_set_weight(struct store *st, const char *outlet, double weight)
{
	if (!(weight > 0 && weight <= 1000))
		return store_set_error(st, BG_INVALID, "weight: must be above 0 and at most 1000");
	return store_run(st, NULL,
	                 "INSERT INTO outlet_weight (outlet, weight_milli) VALUES (?, ?)"
	                 " ON CONFLICT (outlet) DO UPDATE SET weight_milli = excluded.weight_milli",
	                 "ti", outlet, milli(weight));
}

struct review_store_rate_args {
	int64_t profile_id;
	int64_t title_id;
	int half_stars;
	const char *now;
};

static enum bg_err review_store_rate_tx(struct store *st, void *ctx)
{
	struct review_store_rate_args *args = ctx;
	if (args->half_stars < 1 || args->half_stars > 10)
		return store_set_error(st, BG_INVALID, "stars: from 0.5 to 5 in halves");
	int64_t one;
	/* Finished: a completion in the viewing log, or watched in playback (past 90%, or marked).
	 */
	enum bg_err rc = store_run(st, &one,
	                           "SELECT 1 FROM episode_view WHERE profile_id = ? AND top_id = ?"
	                           " AND completed_s IS NOT NULL"
	                           " UNION ALL SELECT 1 FROM playback p JOIN title t"
	                           " ON t.id = p.title_id WHERE p.profile_id = ?"
	                           " AND (t.top_id = ? OR t.id = ?) AND p.watched = 1 LIMIT 1",
	                           "iiiii", args->profile_id, args->title_id, args->profile_id,
	                           args->title_id, args->title_id);
	if (rc == BG_NOT_FOUND)
		return store_set_error(
		        st, BG_FORBIDDEN,
		        "rate a title after watching it: this profile has finished none of it");
	if (rc)
		return rc;
	return store_run(st, NULL,
	                 "INSERT INTO audience_rating (profile_id, title_id, half_stars, rated_at)"
	                 " VALUES (?, ?, ?, ?) ON CONFLICT (profile_id, title_id) DO UPDATE"
	                 " SET half_stars = excluded.half_stars, rated_at = excluded.rated_at",
	                 "iidt", args->profile_id, args->title_id, args->half_stars, args->now);
}

enum bg_err review_store_rate(struct store *st, int64_t profile_id, int64_t title_id,
                              int half_stars, const char *now)
{
	struct review_store_rate_args args = {profile_id, title_id, half_stars, now};
	return store_transact(st, review_store_rate_tx, &args);
}

enum bg_err review_store_audience(struct store *st, int64_t title_id, int64_t *ratings,
                                  int64_t *liked)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN half_stars >= 7 THEN 1 ELSE 0 END), 0)"
	        " FROM audience_rating WHERE title_id = ?",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, title_id);
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		*ratings = store_col_int(stmt, 0);
		*liked = store_col_int(stmt, 1);
		rc = BG_OK;
	}
	store_finalize(stmt);
	return rc;
}
