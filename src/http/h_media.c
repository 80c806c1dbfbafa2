/*
 * h_media.c - streaming media files: GET /api/v1/media/{id}/playback-info
 * decides how the file reaches the caller's device (media/delivery.h) and
 * hands it a signed URL (account/signed_url.h): the file itself, or an HLS
 * master playlist (h_hls.c). GET and HEAD /api/v1/media/{id}/stream serve
 * the bytes to whoever holds a signed URL, and GET
 * /api/v1/media/{id}/subtitles/{track}.vtt a text subtitle as WebVTT.
 *
 * A file is found by its id only (no client-supplied path reaches the file
 * system) and served only when the viewer may see the episode or film it
 * belongs to (catalog_view_check: 451, 403, 404). Single byte ranges with
 * 206 and Content-Range, 416 when unsatisfiable, If-Range, a strong ETag
 * and Last-Modified; the bytes go out with sendfile() (server.c).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "account/account_store.h"
#include "account/signed_url.h"
#include "account/stream_store.h"
#include "http/http.h"
#include "http/range.h"
#include "catalog/catalog_view.h"
#include "core/buf.h"
#include "media/delivery.h"
#include "media/device.h"
#include "media/media_store.h"
#include "media/marker_store.h"
#include "media/package.h"
#include "media/subtitle.h"
#include "media/trickplay.h"
#include "media/track_json.h"
#include "media/track_pick.h"
#include "media/track_prefs_store.h"
#include "store/store.h"
#include "core/banned.h"

static const char *content_type_of(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {{".mp4", "video/mp4"},       {".m4v", "video/mp4"},
	             {".webm", "video/webm"},     {".mkv", "video/x-matroska"},
	             {".mov", "video/quicktime"}, {".ts", "video/mp2t"},
	             {".m2ts", "video/mp2t"},     {".avi", "video/x-msvideo"},
	             {".ogv", "video/ogg"},       {".mpg", "video/mpeg"},
	             {".mpeg", "video/mpeg"},     {".wmv", "video/x-ms-wmv"}};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

bool http_media_visible(struct http_req *req, struct http_resp *resp, struct media_location *loc)
{
	enum bg_err rc = media_store_locate(req->st, req->params[0], loc);
	if (!rc && !loc->title_id && !req->viewer.unrestricted)
		rc = store_set_error(req->st, BG_NOT_FOUND, "no media with id %lld",
		                     (long long)req->params[0]);
	if (!rc && loc->title_id)
		rc = catalog_view_check(req->st, &req->viewer, loc->title_id);
	if (rc)
		http_fail_store(resp, rc, req->st);
	return rc == BG_OK;
}

bool http_device_caps(struct http_req *req, struct http_resp *resp, struct device_caps *caps)
{
	device_caps_baseline(caps);
	char msg[160];
	for (const char *const *name = device_caps_params; *name; name++) {
		const char *value = http_query(req, *name);
		if (value && device_caps_set(caps, *name, value, msg, sizeof(msg))) {
			http_fail(resp, BG_INVALID, "%s", msg);
			return false;
		}
	}
	return true;
}

/* The request's media's tracks; false with resp set. */
static bool load_tracks(struct http_req *req, struct http_resp *resp, struct media_track **tracks,
                        size_t *n)
{
	enum bg_err rc = media_store_tracks(req->st, req->params[0], tracks, n);
	if (rc)
		http_fail_store(resp, rc, req->st);
	return rc == BG_OK;
}

bool http_media_audio(struct http_req *req, struct http_resp *resp, struct media_location *loc,
                      const char *track_id, int index, struct track_picked *picked)
{
	struct media_track *tracks;
	size_t n;
	if (!load_tracks(req, resp, &tracks, &n))
		return false;
	if (picked) {
		/* What the viewer's languages pick, unless the request names a track. */
		struct track_prefs prefs;
		enum bg_err rc = track_prefs_load(req->st, req->who.has_profile ? req->who.profile.id : 0,
		                      loc->title_id, req->who.user.territory, &prefs);
		if (rc) {
			free(tracks);
			http_fail_store(resp, rc, req->st);
			return false;
		}
		track_pick(tracks, n, &prefs, picked);
		picked->from = prefs.from;
		index = picked->audio_index;
	}
	if (track_id) {
		char *end;
		long id = strtol(track_id, &end, 10);
		index = -1;
		for (size_t i = 0; *track_id && !*end && i < n; i++)
			if (tracks[i].id == id && tracks[i].kind == TRACK_AUDIO)
				index = tracks[i].index;
	}
	bool ok = index >= 0 && media_info_select_audio(&loc->info, tracks, n, index);
	if (picked && ok) {
		for (size_t i = 0; i < n; i++)
			if (tracks[i].kind == TRACK_AUDIO && tracks[i].index == index)
				picked->audio_id = tracks[i].id;
		picked->audio_index = index;
	}
	if (picked && index < 0 && !track_id)
		ok = true; /* a file with no audio */
	free(tracks);
	if (!ok && track_id)
		http_fail(resp, BG_INVALID, "audio_track: media %lld has no audio track '%.32s'",
		          (long long)req->params[0], track_id);
	else if (!ok)
		http_fail(resp, BG_INVALID, "r: media %lld has no audio stream %d",
		          (long long)req->params[0], index);
	return ok;
}

bool http_media_burn_in(struct http_req *req, struct http_resp *resp, struct media_location *loc,
                        const char *track_id, int index)
{
	struct media_track *tracks;
	size_t n;
	if (!load_tracks(req, resp, &tracks, &n))
		return false;
	const struct media_track *named = NULL;
	if (track_id) {
		char *end;
		long id = strtol(track_id, &end, 10);
		for (size_t i = 0; *track_id && !*end && i < n; i++)
			if (tracks[i].id == id && tracks[i].kind == TRACK_SUBTITLE)
				named = &tracks[i];
		index = named ? named->index : -1;
	}
	bool ok = index >= 0 && media_info_select_burn_in(&loc->info, tracks, n, index);
	if (!ok && named && media_track_is_text(named))
		http_fail(resp, BG_INVALID,
		          "burn_subtitle: track %s of media %lld is text, shown beside the video "
		          "(its WebVTT URL), not burned in",
		          track_id, (long long)req->params[0]);
	else if (!ok && track_id)
		http_fail(resp, BG_INVALID, "burn_subtitle: media %lld has no subtitle track '%.32s'%s",
		          (long long)req->params[0], track_id,
		          named ? " inside the file (a picture file beside it cannot be burned in)" : "");
	else if (!ok)
		http_fail(resp, BG_INVALID, "r: media %lld has no picture subtitle stream %d",
		          (long long)req->params[0], index);
	free(tracks);
	return ok;
}

/* The reported capabilities again, as the query of the master playlist's URL. */
static void caps_query(struct http_req *req, int audio_track, struct buf *out)
{
	/* The audio chosen, by the request or by the viewer's languages, and
	 * the subtitles burned in. */
	if (audio_track >= 0)
		buf_addf(out, "audio_track=%d&", audio_track);
	const char *burn = http_query(req, "burn_subtitle");
	if (burn)
		buf_addf(out, "burn_subtitle=%ld&", strtol(burn, NULL, 10)); /* checked by decide */
	for (const char *const *name = device_caps_params; *name; name++) {
		const char *value = http_query(req, *name);
		if (!value)
			continue;
		buf_addf(out, "%s=", *name);
		for (const char *c = value; *c; c++) /* lists of names and numbers only */
			if (isalnum((unsigned char)*c) || *c == ',')
				buf_add(out, c, 1);
		buf_addf(out, "&");
	}
}

/*
 * A transcode to H.264 is served from the file's package when it has one:
 * the same SDR H.264 renditions, made ahead, no taller than the decision's
 * (which carries the device's and the server's caps). Remux, audio-only
 * and HDR-keeping streams stay on demand: a copy is cheap and keeps the
 * source's quality, and a package is SDR.
 */
static void use_package(const struct http_req *req, const struct media_location *loc,
                        const struct media_track *tracks, size_t tracks_n, struct delivery *d)
{
	if (!req->packages || d->method != DELIVERY_TRANSCODE || !d->rendition_count ||
	    loc->info.burn_in || strcmp(d->renditions[0].video_codec, "h264") != 0)
		return;
	struct package_source src = {.media_id = req->params[0], .path = loc->path,
	                             .size = loc->size, .mtime = loc->mtime, .info = &loc->info,
	                             .tracks = tracks, .tracks_n = tracks_n};
	struct rendition r[PACKAGE_MAX_RENDITIONS];
	int n = package_renditions(req->packages, &src, r, PACKAGE_MAX_RENDITIONS), kept = 0;
	struct rendition chosen[DELIVERY_MAX_RENDITIONS];
	struct delivery audio = {0}; /* its audio renditions, when it has them */
	for (int i = 0; i < n; i++) {
		bool video = r[i].copy_video || r[i].video_codec[0];
		if (video && kept < DELIVERY_MAX_RENDITIONS && r[i].height <= d->renditions[0].height)
			chosen[kept++] = r[i];
		for (size_t t = 0; !video && t < tracks_n && audio.audio_count < DELIVERY_MAX_AUDIO; t++)
			if (tracks[t].kind == TRACK_AUDIO && tracks[t].index == r[i].audio_index) {
				if (r[i].audio_index == loc->info.audio_index)
					audio.audio_default = audio.audio_count;
				delivery_audio_rendition(&audio.audio[audio.audio_count++], &r[i], &tracks[t]);
			}
	}
	/* Without audio renditions a package carries the file's first audio stream only. */
	if (!kept || (!audio.audio_count && loc->info.audio_index != 0))
		return;
	memcpy(d->renditions, chosen, sizeof(chosen[0]) * (size_t)kept);
	d->rendition_count = kept;
	d->packaged = true;
	memcpy(d->audio, audio.audio, sizeof(audio.audio[0]) * (size_t)audio.audio_count);
	d->audio_count = audio.audio_count;
	d->audio_default = audio.audio_default;
	if (d->audio_count) {
		size_t used = strlen(d->reason);
		snprintf(d->reason + used, sizeof(d->reason) - used,
		         "; audio as %d renditions beside the video, one per track", d->audio_count);
	}
}

bool http_media_decide(struct http_req *req, struct http_resp *resp, struct media_location *loc,
                       struct delivery *d, struct track_picked *picked)
{
	struct device_caps caps;
	if (!http_device_caps(req, resp, &caps) || !http_media_visible(req, resp, loc))
		return false;
	struct track_picked none;
	if (!picked)
		picked = &none;
	*picked = (struct track_picked){.audio_id = -1, .audio_index = -1, .subtitle_id = -1};
	if (!http_media_audio(req, resp, loc, http_query(req, "audio_track"), 0, picked))
		return false;
	const char *burn = http_query(req, "burn_subtitle");
	if (burn && !http_media_burn_in(req, resp, loc, burn, -1))
		return false;
	/* The smallest of the server's, the account's and the profile's caps. */
	int cap = req->stream_kbps;
	int caps_of_caller[] = {req->who.user.max_kbps,
	                        req->who.has_profile ? req->who.profile.max_kbps : 0};
	for (size_t i = 0; i < sizeof(caps_of_caller) / sizeof(caps_of_caller[0]); i++)
		if (caps_of_caller[i] > 0 && (cap == 0 || caps_of_caller[i] < cap))
			cap = caps_of_caller[i];
	delivery_decide(&loc->info, loc->path, loc->size, &caps, cap, d);
	if (!d->rendition_count)
		return true;
	struct media_track *tracks;
	size_t n;
	if (!load_tracks(req, resp, &tracks, &n))
		return false;
	use_package(req, loc, tracks, n, d);
	/* Several audio streams by HLS: each its own rendition, so the player
	 * switches language without restarting the video. */
	if (!d->packaged)
		delivery_alternate_audio(d, &loc->info, tracks, n, &caps);
	free(tracks);
	return true;
}

static bool add_tracks(struct http_req *req, struct http_resp *resp, json_t *out,
                       const char *query);

/* {"intro": {"start", "end", "source"} | null, "credits": {"start", "source"} | null} */
static json_t *markers_json(const struct marker_set *m)
{
	json_t *intro = json_null(), *credits = json_null();
	if (m->at.intro_start >= 0)
		intro = json_pack("{s:f,s:f,s:s}", "start", (double)m->at.intro_start / 1000.0, "end",
		                  (double)m->at.intro_end / 1000.0, "source",
		                  marker_source_name(m->intro_source));
	if (m->at.credits_start >= 0)
		credits = json_pack("{s:f,s:s}", "start", (double)m->at.credits_start / 1000.0,
		                    "source", marker_source_name(m->credits_source));
	return json_pack("{s:o,s:o}", "intro", intro, "credits", credits);
}

/*
 * This device's stream, under its account's limit on simultaneous streams:
 * false with a 409 listing the devices that hold the places when it is
 * reached (the player offers to stop one: DELETE /api/v1/streams/{id}).
 */
static bool claim_stream(struct http_req *req, struct http_resp *resp)
{
	int max = 0;
	struct held_stream *held = NULL;
	size_t n = 0;
	enum bg_err rc = stream_store_limit(req->st, req->who.user.id, &max);
	if (!rc)
		rc = stream_store_claim(req->st, req->who.user.id, max, req->who.login,
		                        req->who.has_profile ? req->who.profile.id : 0, req->params[0],
		                        req->now, &held, &n);
	if (rc == BG_CONFLICT) {
		http_fail_store(resp, rc, req->st);
		json_t *streams = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(streams,
			                      json_pack("{s:I,s:s,s:s,s:s,s:s}", "device",
			                                (json_int_t)held[i].device, "device_name",
			                                held[i].device_name, "profile", held[i].profile,
			                                "title", held[i].title, "since", held[i].since));
		json_object_set_new(resp->body, "streams", streams);
		json_object_set_new(resp->body, "max_streams", json_integer(max));
	} else if (rc) {
		http_fail_store(resp, rc, req->st);
	}
	free(held);
	return rc == BG_OK;
}

/* DELETE /api/v1/streams/{device}: stops another device's stream of this account. */
void h_stream_delete(struct http_req *req, struct http_resp *resp)
{
	enum bg_err rc = stream_store_stop(req->st, req->who.user.id, req->params[0], req->now);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, json_pack("{s:I,s:b}", "device", (json_int_t)req->params[0], "stopped", 1));
}

void h_playback_info(struct http_req *req, struct http_resp *resp)
{
	struct media_location loc;
	struct delivery d;
	struct track_picked picked;
	if (!http_media_decide(req, resp, &loc, &d, &picked) || !claim_stream(req, resp))
		return;
	bool hls = d.method != DELIVERY_DIRECT && d.method != DELIVERY_NONE;
	/* An HLS stream's segments are fetched for as long as it plays. */
	int ttl = req->url_ttl + (hls ? (int)(loc.info.duration_ms / 1000) : 0);
	struct url_grant g = {.user_id = req->who.user.id,
	                      .profile_id = req->who.has_profile ? req->who.profile.id : 0,
	                      .expires = req->now + ttl};
	char query[SIGNED_URL_QUERY_MAX], expires[DATE_TIME_LEN + 1];
	signed_url_query(req->url_key, "media", req->params[0], &g, query);
	date_time_format(g.expires, expires);
	json_t *out = json_pack("{s:I,s:s,s:s,s:f,s:s,s:i}", "media_id",
	                        (json_int_t)req->params[0], "method",
	                        delivery_method_name(d.method), "reason", d.reason, "duration",
	                        (double)loc.info.duration_ms / 1000.0, "expires_at", expires, "ttl",
	                        ttl);
	struct buf url = BUF_INIT(4096);
	if (d.method == DELIVERY_DIRECT) {
		buf_addf(&url, "/api/v1/media/%lld/stream?%s", (long long)req->params[0], query);
		json_object_set_new(out, "mime", json_string(content_type_of(loc.path)));
	} else if (hls) {
		buf_addf(&url, "/api/v1/media/%lld/hls/master.m3u8?", (long long)req->params[0]);
		caps_query(req, loc.info.audio_index > 0 ? picked.audio_id : -1, &url);
		buf_addf(&url, "%s", query);
		json_object_set_new(out, "mime", json_string("application/vnd.apple.mpegurl"));
		json_t *renditions = json_array();
		for (int i = 0; i < d.rendition_count; i++) {
			const struct rendition *r = &d.renditions[i];
			char name[RENDITION_NAME_MAX];
			rendition_name(r, name);
			json_array_append_new(
			        renditions,
			        json_pack("{s:s,s:s,s:i,s:I,s:b,s:b}", "name", name, "video_codec",
			                  r->video_codec, "height", r->height, "bandwidth",
			                  (json_int_t)rendition_bandwidth(r), "copy_video", r->copy_video,
			                  "tone_mapped", r->tonemap));
		}
		json_object_set_new(out, "renditions", renditions);
		json_object_set_new(out, "packaged", json_boolean(d.packaged));
		/* The audio tracks are renditions of the stream: switched in place. */
		json_object_set_new(out, "alternate_audio", json_boolean(d.audio_count > 0));
	}
	if (url.len)
		json_object_set_new(out, "url", json_string(url.ptr));
	buf_release(&url);
	if (!add_tracks(req, resp, out, query)) {
		json_decref(out);
		return;
	}
	/* Where the intro and the credits are: "Skip intro", and the countdown's start. */
	struct marker_set markers;
	if (marker_store_get(req->st, req->params[0], &markers) == BG_OK)
		json_object_set_new(out, "markers", markers_json(&markers));
	/* Seek-bar previews, when made (binge trickplay). */
	struct trickplay_source tp = {.media_id = req->params[0], .path = loc.path, .size = loc.size,
	                              .mtime = loc.mtime, .duration_ms = loc.info.duration_ms,
	                              .width = loc.info.width, .height = loc.info.height};
	char tp_url[256];
	snprintf(tp_url, sizeof(tp_url), "/api/v1/media/%lld/trickplay/index.vtt?%s",
	         (long long)req->params[0], query);
	json_object_set_new(out, "trickplay",
	                    req->trickplay && trickplay_exists(req->trickplay, &tp)
	                            ? json_string(tp_url)
	                            : json_null());
	/* What the player starts with, and whose languages chose it. */
	json_object_set_new(out, "audio_track",
	                    picked.audio_id >= 0 ? json_integer(picked.audio_id) : json_null());
	json_object_set_new(out, "subtitle_track",
	                    picked.subtitle_id >= 0 ? json_integer(picked.subtitle_id) : json_null());
	json_object_set_new(out, "languages_from", json_string(picked.from));
	json_object_set_new(out, "burn_subtitle",
	                    loc.info.burn_in ? json_integer(strtol(http_query(req, "burn_subtitle"),
	                                                           NULL, 10))
	                                     : json_null());
	json_object_set_new(out, "still_watching_after",
	                    json_integer(req->who.has_profile ? req->who.profile.still_watching_after
	                                                      : STILL_WATCHING_DEFAULT));
	http_ok(resp, 200, out);
}

/*
 * The tracks of the media, for the player's menus: text subtitles with a
 * signed WebVTT URL (the media's grant covers its subtitles), pictures
 * without one (they can only be burned in).
 */
static bool add_tracks(struct http_req *req, struct http_resp *resp, json_t *out,
                       const char *query)
{
	struct media_track *tracks;
	size_t n;
	if (!load_tracks(req, resp, &tracks, &n))
		return false;
	json_t *subtitles = track_json_array(tracks, n, TRACK_SUBTITLE);
	size_t i;
	json_t *s;
	json_array_foreach(subtitles, i, s)
	{
		if (!json_is_true(json_object_get(s, "text")))
			continue;
		char url[256];
		snprintf(url, sizeof(url), "/api/v1/media/%lld/subtitles/%lld.vtt?%s",
		         (long long)req->params[0],
		         (long long)json_integer_value(json_object_get(s, "id")), query);
		json_object_set_new(s, "url", json_string(url));
	}
	json_object_set_new(out, "audio", track_json_array(tracks, n, TRACK_AUDIO));
	json_object_set_new(out, "subtitles", subtitles);
	free(tracks);
	return true;
}

/* One marker of a PUT body: absent (kept), null (removed) or {"start"[, "end"]} (set). */
static bool marker_field(json_t *in, const char *kind, bool with_end, int64_t *start,
                         int64_t *end, bool *clear, struct http_resp *resp)
{
	json_t *v = json_object_get(in, kind);
	*clear = v && json_is_null(v);
	if (!v || *clear)
		return true;
	json_t *s = json_object_get(v, "start"), *e = json_object_get(v, "end");
	double sv = json_number_value(s), ev = json_number_value(e);
	if (!json_is_number(s) || sv < 0 || sv > 1e6 ||
	    (with_end && (!json_is_number(e) || ev <= sv || ev > 1e6))) {
		http_fail(resp, BG_INVALID, "%s: must be {\"start\": seconds%s} or null", kind,
		          with_end ? ", \"end\": seconds after it" : "");
		return false;
	}
	*start = (int64_t)(sv * 1000.0 + 0.5);
	if (with_end)
		*end = (int64_t)(ev * 1000.0 + 0.5);
	return true;
}

void h_markers_put(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"intro", "credits", NULL};
	struct media_markers set = MEDIA_MARKERS_NONE;
	int64_t no_end = -1; /* credits have a start only */
	bool clear_intro, clear_credits;
	struct media_location loc;
	json_t *in = http_json_body(req, resp);
	if (!in || !http_only_fields(in, fields, resp) ||
	    !marker_field(in, "intro", true, &set.intro_start, &set.intro_end, &clear_intro, resp) ||
	    !marker_field(in, "credits", false, &set.credits_start, &no_end, &clear_credits, resp)) {
		json_decref(in);
		return;
	}
	enum bg_err rc = media_store_locate(req->st, req->params[0], &loc);
	if (!rc && clear_intro)
		rc = marker_store_clear(req->st, req->params[0], "intro");
	if (!rc && clear_credits)
		rc = marker_store_clear(req->st, req->params[0], "credits");
	if (!rc)
		rc = marker_store_put(req->st, req->params[0], &set, MARKER_ADMIN);
	json_decref(in);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		return;
	}
	struct marker_set m;
	rc = marker_store_get(req->st, req->params[0], &m);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, markers_json(&m));
}

void h_media_subtitle(struct http_req *req, struct http_resp *resp)
{
	struct media_location loc;
	if (!http_media_visible(req, resp, &loc))
		return;
	struct media_track *tracks;
	size_t n;
	enum bg_err rc = media_store_tracks(req->st, req->params[0], &tracks, &n);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		return;
	}
	const struct media_track *t = NULL;
	for (size_t i = 0; i < n && !t; i++)
		if (tracks[i].id == req->params[1] && tracks[i].kind == TRACK_SUBTITLE)
			t = &tracks[i];
	char path[8192], msg[256];
	struct subtitle_source src = {.media_id = req->params[0], .path = loc.path,
	                              .size = loc.size, .mtime = loc.mtime};
	rc = t ? subtitle_vtt(req->subtitles, &src, t, path, sizeof(path), msg, sizeof(msg))
	       : BG_NOT_FOUND;
	if (!t)
		snprintf(msg, sizeof(msg), "media %lld has no subtitle track %lld",
		         (long long)req->params[0], (long long)req->params[1]);
	free(tracks);
	if (rc)
		http_fail(resp, rc, "%s", msg);
	else if (!http_send_file(resp, path, "text/vtt; charset=utf-8", "private, max-age=3600"))
		http_fail(resp, BG_IO, "cannot read the converted subtitles");
}

void h_media_stream(struct http_req *req, struct http_resp *resp)
{
	struct media_location loc;
	if (!http_media_visible(req, resp, &loc))
		return;
	int fd = open(loc.path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
		http_fail(resp, BG_NOT_FOUND, "media %lld is missing from its library; rescan",
		          (long long)req->params[0]);
		return;
	}
	uint64_t size = (uint64_t)sb.st_size;
	char etag[64], modified[64];
	snprintf(etag, sizeof(etag), "\"%llx-%llx-%llx\"", (unsigned long long)req->params[0],
	         (unsigned long long)size, (unsigned long long)sb.st_mtime);
	struct tm tm;
	time_t mtime = sb.st_mtime;
	gmtime_r(&mtime, &tm);
	strftime(modified, sizeof(modified), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	http_add_header(resp, "Accept-Ranges", "bytes");
	http_add_header(resp, "ETag", "%s", etag);
	http_add_header(resp, "Last-Modified", "%s", modified);
	http_add_header(resp, "Cache-Control", "private, max-age=3600");

	uint64_t start = 0, length = size;
	enum range_result range = RANGE_NONE;
	if (range_if_range_holds(http_header(req, "If-Range"), etag, modified))
		range = range_parse(http_header(req, "Range"), size, &start, &length);
	if (range == RANGE_UNSATISFIABLE) {
		close(fd);
		http_fail(resp, BG_INVALID, "range not satisfiable for %llu bytes",
		          (unsigned long long)size);
		resp->status = 416;
		http_add_header(resp, "Content-Range", "bytes */%llu", (unsigned long long)size);
		return;
	}
	if (range == RANGE_PARTIAL)
		http_add_header(resp, "Content-Range", "bytes %llu-%llu/%llu",
		                (unsigned long long)start, (unsigned long long)(start + length - 1),
		                (unsigned long long)size);
	else
		start = 0, length = size;
	resp->status = range == RANGE_PARTIAL ? 206 : 200;
	resp->content_type = content_type_of(loc.path);
	resp->file_fd = fd;
	resp->file_offset = start;
	resp->file_length = length;
}
