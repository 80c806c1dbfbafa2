/* routes.c - the API's routes and the matcher; see http.h and docs/api.md. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "core/banned.h"

const struct http_route http_routes[] = {
        {"GET", "/api/v1/health", AUTH_NONE, h_health, false},
        {"POST", "/api/v1/login", AUTH_NONE, h_login, false},
        {"POST", "/api/v1/logout", AUTH_ACCOUNT, h_logout, false},
        {"GET", "/api/v1/profiles", AUTH_ACCOUNT, h_profiles, false},
        {"POST", "/api/v1/profiles/{}/select", AUTH_ACCOUNT, h_profile_select, false},
        {"GET", "/api/v1/titles", AUTH_VIEWER, h_titles_list, true},
        {"POST", "/api/v1/titles", AUTH_ADMIN, h_title_create, false},
        {"GET", "/api/v1/titles/{}", AUTH_VIEWER, h_title_get, true},
        {"PUT", "/api/v1/titles/{}", AUTH_ADMIN, h_title_replace, false},
        {"DELETE", "/api/v1/titles/{}", AUTH_ADMIN, h_title_delete, false},
        {"GET", "/api/v1/titles/{}/seasons/{}/episodes", AUTH_VIEWER, h_episodes, true},
        {"GET", "/api/v1/titles/{}/similar", AUTH_VIEWER, h_similar, false},
        {"GET", "/api/v1/titles/{}/reception", AUTH_VIEWER, h_reception, false},
        {"POST", "/api/v1/titles/{}/reviews", AUTH_ADMIN, h_reviews_post, false},
        {"GET", "/api/v1/titles/{}/timeline", AUTH_VIEWER, h_timeline, false},
        {"GET", "/api/v1/titles/{}/awards", AUTH_VIEWER, h_awards, false},
        {"PUT", "/api/v1/titles/{}/rating", AUTH_VIEWER, h_rating_put, false},
        {"GET", "/api/v1/titles/{}/buzz", AUTH_VIEWER, h_buzz, false},
        {"PUT", "/api/v1/titles/{}/seasons/{}/release", AUTH_ADMIN, h_release_put, false},
        {"GET", "/api/v1/titles/{}/availability", AUTH_ADMIN, h_availability_get, false},
        {"PUT", "/api/v1/titles/{}/availability", AUTH_ADMIN, h_availability_put, false},
        {"GET", "/api/v1/search", AUTH_VIEWER, h_search, true},
        {"GET", "/api/v1/people/{}", AUTH_VIEWER, h_person_get, true},
        {"GET", "/api/v1/media/{}/stream", AUTH_VIEWER, h_media_stream, false},
        {"HEAD", "/api/v1/media/{}/stream", AUTH_VIEWER, h_media_stream, false},
        {"POST", "/api/v1/playback/{}/progress", AUTH_VIEWER, h_progress_post, false},
        {"GET", "/api/v1/playback/{}", AUTH_VIEWER, h_progress_get, false},
        {"PUT", "/api/v1/titles/{}/watched", AUTH_VIEWER, h_watched_put, false},
        {"GET", "/api/v1/home", AUTH_VIEWER, h_home, false},
        {"GET", "/api/v1/libraries", AUTH_ADMIN, h_libraries_get, false},
        {"POST", "/api/v1/libraries", AUTH_ADMIN, h_library_post, false},
        {"POST", "/api/v1/libraries/{}/scan", AUTH_ADMIN, h_library_scan, false},
        {"POST", "/api/v1/events", AUTH_VIEWER, h_events_post, false},
        {"GET", "/api/v1/stats/watch-order", AUTH_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/watch-order.svg", AUTH_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/next", AUTH_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/next.svg", AUTH_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/gateways", AUTH_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/gateways.svg", AUTH_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/binge", AUTH_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/binge.svg", AUTH_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/starts", AUTH_ADMIN, h_stats, false},
        {"GET", "/api/v1/stats/starts.svg", AUTH_ADMIN, h_stats, false},
        {NULL, NULL, AUTH_NONE, NULL, false},
};

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
