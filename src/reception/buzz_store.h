/*
 * buzz_store.h - social posts, title trackers and reported figures.
 */
#ifndef BINGE_RECEPTION_BUZZ_STORE_H
#define BINGE_RECEPTION_BUZZ_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "reception/buzz.h"

struct store;

/* Stores posts[0..n) in one transaction; a post already stored (network, id) is skipped. */
enum bg_err buzz_store_put(struct store *st, const struct buzz_post *posts, size_t n, size_t *added,
                           size_t *skipped);

/* Every post, oldest first. */
enum bg_err buzz_store_posts(struct store *st, struct buzz_post **out, size_t *n);

/* Adds a tracker to title_id (idempotent). */
enum bg_err buzz_store_track(struct store *st, int64_t title_id, const struct buzz_tracker *t);

/* The trackers of every tracked title: titles[i] owns trackers[i]. */
struct buzz_title {
	int64_t title_id;
	struct buzz_tracker *trackers;
	size_t n, cap;
};
enum bg_err buzz_store_trackers(struct store *st, struct buzz_title **out, size_t *n);
void buzz_titles_release(struct buzz_title *t, size_t n);

/* A figure reported from outside. */
struct buzz_reported {
	int season;
	int64_t posts;
	char period[128], source[256];
};
enum bg_err buzz_store_report(struct store *st, int64_t title_id, const struct buzz_reported *r);
enum bg_err buzz_store_reported(struct store *st, int64_t title_id, struct buzz_reported **out,
                                size_t *n);

#endif
