/* scan_report.c - what a scan did; see scan_report.h. */
#include "media/scan_report.h"

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
}
