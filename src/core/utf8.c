/* utf8.c - strict UTF-8 decoder; see utf8.h. */
#include "core/utf8.h"

#include "core/banned.h"

bool utf8_decode(const char *s, size_t len, size_t *pos, uint32_t *out)
{
	const unsigned char *p = (const unsigned char *)s + *pos;
	size_t avail = len - *pos;
	if (avail == 0)
		return false;
	unsigned char c = p[0];
	if (c < 0x80) {
		*out = c;
		*pos += 1;
		return true;
	}
	size_t need;
	uint32_t cp, min;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 2, cp = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3, cp = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4, cp = c & 0x07, min = 0x10000;
	} else {
		return false; /* continuation byte, overlong lead, or > U+10FFFF */
	}
	if (avail < need)
		return false;
	for (size_t i = 1; i < need; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return false;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return false;
	*out = cp;
	*pos += need;
	return true;
}

size_t utf8_valid_prefix(const char *s, size_t len)
{
	size_t pos = 0;
	uint32_t cp;
	while (pos < len) {
		if ((unsigned char)s[pos] < 0x80) {
			pos++;
			continue;
		}
		if (!utf8_decode(s, len, &pos, &cp))
			break;
	}
	return pos;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}
