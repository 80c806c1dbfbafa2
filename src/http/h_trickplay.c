/*
 * h_trickplay.c - seek-bar previews made ahead (media/trickplay.h): GET
 * /api/v1/media/{id}/trickplay/index.vtt, whose cues name the sprite
 * sheets with the request's own signature, and GET .../trickplay/{n}.jpg.
 * Signed URLs only, each request through the visibility rule, as streams.
 */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "http/http.h"
#include "media/media_store.h"
#include "media/trickplay.h"
#include "core/banned.h"

/* The request's media as a trickplay source, if visible and its previews exist. */
static bool open_previews(struct http_req *req, struct http_resp *resp, struct media_location *loc,
                          struct trickplay_source *src)
{
	if (!http_media_visible(req, resp, loc))
		return false;
	*src = (struct trickplay_source){.media_id = req->params[0], .path = loc->path,
	                                 .size = loc->size, .mtime = loc->mtime,
	                                 .duration_ms = loc->info.duration_ms,
	                                 .width = loc->info.width, .height = loc->info.height};
	if (!req->trickplay || !trickplay_exists(req->trickplay, src)) {
		http_fail(resp, BG_NOT_FOUND, "media %lld has no previews (run binge trickplay)",
		          (long long)req->params[0]);
		return false;
	}
	return true;
}

void h_trickplay_index(struct http_req *req, struct http_resp *resp)
{
	struct media_location loc;
	struct trickplay_source src;
	if (!open_previews(req, resp, &loc, &src))
		return;
	const char *exp = http_query(req, "exp"), *u = http_query(req, "u"),
	           *p = http_query(req, "p"), *sig = http_query(req, "sig");
	char query[256];
	snprintf(query, sizeof(query), "exp=%s&u=%s&p=%s&sig=%s", exp ? exp : "", u ? u : "",
	         p ? p : "", sig ? sig : "");
	struct buf text = BUF_INIT((size_t)16 << 20);
	trickplay_vtt(&src, query, &text);
	if (buf_error(&text)) {
		buf_release(&text);
		http_fail(resp, BG_NOMEM, "out of memory for the preview index");
		return;
	}
	resp->status = 200;
	resp->text = text.ptr; /* the server frees it */
	resp->content_type = "text/vtt; charset=utf-8";
	http_add_header(resp, "Cache-Control", "private, no-cache");
}

void h_trickplay_sheet(struct http_req *req, struct http_resp *resp)
{
	struct media_location loc;
	struct trickplay_source src;
	if (!open_previews(req, resp, &loc, &src))
		return;
	char dir[4200], path[4300];
	trickplay_dir(req->trickplay, &src, dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/%lld.jpg", dir, (long long)req->params[1]);
	if (!http_send_file(resp, path, "image/jpeg", "private, max-age=86400"))
		http_fail(resp, BG_NOT_FOUND, "media %lld has no preview sheet %lld",
		          (long long)req->params[0], (long long)req->params[1]);
}
