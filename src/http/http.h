/*
 * http.h - what request handlers see: the request, the response they fill,
 * and helpers for JSON bodies, query parameters and errors. Handlers live
 * in h_<resource>.c, one file per resource; routes.c maps method and path
 * to them. Only server.c talks to libmicrohttpd.
 *
 * A handler runs on a server thread with a store handle borrowed for the
 * request, the authenticated principal (if the route needs one) and the
 * viewer derived from it. It sets resp->status and resp->body (a JSON
 * value the server sends and releases) and returns nothing; errors go
 * through http_fail() / http_fail_store(), which produce
 * {"error":{"code","message"}} with the status from http_status_of().
 */
#ifndef BINGE_HTTP_HTTP_H
#define BINGE_HTTP_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "account/auth.h"
#include "core/err.h"
#include "catalog/visibility.h"

struct store;
struct MHD_Connection;

#define HTTP_MAX_BODY ((size_t)64 * 1024) /* larger request bodies get 413 */
/* Event batches (1,000 events of up to ~350 bytes each) may be larger. */
#define HTTP_MAX_EVENTS_BODY ((size_t)1024 * 1024)

/*
 * Who may call a route. Every route declares one beside its entry in
 * routes.c; tests/integration/authz_matrix_test.sh calls every route as
 * every kind of caller and checks the answer against it. A profile token
 * never carries its account's admin rights.
 */
enum http_access {
	ACCESS_UNDECLARED, /* a route without a declaration: refused with 500, and the matrix fails
	                    */
	ACCESS_PUBLIC,     /* anyone, no token: health, login */
	ACCESS_ACCOUNT,    /* an account token (never a profile token): profiles, select, logout */
	ACCESS_PROFILE,    /* a profile token: playback state, events, ratings, home */
	ACCESS_VIEWER,     /* a profile token, or an admin's account token (sees everything) */
	ACCESS_ADMIN,      /* an admin's account token only */
	ACCESS_SIGNED,     /* a signed URL (account/signed_url.h); bearer tokens do not count */
};

/* "public", "account", "profile", "viewer", "admin", "signed" or "undeclared". */
const char *http_access_name(enum http_access access);

struct url_key;
struct conn_state;

/*
 * A secret check (argon2id, half a second) that a handler hands to the
 * server's hash pool rather than run on a request thread. The handler gets
 * it from http_check_begin(), fills it and returns without a response; the
 * server suspends the request, runs the check, and calls the handler again
 * with req->check pointing at it, matched (and new_hash) now known. Owned by
 * the server, which wipes the secrets afterwards.
 */
struct http_check {
	struct auth_attempt attempt;       /* the handler's state between its two calls */
	char secret[PASSWORD_MAX_LEN + 1]; /* to check against attempt.hash */
	char new_secret[PASSWORD_MAX_LEN +
	                1]; /* "" or a new password, hashed once secret matched */
	bool hash_only; /* no secret to check: new_secret is only hashed */
	bool matched;
	bool new_hashed;
	char new_hash[PASSWORD_HASH_MAX];
};

struct model_slot;
struct encoder_pool;

struct http_req {
	const char *method;
	const char *path;
	const char *body; /* NUL-terminated; "" when none */
	size_t body_len;
	int64_t params[4]; /* numeric path segments, in order */
	int param_count;
	struct store *st;
	int64_t now; /* the server's clock (--clock fixes it) */
	struct principal who;
	struct viewer viewer;
	char client[AUTH_CLIENT_MAX];   /* the caller's address */
	const struct http_check *check; /* on a handler's second call: the check it asked for */
	struct conn_state *conn_state;  /* the server's, for http_check_begin() */
	const struct url_key *url_key;  /* signs media URLs */
	int url_ttl;                    /* seconds a signed URL lives */
	struct MHD_Connection *conn;    /* for http_query() only */
	struct model_slot *models;      /* recommendations (reco/model_slot.h) */
	struct encoder_pool *encoders;  /* HLS segments on demand (media/encoder.h) */
	int stream_kbps;                /* the server's cap on a stream's bitrate; 0: none */
	const char *packages;           /* ladders made ahead (media/package.h); NULL: none */
	const char *subtitles;          /* WebVTT converted from text subtitles (media/subtitle.h) */
	const char *images;             /* artwork resized (media/image.h) */
	const char *trickplay;          /* seek-bar previews made ahead (media/trickplay.h) */
	const char *accel_redirect;     /* packaged files sent by a proxy in front; NULL: by binge */
	int waits;                      /* times this request has waited (http_wait_for_file) */
	struct metrics *metrics;        /* the server's counters (http/metrics.h) */
	struct popular_cache *popular;  /* "Popular in your country" (audience/popular_cache.h) */
	struct slot_cache *new_rows;    /* "New on binge" by territory, ceiling, second, catalogue */
	struct event_group *events;     /* event batches' group commit (audience/event_group.h) */
};

#define HTTP_MAX_EXTRA_HEADERS 8

struct http_header {
	const char *name; /* a string literal */
	char value[160];
};

struct http_resp {
	int status;
	json_t *body;
	char *text;      /* already rendered body (from the response cache); owned */
	size_t text_len; /* its bytes when it may hold NULs (a file's); 0: strlen(text) */
	int retry_after; /* seconds, sent as Retry-After when > 0 */
	/* A file body instead (media streams): sent with sendfile, fd owned. */
	int file_fd; /* -1 when none */
	uint64_t file_offset, file_length;
	const char *content_type; /* NULL: application/json */
	struct http_header headers[HTTP_MAX_EXTRA_HEADERS];
	int header_count;
};

/* The HTTP status for a result code: one switch for the whole server. */
int http_status_of(enum bg_err err);

/* Sets an error response for err with a formatted message. */
void http_fail(struct http_resp *resp, enum bg_err err, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* Sets an error response for err with the store's last message. */
void http_fail_store(struct http_resp *resp, enum bg_err err, struct store *st);

/* Adds a response header (printf-style value); silently capped at the maximum. */
void http_add_header(struct http_resp *resp, const char *name, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* A request header, or NULL. */
const char *http_header(const struct http_req *req, const char *name);

/* Sets a 200 (or status) response with body (reference stolen). */
void http_ok(struct http_resp *resp, int status, json_t *body);

/*
 * The secret check of this request, zeroed, for the handler to fill; see
 * struct http_check. Call at most once per request, and set no response.
 */
struct http_check *http_check_begin(struct http_req *req);

/*
 * Hands attempt a's check of secret to the hash pool, and the hashing of
 * new_secret (if not NULL) once secret matched: http_check_begin(), filled.
 */
void http_check_later(struct http_req *req, const struct auth_attempt *a, const char *secret,
                      const char *new_secret);

/* Hands the hashing of new_secret alone to the hash pool (an admin sets a password). */
void http_hash_later(struct http_req *req, const char *new_secret);

/*
 * Suspends the request until the file at path exists or timeout_ms pass,
 * then runs the handler again with req->waits one higher; set no response.
 * The request holds no server thread meanwhile (http/file_wait.h).
 */
void http_wait_for_file(struct http_req *req, const char *path, int timeout_ms);

/* A query parameter of the request, or NULL. */
const char *http_query(const struct http_req *req, const char *name);

/*
 * Parses the request body as a JSON object. On failure sets a 400 response
 * naming the problem and returns NULL. The caller releases the result.
 */
json_t *http_json_body(const struct http_req *req, struct http_resp *resp);

/*
 * Checks that obj has only the given keys (a NULL-terminated list); sets a
 * 400 naming the first unknown one and returns false otherwise.
 */
bool http_only_fields(json_t *obj, const char *const *allowed, struct http_resp *resp);

/*
 * "media": [{"id", "container", "duration", ..., "stream"}] of an episode
 * or film; NULL on a database error.
 */
json_t *http_media_json(struct store *st, int64_t title_id);

struct media_location;
/*
 * The media item of the request (params[0]) if the viewer may see the
 * episode or film it belongs to; false with resp set (404, 403, 451) if not.
 */
bool http_media_visible(struct http_req *req, struct http_resp *resp, struct media_location *loc);

struct device_caps;
/* The device's capabilities from the query (media/device.h); false with a 400 set. */
bool http_device_caps(struct http_req *req, struct http_resp *resp, struct device_caps *caps);

struct track_picked;
/*
 * Selects in loc->info the audio stream to play: the audio track with id
 * track_id (a query parameter's text) when not NULL; else, with picked,
 * the one the viewer's languages pick (media/track_pick.h; picked gets the
 * subtitles too); else the file's audio stream index (0:a:N). False with a
 * 400 set when there is none.
 */
bool http_media_audio(struct http_req *req, struct http_resp *resp, struct media_location *loc,
                      const char *track_id, int index, struct track_picked *picked);

/*
 * Selects in loc->info the picture subtitles burned into the video: the
 * subtitle track with id track_id (a query parameter's text) when not
 * NULL, else the file's subtitle stream index (0:s:N). False with a 400 set
 * when there is none, or it is text (served as WebVTT, never burned in).
 */
bool http_media_burn_in(struct http_req *req, struct http_resp *resp, struct media_location *loc,
                        const char *track_id, int index);

struct delivery;
/*
 * The visible media item of the request and how it reaches the device the
 * query describes (media/delivery.h), with the audio track of its
 * audio_track parameter and the picture subtitles of its burn_subtitle
 * parameter; false with resp set if not.
 */
bool http_media_decide(struct http_req *req, struct http_resp *resp, struct media_location *loc,
                       struct delivery *d, struct track_picked *picked);

/*
 * Answers 200 with the regular file at path (sent with sendfile), of type,
 * with Cache-Control; false, resp untouched, when there is no such file.
 */
bool http_send_file(struct http_resp *resp, const char *path, const char *type,
                    const char *cache_control);

/* Handlers, by resource. */
void h_health(struct http_req *req, struct http_resp *resp);
void h_genres(struct http_req *req, struct http_resp *resp);
void h_stream_delete(struct http_req *req, struct http_resp *resp);
void h_invite_post(struct http_req *req, struct http_resp *resp);
void h_invites_get(struct http_req *req, struct http_resp *resp);
void h_invite_delete(struct http_req *req, struct http_resp *resp);
void h_invite_accept(struct http_req *req, struct http_resp *resp);
/* GET /metrics: answered by the server itself (server.c), which holds what it reports. */
void h_metrics(struct http_req *req, struct http_resp *resp);
void h_openapi(struct http_req *req, struct http_resp *resp);
void h_sessions_get(struct http_req *req, struct http_resp *resp);
void h_session_delete(struct http_req *req, struct http_resp *resp);
void h_my_list_get(struct http_req *req, struct http_resp *resp);
void h_my_list_put(struct http_req *req, struct http_resp *resp);
void h_my_list_delete(struct http_req *req, struct http_resp *resp);
void h_users_get(struct http_req *req, struct http_resp *resp);
void h_user_post(struct http_req *req, struct http_resp *resp);
void h_user_patch(struct http_req *req, struct http_resp *resp);
void h_user_delete(struct http_req *req, struct http_resp *resp);
void h_profile_post(struct http_req *req, struct http_resp *resp);
void h_profile_patch(struct http_req *req, struct http_resp *resp);
void h_profile_delete(struct http_req *req, struct http_resp *resp);
void h_login(struct http_req *req, struct http_resp *resp);
void h_logout(struct http_req *req, struct http_resp *resp);
void h_password_post(struct http_req *req, struct http_resp *resp);
void h_playback_info(struct http_req *req, struct http_resp *resp);
void h_profiles(struct http_req *req, struct http_resp *resp);
void h_profile_select(struct http_req *req, struct http_resp *resp);
void h_titles_list(struct http_req *req, struct http_resp *resp);
void h_title_get(struct http_req *req, struct http_resp *resp);
void h_episodes(struct http_req *req, struct http_resp *resp);
void h_search(struct http_req *req, struct http_resp *resp);
void h_person_get(struct http_req *req, struct http_resp *resp);
void h_title_create(struct http_req *req, struct http_resp *resp);
void h_title_replace(struct http_req *req, struct http_resp *resp);
void h_title_delete(struct http_req *req, struct http_resp *resp);
void h_availability_get(struct http_req *req, struct http_resp *resp);
void h_availability_put(struct http_req *req, struct http_resp *resp);
void h_release_put(struct http_req *req, struct http_resp *resp);
void h_media_stream(struct http_req *req, struct http_resp *resp);
void h_media_subtitle(struct http_req *req, struct http_resp *resp);
void h_markers_put(struct http_req *req, struct http_resp *resp);
void h_trickplay_index(struct http_req *req, struct http_resp *resp);
void h_image(struct http_req *req, struct http_resp *resp);

/*
 * Sets "images" on each title object of the JSON array items: {"poster",
 * "backdrop", "logo", "still"} as signed URLs, those it has. The images are
 * the item's own ("id"), or with own false its series' ("series_id") where
 * it has one. False with resp set on a database error.
 */
bool http_add_images(struct http_req *req, struct http_resp *resp, json_t *items, bool own);

/* The hour an image URL signed at now belongs to (its expiry: two hours on). */
int64_t http_image_hour(int64_t now);
void h_trickplay_sheet(struct http_req *req, struct http_resp *resp);
void h_hls_master(struct http_req *req, struct http_resp *resp);
void h_hls_media(struct http_req *req, struct http_resp *resp);
void h_hls_init(struct http_req *req, struct http_resp *resp);
void h_hls_segment(struct http_req *req, struct http_resp *resp);
void h_progress_post(struct http_req *req, struct http_resp *resp);
void h_tracks_put(struct http_req *req, struct http_resp *resp);
void h_languages_put(struct http_req *req, struct http_resp *resp);
void h_autoplay_put(struct http_req *req, struct http_resp *resp);
void h_progress_get(struct http_req *req, struct http_resp *resp);
void h_watched_put(struct http_req *req, struct http_resp *resp);
void h_home(struct http_req *req, struct http_resp *resp);
void h_similar(struct http_req *req, struct http_resp *resp);
void h_reception(struct http_req *req, struct http_resp *resp);
void h_timeline(struct http_req *req, struct http_resp *resp);
void h_awards(struct http_req *req, struct http_resp *resp);
void h_rating_put(struct http_req *req, struct http_resp *resp);
void h_buzz(struct http_req *req, struct http_resp *resp);
void h_reviews_post(struct http_req *req, struct http_resp *resp);
/* The recommendation rows of the request's profile, for the home page (h_reco.c). */
bool http_reco_rows(struct http_req *req, struct http_resp *resp, json_t *rows);
void h_events_post(struct http_req *req, struct http_resp *resp);
/* GET /api/v1/stats/<kind>[.svg]: the kind (and chart or not) come from the path. */
void h_stats(struct http_req *req, struct http_resp *resp);
void h_libraries_get(struct http_req *req, struct http_resp *resp);
void h_library_post(struct http_req *req, struct http_resp *resp);
void h_library_scan(struct http_req *req, struct http_resp *resp);

struct http_route {
	const char *method;
	const char *pattern; /* "/api/v1/titles/{}/seasons/{}/episodes"; {} = a number */
	enum http_access access;
	void (*handler)(struct http_req *req, struct http_resp *resp);
	bool cached; /* a viewer read (JSON) or signed image the response caches may answer */
};

/* The route table (routes.c), ended by an entry with a NULL method. */
extern const struct http_route http_routes[];

/*
 * Finds the route for method and path, filling req->params. Returns NULL
 * and sets *path_known when the path exists for another method (405).
 */
const struct http_route *http_route_find(const char *method, const char *path, struct http_req *req,
                                         bool *path_known);

#endif
