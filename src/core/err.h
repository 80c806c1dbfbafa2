/*
 * err.h - binge's result codes.
 *
 * Every fallible function returns enum bg_err; BG_OK is 0 so `if (rc)` reads
 * as "if it failed". Codes, their stable names (used in JSON error bodies and
 * logs) and default messages come from the one table below, so a new code is
 * one line. The HTTP status mapping, when it exists, lives in http/.
 */
#ifndef BINGE_CORE_ERR_H
#define BINGE_CORE_ERR_H

#define BG_ERR_MAP(X)                                                         \
	X(OK, "ok", "success")                                                \
	X(ROW, "row", "a row is available")                                   \
	X(DONE, "done", "no more rows")                                       \
	X(INVALID, "invalid", "invalid input")                                \
	X(UNAUTHORIZED, "unauthorized", "authentication required")            \
	X(FORBIDDEN, "forbidden", "not allowed")                              \
	X(UNAVAILABLE, "unavailable", "not available in this territory")      \
	X(RATE_LIMITED, "rate_limited", "too many attempts; try again later") \
	X(NOT_FOUND, "not_found", "not found")                                \
	X(CONFLICT, "conflict", "conflicts with existing data")               \
	X(TOO_LARGE, "too_large", "input exceeds a limit")                    \
	X(BUSY, "busy", "the database is busy")                               \
	X(IO, "io", "input/output error")                                     \
	X(DB, "db", "database error")                                         \
	X(SCHEMA, "schema", "database schema is not supported")               \
	X(NOMEM, "nomem", "out of memory")

enum bg_err {
#define BG_ERR_ENUM(name, str, msg) BG_##name,
	BG_ERR_MAP(BG_ERR_ENUM)
#undef BG_ERR_ENUM
};

/* The stable lower-case name of a code, e.g. "not_found". Never NULL. */
const char *bg_err_name(enum bg_err err);

/* A short default message for a code. Never NULL. */
const char *bg_err_message(enum bg_err err);

#endif
