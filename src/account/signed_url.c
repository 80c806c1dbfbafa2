/* signed_url.c - signed, expiring URLs; see signed_url.h. */
#include "account/signed_url.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/file.h"
#include "core/banned.h"

enum bg_err url_key_load(const char *path, struct url_key *out, char *msg, size_t len)
{
	char *data = NULL;
	size_t n = 0;
	enum bg_err rc = file_read_all(path, 4096, &data, &n);
	if (rc == BG_IO && errno == ENOENT) {
		mac_key_new(out->bytes);
		/* The data directory may be new too (binge-data/ beside PostgreSQL servers). */
		char dir[4096];
		snprintf(dir, sizeof(dir), "%s", path);
		char *slash = strrchr(dir, '/');
		if (slash && slash != dir) {
			*slash = '\0';
			mkdir(dir, 0700); /* EEXIST is fine; any other failure shows on write */
		}
		/* Created private: umask alone could leave it readable by others. */
		mode_t old = umask(077);
		rc = file_write_atomic(path, out->bytes, sizeof(out->bytes));
		umask(old);
		if (rc)
			snprintf(msg, len, "cannot create the URL key '%s': %s", path,
			         strerror(errno));
		return rc;
	}
	if (rc) {
		snprintf(msg, len, "cannot read the URL key '%s': %s", path,
		         rc == BG_IO ? strerror(errno) : bg_err_message(rc));
		return rc == BG_TOO_LARGE ? BG_INVALID : rc;
	}
	if (n != sizeof(out->bytes)) {
		free(data);
		snprintf(msg, len, "'%s' is not a URL key: %zu bytes, not %zu", path, n,
		         sizeof(out->bytes));
		return BG_INVALID;
	}
	memcpy(out->bytes, data, sizeof(out->bytes));
	free(data);
	return BG_OK;
}

/* The signed message; every part is a number or a fixed word, so no separator is ambiguous. */
static size_t message(const char *kind, int64_t id, const struct url_grant *g, char *out,
                      size_t len)
{
	int n = snprintf(out, len, "binge-url-1|%s|%" PRId64 "|%" PRId64 "|%" PRId64 "|%" PRId64,
	                 kind, id, g->user_id, g->profile_id, g->expires);
	return n < 0 ? 0 : (size_t)n < len ? (size_t)n : len - 1;
}

void signed_url_query(const struct url_key *key, const char *kind, int64_t id,
                      const struct url_grant *g, char out[SIGNED_URL_QUERY_MAX])
{
	char msg[160], sig[MAC_LEN + 1];
	mac_sign(key->bytes, msg, message(kind, id, g, msg, sizeof(msg)), sig);
	snprintf(out, SIGNED_URL_QUERY_MAX, "exp=%" PRId64 "&u=%" PRId64 "&p=%" PRId64 "&sig=%s",
	         g->expires, g->user_id, g->profile_id, sig);
}

/* A whole number from 0 up in canonical form (no sign, no leading zeros). */
static bool read_id(const char *s, int64_t *out)
{
	if (!s || !*s || strlen(s) > 18 || strspn(s, "0123456789") != strlen(s) ||
	    (s[0] == '0' && s[1]))
		return false;
	*out = strtoll(s, NULL, 10);
	return true;
}

enum bg_err signed_url_check(const struct url_key *key, const char *kind, int64_t id,
                             const char *exp, const char *user, const char *profile,
                             const char *sig, int64_t now, struct url_grant *out, const char **why)
{
	struct url_grant g;
	if (!exp && !sig) {
		*why = "this URL needs a signature (GET /api/v1/media/{id}/playback-info gives "
		       "one)";
		return BG_UNAUTHORIZED;
	}
	if (!read_id(exp, &g.expires) || !read_id(user, &g.user_id) ||
	    !read_id(profile, &g.profile_id) || !sig) {
		*why = "the URL's signature parameters (exp, u, p, sig) are malformed";
		return BG_UNAUTHORIZED;
	}
	char msg[160];
	if (!mac_verify(key->bytes, msg, message(kind, id, &g, msg, sizeof(msg)), sig)) {
		*why = "the URL's signature does not match";
		return BG_UNAUTHORIZED;
	}
	if (g.expires <= now) {
		/* Genuine but spent: refused (403), as a CDN refuses an expired URL. */
		*why = "the signed URL has expired; ask for a new one";
		return BG_FORBIDDEN;
	}
	*out = g;
	return BG_OK;
}
