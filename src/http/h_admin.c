/*
 * h_admin.c - admin writes: titles (create, replace, delete), licence
 * windows, season release schedules. Each write is one transaction
 * (store_transact); bad input is a 400 naming the field and changes
 * nothing.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/title_json.h"
#include "http/http.h"
#include "catalog/availability_store.h"
#include "catalog/catalog_store.h"
#include "catalog/catalog_view.h"
#include "store/store.h"
#include "core/banned.h"

static enum bg_err put_doc(struct store *st, void *ctx)
{
	return catalog_store_put(st, ctx);
}

/* Answers with the title as the admin now sees it. */
static void respond_title(struct http_req *req, struct http_resp *resp, int status, int64_t id)
{
	struct title_doc doc;
	title_doc_init(&doc);
	enum bg_err rc = catalog_view_title(req->st, NULL, id, &doc);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, status, title_json_render(&doc));
	title_doc_release(&doc);
}

/*
 * Reads the request body into doc; false when it is not a valid title
 * (the 400 is already answered). title_json_parse copies what it keeps,
 * so the JSON is freed here.
 */
static bool read_title_body(struct http_req *req, struct http_resp *resp, struct title_doc *doc)
{
	json_t *in = http_json_body(req, resp);
	if (!in)
		return false;
	char msg[256];
	bool ok = title_json_parse(in, doc, msg, sizeof(msg)) == BG_OK;
	if (!ok)
		http_fail(resp, BG_INVALID, "%s", msg);
	json_decref(in);
	return ok;
}

void h_title_create(struct http_req *req, struct http_resp *resp)
{
	struct title_doc doc;
	title_doc_init(&doc);
	if (!read_title_body(req, resp, &doc))
		goto out;
	/* Titles made through the API have their own identity, never an article's. */
	char token[TOKEN_LEN + 1], key[TOKEN_LEN + 8];
	token_new(token);
	snprintf(key, sizeof(key), "api:%s", token);
	doc.source_key = strdup(key);
	enum bg_err rc = store_transact(req->st, put_doc, &doc);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		respond_title(req, resp, 201, doc.id);
out:
	title_doc_release(&doc);
}

void h_title_replace(struct http_req *req, struct http_resp *resp)
{
	struct title_doc doc, old;
	title_doc_init(&doc);
	title_doc_init(&old);
	if (!read_title_body(req, resp, &doc))
		goto out;
	enum bg_err rc = catalog_store_load(req->st, req->params[0], &old);
	if (!rc && old.kind != TITLE_SERIES && old.kind != TITLE_FILM)
		rc = store_set_error(req->st, BG_NOT_FOUND, "no series or film with id %lld",
		                     (long long)req->params[0]);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		goto out;
	}
	doc.source_key = strdup(old.source_key);
	rc = store_transact(req->st, put_doc, &doc);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		respond_title(req, resp, 200, doc.id);
out:
	title_doc_release(&doc);
	title_doc_release(&old);
}

static enum bg_err delete_title(struct store *st, void *ctx)
{
	return availability_store_delete_title(st, *(int64_t *)ctx);
}

void h_title_delete(struct http_req *req, struct http_resp *resp)
{
	enum bg_err rc = store_transact(req->st, delete_title, &req->params[0]);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, json_pack("{s:I}", "deleted", (json_int_t)req->params[0]));
}

void h_availability_get(struct http_req *req, struct http_resp *resp)
{
	struct licence_windows w = LICENCE_WINDOWS_INIT;
	enum bg_err rc = catalog_view_check(req->st, NULL, req->params[0]);
	if (!rc)
		rc = availability_store_windows(req->st, req->params[0], &w);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, licence_windows_json(&w));
	licence_windows_release(&w);
}

struct set_windows {
	int64_t id;
	struct licence_windows *windows;
};

static enum bg_err set_windows(struct store *st, void *ctx)
{
	struct set_windows *s = ctx;
	return availability_store_set_windows(st, s->id, s->windows);
}

void h_availability_put(struct http_req *req, struct http_resp *resp)
{
	struct licence_windows list = LICENCE_WINDOWS_INIT;
	char msg[300];
	json_t *in = http_json_body(req, resp);
	if (!in)
		goto out;
	if (licence_windows_parse(in, &list, msg, sizeof(msg))) {
		http_fail(resp, BG_INVALID, "%s", msg);
		goto out;
	}
	struct set_windows ctx = {req->params[0], &list};
	enum bg_err rc = store_transact(req->st, set_windows, &ctx);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		goto out;
	}
	licence_windows_release(&list);
	rc = availability_store_windows(req->st, req->params[0], &list);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, licence_windows_json(&list));
out:
	licence_windows_release(&list);
	json_decref(in);
}

struct set_release {
	int64_t series;
	int season;
	enum release_mode mode;
	int64_t start;
};

static enum bg_err set_release(struct store *st, void *ctx)
{
	struct set_release *r = ctx;
	return availability_store_set_release(st, r->series, r->season, r->mode, r->start);
}

void h_release_put(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"mode", "start", NULL};
	json_t *in = http_json_body(req, resp);
	if (!in || !http_only_fields(in, fields, resp))
		goto out;
	json_t *mode = json_object_get(in, "mode"), *start = json_object_get(in, "start");
	struct set_release r = {req->params[0], (int)(req->params[1] % 100000), RELEASE_ALL_AT_ONCE,
	                        0};
	if (!json_is_string(mode) || (strcmp(json_string_value(mode), "all_at_once") != 0 &&
	                              strcmp(json_string_value(mode), "weekly") != 0)) {
		http_fail(resp, BG_INVALID, "mode: must be \"all_at_once\" or \"weekly\"");
		goto out;
	}
	r.mode = strcmp(json_string_value(mode), "weekly") == 0 ? RELEASE_WEEKLY
	                                                        : RELEASE_ALL_AT_ONCE;
	if (!json_is_string(start) || date_time_parse(json_string_value(start), &r.start)) {
		http_fail(resp, BG_INVALID, "start: must be a date (YYYY-MM-DD) or UTC time");
		goto out;
	}
	enum bg_err rc = store_transact(req->st, set_release, &r);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		respond_title(req, resp, 200, req->params[0]);
out:
	json_decref(in);
}
