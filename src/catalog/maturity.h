/*
 * maturity.h - maturity ratings of several boards on one age scale.
 *
 * A title has a primary rating in the US systems (TV Parental Guidelines
 * or MPA) and may carry a certification per territory from that
 * territory's board. Every rating maps to an age; a profile has one
 * ceiling (an age) and may watch a title whose age is at most its ceiling.
 *
 *     board        territory  ratings (age)
 *     US TV        US         TV-Y TV-G (0), TV-Y7 TV-Y7-FV TV-PG (7), TV-14 (13), TV-MA (18)
 *     MPA          US         G (0), PG (7), PG-13 (13), R (16), NC-17 (18)
 *     BBFC         GB         U (0), PG (7), 12A 12 (12), 15 (15), 18 R18 (18)
 *     FSK          DE         0, 6, 12, 16, 18
 *     ACB          AU         G (0), PG (7), M MA15+ (15), R18+ X18+ (18)
 *     CNC          FR         TP (0), 10, 12, 16, 18
 *     EIRIN        JP         G (0), PG12 (12), R15+ (15), R18+ (18)
 *     Kijkwijzer   NL         AL (0), 6, 9, 12, 14, 16, 18
 *     CBFC         IN         U (0), U/A 7+ (7), UA (12), U/A 13+ (13), U/A 16+ (16), A S (18)
 *
 * Sources and the fallback for territories without a certification are in
 * docs/api.md ("Maturity ratings"). Unrated titles count as 18+.
 * Pure functions over constant tables; safe from any thread.
 */
#ifndef BINGE_CATALOG_MATURITY_H
#define BINGE_CATALOG_MATURITY_H

#include <stdbool.h>
#include <stddef.h>

#define MATURITY_UNRATED    18
#define MATURITY_RATING_LEN 16 /* longest canonical rating, with its NUL */

/* The age of a US rating ("TV-MA" -> 18); false if s is not one. */
bool maturity_of_rating(const char *s, int *level_out);

/* The rating system of a US rating: "US TV" or "MPA"; NULL otherwise. */
const char *maturity_system(const char *rating);

/*
 * Parses a profile ceiling: a US rating ("TV-14") or an age level ("13+",
 * "all", "18"). False if s is neither.
 */
bool maturity_parse_ceiling(const char *s, int *level_out);

/* The ceiling level below or at level: "all", "7+", "13+", "16+" or "18+". */
const char *maturity_label(int level);

/* A title's age as shown to viewers: "all" for 0, else "15+". */
void maturity_age_label(int level, char out[8]);

struct rating_board {
	const char *name;      /* "BBFC" */
	const char *territory; /* ISO 3166-1 alpha-2 of the viewers it governs */
};

/*
 * The board called name (case-insensitive; "TV" and "TVPG" name US TV);
 * NULL if binge knows no such board.
 */
const struct rating_board *maturity_board_named(const char *name);

/* The board of viewers in territory (case-insensitive "gb"); NULL if none. */
const struct rating_board *maturity_board_of(const char *territory);

/*
 * A board's rating s, spelled loosely ("fsk 16", "12a", "-12", "U/A 13+"),
 * as its canonical spelling (out, "12A") and age. False if the board has
 * no such rating.
 */
bool maturity_board_rating(const struct rating_board *b, const char *s,
                           char out[MATURITY_RATING_LEN], int *level_out);

/* The board's ratings for an error message: "U, PG, 12A, 12, 15, 18, R18". */
void maturity_board_ratings(const struct rating_board *b, char *out, size_t len);

/* The boards binge knows, for an error message: "US TV, MPA, BBFC, ...". */
void maturity_board_names(char *out, size_t len);

/* True if b rates for US viewers: its ratings are a title's primary rating. */
bool maturity_board_is_us(const struct rating_board *b);

#endif
