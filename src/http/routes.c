/*
 * routes.c - the API's routes, each with who may call it (enum
 * http_access), and the matcher; see http.h and docs/api.md. `binge routes`
 * prints this table, and the authorization matrix test is generated from it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "core/banned.h"

const struct http_route http_routes[] = {
        {"GET", "/api/v1/health", ACCESS_PUBLIC, h_health, false},
        /* Public: the API's description (docs/openapi.yaml) holds no data. */
        {"GET", "/api/v1/openapi.json", ACCESS_PUBLIC, h_openapi, false},
        /* Public as a route: the server asks for --metrics-token itself (404 without one). */
        {"GET", "/metrics", ACCESS_PUBLIC, h_metrics, false},
        {"POST", "/api/v1/login", ACCESS_PUBLIC, h_login, false},
        {"POST", "/api/v1/logout", ACCESS_ACCOUNT, h_logout, false},
        {"POST", "/api/v1/account/password", ACCESS_ACCOUNT, h_password_post, false},
        {"GET", "/api/v1/account/sessions", ACCESS_ACCOUNT, h_sessions_get, false},
        {"DELETE", "/api/v1/account/sessions/{}", ACCESS_ACCOUNT, h_session_delete, false},
        {"GET", "/api/v1/profiles", ACCESS_ACCOUNT, h_profiles, false},
        {"POST", "/api/v1/profiles", ACCESS_ACCOUNT, h_profile_post, false},
        {"PATCH", "/api/v1/profiles/{}", ACCESS_ACCOUNT, h_profile_patch, false},
        {"DELETE", "/api/v1/profiles/{}", ACCESS_ACCOUNT, h_profile_delete, false},
        {"POST", "/api/v1/profiles/{}/select", ACCESS_ACCOUNT, h_profile_select, false},
        {"GET", "/api/v1/titles", ACCESS_VIEWER, h_titles_list, true},
        {"POST", "/api/v1/titles", ACCESS_ADMIN, h_title_create, false},
        {"GET", "/api/v1/titles/{}", ACCESS_VIEWER, h_title_get, true},
        {"PUT", "/api/v1/titles/{}", ACCESS_ADMIN, h_title_replace, false},
        {"DELETE", "/api/v1/titles/{}", ACCESS_ADMIN, h_title_delete, false},
        {"GET", "/api/v1/titles/{}/seasons/{}/episodes", ACCESS_VIEWER, h_episodes, true},
        {"GET", "/api/v1/titles/{}/similar", ACCESS_VIEWER, h_similar, false},
        {"GET", "/api/v1/titles/{}/reception", ACCESS_VIEWER, h_reception, false},
        {"POST", "/api/v1/titles/{}/reviews", ACCESS_ADMIN, h_reviews_post, false},
        {"GET", "/api/v1/titles/{}/timeline", ACCESS_VIEWER, h_timeline, false},
        {"GET", "/api/v1/titles/{}/awards", ACCESS_VIEWER, h_awards, false},
        {"PUT", "/api/v1/titles/{}/rating", ACCESS_PROFILE, h_rating_put, false},
        {"GET", "/api/v1/titles/{}/buzz", ACCESS_VIEWER, h_buzz, false},
        {"PUT", "/api/v1/titles/{}/seasons/{}/release", ACCESS_ADMIN, h_release_put, false},
        {"GET", "/api/v1/titles/{}/availability", ACCESS_ADMIN, h_availability_get, false},
        {"PUT", "/api/v1/titles/{}/availability", ACCESS_ADMIN, h_availability_put, false},
        {"GET", "/api/v1/genres", ACCESS_VIEWER, h_genres, true},
        {"GET", "/api/v1/search", ACCESS_VIEWER, h_search, true},
        {"GET", "/api/v1/people/{}", ACCESS_VIEWER, h_person_get, true},
        {"GET", "/api/v1/media/{}/playback-info", ACCESS_VIEWER, h_playback_info, false},
        {"DELETE", "/api/v1/streams/{}", ACCESS_VIEWER, h_stream_delete, false},
        {"GET", "/api/v1/media/{}/stream", ACCESS_SIGNED, h_media_stream, false},
        {"HEAD", "/api/v1/media/{}/stream", ACCESS_SIGNED, h_media_stream, false},
        {"GET", "/api/v1/media/{}/hls/master.m3u8", ACCESS_SIGNED, h_hls_master, false},
        {"GET", "/api/v1/media/{}/hls/index.m3u8", ACCESS_SIGNED, h_hls_media, false},
        {"GET", "/api/v1/media/{}/hls/init.mp4", ACCESS_SIGNED, h_hls_init, false},
        {"GET", "/api/v1/media/{}/hls/{}.m4s", ACCESS_SIGNED, h_hls_segment, false},
        {"GET", "/api/v1/media/{}/subtitles/{}.vtt", ACCESS_SIGNED, h_media_subtitle, false},
        {"PUT", "/api/v1/media/{}/markers", ACCESS_ADMIN, h_markers_put, false},
        {"GET", "/api/v1/media/{}/trickplay/index.vtt", ACCESS_SIGNED, h_trickplay_index, false},
        {"GET", "/api/v1/images/{}", ACCESS_SIGNED, h_image, true},
        {"GET", "/api/v1/media/{}/trickplay/{}.jpg", ACCESS_SIGNED, h_trickplay_sheet, false},
        {"POST", "/api/v1/playback/{}/progress", ACCESS_PROFILE, h_progress_post, false},
        {"PUT", "/api/v1/playback/{}/tracks", ACCESS_PROFILE, h_tracks_put, false},
        {"PUT", "/api/v1/profile/languages", ACCESS_PROFILE, h_languages_put, false},
        {"PUT", "/api/v1/profile/autoplay", ACCESS_PROFILE, h_autoplay_put, false},
        {"GET", "/api/v1/playback/{}", ACCESS_PROFILE, h_progress_get, false},
        {"PUT", "/api/v1/titles/{}/watched", ACCESS_PROFILE, h_watched_put, false},
        {"GET", "/api/v1/home", ACCESS_PROFILE, h_home, false},
        {"GET", "/api/v1/my-list", ACCESS_PROFILE, h_my_list_get, false},
        {"PUT", "/api/v1/my-list/{}", ACCESS_PROFILE, h_my_list_put, false},
        {"DELETE", "/api/v1/my-list/{}", ACCESS_PROFILE, h_my_list_delete, false},
        {"GET", "/api/v1/users", ACCESS_ADMIN, h_users_get, false},
        {"POST", "/api/v1/users", ACCESS_ADMIN, h_user_post, false},
        {"PATCH", "/api/v1/users/{}", ACCESS_ADMIN, h_user_patch, false},
        {"DELETE", "/api/v1/users/{}", ACCESS_ADMIN, h_user_delete, false},
        {"GET", "/api/v1/invites", ACCESS_ADMIN, h_invites_get, false},
        {"POST", "/api/v1/invites", ACCESS_ADMIN, h_invite_post, false},
        {"DELETE", "/api/v1/invites/{}", ACCESS_ADMIN, h_invite_delete, false},
        /* Public: the invitation in the body is what admits the caller. */
        {"POST", "/api/v1/invites/accept", ACCESS_PUBLIC, h_invite_accept, false},
        {"GET", "/api/v1/libraries", ACCESS_ADMIN, h_libraries_get, false},
        {"POST", "/api/v1/libraries", ACCESS_ADMIN, h_library_post, false},
        {"POST", "/api/v1/libraries/{}/scan", ACCESS_ADMIN, h_library_scan, false},
        {"POST", "/api/v1/events", ACCESS_PROFILE, h_events_post, false},
        {"GET", "/api/v1/stats/watch-order", ACCESS_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/watch-order.svg", ACCESS_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/next", ACCESS_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/next.svg", ACCESS_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/gateways", ACCESS_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/gateways.svg", ACCESS_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/binge", ACCESS_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/binge.svg", ACCESS_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/starts", ACCESS_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/starts.svg", ACCESS_ADMIN, h_stats, false},
        {NULL, NULL, ACCESS_UNDECLARED, NULL, false},
};

const char *http_access_name(enum http_access access)
{
	switch (access) {
	case ACCESS_UNDECLARED:
		break;
	case ACCESS_PUBLIC:
		return "public";
	case ACCESS_ACCOUNT:
		return "account";
	case ACCESS_PROFILE:
		return "profile";
	case ACCESS_VIEWER:
		return "viewer";
	case ACCESS_ADMIN:
		return "admin";
	case ACCESS_SIGNED:
		return "signed";
	}
	return "undeclared";
}

/* Matches path against pattern, collecting the numbers in {} segments. */
static bool match(const char *pattern, const char *path, struct http_req *req)
{
	int n = 0;
	while (*pattern && *path) {
		if (pattern[0] == '{' && pattern[1] == '}') {
			const char *start = path;
			while (isdigit((unsigned char)*path))
				path++;
			if (path == start || path - start > 18 || n == 4)
				return false;
			req->params[n++] = strtoll(start, NULL, 10);
			pattern += 2;
			continue;
		}
		if (*pattern++ != *path++)
			return false;
	}
	if (*pattern || *path)
		return false;
	req->param_count = n;
	return true;
}

const struct http_route *http_route_find(const char *method, const char *path, struct http_req *req,
                                         bool *path_known)
{
	*path_known = false;
	for (const struct http_route *r = http_routes; r->method; r++) {
		if (!match(r->pattern, path, req))
			continue;
		if (strcmp(r->method, method) == 0)
			return r;
		*path_known = true;
	}
	return NULL;
}
