/* scan_report.c - what a scan did; see scan_report.h. */
#include "media/scan_report.h"

#include <stdio.h>

#include "core/buf.h"
#include "core/banned.h"

void scan_report_problem(struct scan_report *r, const char *path, const char *why)
{
	r->skipped++;
	if (r->problems.n >= SCAN_MAX_PROBLEMS)
		return;
	struct buf b = BUF_INIT(BUF_MAX_SMALL);
	buf_addf(&b, "%s: %s", path, why);
	strlist_add(&r->problems, b.ptr, b.len);
	buf_release(&b);
}

void scan_report_release(struct scan_report *r)
{
	strlist_release(&r->problems);
	library_reach_release(&r->reach);
}

json_t *scan_report_json(const struct scan_report *r)
{
	json_t *problems = json_array(), *nobody = json_array();
	for (size_t i = 0; i < r->problems.n; i++)
		json_array_append_new(problems, json_string(r->problems.items[i]));
	for (int i = 0; i < r->reach.nobody && i < REACH_NAMES_MAX; i++)
		json_array_append_new(nobody, json_string(r->reach.nobody_names[i]));
	json_t *reach = json_pack("{s:i,s:i,s:i,s:i,s:o}", "titles", r->reach.titles, "worldwide",
	                          r->reach.worldwide, "some_territories", r->reach.some_territories,
	                          "nobody", r->reach.nobody, "nobody_names", nobody);
	return json_pack("{s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:o,s:o}", "added", r->added,
	                 "changed", r->changed, "moved", r->moved, "deleted", r->deleted,
	                 "unchanged", r->unchanged, "skipped", r->skipped, "probes_cached",
	                 r->probes_cached, "subtitles", r->subtitles, "nfo", r->nfo, "images",
	                 r->images, "new_titles", r->new_titles, "reach", reach, "problems",
	                 problems);
}

void scan_report_reach_text(const struct scan_report *r, char *out, size_t len)
{
	const struct library_reach *x = &r->reach;
	struct buf b = BUF_INIT(BUF_MAX_SMALL);
	buf_addf(&b,
	         "%d title%s (%d new): %d seen worldwide, %d in some territories, %d by no viewer",
	         x->titles, x->titles == 1 ? "" : "s", r->new_titles, x->worldwide,
	         x->some_territories, x->nobody);
	for (int i = 0; i < x->nobody && i < REACH_NAMES_MAX; i++)
		buf_addf(&b, "%s%s", i ? ", " : " (no open licence window: ", x->nobody_names[i]);
	if (x->nobody > REACH_NAMES_MAX)
		buf_addf(&b, ", and %d more", x->nobody - REACH_NAMES_MAX);
	if (x->nobody)
		buf_addf(&b, "; add one with binge avail add)");
	snprintf(out, len, "%s", b.ptr);
	buf_release(&b);
}
