/* lines.c - lines of a text in memory; see lines.h. */
#include "core/lines.h"

#include <string.h>

#include "core/banned.h"

void lines_init(struct lines *l, const char *data, size_t len)
{
	l->data = data;
	l->len = len;
	l->pos = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	l->number = 0;
}

bool lines_next(struct lines *l, struct str *out)
{
	while (l->pos < l->len) {
		const char *start = l->data + l->pos;
		const char *nl = memchr(start, '\n', l->len - l->pos);
		size_t end = nl ? (size_t)(nl - l->data) : l->len, n = end - l->pos;
		l->pos = end + 1;
		l->number++;
		if (n && start[n - 1] == '\r')
			n--;
		if (n) {
			*out = str_from(start, n);
			return true;
		}
	}
	return false;
}
