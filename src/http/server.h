/*
 * server.h - running binge's HTTP API (`binge serve`).
 */
#ifndef BINGE_HTTP_SERVER_H
#define BINGE_HTTP_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct http_config {
	const char *db;           /* store target */
	char host[64];            /* IPv4 address to bind */
	int port;                 /* 0: any free port (printed at start) */
	int threads;              /* request threads and store handles; 0: 4 */
	int64_t clock;            /* fixed "now" (UTC seconds) for tests and demos; 0: real */
	bool log;                 /* a line per request on stderr */
	const char *web_dir;      /* the web player's files (web/); NULL: API only */
	const char *models_dir;   /* trained models (reco/bundle.h), swapped in when newer */
	const char *url_key_path; /* signs media URLs (account/signed_url.h); made if missing */
	int url_ttl;              /* seconds a signed URL lives; 0: SIGNED_URL_TTL_DEFAULT */
	int hash_threads;         /* password checks at once; 0: 1 */
	int hash_queue;           /* checks that may wait; 0: HTTP_HASH_QUEUE_DEFAULT */
	const char *stream_cache; /* HLS segments made on demand; NULL: no HLS */
	int64_t stream_cache_bytes; /* 0: 10 GiB */
	int encoders;             /* FFmpeg encoders at once; 0: half the cores, at least 1 */
	int stream_kbps;          /* cap on any stream's bitrate; 0: none */
	const char *packages;     /* HLS ladders made ahead (media/package.h); NULL: none */
	const char *trickplay;    /* seek-bar previews (media/trickplay.h); NULL: none */
	const char *subtitle_cache; /* WebVTT made from text subtitles (media/subtitle.h) */
	const char *image_cache;    /* artwork resized (media/image.h) */
	bool package_worker;      /* work the packaging queue in a thread (SQLite's default) */
	const char *accel_redirect; /* answer packaged segments with X-Accel-Redirect to this
	                             * prefix + the path under packages; NULL: send them */
	const char *metrics_token;  /* GET /metrics wants it as a bearer token; NULL: off */
	const char *trusted_proxies; /* "ADDR,ADDR": peers whose X-Forwarded-For is believed */
	int popular_every; /* seconds a territory's popular ranking is served before it is
	                    * read again (audience/popular_cache.h); 0: the default; -1:
	                    * read at every request */
};

/*
 * The caller's address behind trusted proxies: peer, unless peer is one of
 * trusted ("ADDR,ADDR", exact addresses); then the rightmost address of
 * forwarded (an X-Forwarded-For value) that is not a trusted proxy, as
 * each proxy appends the address it saw. Anything a client wrote to the
 * left of that is ignored. Written into out[len].
 */
void http_client_behind_proxies(const char *peer, const char *forwarded, const char *trusted,
                                char *out, size_t len);

/* Password checks that may wait for a hash thread before logins get 503. */
#define HTTP_HASH_QUEUE_DEFAULT 32

/* Parses "HOST:PORT" into cfg->host and cfg->port; BG_INVALID with msg. */
enum bg_err http_parse_listen(const char *spec, struct http_config *cfg, char *msg, size_t len);

/*
 * Serves until SIGINT or SIGTERM, then finishes running requests and
 * returns BG_OK. Prints "binge: listening on http://HOST:PORT" on stdout
 * once accepting. Errors (cannot open the database, cannot listen): the
 * code, with msg set.
 */
enum bg_err http_serve(const struct http_config *cfg, char *msg, size_t len);

#endif
