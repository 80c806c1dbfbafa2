/* maturity.c - ratings of several boards to the age scale; see maturity.h. */
#include "catalog/maturity.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/banned.h"

struct rating_age {
	const char *rating;
	int level;
};

#define BOARD_MAX_RATINGS 8

/* pub first, so a board's public pointer is its definition's. */
struct board_def {
	struct rating_board pub;
	const char *alias[3];
	struct rating_age ratings[BOARD_MAX_RATINGS];
};

/* The two US boards first: their ratings are a title's primary rating. */
static const struct board_def boards[] = {
        {{"US TV", "US"},
         {"TV", "TVPG", "TV Parental Guidelines"},
         {{"TV-Y", 0},
          {"TV-Y7", 7},
          {"TV-Y7-FV", 7},
          {"TV-G", 0},
          {"TV-PG", 7},
          {"TV-14", 13},
          {"TV-MA", 18}}},
        {{"MPA", "US"}, {"MPAA"}, {{"G", 0}, {"PG", 7}, {"PG-13", 13}, {"R", 16}, {"NC-17", 18}}},
        {{"BBFC", "GB"},
         {0},
         {{"U", 0}, {"PG", 7}, {"12A", 12}, {"12", 12}, {"15", 15}, {"18", 18}, {"R18", 18}}},
        {{"FSK", "DE"}, {0}, {{"0", 0}, {"6", 6}, {"12", 12}, {"16", 16}, {"18", 18}}},
        {{"ACB", "AU"},
         {0},
         {{"G", 0}, {"PG", 7}, {"M", 15}, {"MA15+", 15}, {"R18+", 18}, {"X18+", 18}}},
        {{"CNC", "FR"}, {"CSA"}, {{"TP", 0}, {"10", 10}, {"12", 12}, {"16", 16}, {"18", 18}}},
        {{"EIRIN", "JP"}, {0}, {{"G", 0}, {"PG12", 12}, {"R15+", 15}, {"R18+", 18}}},
        {{"Kijkwijzer", "NL"},
         {"NICAM"},
         {{"AL", 0}, {"6", 6}, {"9", 9}, {"12", 12}, {"14", 14}, {"16", 16}, {"18", 18}}},
        {{"CBFC", "IN"},
         {0},
         {{"U", 0},
          {"U/A 7+", 7},
          {"UA", 12},
          {"U/A 13+", 13},
          {"U/A 16+", 16},
          {"A", 18},
          {"S", 18}}},
};
#define BOARD_COUNT (sizeof(boards) / sizeof(boards[0]))

static const struct {
	const char *label;
	int level;
} levels[] = {{"all", 0}, {"7+", 7}, {"13+", 13}, {"16+", 16}, {"18+", 18}};

static const struct rating_age *find_rating(const struct board_def *b, const char *s)
{
	for (size_t i = 0; i < BOARD_MAX_RATINGS && b->ratings[i].rating; i++)
		if (strcmp(s, b->ratings[i].rating) == 0)
			return &b->ratings[i];
	return NULL;
}

bool maturity_of_rating(const char *s, int *level_out)
{
	for (size_t i = 0; i < BOARD_COUNT; i++) {
		const struct rating_age *r = maturity_board_is_us(&boards[i].pub)
		                                     ? find_rating(&boards[i], s)
		                                     : NULL;
		if (r) {
			*level_out = r->level;
			return true;
		}
	}
	return false;
}

const char *maturity_system(const char *rating)
{
	for (size_t i = 0; i < BOARD_COUNT; i++)
		if (maturity_board_is_us(&boards[i].pub) && find_rating(&boards[i], rating))
			return boards[i].pub.name;
	return NULL;
}

bool maturity_parse_ceiling(const char *s, int *level_out)
{
	if (maturity_of_rating(s, level_out))
		return true;
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		size_t n = strlen(levels[i].label);
		bool plus = levels[i].label[n - 1] == '+';
		/* "13+" or "13" */
		if (strcmp(s, levels[i].label) == 0 ||
		    (plus && strlen(s) == n - 1 && strncmp(s, levels[i].label, n - 1) == 0)) {
			*level_out = levels[i].level;
			return true;
		}
	}
	return false;
}

const char *maturity_label(int level)
{
	const char *label = "all";
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (level >= levels[i].level)
			label = levels[i].label;
	return label;
}

void maturity_age_label(int level, char out[8])
{
	if (level <= 0)
		snprintf(out, 8, "all");
	else
		snprintf(out, 8, "%d+", level > 99 ? 99 : level);
}

const struct rating_board *maturity_board_named(const char *name)
{
	for (size_t i = 0; i < BOARD_COUNT; i++) {
		if (strcasecmp(name, boards[i].pub.name) == 0)
			return &boards[i].pub;
		for (size_t a = 0; a < 3 && boards[i].alias[a]; a++)
			if (strcasecmp(name, boards[i].alias[a]) == 0)
				return &boards[i].pub;
	}
	return NULL;
}

const struct rating_board *maturity_board_of(const char *territory)
{
	for (size_t i = 0; i < BOARD_COUNT; i++)
		if (strcasecmp(territory, boards[i].pub.territory) == 0)
			return &boards[i].pub;
	return NULL;
}

bool maturity_board_is_us(const struct rating_board *b)
{
	return strcmp(b->territory, "US") == 0;
}

/*
 * A rating compared loosely: upper case, without spaces or slashes, and
 * without a leading '-' (France writes "-12") or the board's own name
 * ("FSK 16", "BBFC: 15").
 */
static void loose(const struct rating_board *b, const char *s, char *out, size_t len)
{
	size_t name_len = strlen(b->name);
	if (strncasecmp(s, b->name, name_len) == 0 && s[name_len] != '\0')
		s += name_len;
	while (*s == ' ' || *s == ':' || *s == '-')
		s++;
	size_t n = 0;
	for (; *s && n + 1 < len; s++)
		if (*s != ' ' && *s != '/')
			out[n++] = (char)toupper((unsigned char)*s);
	out[n] = '\0';
}

bool maturity_board_rating(const struct rating_board *b, const char *s,
                           char out[MATURITY_RATING_LEN], int *level_out)
{
	const struct board_def *def = (const struct board_def *)b;
	char want[32], have[32];
	if (strlen(s) >= sizeof(want))
		return false;
	loose(b, s, want, sizeof(want));
	for (size_t i = 0; i < BOARD_MAX_RATINGS && def->ratings[i].rating; i++) {
		loose(b, def->ratings[i].rating, have, sizeof(have));
		if (strcmp(want, have) == 0) {
			snprintf(out, MATURITY_RATING_LEN, "%s", def->ratings[i].rating);
			*level_out = def->ratings[i].level;
			return true;
		}
	}
	return false;
}

void maturity_board_ratings(const struct rating_board *b, char *out, size_t len)
{
	const struct board_def *def = (const struct board_def *)b;
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < BOARD_MAX_RATINGS && def->ratings[i].rating && used < len; i++) {
		int n = snprintf(out + used, len - used, "%s%s", i ? ", " : "",
		                 def->ratings[i].rating);
		used += n > 0 ? (size_t)n : 0;
	}
}

void maturity_board_names(char *out, size_t len)
{
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < BOARD_COUNT && used < len; i++) {
		int n = snprintf(out + used, len - used, "%s%s (%s)", i ? ", " : "",
		                 boards[i].pub.name, boards[i].pub.territory);
		used += n > 0 ? (size_t)n : 0;
	}
}
