/*
 * territory.h - ISO 3166-1 alpha-2 country codes.
 */
#ifndef BINGE_CORE_TERRITORY_H
#define BINGE_CORE_TERRITORY_H

#include <stdbool.h>

/* True if s is an assigned ISO 3166-1 alpha-2 code in upper case ("US"). */
bool territory_is_valid(const char *s);

#endif
