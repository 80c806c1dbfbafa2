/* file_wait.c - requests suspended until a file exists; see file_wait.h. */
#include "http/file_wait.h"

#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/mem.h"
#include "core/date.h"
#include "core/banned.h"

struct waiting {
	struct MHD_Connection *conn;
	char *path;
	int64_t until_ms;
	struct waiting *next;
};

struct file_waiter {
	pthread_mutex_t lock;
	pthread_t thread;
	struct waiting *head;
	bool stopping, exiting;
};


/* Resumes and frees the entries that are done (all of them when everything is). */
static void resume_ready(struct file_waiter *w, bool everything)
{
	int64_t now = monotonic_ms();
	struct waiting **link = &w->head;
	while (*link) {
		struct waiting *e = *link;
		struct stat sb;
		if (everything || now >= e->until_ms || stat(e->path, &sb) == 0) {
			*link = e->next;
			MHD_resume_connection(e->conn);
			free(e->path);
			free(e);
		} else {
			link = &e->next;
		}
	}
}

static void *poll_files(void *arg)
{
	struct file_waiter *w = arg;
	for (;;) {
		struct timespec ts = {.tv_sec = 0, .tv_nsec = FILE_WAIT_POLL_MS * 1000000L};
		while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
			;
		pthread_mutex_lock(&w->lock);
		resume_ready(w, w->stopping);
		bool exiting = w->exiting;
		pthread_mutex_unlock(&w->lock);
		if (exiting)
			return NULL;
	}
}

struct file_waiter *file_waiter_new(void)
{
	struct file_waiter *w = xcalloc(1, sizeof(*w));
	pthread_mutex_init(&w->lock, NULL);
	if (pthread_create(&w->thread, NULL, poll_files, w) != 0) {
		pthread_mutex_destroy(&w->lock);
		free(w);
		return NULL;
	}
	return w;
}

bool file_waiter_add(struct file_waiter *w, struct MHD_Connection *conn, const char *path,
                     int timeout_ms)
{
	pthread_mutex_lock(&w->lock);
	bool stopping = w->stopping;
	if (!stopping) {
		struct waiting *e = xcalloc(1, sizeof(*e));
		e->conn = conn;
		e->path = xstrdup(path);
		e->until_ms = monotonic_ms() + timeout_ms;
		e->next = w->head;
		w->head = e;
	}
	pthread_mutex_unlock(&w->lock);
	return !stopping;
}

void file_waiter_stop(struct file_waiter *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = true;
	resume_ready(w, true);
	pthread_mutex_unlock(&w->lock);
}

void file_waiter_free(struct file_waiter *w)
{
	if (!w)
		return;
	file_waiter_stop(w);
	pthread_mutex_lock(&w->lock);
	w->exiting = true;
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->lock);
	free(w);
}
