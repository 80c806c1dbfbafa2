/* sim_world.c - the catalogue in memory for the simulator; see sim_world.h. */
#include "audience/sim_world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/banned.h"

static void release_windows(struct sim_title *t)
{
	for (size_t i = 0; i < t->windows_n; i++)
		free(t->windows[i].territories);
	free(t->windows);
}

int sim_world_genre(struct sim_world *w, const char *name)
{
	for (int i = 0; i < w->genres_n; i++)
		if (strcmp(w->genres[i], name) == 0)
			return i;
	if (w->genres_n == 32)
		return -1; /* more genres than the mask holds: the rest are ignored */
	snprintf(w->genres[w->genres_n], sizeof(w->genres[0]), "%s", name);
	return w->genres_n++;
}

/* Drops series without episodes; a series is released with its first episode. */
void sim_world_keep_watchable(struct sim_world *w)
{
	size_t kept = 0;
	for (size_t i = 0; i < w->titles_n; i++) {
		struct sim_title *t = &w->titles[i];
		if (!t->film && !t->seasons_n) {
			release_windows(t);
			continue;
		}
		if (!t->film)
			t->release_s = t->seasons[0].episodes[0].release_s;
		w->titles[kept++] = *t;
	}
	w->titles_n = kept;
}

void sim_world_release(struct sim_world *w)
{
	for (size_t i = 0; i < w->titles_n; i++) {
		struct sim_title *t = &w->titles[i];
		for (size_t s = 0; s < t->seasons_n; s++)
			free(t->seasons[s].episodes);
		free(t->seasons);
		release_windows(t);
	}
	free(w->titles);
	memset(w, 0, sizeof(*w));
}

bool sim_world_available(const struct sim_title *t, const char *territory, int ceiling, int64_t t_s)
{
	if (t->maturity > ceiling || t->release_s > t_s)
		return false;
	for (size_t i = 0; i < t->windows_n; i++) {
		const struct sim_window *win = &t->windows[i];
		if (t_s < win->starts_s || t_s >= win->ends_s)
			continue;
		if (win->worldwide)
			return true;
		for (size_t k = 0; k < win->territories_n; k++)
			if (strcmp(win->territories[k], territory) == 0)
				return true;
	}
	return false;
}
