/*
 * h_catalog.c - viewer reads of the catalogue: title lists, title detail,
 * a season's episodes, search, people. Every read goes through
 * catalog/catalog_view.h, which applies the visibility rule for req->viewer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/availability_store.h"
#include "catalog/maturity.h"
#include "catalog/title_json.h"
#include "http/http.h"
#include "catalog/catalog_view.h"
#include "media/media_store.h"
#include "playback/playback_store.h"
#include "media/track_json.h"
#include "core/mem.h"
#include "store/store.h"
#include "core/banned.h"

#define LIST_DEFAULT_LIMIT 50
#define LIST_MAX_LIMIT     200

/* Reads ?limit= (1..LIST_MAX_LIMIT); false with a 400 set if malformed. */
static bool read_limit(const struct http_req *req, struct http_resp *resp, size_t *out)
{
	const char *s = http_query(req, "limit");
	*out = LIST_DEFAULT_LIMIT;
	if (!s)
		return true;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || !*s || v < 1 || v > LIST_MAX_LIMIT) {
		http_fail(resp, BG_INVALID, "limit: must be a number from 1 to %d", LIST_MAX_LIMIT);
		return false;
	}
	*out = (size_t)v;
	return true;
}

json_t *http_media_json(struct store *st, int64_t title_id)
{
	struct media_item *items;
	size_t n;
	if (media_store_for_title(st, title_id, &items, &n))
		return NULL;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct media_info *m = &items[i].info;
		char url[64];
		snprintf(url, sizeof(url), "/api/v1/media/%lld/stream", (long long)items[i].id);
		struct media_track *tracks = NULL;
		size_t tracks_n = 0;
		if (media_store_tracks(st, items[i].id, &tracks, &tracks_n)) {
			json_decref(a);
			free(items);
			return NULL;
		}
		json_array_append_new(
		        a, json_pack("{s:I,s:s,s:f,s:i,s:i,s:o,s:o,s:o,s:s,s:o,s:o}", "id",
		                     (json_int_t)items[i].id, "container", m->container, "duration",
		                     (double)m->duration_ms / 1000.0, "width", m->width, "height",
		                     m->height, "video_codec", title_json_str(m->video_codec),
		                     "audio_codec", title_json_str(m->audio_codec), "hdr",
		                     title_json_str(m->hdr), "stream", url, "audio",
		                     track_json_array(tracks, tracks_n, TRACK_AUDIO), "subtitles",
		                     track_json_array(tracks, tracks_n, TRACK_SUBTITLE)));
		free(tracks);
	}
	free(items);
	return a;
}

/*
 * For an admin: who may see each listed series or film now, and why
 * nobody does ("availability": {"worldwide", "territories", "hidden"}).
 */
static bool add_reach(struct http_req *req, json_t *items)
{
	size_t n = json_array_size(items);
	int64_t *ids = xcalloc(n ? n : 1, sizeof(*ids));
	struct title_reach *reach = xcalloc(n ? n : 1, sizeof(*reach));
	for (size_t i = 0; i < n; i++)
		ids[i] = json_integer_value(json_object_get(json_array_get(items, i), "id"));
	char now[DATE_TIME_LEN + 1];
	date_time_format(req->now, now);
	struct licence_windows *windows = xcalloc(n ? n : 1, sizeof(*windows));
	bool ok = availability_store_reach(req->st, ids, n, now, reach) == BG_OK &&
	          availability_store_windows_of(req->st, ids, n, windows) == BG_OK;
	for (size_t i = 0; ok && i < n; i++) {
		char why[96];
		title_reach_reason(&reach[i], why, sizeof(why));
		json_t *w = licence_windows_json(&windows[i]);
		json_object_set_new(json_array_get(items, i), "availability",
		                    json_pack("{s:b,s:i,s:o,s:O}", "worldwide", reach[i].worldwide,
		                              "territories", reach[i].territories, "hidden",
		                              why[0] ? json_string(why) : json_null(), "windows",
		                              json_object_get(w, "windows")));
		json_decref(w);
	}
	for (size_t i = 0; i < n; i++)
		licence_windows_release(&windows[i]);
	free(windows);
	free(ids);
	free(reach);
	return ok;
}

void h_titles_list(struct http_req *req, struct http_resp *resp)
{
	struct title_filter f = {.query = http_query(req, "q"),
	                         .genre = http_query(req, "genre"),
	                         .platform = http_query(req, "platform"),
	                         .cursor = http_query(req, "cursor")};
	const char *kind = http_query(req, "kind");
	enum title_kind k;
	if (kind && (!title_kind_parse(kind, &k))) {
		http_fail(resp, BG_INVALID, "kind: must be series, season, episode or film");
		return;
	}
	f.kind = kind ? &k : NULL;
	if (!read_limit(req, resp, &f.limit))
		return;
	struct title_rows rows = TITLE_ROWS_INIT;
	char *next = NULL;
	enum bg_err rc = catalog_view_list(req->st, &req->viewer, &f, &rows, &next);
	if (rc) {
		http_fail_store(resp, rc, req->st);
	} else {
		json_t *items = json_array();
		for (size_t i = 0; i < rows.n; i++)
			json_array_append_new(items, title_row_json(&rows.items[i]));
		if (req->viewer.unrestricted && !add_reach(req, items)) {
			http_fail_store(resp, BG_DB, req->st);
			json_decref(items);
		} else if (http_add_images(req, resp, items, true))
			http_ok(resp, 200,
			        json_pack("{s:o,s:o}", "items", items, "next_cursor",
			                  title_json_str(next)));
		else
			json_decref(items);
	}
	free(next);
	title_rows_release(&rows);
}

/*
 * The title's certifications per territory, and as "rating" the one its
 * viewer is judged by: the certification in the viewer's territory, else
 * the primary rating, else (no US rating) the highest certification.
 */
static enum bg_err add_certifications(struct http_req *req, json_t *title)
{
	struct certification *certs = NULL;
	size_t n = 0;
	enum bg_err rc = availability_store_certifications(
	        req->st, json_integer_value(json_object_get(title, "id")), &certs, &n);
	if (rc)
		return rc;
	json_t *list = json_array();
	const struct certification *applies = NULL, *highest = NULL;
	for (size_t i = 0; i < n; i++) {
		char age[8];
		maturity_age_label(certs[i].level, age);
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s}", "territory",
		                                      certs[i].territory, "board", certs[i].board,
		                                      "value", certs[i].rating, "age", age));
		if (!req->viewer.unrestricted && strcmp(certs[i].territory, req->viewer.territory) == 0)
			applies = &certs[i];
		if (!highest || certs[i].level > highest->level)
			highest = &certs[i];
	}
	json_object_set_new(title, "certifications", list);
	json_t *primary = json_object_get(json_object_get(title, "rating"), "value");
	if (!applies && highest && json_is_null(primary))
		applies = highest;
	if (applies) {
		char age[8];
		maturity_age_label(applies->level, age);
		json_object_set_new(title, "rating",
		                    json_pack("{s:s,s:s,s:s,s:s}", "system", applies->board, "value",
		                              applies->rating, "age", age, "territory",
		                              applies->territory));
	}
	free(certs);
	return BG_OK;
}

void h_genres(struct http_req *req, struct http_resp *resp)
{
	const char *kind = http_query(req, "kind");
	enum title_kind k;
	if (kind && (!title_kind_parse(kind, &k) || (k != TITLE_SERIES && k != TITLE_FILM))) {
		http_fail(resp, BG_INVALID, "kind: must be series or film");
		return;
	}
	struct genre_count *genres = NULL;
	size_t n = 0;
	enum bg_err rc = catalog_view_genres(req->st, &req->viewer, kind ? &k : NULL, &genres, &n);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:s,s:I}", "genre", genres[i].name, "titles",
		                                       (json_int_t)genres[i].titles));
	free(genres);
	http_ok(resp, 200, json_pack("{s:o}", "items", items));
}

void h_title_get(struct http_req *req, struct http_resp *resp)
{
	struct title_doc doc;
	title_doc_init(&doc);
	enum bg_err rc = catalog_view_title(req->st, &req->viewer, req->params[0], &doc);
	if (rc) {
		http_fail_store(resp, rc, req->st);
	} else {
		json_t *out = title_json_render(&doc);
		json_t *media = doc.kind == TITLE_FILM ? http_media_json(req->st, doc.id) : NULL;
		if (media)
			json_object_set_new(out, "media", media);
		json_t *one = json_pack("[O]", out);
		rc = add_certifications(req, out);
		bool mine = false;
		if (!rc && req->who.has_profile &&
		    (rc = playback_store_in_my_list(req->st, req->who.profile.id, doc.id, &mine)) == BG_OK)
			json_object_set_new(out, "in_my_list", json_boolean(mine));
		if (rc)
			http_fail_store(resp, rc, req->st);
		else if (http_add_images(req, resp, one, true))
			http_ok(resp, 200, out);
		else
			json_decref(out);
		json_decref(one);
	}
	title_doc_release(&doc);
}

void h_episodes(struct http_req *req, struct http_resp *resp)
{
	struct title_rows rows = TITLE_ROWS_INIT;
	int season = (int)(req->params[1] > 100000 ? 100000 : req->params[1]);
	enum bg_err rc =
	        catalog_view_episodes(req->st, &req->viewer, req->params[0], season, &rows);
	if (rc) {
		http_fail_store(resp, rc, req->st);
	} else {
		json_t *items = json_array();
		for (size_t i = 0; i < rows.n; i++) {
			const struct title_row *r = &rows.items[i];
			json_t *media = http_media_json(req->st, r->id);
			json_array_append_new(
			        items,
			        json_pack("{s:I,s:i,s:i,s:s,s:o,s:o,s:o,s:o}", "id", (json_int_t)r->id,
			                  "season", season, "number", r->number, "title", r->name,
			                  "release_at", title_json_str(r->release_at), "synopsis",
			                  title_json_str(r->synopsis), "runtime_minutes",
			                  r->runtime_min ? json_integer(r->runtime_min) : json_null(),
			                  "media", media ? media : json_array()));
		}
		if (http_add_images(req, resp, items, true))
			http_ok(resp, 200, json_pack("{s:o}", "items", items));
		else
			json_decref(items);
	}
	title_rows_release(&rows);
}

void h_search(struct http_req *req, struct http_resp *resp)
{
	const char *q = http_query(req, "q");
	size_t limit;
	if (!q || !*q) {
		http_fail(resp, BG_INVALID, "q: the search text is required");
		return;
	}
	if (!read_limit(req, resp, &limit))
		return;
	struct search_hits hits = SEARCH_HITS_INIT;
	enum bg_err rc = catalog_view_search(req->st, &req->viewer, q, limit, &hits);
	if (rc) {
		http_fail_store(resp, rc, req->st);
	} else {
		json_t *items = json_array(), *titles = json_array();
		for (size_t i = 0; i < hits.n; i++) {
			json_t *hit = search_hit_json(&hits.items[i]);
			json_array_append_new(items, hit);
			if (hits.items[i].kind == HIT_TITLE)
				json_array_append(titles, json_object_get(hit, "title"));
		}
		/* A title hit shows as a card: with its artwork. */
		if (http_add_images(req, resp, titles, true))
			http_ok(resp, 200, json_pack("{s:s,s:o}", "query", q, "items", items));
		else
			json_decref(items);
		json_decref(titles);
	}
	search_hits_release(&hits);
}

void h_person_get(struct http_req *req, struct http_resp *resp)
{
	char *name = NULL;
	struct search_hits credits = SEARCH_HITS_INIT;
	enum bg_err rc =
	        catalog_view_person(req->st, &req->viewer, req->params[0], &name, &credits);
	if (!rc && !credits.n && !req->viewer.unrestricted)
		rc = store_set_error(req->st, BG_NOT_FOUND, "no person with id %lld",
		                     (long long)req->params[0]); /* nothing this viewer may see */
	if (rc) {
		http_fail_store(resp, rc, req->st);
	} else {
		json_t *items = json_array();
		for (size_t i = 0; i < credits.n; i++) {
			json_t *c = search_hit_json(&credits.items[i]);
			json_object_del(c, "type");
			json_object_del(c, "person");
			json_object_del(c, "person_id");
			json_array_append_new(items, c);
		}
		http_ok(resp, 200,
		        json_pack("{s:I,s:s,s:o}", "id", (json_int_t)req->params[0], "name", name,
		                  "credits", items));
	}
	free(name);
	search_hits_release(&credits);
}
