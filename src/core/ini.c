/* ini.c - key = value files with sections; see ini.h. */
#include "core/ini.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/banned.h"

static char *trimmed(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	char *out = xmalloc(n + 1);
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

static void add(struct ini *ini, const char *section, char *key, char *value, int line)
{
	if (ini->n == ini->cap) {
		ini->cap = ini->cap ? ini->cap * 2 : 16;
		ini->items = xrealloc(ini->items, ini->cap * sizeof(*ini->items));
	}
	ini->items[ini->n++] = (struct ini_entry){xstrdup(section), key, value, line};
}

enum bg_err ini_parse(const char *text, size_t len, struct ini *out, char *msg, size_t msg_len)
{
	*out = (struct ini)INI_INIT;
	char *section = xstrdup("");
	const char *p = text, *end = text + len;
	enum bg_err rc = BG_OK;
	for (int line = 1; p < end && !rc; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *l = trimmed(p, n);
		p += n + (nl != NULL);
		if (!*l || *l == '#' || *l == ';') {
			free(l);
			continue;
		}
		size_t ln = strlen(l);
		char *eq = strchr(l, '=');
		if (l[0] == '[' && l[ln - 1] == ']' && ln > 2) {
			free(section);
			section = trimmed(l + 1, ln - 2);
		} else if (eq && eq != l) {
			char *key = trimmed(l, (size_t)(eq - l));
			char *value = trimmed(eq + 1, strlen(eq + 1));
			size_t vn = strlen(value);
			if (vn && value[0] == '"') {
				if (vn < 2 || value[vn - 1] != '"') {
					snprintf(msg, msg_len, "line %d: a quoted value must end with '\"'", line);
					rc = BG_INVALID;
					free(key);
					free(value);
					free(l);
					break;
				}
				memmove(value, value + 1, vn - 2);
				value[vn - 2] = '\0';
			}
			add(out, section, key, value, line);
		} else {
			snprintf(msg, msg_len, "line %d: expected '[section]' or 'key = value', not '%.60s'",
			         line, l);
			rc = BG_INVALID;
		}
		free(l);
	}
	free(section);
	if (rc)
		ini_release(out);
	return rc;
}

void ini_release(struct ini *ini)
{
	for (size_t i = 0; i < ini->n; i++) {
		free(ini->items[i].section);
		free(ini->items[i].key);
		free(ini->items[i].value);
	}
	free(ini->items);
	*ini = (struct ini)INI_INIT;
}
