/* csv.c - RFC 4180 records; see csv.h. */
#include "core/csv.h"

#include "core/banned.h"

int csv_split(const char *line, size_t len, char *buf, size_t cap, char **fields, int max)
{
	int n = 0;
	size_t o = 0, i = 0;
	for (;;) {
		if (n == max || o >= cap)
			return -1;
		fields[n++] = buf + o;
		if (i < len && line[i] == '"') {
			i++;
			for (;;) {
				if (i >= len)
					return -1; /* unterminated quote */
				if (line[i] == '"') {
					if (i + 1 < len && line[i + 1] == '"') {
						i += 2;
						if (o + 1 >= cap)
							return -1;
						buf[o++] = '"';
						continue;
					}
					i++;
					break;
				}
				if (o + 1 >= cap)
					return -1;
				buf[o++] = line[i++];
			}
			if (i < len && line[i] != ',')
				return -1; /* text after a closing quote */
		} else {
			while (i < len && line[i] != ',') {
				if (line[i] == '"' || o + 1 >= cap)
					return -1;
				buf[o++] = line[i++];
			}
		}
		buf[o++] = '\0';
		if (i >= len)
			return n;
		i++; /* the comma */
	}
}
