/*
 * signed_url.h - short-lived signed URLs for what a browser fetches without
 * an Authorization header (<video src>, and next HLS segments, subtitles
 * and images), so no bearer token ever travels in a URL, a log line or a
 * Referer.
 *
 * A URL is scoped to one resource kind and id, one account and one profile
 * (0: the account itself, which only an admin may use), and an expiry:
 *
 *   /api/v1/media/42/stream?exp=1767225600&u=7&p=12&sig=<43 chars>
 *   sig = base64url(HMAC-SHA-256(key, "binge-url-1|media|42|7|12|1767225600"))
 *
 * The key is 32 random bytes in a file of the data directory, created on
 * the first start (mode 0600, written atomically). Servers that answer for
 * one address share that file. Pure functions apart from url_key_load().
 */
#ifndef BINGE_ACCOUNT_SIGNED_URL_H
#define BINGE_ACCOUNT_SIGNED_URL_H

#include <stddef.h>
#include <stdint.h>

#include "account/password.h"
#include "core/err.h"

#define SIGNED_URL_TTL_DEFAULT 900 /* seconds: a quarter of an hour */
#define SIGNED_URL_QUERY_MAX   160 /* the query string, with its NUL */

struct url_key {
	unsigned char bytes[MAC_KEY_LEN];
};

/*
 * Reads the key at path, or creates it there when the file does not exist.
 * Errors: BG_IO (cannot read or write; msg says which path and why),
 * BG_INVALID (the file is not a key: wrong size).
 */
enum bg_err url_key_load(const char *path, struct url_key *out, char *msg, size_t len);

/* Who a valid signature was made for. */
struct url_grant {
	int64_t user_id;
	int64_t profile_id; /* 0: the account itself */
	int64_t expires;    /* UTC seconds */
};

/*
 * Writes the query string (without "?") that grants g access to resource
 * kind/id: "exp=...&u=...&p=...&sig=...".
 */
void signed_url_query(const struct url_key *key, const char *kind, int64_t id,
                      const struct url_grant *g, char out[SIGNED_URL_QUERY_MAX]);

/*
 * Checks the query parameters of a request for kind/id at time now (any of
 * them may be NULL when absent). On success fills *out. Errors:
 * BG_UNAUTHORIZED with *why saying what was wrong (missing, malformed, or a
 * signature that does not match); BG_FORBIDDEN when it is genuine but has
 * expired.
 */
enum bg_err signed_url_check(const struct url_key *key, const char *kind, int64_t id,
                             const char *exp, const char *user, const char *profile,
                             const char *sig, int64_t now, struct url_grant *out, const char **why);

#endif
