/*
 * h_library.c - admin endpoints for media libraries: list, add, scan.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "http/http.h"
#include "media/scan.h"
#include "media/media_store.h"
#include "store/store.h"
#include "core/banned.h"

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
		json_array_append_new(items, json_pack("{s:I,s:s,s:I}", "id",
		                                       (json_int_t)libs[i].id, "path", libs[i].path,
		                                       "files", (json_int_t)libs[i].files));
	free(libs);
	http_ok(resp, 200, json_pack("{s:o}", "items", items));
}

void h_library_post(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"path", NULL};
	json_t *in = http_json_body(req, resp);
	if (!in || !http_only_fields(in, fields, resp))
		goto out;
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
	enum bg_err rc = media_store_add_library(req->st, json_string_value(path), now, &id);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 201,
		        json_pack("{s:I,s:s}", "id", (json_int_t)id, "path",
		                  json_string_value(path)));
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
		json_t *problems = json_array();
		for (size_t i = 0; i < r.problems.n; i++)
			json_array_append_new(problems, json_string(r.problems.items[i]));
		http_ok(resp, 200,
		        json_pack("{s:I,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:o}", "id", (json_int_t)lib.id,
		                  "added", r.added, "changed", r.changed, "moved", r.moved,
		                  "deleted", r.deleted, "unchanged", r.unchanged, "skipped",
		                  r.skipped, "subtitles", r.subtitles, "problems", problems));
	}
	scan_report_release(&r);
}
