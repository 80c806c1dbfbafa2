/*
 * server.c - binge's HTTP/1.1 server on libmicrohttpd: the only file that
 * includes microhttpd.h.
 *
 * Threads: MHD's thread pool (epoll, keep-alive) runs requests; each request
 * borrows a store handle from a pool of the same size. The main thread
 * blocks SIGINT and SIGTERM before any thread starts and waits for them;
 * on either it stops accepting, lets running requests finish and returns.
 *
 * A request's life (MHD calls the access handler several times):
 *
 *   1st call: allocate conn_state, return (queueing a response now would
 *             make MHD 0.9.75 send "Connection: close")
 *             (or answer 413 at once if Content-Length is over the limit:
 *             HTTP_MAX_BODY, or HTTP_MAX_EVENTS_BODY for event batches)
 *   body:     append to conn_state.body up to the limit, discard beyond
 *   last:     route -> admit (the route's access class) -> handler ->
 *             JSON response, log line
 *   suspended: a handler that asked for a secret check (http_check_begin)
 *             gets no response yet: the request is suspended, the check
 *             runs on the hash pool, whose callback resumes the request;
 *             MHD then calls the last step again and the handler finishes.
 *
 * Shutdown: stop accepting, let the hash pool finish (resuming every
 * suspended request), then let MHD finish the requests in flight.
 */
#include "http/server.h"
#include "http/file_wait.h"
#include "media/encoder.h"

#include <arpa/inet.h>
#include <assert.h>
#include <ctype.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "account/hash_pool.h"
#include "account/signed_url.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/slot_cache.h"
#include "playback/playback_store.h"
#include "http/http.h"
#include "http/metrics.h"
#include "account/password.h"
#include "http/response_cache.h"
#include "reco/model.h"
#include "reco/model_slot.h"
#include "catalog/catalog_store.h"
#include "store/generation.h"
#include "store/store.h"
#include "media/package_worker.h"
#include "store/store_pool.h"
#include "audience/popular_cache.h"
#include "audience/event_group.h"
#include "core/date.h"
#include "core/banned.h"

/* Admitted signed URL grants kept: one per account and profile fetching images. */
#define GRANT_CACHE_SLOTS 1024
/* "New on binge" rows kept: one per territory and ceiling in the current second. */
#define NEW_ROW_CACHE_SLOTS 64

/* A viewer read's JSON answer is kept up to this size (a title page is 2-20 kB). */
#define RESPONSE_CACHE_JSON_MAX ((size_t)32 * 1024)

struct server {
	struct store_pool *pool;
	const struct http_config *cfg;
	struct response_cache *cache;        /* viewer reads' JSON answers */
	struct response_cache *signed_cache; /* signed images' answers */
	struct slot_cache *grants;           /* admitted signed URL grants */
	struct model_slot *models;
	struct hash_pool *hashes;
	struct url_key url_key;
	struct encoder_pool *encoders;
	struct file_waiter *waiter;
	struct package_thread *packager;
	struct metrics *metrics;
	struct popular_cache *popular;
	struct slot_cache *new_rows; /* "New on binge" by its inputs (h_playback.c) */
	struct event_group *events;  /* group commit of POST /api/v1/events */
};

/* A handler's secret check with what the server needs to run it. */
struct pending_check {
	struct http_check check; /* the handler's */
	struct hash_job job;
	struct MHD_Connection *conn;
};

struct conn_state {
	struct buf body;
	bool too_large;
	struct timespec started;
	struct pending_check *pending; /* asked for by the handler */
	bool checked;                  /* pending has run: the handler's second call */
	char *wait_path;               /* the handler asked to wait for this file */
	int wait_ms;
	int waits;                     /* how often it has waited */
	const struct http_route *route; /* the request's, for the metrics; NULL: none */
	bool counted;                     /* in flight, counted */
};

int http_status_of(enum bg_err err)
{
	switch (err) {
	case BG_OK:
	case BG_ROW:
	case BG_DONE:
		return 200;
	case BG_INVALID:
		return 400;
	case BG_UNAUTHORIZED:
		return 401;
	case BG_FORBIDDEN:
		return 403;
	case BG_NOT_FOUND:
		return 404;
	case BG_CONFLICT:
		return 409;
	case BG_TOO_LARGE:
		return 413;
	case BG_RATE_LIMITED:
		return 429;
	case BG_UNAVAILABLE:
		return 451;
	case BG_BUSY:
		return 503;
	case BG_IO:
	case BG_DB:
	case BG_SCHEMA:
	case BG_NOMEM:
		return 500;
	}
	return 500;
}

void http_fail(struct http_resp *resp, enum bg_err err, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	json_decref(resp->body);
	resp->status = http_status_of(err);
	resp->body = json_pack("{s:{s:s,s:s}}", "error", "code", bg_err_name(err), "message", msg);
}

void http_fail_store(struct http_resp *resp, enum bg_err err, struct store *st)
{
	/* Server-side failures do not leak database details to clients. */
	if (http_status_of(err) >= 500) {
		fprintf(stderr, "binge: error: %s\n", store_errmsg(st));
		http_fail(resp, err, "%s", bg_err_message(err));
		return;
	}
	http_fail(resp, err, "%s", store_errmsg(st));
}

void http_ok(struct http_resp *resp, int status, json_t *body)
{
	json_decref(resp->body);
	resp->status = status;
	resp->body = body;
}

void http_add_header(struct http_resp *resp, const char *name, const char *fmt, ...)
{
	if (resp->header_count >= HTTP_MAX_EXTRA_HEADERS)
		return;
	va_list ap;
	va_start(ap, fmt);
	resp->headers[resp->header_count].name = name;
	vsnprintf(resp->headers[resp->header_count].value,
	          sizeof(resp->headers[resp->header_count].value), fmt, ap);
	va_end(ap);
	resp->header_count++;
}

const char *http_header(const struct http_req *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_query(const struct http_req *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

json_t *http_json_body(const struct http_req *req, struct http_resp *resp)
{
	json_error_t err;
	json_t *v = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &err);
	if (!v) {
		http_fail(resp, BG_INVALID, "body: malformed JSON at line %d column %d: %s",
		          err.line, err.column, err.text);
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		http_fail(resp, BG_INVALID, "body: must be a JSON object");
		return NULL;
	}
	return v;
}

bool http_only_fields(json_t *obj, const char *const *allowed, struct http_resp *resp)
{
	const char *key;
	json_t *val;
	json_object_foreach(obj, key, val)
	{
		bool ok = false;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = strcmp(*a, key) == 0;
		if (!ok) {
			http_fail(resp, BG_INVALID, "unknown field '%.64s'", key);
			return false;
		}
	}
	return true;
}

static int64_t server_now(const struct server *s)
{
	return s->cfg->clock ? s->cfg->clock : date_time_now();
}

/* Refuses a caller the route's access class does not admit; "needs" names the class. */
static bool refuse(struct http_resp *resp, enum bg_err err, enum http_access access,
                   const char *why)
{
	http_fail(resp, err, "%s", why);
	json_object_set_new(json_object_get(resp->body, "error"), "needs",
	                    json_string(http_access_name(access)));
	return false;
}

/* Checks a signed URL's signature and expiry; false with resp set if they fail. */
static bool signature_holds(struct server *s, const struct http_route *route,
                            struct http_req *req, struct http_resp *resp, struct url_grant *g)
{
	const char *why = NULL;
	/* Artwork is signed as "image", everything under /media as "media". */
	const char *kind = strncmp(route->pattern, "/api/v1/images/", 15) == 0 ? "image" : "media";
	enum bg_err rc = signed_url_check(
	        &s->url_key, kind, req->params[0], http_query(req, "exp"), http_query(req, "u"),
	        http_query(req, "p"), http_query(req, "sig"), req->now, g, &why);
	return rc ? refuse(resp, rc, route->access, why) : true;
}

/*
 * A signed URL's caller: the account and profile it was signed for, as
 * they are now (a profile deleted or moved since, an account disabled or
 * no longer admin, is refused).
 */
static bool admit_grant(const struct http_route *route, const struct url_grant *g,
                        struct http_req *req, struct http_resp *resp)
{
	char *pin_hash = NULL;
	enum bg_err rc = account_store_user(req->st, g->user_id, &req->who.user);
	if (!rc && g->profile_id)
		rc = account_store_profile(req->st, g->profile_id, &req->who.profile, &pin_hash);
	free(pin_hash);
	bool fits = !rc && !req->who.user.disabled &&
	            (g->profile_id ? req->who.profile.user_id == g->user_id : req->who.user.admin);
	if (!fits) {
		if (rc && rc != BG_NOT_FOUND)
			return http_fail_store(resp, rc, req->st), false;
		return refuse(resp, BG_UNAUTHORIZED, route->access,
		              "the signed URL's account or profile no longer allows it");
	}
	req->who.has_profile = g->profile_id != 0;
	auth_viewer(&req->who, req->now, &req->viewer);
	return true;
}

static bool admit_signed(struct server *s, const struct http_route *route, struct http_req *req,
                         struct http_resp *resp)
{
	struct url_grant g;
	return signature_holds(s, route, req, resp, &g) && admit_grant(route, &g, req, resp);
}

/* Authenticates and authorises req for a route; false with resp set if not. */
static bool admit(struct server *s, const struct http_route *route, struct http_req *req,
                  struct http_resp *resp)
{
	switch (route->access) {
	case ACCESS_PUBLIC:
		return true;
	case ACCESS_SIGNED:
		return admit_signed(s, route, req, resp);
	case ACCESS_UNDECLARED:
		fprintf(stderr, "binge: error: route %s %s declares no access class\n",
		        route->method, route->pattern);
		http_fail(resp, BG_IO, "this route declares no access class");
		return false;
	case ACCESS_ACCOUNT:
	case ACCESS_PROFILE:
	case ACCESS_VIEWER:
	case ACCESS_ADMIN:
		break;
	}
	const char *h = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND,
	                                            MHD_HTTP_HEADER_AUTHORIZATION);
	const char *token = h && strncmp(h, "Bearer ", 7) == 0 ? h + 7 : NULL;
	enum bg_err rc = auth_authenticate(req->st, token, req->now, &req->who);
	if (rc == BG_UNAUTHORIZED || rc == BG_NOT_FOUND)
		return refuse(resp, BG_UNAUTHORIZED, route->access, store_errmsg(req->st));
	if (rc)
		return http_fail_store(resp, rc, req->st), false;
	/* After an admin's reset, the account may only change its password. */
	if (req->who.user.must_change_password && strcmp(route->pattern, "/api/v1/logout") != 0 &&
	    strcmp(route->pattern, "/api/v1/account/password") != 0)
	{
		http_fail(resp, BG_FORBIDDEN,
		          "change the password first (POST /api/v1/account/password): an admin "
		          "reset it");
		json_object_set_new(json_object_get(resp->body, "error"), "needs",
		                    json_string("password_change"));
		return false;
	}
	bool profile = req->who.has_profile;
	bool admin_account = req->who.user.admin && !profile;
	switch (route->access) {
	case ACCESS_ACCOUNT:
		if (profile)
			return refuse(resp, BG_FORBIDDEN, route->access,
			              "this needs the account token, not a profile's: "
			              "switch profiles through the profile picker");
		break;
	case ACCESS_PROFILE:
		if (!profile)
			return refuse(resp, BG_FORBIDDEN, route->access,
			              "this belongs to a profile: select one first "
			              "(POST /api/v1/profiles/{id}/select)");
		break;
	case ACCESS_VIEWER:
		if (!profile && !admin_account)
			return refuse(resp, BG_FORBIDDEN, route->access,
			              "select a profile first (POST /api/v1/profiles/{id}/select)");
		break;
	default: /* ACCESS_ADMIN */
		if (!admin_account)
			return refuse(resp, BG_FORBIDDEN, route->access,
			              profile && req->who.user.admin
			                      ? "this needs the admin's account token; a profile "
			                        "token never carries admin rights"
			                      : "this needs an admin account");
		break;
	}
	auth_viewer(&req->who, req->now, &req->viewer);
	return true;
}

void http_wait_for_file(struct http_req *req, const char *path, int timeout_ms)
{
	struct conn_state *cs = req->conn_state;
	free(cs->wait_path);
	cs->wait_path = xstrdup(path);
	cs->wait_ms = timeout_ms;
}

/* Suspends the request until its file exists: true, or false with a 503. */
static bool start_wait(struct server *s, struct MHD_Connection *conn, struct conn_state *cs,
                       struct http_resp *resp)
{
	cs->waits++;
	MHD_suspend_connection(conn);
	bool waiting = s->waiter && file_waiter_add(s->waiter, conn, cs->wait_path, cs->wait_ms);
	free(cs->wait_path);
	cs->wait_path = NULL;
	if (waiting)
		return true;
	MHD_resume_connection(conn);
	http_fail(resp, BG_BUSY, "the server is stopping; try again");
	resp->retry_after = 2;
	return false;
}

struct http_check *http_check_begin(struct http_req *req)
{
	struct conn_state *cs = req->conn_state;
	assert(!cs->pending);
	cs->pending = xcalloc(1, sizeof(*cs->pending));
	return &cs->pending->check;
}

void http_check_later(struct http_req *req, const struct auth_attempt *a, const char *secret,
                      const char *new_secret)
{
	struct http_check *c = http_check_begin(req);
	c->attempt = *a;
	snprintf(c->secret, sizeof(c->secret), "%s", secret);
	if (new_secret)
		snprintf(c->new_secret, sizeof(c->new_secret), "%s", new_secret);
}

void http_hash_later(struct http_req *req, const char *new_secret)
{
	struct http_check *c = http_check_begin(req);
	c->hash_only = true;
	snprintf(c->new_secret, sizeof(c->new_secret), "%s", new_secret);
}

/*
 * GET /metrics: the Prometheus text, for a scraper holding --metrics-token;
 * 404 when the server was started without one (off by default).
 */
static void serve_metrics(struct server *s, struct http_req *req, struct http_resp *resp)
{
	const char *h = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND,
	                                            MHD_HTTP_HEADER_AUTHORIZATION);
	const char *token = h && strncmp(h, "Bearer ", 7) == 0 ? h + 7 : "";
	if (!s->cfg->metrics_token) {
		http_fail(resp, BG_NOT_FOUND, "metrics are off: start binge serve with --metrics-token");
		return;
	}
	if (!secret_equal(token, s->cfg->metrics_token)) {
		http_fail(resp, BG_UNAUTHORIZED, "GET /metrics wants the metrics token as a bearer token");
		return;
	}
	struct metrics_now now = {
	        .encoders_running = s->encoders ? encoder_pool_running(s->encoders) : 0,
	        .db_handles = store_pool_open_count(s->pool),
	        .model_age_s = -1};
	store_pool_waits(s->pool, &now.db_waits, &now.db_timeouts);
	const struct reco_bundle *b = s->models ? model_slot_get(s->models) : NULL;
	if (b) {
		now.model_age_s = (double)(server_now(s) - b->trained_at);
		model_slot_put(s->models, b);
	}
	struct buf out = BUF_INIT(BUF_MAX_LARGE);
	metrics_render(s->metrics, &now, &out);
	resp->status = 200;
	resp->content_type = "text/plain; version=0.0.4; charset=utf-8";
	resp->text = buf_detach(&out, NULL);
}

void h_metrics(struct http_req *req, struct http_resp *resp)
{
	/* Answered in dispatch() by serve_metrics(), which holds the server. */
	(void)req;
	http_fail(resp, BG_NOT_FOUND, "metrics are answered by the server");
}

/* The hash pool's callback: the check is done, so the request may go on. */
static void check_done(struct hash_job *job)
{
	struct pending_check *p = job->arg;
	p->check.matched = job->matched;
	p->check.new_hashed = job->new_hashed;
	memcpy(p->check.new_hash, job->new_hash, sizeof(p->check.new_hash));
	MHD_resume_connection(p->conn); /* last: the connection may be served at once */
}

static void pending_free(struct conn_state *cs)
{
	if (!cs->pending)
		return;
	secret_wipe(cs->pending, sizeof(*cs->pending));
	free(cs->pending);
	cs->pending = NULL;
}

/*
 * Runs the check a handler asked for: true with the request suspended, or
 * false with a 503 when the pool is full.
 */
static bool start_check(struct server *s, struct MHD_Connection *conn, struct conn_state *cs,
                        struct http_resp *resp)
{
	if (!hash_pool_reserve(s->hashes)) {
		pending_free(cs);
		http_fail(resp, BG_BUSY, "too many sign-ins at once; retry in a moment");
		resp->retry_after = 2;
		return false;
	}
	struct pending_check *p = cs->pending;
	p->conn = conn;
	p->job =
	        (struct hash_job){.hash = p->check.hash_only ? NULL : p->check.attempt.hash,
	                          .secret = p->check.secret,
	                          .new_secret = p->check.new_secret[0] ? p->check.new_secret : NULL,
	                          .done = check_done,
	                          .arg = p};
	cs->checked = true;
	/* Suspended before it is queued, so the resume can never come first. */
	MHD_suspend_connection(conn);
	hash_pool_submit(s->hashes, &p->job);
	return true;
}

/*
 * One decoded query parameter in the cache key, each part prefixed with its
 * length: "q=the&kind=film" (two parameters) and "q=the%26kind%3Dfilm" (one
 * value holding & and =) decode to different keys. Order and repeats are
 * kept, since a handler reads the first of repeated parameters.
 */
static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
	(void)kind;
	if (value)
		buf_addf(cls, "%zu:%s=%zu:%s;", strlen(key), key, strlen(value), value);
	else
		buf_addf(cls, "%zu:%s;", strlen(key), key);
	return MHD_YES;
}

/*
 * A viewer read through the response cache (response_cache.h): the key is
 * everything the answer depends on, so a hit is the handler's answer.
 */
static void cached_read(struct server *s, const struct http_route *route, struct http_req *req,
                        struct http_resp *resp)
{
	/* The generation and the handler's statements as one run
	 * (store_reads_begin): on SQLite one snapshot, and one set of locks. */
	store_reads_begin(req->st);
	int64_t generation;
	if (catalog_store_generation(req->st, &generation)) {
		route->handler(req, resp);
		store_reads_end(req->st);
		return;
	}
	const struct viewer *v = &req->viewer;
	struct buf key = BUF_INIT(4096);
	/* Answers carry image URLs signed for the caller until the hour's end
	 * (http_add_images): the account, the profile and the hour count too. */
	buf_addf(&key, "%lld|%d|%d|%s|%s|%lld|%lld|%lld|%s?", (long long)generation,
	         v->unrestricted, v->ceiling, v->territory, v->now, (long long)req->who.user.id,
	         req->who.has_profile ? (long long)req->who.profile.id : 0LL,
	         (long long)http_image_hour(req->now), req->path);
	MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, add_arg, &key);
	bool hit = false;
	if (buf_error(&key)) /* an absurdly long query: answer, do not cache */
		route->handler(req, resp);
	else if (!(hit = response_cache_answer(s->cache, key.ptr, resp)))
		route->handler(req, resp);
	store_reads_end(req->st);
	if (!buf_error(&key)) {
		metrics_cache(s->metrics, hit);
		if (!hit && resp->status == 200 && resp->body) {
			resp->text = json_dumps(resp->body, JSON_COMPACT | JSON_REAL_PRECISION(15));
			if (resp->text)
				response_cache_keep(s->cache, key.ptr, resp);
		}
	}
	buf_release(&key);
}

/* add_arg without the signed URL's grant (exp, u, p, sig), which every viewer's URL has its own of. */
static enum MHD_Result add_unsigned_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                        const char *value)
{
	static const char *const grant[] = {"exp", "u", "p", "sig"};
	for (size_t i = 0; i < sizeof(grant) / sizeof(grant[0]); i++)
		if (strcmp(key, grant[i]) == 0)
			return MHD_YES;
	return add_arg(cls, kind, key, value);
}

/*
 * admit_grant through the server's cache of admitted grants, keyed by the
 * accounts' generation (store/generation.h): a page's thirty images read
 * the account and the profile once.
 */
static bool admit_grant_cached(struct server *s, const struct http_route *route,
                               const struct url_grant *g, int64_t account_generation,
                               struct http_req *req, struct http_resp *resp)
{
	char key[96];
	snprintf(key, sizeof(key), "%lld|%lld|%lld", (long long)account_generation,
	         (long long)g->user_id, (long long)g->profile_id);
	size_t len;
	char *who = slot_cache_get(s->grants, key, &len);
	if (who && len == sizeof(req->who)) {
		memcpy(&req->who, who, sizeof(req->who));
		free(who);
		auth_viewer(&req->who, req->now, &req->viewer);
		return true;
	}
	free(who);
	if (!admit_grant(route, g, req, resp))
		return false;
	slot_cache_put(s->grants, key, &req->who, sizeof(req->who));
	return true;
}

/*
 * A signed image read through the second response cache. The signature
 * and expiry are checked first (signed_cached_read), so only an authentic,
 * live URL gets this far; the grant's account and profile are admitted as
 * they are now.
 * The key then holds everything the answer depends on: the catalogue's
 * generation (any change to an image or to its title's visibility raises
 * it, in any process), the viewer's class (territory, maturity ceiling,
 * unrestricted), the second (licence windows open and close on it), the
 * path and query without the grant, and the headers the answer varies by.
 * Viewers of one class share the answer: a hit skips the image and
 * visibility queries and the file.
 */
static void signed_cached_answer(struct server *s, const struct http_route *route,
                                 const struct url_grant *g, struct http_req *req,
                                 struct http_resp *resp)
{
	int64_t gen[GENERATION_COUNT];
	if (generation_read(req->st, gen)) {
		if (admit_grant(route, g, req, resp))
			route->handler(req, resp);
		return;
	}
	if (!admit_grant_cached(s, route, g, gen[GENERATION_ACCOUNT], req, resp))
		return;
	const struct viewer *v = &req->viewer;
	const char *accept = http_header(req, "Accept"), *match = http_header(req, "If-None-Match");
	struct buf key = BUF_INIT(1024);
	buf_addf(&key, "%lld|%d|%d|%s|%s|%zu:%s|%zu:%s|%s?", (long long)gen[GENERATION_CATALOG],
	         v->unrestricted, v->ceiling, v->territory, v->now, accept ? strlen(accept) : 0,
	         accept ? accept : "", match ? strlen(match) : 0, match ? match : "", req->path);
	MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, add_unsigned_arg, &key);
	if (buf_error(&key)) { /* an absurdly long header or query: answer, do not cache */
		buf_release(&key);
		route->handler(req, resp);
		return;
	}
	bool hit = response_cache_answer(s->signed_cache, key.ptr, resp);
	metrics_cache(s->metrics, hit);
	if (!hit) {
		route->handler(req, resp);
		if ((resp->status == 200 || resp->status == 304) && resp->file_fd < 0)
			response_cache_keep(s->signed_cache, key.ptr, resp);
	}
	buf_release(&key);
}

static void signed_cached_read(struct server *s, const struct http_route *route,
                               struct http_req *req, struct http_resp *resp)
{
	struct url_grant g;
	if (!signature_holds(s, route, req, resp, &g))
		return;
	/* The generations, the grant and the handler as one run of reads. */
	store_reads_begin(req->st);
	signed_cached_answer(s, route, &g, req, resp);
	store_reads_end(req->st);
}

/*
 * The web player's files: "/" is index.html, and a path names a file
 * directly in web_dir only if it is [a-z0-9_-]+ with a known extension, so
 * no request can reach outside that folder.
 */

static bool serve_static(struct server *s, const char *url, struct http_resp *resp)
{
	static const struct {
		const char *ext, *type;
	} types[] = {{".html", "text/html; charset=utf-8"},
	             {".js", "text/javascript; charset=utf-8"},
	             {".css", "text/css; charset=utf-8"},
	             {".svg", "image/svg+xml"}};
	if (!s->cfg->web_dir || strncmp(url, "/api/", 5) == 0)
		return false;
	char path[4200];
	if (strcmp(url, "/vendor/hls.js") == 0) {
		/* hls.js from npm, pinned in web/package-lock.json: served here, no CDN. */
		snprintf(path, sizeof(path), "%s/node_modules/hls.js/dist/hls.min.js",
		         s->cfg->web_dir);
		return http_send_file(resp, path, "text/javascript; charset=utf-8", "no-cache");
	}
	const char *name = strcmp(url, "/") == 0 ? "index.html" : url + 1;
	const char *dot = strrchr(name, '.');
	const char *type = NULL;
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			type = types[i].type;
	if (!type || dot == name || strlen(name) > 64)
		return false;
	for (const char *p = name; p < dot; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_' ||
		      *p == '-'))
			return false;
	snprintf(path, sizeof(path), "%s/%s", s->cfg->web_dir, name);
	return http_send_file(resp, path, type, "no-cache");
}

/*
 * Files up to this size are read and sent in one write with the headers.
 * With sendfile() MHD writes the headers first, then the file: two TCP
 * segments. A cached image hit took 57-61 us of server CPU that way, 51 us
 * this way (docs/catalogue.md).
 */
#define HTTP_INLINE_FILE_MAX ((off_t)64 * 1024)

/* Reads the whole of a small file at fd into resp->text; false on a short read. */
static bool inline_file(struct http_resp *resp, int fd, off_t size)
{
	char *bytes = xmalloc((size_t)size + 1);
	size_t got = 0;
	while (got < (size_t)size) {
		ssize_t n = pread(fd, bytes + got, (size_t)size - got, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got != (size_t)size) { /* shrunk while read: not this file as it was */
		free(bytes);
		return false;
	}
	bytes[got] = '\0';
	resp->text = bytes;
	resp->text_len = got;
	return true;
}

bool http_send_file(struct http_resp *resp, const char *path, const char *type,
                    const char *cache_control)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
		return false;
	}
	if (sb.st_size <= HTTP_INLINE_FILE_MAX) {
		bool ok = inline_file(resp, fd, sb.st_size);
		close(fd);
		if (!ok)
			return false;
	} else {
		resp->file_fd = fd;
		resp->file_offset = 0;
		resp->file_length = (uint64_t)sb.st_size;
	}
	resp->status = 200;
	resp->content_type = type;
	http_add_header(resp, "Cache-Control", "%s", cache_control);
	return true;
}

/* Whether addr is one of list's comma-separated addresses. */
static bool listed(const char *list, const char *addr, size_t addr_len)
{
	for (const char *p = list; p && *p;) {
		size_t n = strcspn(p, ",");
		while (n && p[n - 1] == ' ')
			n--;
		if (n == addr_len && strncmp(p, addr, n) == 0)
			return true;
		p += strcspn(p, ",");
		p += *p == ',';
		while (*p == ' ')
			p++;
	}
	return false;
}

void http_client_behind_proxies(const char *peer, const char *forwarded, const char *trusted,
                                char *out, size_t len)
{
	snprintf(out, len, "%s", peer);
	if (!trusted || !forwarded || !listed(trusted, peer, strlen(peer)))
		return;
	/* From the right: each hop a trusted proxy appended, until one that is not. */
	size_t end = strlen(forwarded);
	while (end > 0) {
		size_t start = end;
		while (start > 0 && forwarded[start - 1] != ',')
			start--;
		size_t a = start, b = end;
		while (a < b && forwarded[a] == ' ')
			a++;
		while (b > a && forwarded[b - 1] == ' ')
			b--;
		if (b > a && !listed(trusted, forwarded + a, b - a)) {
			snprintf(out, len, "%.*s", (int)(b - a), forwarded + a);
			return;
		}
		end = start ? start - 1 : 0;
	}
}

/* The caller's address as text ("" if MHD cannot say). */
static void client_address(struct MHD_Connection *conn, char out[AUTH_CLIENT_MAX])
{
	out[0] = '\0';
	const union MHD_ConnectionInfo *info =
	        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!info || !info->client_addr)
		return;
	const struct sockaddr *sa = info->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
		          AUTH_CLIENT_MAX);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
		          out, AUTH_CLIENT_MAX);
}

/* Answers a request into resp; true instead when it was suspended for a secret check. */
static bool dispatch(struct server *s, struct MHD_Connection *conn, const char *method,
                     const char *url, struct conn_state *cs, struct http_resp *resp)
{
	struct http_req req = {.method = method,
	                       .path = url,
	                       .body = cs->body.ptr,
	                       .body_len = cs->body.len,
	                       .conn = conn,
	                       .now = server_now(s),
	                       .models = s->models,
	                       .conn_state = cs,
	                       .check = cs->checked ? &cs->pending->check : NULL,
	                       .url_key = &s->url_key,
	                       .encoders = s->encoders,
	                       .stream_kbps = s->cfg->stream_kbps,
	                       .packages = s->cfg->packages,
	                       .subtitles = s->cfg->subtitle_cache,
	                       .images = s->cfg->image_cache,
	                       .trickplay = s->cfg->trickplay,
	                       .accel_redirect = s->cfg->accel_redirect,
	                       .waits = cs->waits,
	                       .url_ttl = s->cfg->url_ttl > 0 ? s->cfg->url_ttl
	                                                      : SIGNED_URL_TTL_DEFAULT};
	char peer[AUTH_CLIENT_MAX];
	client_address(conn, peer);
	http_client_behind_proxies(peer,
	                           MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	                                                       "X-Forwarded-For"),
	                           s->cfg->trusted_proxies, req.client, sizeof(req.client));
	req.metrics = s->metrics;
	req.popular = s->popular;
	req.new_rows = s->new_rows;
	req.events = s->events;
	bool path_known;
	const struct http_route *route = http_route_find(method, url, &req, &path_known);
	cs->route = route;
	if (route && !cs->counted) {
		metrics_in_flight(s->metrics, 1);
		cs->counted = true;
	}
	if (route && route->handler == h_metrics) {
		serve_metrics(s, &req, resp);
		return false;
	}
	if (!route && (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) &&
	    serve_static(s, url, resp))
		return false;
	if (!route) {
		if (path_known)
			http_fail(resp, BG_INVALID, "method %s is not allowed here", method);
		else
			http_fail(resp, BG_NOT_FOUND, "no such endpoint: %.200s", url);
		if (path_known)
			resp->status = 405;
		return false;
	}
	char *msg = NULL;
	enum bg_err rc = store_pool_acquire(s->pool, 10000, &req.st, &msg);
	if (rc) {
		fprintf(stderr, "binge: error: no database connection: %s\n",
		        msg ? msg : bg_err_message(rc));
		free(msg);
		http_fail(resp, BG_BUSY, "the service is busy; try again");
		pending_free(cs);
		return false;
	}
	if (route->access == ACCESS_SIGNED && route->cached)
		signed_cached_read(s, route, &req, resp);
	else if (admit(s, route, &req, resp)) {
		if (route->cached)
			cached_read(s, route, &req, resp);
		else
			route->handler(&req, resp);
	}
	store_pool_release(s->pool, req.st);
	if (cs->pending && !cs->checked && resp->status == 0)
		return start_check(s, conn, cs, resp);
	if (cs->wait_path && resp->status == 0)
		return start_wait(s, conn, cs, resp);
	pending_free(cs);
	return false;
}

static double elapsed_ms(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - since->tv_sec) * 1e3 +
	       (double)(now.tv_nsec - since->tv_nsec) / 1e6;
}

static enum MHD_Result send_response(struct server *s, struct MHD_Connection *conn,
                                     const char *method, const char *url, struct conn_state *cs,
                                     struct http_resp *resp)
{
	struct MHD_Response *r;
	size_t len;
	if (resp->file_fd >= 0) {
		/* MHD sends the file with sendfile() and closes the descriptor. */
		len = (size_t)resp->file_length;
		r = MHD_create_response_from_fd_at_offset64(resp->file_length, resp->file_fd,
		                                            resp->file_offset);
		resp->file_fd = -1;
	} else {
		char *text = resp->text   ? resp->text
		             : resp->body ? json_dumps(resp->body,
		                                       JSON_COMPACT | JSON_REAL_PRECISION(15))
		                          : xstrdup("");
		len = resp->text && resp->text_len ? resp->text_len : strlen(text);
		resp->text = NULL; /* handed to MHD */
		r = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
	                        resp->content_type ? resp->content_type : "application/json");
	if (!resp->content_type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	for (int i = 0; i < resp->header_count; i++)
		MHD_add_response_header(r, resp->headers[i].name, resp->headers[i].value);
	if (resp->status == 401)
		MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
	if (resp->retry_after > 0) {
		char secs[16];
		snprintf(secs, sizeof(secs), "%d", resp->retry_after);
		MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, secs);
	}
	enum MHD_Result ok = MHD_queue_response(conn, (unsigned)resp->status, r);
	MHD_destroy_response(r);
	metrics_request(s->metrics, cs->route, resp->status, elapsed_ms(&cs->started) / 1e3, len);
	if (cs->counted) {
		metrics_in_flight(s->metrics, -1);
		cs->counted = false;
	}
	if (s->cfg->log) {
		char at[DATE_TIME_LEN + 1];
		date_time_format(date_time_now(), at);
		fprintf(stderr, "%s %s %.200s %d %zu %.2fms\n", at, method, url, resp->status, len,
		        elapsed_ms(&cs->started));
	}
	json_decref(resp->body);
	resp->body = NULL;
	return ok;
}

/* The largest request body a path accepts. */
static size_t body_limit(const char *url)
{
	return strcmp(url, "/api/v1/events") == 0 ? HTTP_MAX_EVENTS_BODY : HTTP_MAX_BODY;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	(void)version;
	struct server *s = cls;
	struct conn_state *cs = *con_cls;
	struct http_resp resp = {.file_fd = -1};
	if (!cs) {
		cs = xcalloc(1, sizeof(*cs));
		buf_init(&cs->body, body_limit(url));
		clock_gettime(CLOCK_MONOTONIC, &cs->started);
		*con_cls = cs;
		/*
		 * A declared length over the limit is refused before the body
		 * is sent (the client's "Expect: 100-continue" gets the 413).
		 */
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		                                             MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > cs->body.max) {
			cs->too_large = true;
			http_fail(&resp, BG_TOO_LARGE, "the request body is larger than %zu bytes",
			          cs->body.max);
			return send_response(s, conn, method, url, cs, &resp);
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		/* Without a declared length: read on, keep nothing, answer at the end. */
		if (!cs->too_large)
			buf_add(&cs->body, upload_data, *upload_data_size);
		if (buf_error(&cs->body))
			cs->too_large = true;
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (cs->too_large)
		http_fail(&resp, BG_TOO_LARGE, "the request body is larger than %zu bytes",
		          cs->body.max);
	else if (dispatch(s, conn, method, url, cs, &resp))
		return MHD_YES; /* suspended: MHD calls again once the check is done */
	return send_response(s, conn, method, url, cs, &resp);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)cls, (void)conn, (void)toe;
	struct conn_state *cs = *con_cls;
	if (!cs)
		return;
	buf_release(&cs->body);
	pending_free(cs);
	free(cs->wait_path);
	free(cs);
	*con_cls = NULL;
}

enum bg_err http_parse_listen(const char *spec, struct http_config *cfg, char *msg, size_t len)
{
	const char *colon = strrchr(spec, ':');
	if (!colon || colon == spec) {
		snprintf(msg, len, "--listen wants HOST:PORT, not '%s'", spec);
		return BG_INVALID;
	}
	char host[64];
	snprintf(host, sizeof(host), "%.*s", (int)(colon - spec), spec);
	if (strcmp(host, "localhost") == 0)
		snprintf(host, sizeof(host), "127.0.0.1");
	char *end;
	errno = 0;
	long port = strtol(colon + 1, &end, 10);
	struct in_addr addr;
	if (errno || *end || port < 0 || port > 65535 || !colon[1]) {
		snprintf(msg, len, "--listen: '%s' is not a port (0-65535)", colon + 1);
		return BG_INVALID;
	}
	if (inet_pton(AF_INET, host, &addr) != 1) {
		snprintf(msg, len, "--listen: '%s' is not an IPv4 address", host);
		return BG_INVALID;
	}
	snprintf(cfg->host, sizeof(cfg->host), "%s", host);
	cfg->port = (int)port;
	return BG_OK;
}

enum bg_err http_serve(const struct http_config *cfg, char *msg, size_t len)
{
	struct server s = {.cfg = cfg,
	                   .cache = response_cache_new(RESPONSE_CACHE_JSON_MAX),
	                   .signed_cache = response_cache_new((size_t)HTTP_INLINE_FILE_MAX),
	                   .grants = slot_cache_new(GRANT_CACHE_SLOTS, sizeof(struct principal)),
	                   .new_rows = slot_cache_new(NEW_ROW_CACHE_SLOTS, sizeof(struct home_row)),
	                   .metrics = metrics_new(),
	                   .events = event_group_new(),
	                   .models = model_slot_new(cfg->models_dir ? cfg->models_dir : "models")};
	struct MHD_Daemon *d = NULL;
	char *err = NULL;
	int threads = cfg->threads > 0 ? cfg->threads : 4;
	enum bg_err rc = store_pool_open(cfg->db, threads, &s.pool, &err);
	if (rc) {
		snprintf(msg, len, "%s", err ? err : bg_err_message(rc));
		free(err);
		goto out;
	}
	s.popular = popular_cache_new(s.pool, cfg->popular_every < 0    ? 0
	                                      : cfg->popular_every == 0 ? POPULAR_EVERY_DEFAULT
	                                                                : cfg->popular_every);
	char started[DATE_TIME_LEN + 1];
	date_time_format(cfg->clock ? cfg->clock : date_time_now(), started);
	popular_cache_warm(s.popular, started);
	rc = password_init(msg, len);
	if (rc)
		goto out;
	if (strcmp(password_cost_name(), "minimum") == 0)
		fprintf(stderr, "binge: warning: BINGE_PASSWORD_COST=minimum: passwords are hashed "
		                "for a test suite, not for the public\n");
	rc = url_key_load(cfg->url_key_path ? cfg->url_key_path : "url.key", &s.url_key, msg, len);
	if (rc)
		goto out;

	reco_blas_single_thread();
	/* Every thread started from here on inherits this mask. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);

	rc = hash_pool_new(cfg->hash_threads > 0 ? cfg->hash_threads : 1,
	                   cfg->hash_queue > 0 ? cfg->hash_queue : HTTP_HASH_QUEUE_DEFAULT,
	                   &s.hashes);
	if (rc) {
		snprintf(msg, len, "cannot start the password-check threads");
		goto out;
	}
	if (cfg->stream_cache) {
		struct encoder_config ec = {.cache_dir = cfg->stream_cache,
		                            .cache_bytes = cfg->stream_cache_bytes,
		                            .max_encoders = cfg->encoders};
		if ((rc = encoder_pool_open(&ec, &s.encoders, msg, len)))
			goto out;
		if (!(s.waiter = file_waiter_new())) {
			snprintf(msg, len, "cannot start the segment-wait thread");
			rc = BG_IO;
			goto out;
		}
	}
	if (cfg->packages && cfg->package_worker &&
	    (rc = package_thread_start(cfg->db, cfg->packages, &s.packager, msg, len)))
		goto out;
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)cfg->port)};
	inet_pton(AF_INET, cfg->host, &addr.sin_addr);
	d = MHD_start_daemon(
	        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME,
	        (uint16_t)cfg->port, NULL, NULL, on_request, &s, MHD_OPTION_SOCK_ADDR,
	        (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
	        MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s, MHD_OPTION_CONNECTION_TIMEOUT, 60u,
	        MHD_OPTION_CONNECTION_LIMIT, 1000u, MHD_OPTION_END);
	if (!d) {
		snprintf(msg, len, "cannot listen on %s:%d (in use?)", cfg->host, cfg->port);
		rc = BG_IO;
		goto out;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("binge: listening on http://%s:%u\n", cfg->host, info ? info->port : 0);
	fflush(stdout);

	int sig = 0;
	sigwait(&stop, &sig);
	fprintf(stderr, "binge: %s received, finishing requests\n",
	        sig == SIGTERM ? "SIGTERM" : "SIGINT");
	MHD_socket listener = MHD_quiesce_daemon(d);
	/* Finishes the checks under way, resuming their requests, before MHD stops. */
	hash_pool_free(s.hashes);
	s.hashes = NULL;
	/* Requests waiting for segments are answered now; none may start waiting. */
	file_waiter_stop(s.waiter);
	MHD_stop_daemon(d);
	if (listener != MHD_INVALID_SOCKET)
		close(listener);
out:
	package_thread_stop(s.packager);
	file_waiter_free(s.waiter);
	encoder_pool_close(s.encoders);
	hash_pool_free(s.hashes);
	secret_wipe(&s.url_key, sizeof(s.url_key));
	popular_cache_free(s.popular); /* its reads borrow the pool's handles */
	if (s.pool)
		store_pool_close(s.pool);
	response_cache_free(s.cache);
	response_cache_free(s.signed_cache);
	slot_cache_free(s.grants);
	slot_cache_free(s.new_rows);
	event_group_free(s.events);
	metrics_free(s.metrics);
	model_slot_free(s.models);
	return rc;
}
