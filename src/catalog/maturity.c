/* maturity.c - ratings to the age scale; see maturity.h. */
#include "catalog/maturity.h"

#include <stddef.h>
#include <string.h>

#include "core/banned.h"

static const struct {
	const char *rating, *system;
	int level;
} ratings[] = {
        {"TV-Y", "US TV", 0},   {"TV-Y7", "US TV", 7}, {"TV-Y7-FV", "US TV", 7},
        {"TV-G", "US TV", 0},   {"TV-PG", "US TV", 7}, {"TV-14", "US TV", 13},
        {"TV-MA", "US TV", 18}, {"G", "MPA", 0},       {"PG", "MPA", 7},
        {"PG-13", "MPA", 13},   {"R", "MPA", 16},      {"NC-17", "MPA", 18},
};

static const struct {
	const char *label;
	int level;
} levels[] = {{"all", 0}, {"7+", 7}, {"13+", 13}, {"16+", 16}, {"18+", 18}};

bool maturity_of_rating(const char *s, int *level_out)
{
	for (size_t i = 0; i < sizeof(ratings) / sizeof(ratings[0]); i++) {
		if (strcmp(s, ratings[i].rating) == 0) {
			*level_out = ratings[i].level;
			return true;
		}
	}
	return false;
}

const char *maturity_system(const char *rating)
{
	for (size_t i = 0; i < sizeof(ratings) / sizeof(ratings[0]); i++)
		if (strcmp(rating, ratings[i].rating) == 0)
			return ratings[i].system;
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
