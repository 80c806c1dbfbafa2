/* model_slot.c - the current model, reference-counted and hot-swapped; see model_slot.h. */
#include "reco/model_slot.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mem.h"
#include "core/banned.h"

#define CHECK_INTERVAL_NS 1000000000LL

/* A loaded model and the requests holding it. The bundle comes first: get/put cast. */
struct entry {
	struct reco_bundle b;
	int refs; /* requests holding it, plus 1 while it is current */
};

struct model_slot {
	pthread_mutex_t lock;
	char *dir;
	struct entry *current;
	long long last_check_ns;
	bool loading;
	uint64_t failed_version; /* a version that would not load: not retried */
};

static long long monotonic_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

struct model_slot *model_slot_new(const char *dir)
{
	struct model_slot *s = xcalloc(1, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	s->dir = xstrdup(dir);
	s->last_check_ns = monotonic_ns() - 2 * CHECK_INTERVAL_NS;
	return s;
}

static void unref(struct entry *e)
{
	if (e && --e->refs == 0) {
		bundle_release(&e->b);
		free(e);
	}
}

void model_slot_free(struct model_slot *s)
{
	if (!s)
		return;
	unref(s->current);
	pthread_mutex_destroy(&s->lock);
	free(s->dir);
	free(s);
}

/* Called with the lock held; returns with it held. Loads a newer version if there is one. */
static void refresh(struct model_slot *s)
{
	long long now = monotonic_ns();
	if (s->loading || now - s->last_check_ns < CHECK_INTERVAL_NS)
		return;
	s->last_check_ns = now;
	uint64_t version;
	char path[4200];
	if (bundle_newest(s->dir, &version, path, sizeof(path)) ||
	    (s->current && version <= s->current->b.version) || version == s->failed_version)
		return;
	s->loading = true;
	pthread_mutex_unlock(&s->lock);
	struct entry *e = xcalloc(1, sizeof(*e));
	char msg[4400];
	enum bg_err rc = bundle_load(path, &e->b, msg, sizeof(msg));
	pthread_mutex_lock(&s->lock);
	s->loading = false;
	if (rc) {
		fprintf(stderr, "binge: model not loaded, keeping version %llu: %s\n",
		        s->current ? (unsigned long long)s->current->b.version : 0ULL, msg);
		s->failed_version = version;
		free(e);
		return;
	}
	e->refs = 1;
	unref(s->current);
	s->current = e;
	fprintf(stderr, "binge: serving model version %llu (%s)\n", (unsigned long long)version,
	        path);
}

const struct reco_bundle *model_slot_get(struct model_slot *s)
{
	pthread_mutex_lock(&s->lock);
	refresh(s);
	struct entry *e = s->current;
	if (e)
		e->refs++;
	pthread_mutex_unlock(&s->lock);
	return e ? &e->b : NULL;
}

void model_slot_put(struct model_slot *s, const struct reco_bundle *b)
{
	if (!b)
		return;
	pthread_mutex_lock(&s->lock);
	unref((struct entry *)(void *)b);
	pthread_mutex_unlock(&s->lock);
}
