/* buzz_store.c - posts, trackers and reported figures; see buzz_store.h. */
#include "reception/buzz_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "store/store.h"
#include "core/banned.h"

/* buzz_store_put's arguments, for its transaction. */
struct buzz_put {
	const struct buzz_post *posts;
	size_t n, *added, *skipped;
};

static enum bg_err put_all(struct store *st, void *ctx)
{
	const struct buzz_put *b = ctx;
	*b->added = *b->skipped = 0; /* a retried transaction counts again */
	enum bg_err rc = BG_OK;
	for (size_t i = 0; i < b->n && !rc; i++) {
		const struct buzz_post *p = &b->posts[i];
		struct store_stmt *stmt;
		rc = store_prepare(
		        st,
		        "INSERT INTO buzz_post (network, post_id, posted_at, author, body,"
		        " repost_of) VALUES (?, ?, ?, ?, ?, ?)"
		        " ON CONFLICT (network, post_id) DO NOTHING",
		        &stmt);
		if (rc)
			break;
		store_bind_text(stmt, 1, p->network);
		store_bind_text(stmt, 2, p->id);
		store_bind_text(stmt, 3, p->at);
		store_bind_text(stmt, 4, p->author);
		store_bind_text(stmt, 5, p->text);
		store_bind_text(stmt, 6, p->repost_of[0] ? p->repost_of : NULL);
		rc = store_step(stmt);
		if (rc == BG_DONE) {
			rc = BG_OK;
			(*(store_changes(stmt) ? b->added : b->skipped))++;
		}
		store_finalize(stmt);
	}
	return rc;
}

enum bg_err buzz_store_put(struct store *st, const struct buzz_post *posts, size_t n, size_t *added,
                           size_t *skipped)
{
	struct buzz_put b = {posts, n, added, skipped};
	enum bg_err rc = store_transact(st, put_all, &b);
	if (rc)
		*added = *skipped = 0;
	return rc;
}

/* One row of buzz_store_posts(). */
static void read_post(struct store_stmt *stmt, void *item)
{
	struct buzz_post *p = item;
	store_col_copy(stmt, 0, p->id, sizeof(p->id));
	store_col_copy(stmt, 1, p->network, sizeof(p->network));
	store_col_copy(stmt, 2, p->at, sizeof(p->at));
	store_col_copy(stmt, 3, p->author, sizeof(p->author));
	store_col_copy(stmt, 4, p->text, sizeof(p->text));
	store_col_copy(stmt, 5, p->repost_of, sizeof(p->repost_of));
}

enum bg_err buzz_store_posts(struct store *st, struct buzz_post **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "SELECT post_id, network, posted_at, author, body, repost_of"
	                               " FROM buzz_post ORDER BY posted_at, network, post_id",
	                               &stmt);
	if (rc)
		return rc;
	return store_collect(stmt, sizeof(struct buzz_post), read_post, NULL, out, n);
}

static const char *const kind_names[] = {"hashtag", "keyword", "handle"};

enum bg_err buzz_store_track(struct store *st, int64_t title_id, const struct buzz_tracker *t)
{
	return store_run(st, NULL,
	                 "INSERT INTO buzz_tracker (title_id, kind, value) VALUES (?, ?, ?)"
	                 " ON CONFLICT (title_id, kind, value) DO NOTHING",
	                 "itt", title_id, kind_names[t->kind], t->value);
}

/* Trackers grouped by title as the rows come, ordered by title. */
struct trackers {
	struct buzz_title *titles;
	size_t n, cap;
};

static enum bg_err read_tracker(struct store_stmt *stmt, void *ctx)
{
	struct trackers *all = ctx;
	int64_t id = store_col_int(stmt, 0);
	if (!all->n || all->titles[all->n - 1].title_id != id) {
		all->titles = xgrow(all->titles, sizeof(*all->titles), all->n + 1, &all->cap);
		all->titles[all->n++] = (struct buzz_title){.title_id = id, .cap = 0};
	}
	struct buzz_title *b = &all->titles[all->n - 1];
	b->trackers = xgrow(b->trackers, sizeof(*b->trackers), b->n + 1, &b->cap);
	struct buzz_tracker *t = &b->trackers[b->n++];
	const char *kind = store_col_text(stmt, 1);
	t->kind = strcmp(kind, "hashtag") == 0  ? BUZZ_HASHTAG
	          : strcmp(kind, "handle") == 0 ? BUZZ_HANDLE
	                                        : BUZZ_KEYWORD;
	store_col_copy(stmt, 2, t->value, sizeof(t->value));
	return BG_OK;
}

enum bg_err buzz_store_trackers(struct store *st, struct buzz_title **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(
	        st, "SELECT title_id, kind, value FROM buzz_tracker ORDER BY title_id, kind, value",
	        &stmt);
	if (rc)
		return rc;
	struct trackers all = {NULL, 0, 0};
	rc = store_rows(stmt, read_tracker, &all);
	if (rc) {
		buzz_titles_release(all.titles, all.n);
		return rc;
	}
	*out = all.titles;
	*n = all.n;
	return BG_OK;
}

void buzz_titles_release(struct buzz_title *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(t[i].trackers);
	free(t);
}

enum bg_err buzz_store_report(struct store *st, int64_t title_id, const struct buzz_reported *r)
{
	return store_run(st, NULL,
	                 "INSERT INTO buzz_reported (title_id, season, posts, period, source)"
	                 " VALUES (?, ?, ?, ?, ?)",
	                 "iditt", title_id, r->season, r->posts, r->period, r->source);
}

/* One row of buzz_store_reported(). */
static void read_reported(struct store_stmt *stmt, void *item)
{
	struct buzz_reported *r = item;
	r->season = (int)store_col_int(stmt, 0);
	r->posts = store_col_int(stmt, 1);
	store_col_copy(stmt, 2, r->period, sizeof(r->period));
	store_col_copy(stmt, 3, r->source, sizeof(r->source));
}

enum bg_err buzz_store_reported(struct store *st, int64_t title_id, struct buzz_reported **out,
                                size_t *n)
{
	*out = NULL;
	*n = 0;
	struct store_stmt *stmt;
	enum bg_err rc = store_prepare(st,
	                               "SELECT season, posts, period, source FROM buzz_reported"
	                               " WHERE title_id = ? ORDER BY season, id",
	                               &stmt);
	if (rc)
		return rc;
	store_bind_int(stmt, 1, title_id);
	return store_collect(stmt, sizeof(struct buzz_reported), read_reported, NULL, out, n);
}
