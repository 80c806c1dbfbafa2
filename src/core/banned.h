/*
 * banned.h - functions binge does not use, made compile errors.
 *
 * They either overflow silently (strcpy, sprintf), keep hidden global state
 * (strtok, gmtime, localtime) or cannot report errors (atoi). Use buf_*,
 * snprintf, strtok_r, gmtime_r and strtol with an end pointer instead.
 * Every binge .c file includes it after all other headers, so system
 * headers still declare the real functions.
 */
#ifndef BINGE_CORE_BANNED_H
#define BINGE_CORE_BANNED_H

#define BANNED(func) sorry_##func##_is_banned_in_binge

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)

#endif
