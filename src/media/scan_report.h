/*
 * scan_report.h - what a library scan did, and the files it could not use
 * ("path: why"), for the scan's output.
 */
#ifndef BINGE_MEDIA_SCAN_REPORT_H
#define BINGE_MEDIA_SCAN_REPORT_H

#include <jansson.h>

#include "core/strlist.h"
#include "media/media_store.h"

#define SCAN_MAX_PROBLEMS 100 /* problems listed in the report; all are counted */

struct scan_report {
	int added, changed, moved, deleted, unchanged, skipped;
	int subtitles;           /* videos whose sidecar subtitles were linked anew */
	int nfo;                 /* NFO files applied anew */
	int images;              /* images set anew as a title's artwork */
	int probes_cached;       /* new files not probed: the probe cache knew them */
	struct strlist problems; /* "path: why", at most SCAN_MAX_PROBLEMS */
	int new_titles;             /* series and films the scan created */
	struct library_reach reach; /* who sees the library's titles after the scan */
};

/* Counts a skipped file, listing "path: why" while there is room. */
void scan_report_problem(struct scan_report *r, const char *path, const char *why);

void scan_report_release(struct scan_report *r);

/*
 * The report as JSON: {"added", "changed", "moved", "deleted", "unchanged",
 * "skipped", "probes_cached", "subtitles", "nfo", "images", "new_titles", "reach": {"titles",
 * "worldwide", "some_territories", "nobody", "nobody_names"}, "problems"}.
 */
json_t *scan_report_json(const struct scan_report *r);

/*
 * One line on who sees the library's titles: "5 titles: 4 worldwide, 1 seen
 * by no viewer (no open licence window: Foo)". Written into out[len].
 */
void scan_report_reach_text(const struct scan_report *r, char *out, size_t len);

#endif
