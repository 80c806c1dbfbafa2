/*
 * scan_report.h - what a library scan did, and the files it could not use
 * ("path: why"), for the scan's output.
 */
#ifndef BINGE_MEDIA_SCAN_REPORT_H
#define BINGE_MEDIA_SCAN_REPORT_H

#include "core/strlist.h"

#define SCAN_MAX_PROBLEMS 100 /* problems listed in the report; all are counted */

struct scan_report {
	int added, changed, moved, deleted, unchanged, skipped;
	int subtitles;           /* videos whose sidecar subtitles were linked anew */
	int nfo;                 /* NFO files applied anew */
	int images;              /* images set anew as a title's artwork */
	struct strlist problems; /* "path: why", at most SCAN_MAX_PROBLEMS */
};

/* Counts a skipped file, listing "path: why" while there is room. */
void scan_report_problem(struct scan_report *r, const char *path, const char *why);

void scan_report_release(struct scan_report *r);

#endif
