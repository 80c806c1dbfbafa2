/* fold.c - case and diacritic folding for search keys; see fold.h. */
#include "core/fold.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/mem.h"
#include "core/utf8.h"
#include "core/banned.h"

/* Latin-1 Supplement and Latin Extended-A letters and their base forms. */
static const struct {
	uint16_t lo, hi;
	const char *base;
} latin_ranges[] = {
        {0x00C0, 0x00C5, "a"},  {0x00C6, 0x00C6, "ae"}, {0x00C7, 0x00C7, "c"},
        {0x00C8, 0x00CB, "e"},  {0x00CC, 0x00CF, "i"},  {0x00D0, 0x00D0, "d"},
        {0x00D1, 0x00D1, "n"},  {0x00D2, 0x00D6, "o"},  {0x00D8, 0x00D8, "o"},
        {0x00D9, 0x00DC, "u"},  {0x00DD, 0x00DD, "y"},  {0x00DE, 0x00DE, "th"},
        {0x00DF, 0x00DF, "ss"}, {0x00E0, 0x00E5, "a"},  {0x00E6, 0x00E6, "ae"},
        {0x00E7, 0x00E7, "c"},  {0x00E8, 0x00EB, "e"},  {0x00EC, 0x00EF, "i"},
        {0x00F0, 0x00F0, "d"},  {0x00F1, 0x00F1, "n"},  {0x00F2, 0x00F6, "o"},
        {0x00F8, 0x00F8, "o"},  {0x00F9, 0x00FC, "u"},  {0x00FD, 0x00FD, "y"},
        {0x00FE, 0x00FE, "th"}, {0x00FF, 0x00FF, "y"},  {0x0100, 0x0105, "a"},
        {0x0106, 0x010D, "c"},  {0x010E, 0x0111, "d"},  {0x0112, 0x011B, "e"},
        {0x011C, 0x0123, "g"},  {0x0124, 0x0127, "h"},  {0x0128, 0x0131, "i"},
        {0x0132, 0x0133, "ij"}, {0x0134, 0x0135, "j"},  {0x0136, 0x0138, "k"},
        {0x0139, 0x0142, "l"},  {0x0143, 0x014B, "n"},  {0x014C, 0x0151, "o"},
        {0x0152, 0x0153, "oe"}, {0x0154, 0x0159, "r"},  {0x015A, 0x0161, "s"},
        {0x0162, 0x0167, "t"},  {0x0168, 0x0173, "u"},  {0x0174, 0x0175, "w"},
        {0x0176, 0x0178, "y"},  {0x0179, 0x017E, "z"},  {0x017F, 0x017F, "s"},
};

static const char *latin_base(uint32_t cp)
{
	for (size_t i = 0; i < sizeof(latin_ranges) / sizeof(latin_ranges[0]); i++)
		if (cp >= latin_ranges[i].lo && cp <= latin_ranges[i].hi)
			return latin_ranges[i].base;
	return NULL;
}

static bool is_separator(uint32_t cp)
{
	if (cp < 0x80)
		return !((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		         (cp >= '0' && cp <= '9'));
	return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
	       (cp >= 0x2000 && cp <= 0x206F) || /* general punctuation */
	       (cp >= 0x3000 && cp <= 0x3003) || cp == 0xFEFF;
}

static uint32_t lower_non_latin(uint32_t cp)
{
	if ((cp >= 0x0391 && cp <= 0x03A9) || (cp >= 0x0410 && cp <= 0x042F))
		return cp + 0x20; /* Greek, Cyrillic capitals */
	if (cp >= 0x0400 && cp <= 0x040F)
		return cp + 0x50;
	return cp;
}

void fold_text(const char *s, size_t len, struct buf *out)
{
	size_t pos = 0;
	bool pending_space = false, any = false;
	while (pos < len) {
		uint32_t cp;
		if (!utf8_decode(s, len, &pos, &cp)) {
			pos++;
			cp = ' ';
		}
		if (cp >= 0x0300 && cp <= 0x036F)
			continue; /* combining mark: belongs to the previous letter */
		if (is_separator(cp)) {
			pending_space = any;
			continue;
		}
		if (pending_space) {
			buf_addch(out, ' ');
			pending_space = false;
		}
		any = true;
		const char *base = latin_base(cp);
		if (base) {
			buf_adds(out, base);
		} else if (cp < 0x80) {
			buf_addch(out, (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
		} else {
			char enc[4];
			buf_add(out, enc, utf8_encode(lower_non_latin(cp), enc));
		}
	}
}

char *fold_dup(const char *s)
{
	struct buf b = BUF_INIT(BUF_MAX_LARGE);
	fold_text(s, strlen(s), &b);
	return buf_detach(&b, NULL);
}
