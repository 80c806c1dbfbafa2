/*
 * h_library.c - admin endpoints for media libraries: list, add, scan.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog/availability.h"
#include "http/http.h"
#include "media/scan.h"
#include "media/media_store.h"
#include "store/store.h"
#include "core/banned.h"

/* {"id", "path", "files", "availability": {"platform", "territories"} | null}. */
static json_t *library_json(const struct library *lib)
{
	json_t *policy = json_null();
	if (lib->platform[0])
		policy = json_pack("{s:s,s:s}", "platform", lib->platform, "territories",
		                   lib->territories);
	return json_pack("{s:I,s:s,s:I,s:o}", "id", (json_int_t)lib->id, "path", lib->path,
	                 "files", (json_int_t)lib->files, "availability", policy);
}

/*
 * {"platform": "binge", "territories": "worldwide" | ["US", "GB"]}, either
 * field optional (its default); false with a 400 set if malformed.
 */
static bool read_policy(json_t *policy, const char **platform, char *territories, size_t len,
                        struct http_resp *resp)
{
	static const char *const fields[] = {"platform", "territories", NULL};
	if (!json_is_object(policy) || !http_only_fields(policy, fields, resp)) {
		if (!json_is_object(policy))
			http_fail(resp, BG_INVALID,
			          "availability: must be {\"platform\", \"territories\"} or null");
		return false;
	}
	json_t *p = json_object_get(policy, "platform"), *t = json_object_get(policy, "territories");
	if (p && !json_is_string(p)) {
		http_fail(resp, BG_INVALID, "availability.platform: must be a string");
		return false;
	}
	if (p)
		*platform = json_string_value(p);
	if (json_is_array(t)) {
		size_t used = 0, i;
		json_t *code;
		territories[0] = '\0';
		json_array_foreach(t, i, code)
		{
			if (!json_is_string(code) || used + strlen(json_string_value(code)) + 2 > len) {
				http_fail(resp, BG_INVALID,
				          "availability.territories: must be ISO 3166-1 codes");
				return false;
			}
			used += (size_t)snprintf(territories + used, len - used, "%s%s", i ? "," : "",
			                         json_string_value(code));
		}
	} else if (t && (!json_is_string(t) || strcmp(json_string_value(t), "worldwide") != 0)) {
		http_fail(resp, BG_INVALID,
		          "availability.territories: must be \"worldwide\" or a list of codes");
		return false;
	}
	char msg[200];
	if (licence_policy_check(*platform, territories, msg, sizeof(msg))) {
		http_fail(resp, BG_INVALID, "availability.%s", msg);
		return false;
	}
	return true;
}

void h_libraries_get(struct http_req *req, struct http_resp *resp)
{
	struct library *libs;
	size_t n;
	enum bg_err rc = media_store_libraries(req->st, &libs, &n);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, library_json(&libs[i]));
	free(libs);
	http_ok(resp, 200, json_pack("{s:o}", "items", items));
}

void h_library_post(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"path", "availability", NULL};
	json_t *in = http_json_body(req, resp);
	if (!in || !http_only_fields(in, fields, resp))
		goto out;
	/* The policy: absent = the default, null = none. */
	json_t *policy = json_object_get(in, "availability");
	const char *platform = POLICY_DEFAULT_PLATFORM;
	char territories[1024] = POLICY_DEFAULT_TERRITORIES;
	if (json_is_null(policy)) {
		platform = NULL;
	} else if (policy && !read_policy(policy, &platform, territories, sizeof(territories), resp)) {
		goto out;
	}
	json_t *path = json_object_get(in, "path");
	struct stat sb;
	if (!json_is_string(path) || json_string_value(path)[0] != '/' ||
	    strlen(json_string_value(path)) >= 4096 || stat(json_string_value(path), &sb) != 0 ||
	    !S_ISDIR(sb.st_mode)) {
		http_fail(resp, BG_INVALID, "path: must be the absolute path of a folder");
		goto out;
	}
	char now[DATE_TIME_LEN + 1];
	date_time_format(req->now, now);
	int64_t id;
	enum bg_err rc = media_store_add_library(req->st, json_string_value(path), now, platform,
	                                         territories, &id);
	struct library lib;
	if (!rc)
		rc = media_store_library(req->st, id, &lib);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 201, library_json(&lib));
out:
	json_decref(in);
}

void h_library_scan(struct http_req *req, struct http_resp *resp)
{
	struct library lib;
	enum bg_err rc = media_store_library(req->st, req->params[0], &lib);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		return;
	}
	struct scan_report r = {0};
	char msg[512] = "";
	rc = scan_library(req->st, &lib, NULL, &r, msg, sizeof(msg));
	if (rc) {
		http_fail(resp, rc, "%s", msg);
	} else {
		json_t *out = scan_report_json(&r);
		json_object_set_new(out, "id", json_integer(lib.id));
		http_ok(resp, 200, out);
	}
	scan_report_release(&r);
}
