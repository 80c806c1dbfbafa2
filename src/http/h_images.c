/*
 * h_images.c - GET /api/v1/images/{id}?w=&format=: a title's artwork
 * (catalog/artwork_store.h) resized for the browser (media/image.h), in the
 * format its Accept header takes best (or format=), under a signed URL and
 * the visibility rule of the title it belongs to. The ETag names the
 * source's version, width and format, so a browser revalidating gets 304.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/signed_url.h"
#include "catalog/artwork_store.h"
#include "catalog/catalog_view.h"
#include "core/mem.h"
#include "http/http.h"
#include "media/image.h"
#include "core/banned.h"

#define IMAGE_WIDTH_DEFAULT 640
#define IMAGE_WIDTH_MAX     10000

void h_image(struct http_req *req, struct http_resp *resp)
{
	struct artwork a;
	enum bg_err rc = artwork_store_get(req->st, req->params[0], &a);
	if (!rc)
		rc = catalog_view_check(req->st, &req->viewer, a.title_id);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		return;
	}
	long width = IMAGE_WIDTH_DEFAULT;
	const char *w = http_query(req, "w");
	char *end = NULL;
	if (w && ((width = strtol(w, &end, 10)) < 1 || width > IMAGE_WIDTH_MAX || *end || !*w)) {
		http_fail(resp, BG_INVALID, "w: a width from 1 to %d pixels, not '%.16s'",
		          IMAGE_WIDTH_MAX, w);
		return;
	}
	enum image_format f;
	const char *format = http_query(req, "format");
	if (format && !image_format_parse(format, &f)) {
		http_fail(resp, BG_INVALID,
		          "format: jpeg, webp or avif (where this server makes it), "
		          "not '%.16s'",
		          format);
		return;
	}
	if (!format)
		f = image_format_accepted(http_header(req, "Accept"));
	int step = image_width_step((int)width);
	char etag[96];
	snprintf(etag, sizeof(etag), "\"%lld-%lld-%lld-%d-%d\"", (long long)a.id, (long long)a.size,
	         (long long)a.mtime, step, (int)f);
	http_add_header(resp, "ETag", "%s", etag);
	http_add_header(resp, "Vary", "Accept");
	const char *match = http_header(req, "If-None-Match");
	if (match && strcmp(match, etag) == 0) {
		resp->status = 304;
		resp->text = xstrdup("");
		return;
	}
	char path[4096], msg[512];
	if (!req->images) {
		http_fail(resp, BG_NOT_FOUND, "this server serves no images");
		return;
	}
	rc = image_resized(req->images, a.path, a.size, a.mtime, step, f, path, sizeof(path), msg,
	                   sizeof(msg));
	if (rc) {
		http_fail(resp, rc, "%s", msg);
		return;
	}
	/* The URL is signed and short-lived: a private copy for as long as it lives. */
	if (!http_send_file(resp, path, image_format_type(f), "private, max-age=3600"))
		http_fail(resp, BG_IO, "cannot read the resized image");
}

/*
 * The signed URLs of a title's images, for the caller: valid until the end
 * of the next hour, so a URL stays the same for an hour (the browser's cache
 * keeps the image) and a cached answer never holds an expired one
 * (server.c's response cache key carries the hour).
 */
static json_t *images_of(struct http_req *req, const int64_t *artwork)
{
	struct url_grant g = {.user_id = req->who.user.id,
	                      .profile_id = req->who.has_profile ? req->who.profile.id : 0,
	                      .expires = http_image_hour(req->now) + 2 * 3600};
	json_t *out = json_object();
	for (int k = 0; k < ARTWORK_KINDS; k++) {
		if (!artwork[k])
			continue;
		char query[SIGNED_URL_QUERY_MAX], url[256];
		signed_url_query(req->url_key, "image", artwork[k], &g, query);
		snprintf(url, sizeof(url), "/api/v1/images/%lld?%s", (long long)artwork[k], query);
		json_object_set_new(out, artwork_kind_name((enum artwork_kind)k), json_string(url));
	}
	return out;
}

int64_t http_image_hour(int64_t now)
{
	return now - now % 3600;
}

bool http_add_images(struct http_req *req, struct http_resp *resp, json_t *items, bool own)
{
	size_t n = json_array_size(items);
	if (!n)
		return true;
	int64_t *ids = calloc(n, sizeof(*ids)), *art = calloc(n * ARTWORK_KINDS, sizeof(*art));
	if (!ids || !art) {
		free(ids);
		free(art);
		http_fail(resp, BG_NOMEM, "out of memory for the images");
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *item = json_array_get(items, i);
		json_t *series = json_object_get(item, "series_id");
		ids[i] = json_integer_value(
		        !own && json_is_integer(series) ? series : json_object_get(item, "id"));
	}
	enum bg_err rc = artwork_store_of_titles(req->st, ids, n, art);
	for (size_t i = 0; !rc && i < n; i++)
		json_object_set_new(json_array_get(items, i), "images",
		                    images_of(req, &art[i * ARTWORK_KINDS]));
	free(ids);
	free(art);
	if (rc)
		http_fail_store(resp, rc, req->st);
	return rc == BG_OK;
}
