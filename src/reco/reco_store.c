/* reco_store.c - views, visible candidates and taste communities; see reco_store.h. */
#include "reco/reco_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "store/store.h"
#include "core/banned.h"

static void read_view(struct store_stmt *stmt, void *item)
{
	*(struct reco_view *)item = (struct reco_view){
	        .profile_id = store_col_int(stmt, 0),
	        .title_id = store_col_int(stmt, 1),
	        .started = (uint32_t)store_col_int(stmt, 2),
	        .completed = (uint32_t)store_col_int(stmt, 3),
	        .first_s = store_col_int(stmt, 4),
	        .last_s = store_col_int(stmt, 5),
	};
}

enum bg_err reco_store_views(struct store *st, int64_t profile_id, struct reco_view **out,
                             size_t *n)
{
	*out = NULL;
	*n = 0;
	struct store_stmt *stmt;
	/* two statements, not "? = 0 OR": one profile must use the primary key */
	enum bg_err rc = store_prepare(
	        st,
	        profile_id ? "SELECT profile_id, top_id, COUNT(*),"
	                     " SUM(CASE WHEN completed_s IS NULL THEN 0 ELSE 1 END), MIN(first_s),"
	                     " MAX(last_s) FROM episode_view WHERE profile_id = ?"
	                     " GROUP BY profile_id, top_id ORDER BY profile_id, top_id"
	                   : "SELECT profile_id, top_id, COUNT(*),"
	                     " SUM(CASE WHEN completed_s IS NULL THEN 0 ELSE 1 END), MIN(first_s),"
	                     " MAX(last_s) FROM episode_view"
	                     " GROUP BY profile_id, top_id ORDER BY profile_id, top_id",
	        &stmt);
	if (rc)
		return rc;
	if (profile_id)
		store_bind_int(stmt, 1, profile_id);
	return store_collect(stmt, sizeof(struct reco_view), read_view, NULL, out, n);
}

/* Candidates are checked this many per query. */
#define VISIBLE_CHUNK 64

/* Visible titles read into a caller's array of cap. */
struct found {
	struct reco_title *items;
	size_t cap, n;
};

static enum bg_err read_found(struct store_stmt *stmt, void *ctx)
{
	struct found *f = ctx;
	if (f->n == f->cap)
		return BG_DONE; /* the query cannot return more than was asked; stop anyway */
	struct reco_title *t = &f->items[f->n++];
	t->id = store_col_int(stmt, 0);
	snprintf(t->kind, sizeof(t->kind), "%s", store_col_text(stmt, 1));
	snprintf(t->name, sizeof(t->name), "%s", store_col_text(stmt, 2));
	return BG_OK;
}

/* Series and films as "t.top_id = t.id": see playback_store_new() for why not t.kind. */
static enum bg_err visible_chunk(struct store *st, const struct viewer *v, const int64_t *ids,
                                 size_t n, struct reco_title *found, size_t *found_n)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare_in(
	        st,
	        "SELECT t.id, t.kind, t.name FROM title t JOIN title tp ON tp.id = t.top_id"
	        " WHERE t.top_id = t.id AND t.id IN (",
	        ids, n, 1, ") AND " VIS_VISIBLE, &stmt);
	if (rc)
		return rc;
	visibility_bind(stmt, (int)n + 1, v);
	struct found f = {found, n, 0};
	rc = store_rows(stmt, read_found, &f);
	*found_n = f.n;
	return rc;
}

enum bg_err reco_store_visible(struct store *st, const struct viewer *v, const int64_t *ids,
                               size_t n, struct reco_title *out, size_t *kept)
{
	struct reco_title found[VISIBLE_CHUNK];
	*kept = 0;
	for (size_t at = 0; at < n; at += VISIBLE_CHUNK) {
		size_t len = n - at < VISIBLE_CHUNK ? n - at : VISIBLE_CHUNK, found_n;
		enum bg_err rc = visible_chunk(st, v, ids + at, len, found, &found_n);
		if (rc)
			return rc;
		/* keep the caller's order (the ranking), not the query's */
		for (size_t i = 0; i < len; i++)
			for (size_t f = 0; f < found_n; f++)
				if (found[f].id == ids[at + i]) {
					out[(*kept)++] = found[f];
					break;
				}
	}
	return BG_OK;
}

static int64_t micro(double x)
{
	return (int64_t)(x * 1e6 + (x >= 0 ? 0.5 : -0.5));
}

static enum bg_err exec_bound(struct store *st, const char *sql, int count, const int64_t *values)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st, sql, &stmt);
	if (rc)
		return rc;
	for (int i = 0; i < count; i++)
		store_bind_int(stmt, i + 1, values[i]);
	rc = store_step(stmt);
	store_finalize(stmt);
	return rc == BG_DONE ? BG_OK : rc;
}

static enum bg_err save_community(struct store *st, const struct community *c)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st,
	        "INSERT INTO community (id, size, label, model_version, held_out, hit_rate_micro,"
	        " popularity_hit_rate_micro) VALUES (?, ?, ?, ?, ?, ?, ?)",
	        &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, c->id);
	store_bind_int(stmt, 2, c->size);
	store_bind_text(stmt, 3, c->label);
	store_bind_int(stmt, 4, c->model_version);
	store_bind_int(stmt, 5, c->held_out);
	store_bind_int(stmt, 6, micro(c->hit_rate));
	store_bind_int(stmt, 7, micro(c->hit_rate_popularity));
	rc = store_step(stmt);
	store_finalize(stmt);
	if (rc != BG_DONE)
		return rc;
	for (size_t r = 0; r < c->top_n; r++) {
		const int64_t row[] = {c->id, (int64_t)r + 1, c->top_titles[r],
		                       micro(c->top_lift[r])};
		rc = exec_bound(
		        st,
		        "INSERT INTO community_title (community_id, rank, title_id, lift_micro)"
		        " VALUES (?, ?, ?, ?)",
		        4, row);
		if (rc)
			return rc;
	}
	return BG_OK;
}

/* reco_store_save_communities' arguments, for its transaction. */
struct communities_save {
	const struct community *communities;
	size_t k;
	const int64_t *profile_ids, *member;
	const double *affinity;
	size_t profiles;
};

static enum bg_err replace_communities(struct store *st, void *ctx)
{
	const struct communities_save *s = ctx;
	enum bg_err rc = store_exec(st, "DELETE FROM community_member");
	if (!rc)
		rc = store_exec(st, "DELETE FROM community_title");
	if (!rc)
		rc = store_exec(st, "DELETE FROM community");
	for (size_t c = 0; c < s->k && !rc; c++)
		rc = save_community(st, &s->communities[c]);
	for (size_t i = 0; i < s->profiles && !rc; i++) {
		const int64_t row[] = {s->profile_ids[i], s->member[i], micro(s->affinity[i])};
		rc = exec_bound(
		        st,
		        "INSERT INTO community_member (profile_id, community_id, affinity_micro)"
		        " VALUES (?, ?, ?)",
		        3, row);
	}
	return rc;
}

enum bg_err reco_store_save_communities(struct store *st, const struct community *communities,
                                        size_t k, const int64_t *profile_ids, const int64_t *member,
                                        const double *affinity, size_t profiles)
{
	struct communities_save s = {communities, k, profile_ids, member, affinity, profiles};
	return store_transact(st, replace_communities, &s);
}

/* Fills c's top titles from community_title. */
/* One of a community's top titles; the first COMMUNITY_TOP_TITLES are kept. */
static enum bg_err read_top(struct store_stmt *stmt, void *ctx)
{
	struct community *c = ctx;
	if (c->top_n == COMMUNITY_TOP_TITLES)
		return BG_DONE;
	c->top_titles[c->top_n] = store_col_int(stmt, 0);
	c->top_lift[c->top_n++] = (double)store_col_int(stmt, 1) / 1e6;
	return BG_OK;
}

static enum bg_err load_top(struct store *st, struct community *c)
{
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "SELECT title_id, lift_micro FROM community_title"
	                               " WHERE community_id = ? ORDER BY rank",
	                               &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, c->id);
	c->top_n = 0;
	return store_rows(stmt, read_top, c);
}

static void read_community(struct store_stmt *stmt, struct community *c)
{
	memset(c, 0, sizeof(*c));
	c->id = store_col_int(stmt, 0);
	c->size = store_col_int(stmt, 1);
	snprintf(c->label, sizeof(c->label), "%s", store_col_text(stmt, 2));
	c->model_version = store_col_int(stmt, 3);
	c->held_out = store_col_int(stmt, 4);
	c->hit_rate = (double)store_col_int(stmt, 5) / 1e6;
	c->hit_rate_popularity = (double)store_col_int(stmt, 6) / 1e6;
}

static void read_community_item(struct store_stmt *stmt, void *item)
{
	read_community(stmt, item);
}

enum bg_err reco_store_communities(struct store *st, struct community **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct store_stmt *stmt;
	enum bg_err rc =
	        store_prepare(st,
	                      "SELECT id, size, label, model_version, held_out, hit_rate_micro,"
	                      " popularity_hit_rate_micro FROM community ORDER BY id",
	                      &stmt);
	if (rc)
		return rc;
	struct community *c;
	rc = store_collect(stmt, sizeof(*c), read_community_item, NULL, &c, n);
	for (size_t i = 0; i < *n && !rc; i++)
		rc = load_top(st, &c[i]);
	if (rc) {
		free(c);
		*n = 0;
		return rc;
	}
	*out = c;
	return BG_OK;
}

enum bg_err reco_store_profile_community(struct store *st, int64_t profile_id,
                                         struct community *out, double *affinity)
{
	struct store_stmt *stmt;
	enum bg_err rc =
	        store_prepare(st,
	                      "SELECT c.id, c.size, c.label, c.model_version, c.held_out,"
	                      " c.hit_rate_micro, c.popularity_hit_rate_micro, m.affinity_micro"
	                      " FROM community_member m JOIN community c ON c.id = m.community_id"
	                      " WHERE m.profile_id = ?",
	                      &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, profile_id);
	rc = store_step(stmt);
	if (rc == BG_ROW) {
		read_community(stmt, out);
		*affinity = (double)store_col_int(stmt, 7) / 1e6;
	}
	store_finalize(stmt);
	if (rc == BG_DONE)
		return store_set_error(st, BG_NOT_FOUND, "the profile is in no taste community");
	return rc == BG_ROW ? load_top(st, out) : rc;
}

struct planted {
	int64_t profile_id, group;
};

static void read_planted(struct store_stmt *stmt, void *item)
{
	*(struct planted *)item = (struct planted){store_col_int(stmt, 0), store_col_int(stmt, 1)};
}

enum bg_err reco_store_planted(struct store *st, int64_t **profile_ids, int64_t **groups, size_t *n)
{
	*profile_ids = *groups = NULL;
	*n = 0;
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st, "SELECT profile_id, taste_group FROM sim_viewer ORDER BY profile_id", &stmt);
	if (rc)
		return rc;
	struct planted *p;
	rc = store_collect(stmt, sizeof(*p), read_planted, NULL, &p, n);
	if (rc)
		return rc;
	*profile_ids = xmalloc((*n + 1) * sizeof(**profile_ids));
	*groups = xmalloc((*n + 1) * sizeof(**groups));
	for (size_t i = 0; i < *n; i++) {
		(*profile_ids)[i] = p[i].profile_id;
		(*groups)[i] = p[i].group;
	}
	free(p);
	return BG_OK;
}
