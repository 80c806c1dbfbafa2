/* progress.c - terminal progress line; see progress.h. */
#include "core/progress.h"

#include <stdio.h>
#include <unistd.h>

#include "core/banned.h"

void progress_start(struct progress *p, const char *what, size_t total)
{
	p->enabled = isatty(STDERR_FILENO) == 1;
	p->total = total;
	p->what = what;
}

void progress_update(struct progress *p, size_t done, const char *label)
{
	if (!p->enabled)
		return;
	int pct = p->total ? (int)(done * 100 / p->total) : 100;
	fprintf(stderr, "\r\033[K%s %zu/%zu (%d%%) %.60s", p->what, done, p->total, pct, label);
	fflush(stderr);
}

void progress_end(struct progress *p)
{
	if (p->enabled)
		fputs("\r\033[K", stderr);
}
