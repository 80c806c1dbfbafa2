/* date.c - parsing of the date forms articles use; see date.h. */
#include "core/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/banned.h"

static const char *const month_names[12] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};

bool date_is_valid(int year, int month, int day)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (year < 1800 || year > 9999 || month < 1 || month > 12 || day < 1)
		return false;
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	int max = days[month - 1] + (month == 2 && leap);
	return day <= max;
}

/* Reads 1..digits decimal digits at s[*i]; -1 if there are none. */
static int read_number(struct str s, size_t *i, size_t max_digits)
{
	int v = 0;
	size_t n = 0;
	while (*i < s.len && n < max_digits && isdigit((unsigned char)s.ptr[*i])) {
		v = v * 10 + (s.ptr[*i] - '0');
		(*i)++;
		n++;
	}
	if (n == 0 || (*i < s.len && isdigit((unsigned char)s.ptr[*i])))
		return -1;
	return v;
}

/* Reads a month name (full or 3-letter) at s[*i]; 1..12 or -1. */
static int read_month(struct str s, size_t *i)
{
	size_t start = *i, n = 0;
	while (*i < s.len && isalpha((unsigned char)s.ptr[*i])) {
		(*i)++;
		n++;
	}
	if (n < 3)
		return -1;
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(month_names[m]);
		if (n != full && n != 3)
			continue;
		bool eq = true;
		for (size_t k = 0; k < n && eq; k++)
			eq = tolower((unsigned char)s.ptr[start + k]) == month_names[m][k];
		if (eq)
			return m + 1;
	}
	return -1;
}

static void skip_spaces(struct str s, size_t *i)
{
	while (*i < s.len && s.ptr[*i] == ' ')
		(*i)++;
}

static bool format_date(int y, int m, int d, char out[DATE_ISO_LEN + 1])
{
	if (!date_is_valid(y, m, d))
		return false;
	/* Validated above, so each field fits its width. */
	snprintf(out, DATE_ISO_LEN + 1, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
	         (unsigned)d % 100u);
	return true;
}

/* Parses a long-form date starting exactly at s[*i]; advances *i past it. */
static bool parse_long_at(struct str s, size_t *i, char out[DATE_ISO_LEN + 1])
{
	size_t j = *i;
	int y, m, d;
	if (isdigit((unsigned char)s.ptr[j])) { /* 20 November 2015 */
		d = read_number(s, &j, 2);
		if (d < 0 || j >= s.len || s.ptr[j] != ' ')
			return false;
		skip_spaces(s, &j);
		m = read_month(s, &j);
		if (m < 0 || j >= s.len || s.ptr[j] != ' ')
			return false;
		skip_spaces(s, &j);
		y = read_number(s, &j, 4);
	} else { /* November 20, 2015 */
		m = read_month(s, &j);
		if (m < 0 || j >= s.len || s.ptr[j] != ' ')
			return false;
		skip_spaces(s, &j);
		d = read_number(s, &j, 2);
		if (d < 0 || j >= s.len || s.ptr[j] != ',')
			return false;
		j++;
		skip_spaces(s, &j);
		y = read_number(s, &j, 4);
	}
	if (y < 0 || !format_date(y, m, d, out))
		return false;
	*i = j;
	return true;
}

enum bg_err date_parse(struct str text, char out[DATE_ISO_LEN + 1])
{
	struct str s = str_trim(text);
	size_t i = 0;
	if (s.len == 0)
		return BG_INVALID;
	if (s.len == 10 && s.ptr[4] == '-' && s.ptr[7] == '-') {
		int y = read_number(s, &i, 4);
		i = 5;
		int m = read_number(s, &i, 2);
		i = 8;
		int d = read_number(s, &i, 2);
		if (y < 0 || m < 0 || d < 0 || !format_date(y, m, d, out))
			return BG_INVALID;
		return BG_OK;
	}
	if (!parse_long_at(s, &i, out) || i != s.len)
		return BG_INVALID;
	return BG_OK;
}

bool date_find(struct str text, char out[DATE_ISO_LEN + 1], size_t *end_out)
{
	for (size_t i = 0; i < text.len; i++) {
		bool word_start = i == 0 || !isalnum((unsigned char)text.ptr[i - 1]);
		if (!word_start || !isalnum((unsigned char)text.ptr[i]))
			continue;
		size_t j = i;
		if (parse_long_at(text, &j, out)) {
			*end_out = j;
			return true;
		}
	}
	return false;
}
