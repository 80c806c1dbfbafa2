/* date.c - parsing of the date forms articles use; see date.h. */
#include "core/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

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

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's method). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Reads exactly n digits at s. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

enum bg_err date_time_parse(const char *s, int64_t *out)
{
	size_t len = strlen(s);
	if (len != 10 && len != DATE_TIME_LEN)
		return BG_INVALID;
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (s[4] != '-' || s[7] != '-' || y < 0 || m < 0 || d < 0 || !date_is_valid(y, m, d))
		return BG_INVALID;
	int hh = 0, mm = 0, ss = 0;
	if (len == DATE_TIME_LEN) {
		hh = digits(s + 11, 2), mm = digits(s + 14, 2), ss = digits(s + 17, 2);
		if (s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' || hh < 0 ||
		    hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59)
			return BG_INVALID;
	}
	*out = days_from_civil(y, m, d) * 86400 + (int64_t)hh * 3600 + (int64_t)mm * 60 + ss;
	return BG_OK;
}

void date_time_format(int64_t t, char out[DATE_TIME_LEN + 1])
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t secs = t - days * 86400;
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	snprintf(out, DATE_TIME_LEN + 1, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)y % 10000u,
	         (unsigned)m % 100u, (unsigned)d % 100u, (unsigned)(secs / 3600) % 100u,
	         (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
}

int64_t date_time_now(void)
{
	return (int64_t)time(NULL);
}

int64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

double monotonic_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
