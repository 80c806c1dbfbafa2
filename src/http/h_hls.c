/*
 * h_hls.c - HLS for files a device cannot play as they are: the master
 * playlist of the renditions the playback decision chose, each
 * rendition's media playlist, its init segment and its media segments,
 * made on demand by the encoder pool (media/encoder.h).
 *
 * Every route is of access class signed: native HLS players send no
 * Authorization header, so each URI in a playlist carries the signed query
 * of playback-info, scoped to the media and the profile. Each request
 * passes the visibility rule again (http_media_visible), so a title that
 * leaves the territory, or a profile whose ceiling no longer allows it,
 * stops mid-stream.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "http/http.h"
#include "media/delivery.h"
#include "media/device.h"
#include "media/encoder.h"
#include "media/hls.h"
#include "media/media_store.h"
#include "media/package.h"
#include "core/banned.h"

#define PLAYLIST_TYPE "application/vnd.apple.mpegurl"
/* A segment not made yet is waited for in slices, 30 s in all. */
#define SEGMENT_WAIT_SLICE_MS 2000
#define SEGMENT_WAIT_SLICES   15

/* The signed part of the request's query, for the URIs of a playlist. */
static void signed_query(struct http_req *req, char *out, size_t len)
{
	const char *exp = http_query(req, "exp"), *u = http_query(req, "u"),
	           *p = http_query(req, "p"), *sig = http_query(req, "sig");
	/* admit_signed() has checked all four. */
	snprintf(out, len, "exp=%s&u=%s&p=%s&sig=%s", exp ? exp : "", u ? u : "", p ? p : "",
	         sig ? sig : "");
}

static void send_text(struct http_resp *resp, struct buf *text)
{
	resp->status = 200;
	resp->text = text->ptr; /* the server frees it */
	resp->content_type = PLAYLIST_TYPE;
	http_add_header(resp, "Cache-Control", "private, no-cache");
}

void h_hls_master(struct http_req *req, struct http_resp *resp)
{
	struct media_location loc;
	struct delivery d;
	if (!http_media_decide(req, resp, &loc, &d, NULL))
		return;
	if (!d.rendition_count) {
		http_fail(resp, BG_INVALID, "this device needs no HLS for media %lld (%s): %s",
		          (long long)req->params[0], delivery_method_name(d.method), d.reason);
		return;
	}
	char query[256];
	signed_query(req, query, sizeof(query));
	struct buf text = BUF_INIT(64 * 1024);
	hls_master_playlist(&d, &loc.info, query, &text);
	if (buf_error(&text)) {
		buf_release(&text);
		http_fail(resp, BG_NOMEM, "out of memory for the playlist");
		return;
	}
	send_text(resp, &text);
}

/* One rendition of one file, as a playlist or segment request names it. */
struct hls_stream {
	struct media_location loc;
	struct rendition rendition;
	struct encode_job job; /* points into loc and rendition */
	struct segment_plan plan;
};

/*
 * The stream the request names (the media id, r=...), if the viewer may see
 * it, with its segment plan; false with resp set. Release with
 * segment_plan_release(&s->plan).
 */
static bool open_stream(struct http_req *req, struct http_resp *resp, struct hls_stream *s)
{
	if (!req->encoders) {
		http_fail(resp, BG_NOT_FOUND, "this server makes no HLS streams");
		return false;
	}
	if (!http_media_visible(req, resp, &s->loc))
		return false;
	const char *name = http_query(req, "r");
	char msg[256];
	if (!name) {
		http_fail(resp, BG_INVALID, "r: the rendition is missing");
		return false;
	}
	int audio, burn;
	if (!rendition_streams(name, &audio, &burn)) {
		http_fail(resp, BG_INVALID, "r: no rendition '%.48s' of this media", name);
		return false;
	}
	if (audio > 0 && !http_media_audio(req, resp, &s->loc, NULL, audio, NULL))
		return false;
	if (burn >= 0 && !http_media_burn_in(req, resp, &s->loc, NULL, burn))
		return false;
	if (rendition_parse(name, &s->loc.info, &s->rendition, msg, sizeof(msg))) {
		http_fail(resp, BG_INVALID, "r: %s", msg);
		return false;
	}
	s->job = (struct encode_job){.media_id = req->params[0],
	                             .source = s->loc.path,
	                             .size = s->loc.size,
	                             .mtime = s->loc.mtime,
	                             .info = &s->loc.info,
	                             .rendition = &s->rendition};
	enum bg_err rc = encoder_pool_plan(req->encoders, &s->job, &s->plan, msg, sizeof(msg));
	if (rc)
		http_fail(resp, rc, "cannot list the segments of media %lld: %s",
		          (long long)req->params[0], msg);
	return rc == BG_OK;
}

void h_hls_media(struct http_req *req, struct http_resp *resp)
{
	struct hls_stream s;
	if (!open_stream(req, resp, &s))
		return;
	char query[256], name[RENDITION_NAME_MAX];
	signed_query(req, query, sizeof(query));
	rendition_name(&s.rendition, name);
	struct buf text = BUF_INIT((size_t)16 << 20);
	hls_media_playlist(&s.plan, name, query, &text);
	segment_plan_release(&s.plan);
	if (buf_error(&text)) {
		buf_release(&text);
		http_fail(resp, BG_NOMEM, "out of memory for the playlist");
		return;
	}
	send_text(resp, &text);
}

/* Serves segment n (-1: init) of the request's rendition, made if need be. */
static void serve_segment(struct http_req *req, struct http_resp *resp, long n)
{
	struct hls_stream s;
	if (!open_stream(req, resp, &s))
		return;
	char path[8192], msg[256], name[RENDITION_NAME_MAX];
	bool ready = false;
	enum bg_err rc = BG_OK;
	struct package_source src = {.media_id = s.job.media_id, .path = s.loc.path,
	                             .size = s.loc.size, .mtime = s.loc.mtime, .info = &s.loc.info};
	rendition_name(&s.rendition, name);
	if (n >= (long)s.plan.count) {
		rc = BG_INVALID;
		snprintf(msg, sizeof(msg), "segment %ld: the stream has %zu", n, s.plan.count);
	} else if (!package_segment(req->packages, &src, name, n, path, sizeof(path))) {
		/* Not packaged (or not this rendition): made on demand. */
		rc = encoder_pool_request(req->encoders, &s.job, &s.plan, n, path, sizeof(path), &ready,
		                          msg, sizeof(msg));
	} else if (req->accel_redirect) {
		/* A web server in front sends the file; binge only authorised it. */
		segment_plan_release(&s.plan);
		char target[8192];
		snprintf(target, sizeof(target), "%s/%s", req->accel_redirect,
		         path + strlen(req->packages) + 1);
		resp->status = 200;
		resp->content_type = "video/mp4";
		http_add_header(resp, "X-Accel-Redirect", "%s", target);
		http_add_header(resp, "Cache-Control", "private, max-age=3600");
		return;
	} else {
		ready = true;
	}
	segment_plan_release(&s.plan);
	if (!rc && !ready) {
		/* Asked again every slice, so the pool sees the viewer is still there. */
		if (req->waits < SEGMENT_WAIT_SLICES) {
			http_wait_for_file(req, path, SEGMENT_WAIT_SLICE_MS);
			return;
		}
		rc = BG_BUSY;
		snprintf(msg, sizeof(msg), "segment %ld is not ready after %d s; try again", n,
		         SEGMENT_WAIT_SLICES * SEGMENT_WAIT_SLICE_MS / 1000);
	}
	if (rc) {
		http_fail(resp, rc == BG_INVALID ? BG_NOT_FOUND : rc, "%s", msg);
		if (rc == BG_BUSY)
			resp->retry_after = ENCODER_RETRY_AFTER;
		return;
	}
	/* The same URL always names the same bytes, until the signature expires. */
	if (!http_send_file(resp, path, "video/mp4", "private, max-age=3600"))
		http_fail(resp, BG_IO, "segment %ld was evicted from the cache; ask again", n);
}

void h_hls_init(struct http_req *req, struct http_resp *resp)
{
	serve_segment(req, resp, -1);
}

void h_hls_segment(struct http_req *req, struct http_resp *resp)
{
	serve_segment(req, resp, (long)req->params[1]);
}
