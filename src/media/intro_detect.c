/* intro_detect.c - a season's intros; see intro_detect.h. */
#include "media/intro_detect.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/mem.h"
#include "media/fingerprint.h"
#include "media/intro.h"
#include "core/banned.h"

static void keep_longer(struct media_markers *m, double start, double end)
{
	int64_t s = (int64_t)(start * 1000.0 + 0.5), e = (int64_t)(end * 1000.0 + 0.5);
	if (m->intro_start < 0 || e - s > m->intro_end - m->intro_start) {
		m->intro_start = s < 0 ? 0 : s;
		m->intro_end = e;
	}
}

enum bg_err intro_detect_season(const struct episode_media *eps, size_t n, struct progress *prog,
                                struct media_markers *found, char (*problems)[160])
{
	uint32_t **fp = xcalloc(n ? n : 1, sizeof(*fp));
	size_t *items = xcalloc(n ? n : 1, sizeof(*items));
	if (prog)
		progress_start(prog, "fingerprinting", n);
	for (size_t i = 0; i < n; i++) {
		found[i] = (struct media_markers)MEDIA_MARKERS_NONE;
		int seconds = (int)(eps[i].duration_ms / 4000);
		if (seconds < INTRO_DETECT_MIN_S)
			seconds = INTRO_DETECT_MIN_S;
		if (seconds > INTRO_DETECT_MAX_S)
			seconds = INTRO_DETECT_MAX_S;
		char msg[160];
		if (fingerprint_file(eps[i].path, seconds, &fp[i], &items[i], msg, sizeof(msg)) &&
		    problems)
			snprintf(problems[i], sizeof(problems[i]), "%s", msg);
		if (prog)
			progress_update(prog, i + 1, eps[i].path);
	}
	if (prog)
		progress_end(prog);
	/* Each with the next; with two episodes, the one pair. */
	size_t pairs = n < 2 ? 0 : n == 2 ? 1 : n;
	for (size_t i = 0; i < pairs; i++) {
		size_t j = (i + 1) % n;
		struct intro_match m;
		if (fp[i] && fp[j] && intro_find(fp[i], items[i], fp[j], items[j], &m)) {
			keep_longer(&found[i], m.a_start, m.a_end);
			keep_longer(&found[j], m.b_start, m.b_end);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(fp[i]);
	free(fp);
	free(items);
	return BG_OK;
}
