/*
 * h_playback.c - a profile's playback state and its home screen: progress
 * reports, resume positions, watched marks, and the rows continue
 * watching, next up and new. Every route here is of access class profile
 * (routes.c), so req->who always has a profile; only titles the profile may
 * see are touched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/account_store.h"
#include "audience/popular_cache.h"
#include "account/stream_store.h"
#include "http/http.h"
#include "catalog/catalog_view.h"
#include "catalog/catalog_store.h"
#include "core/slot_cache.h"
#include "audience/event_store.h"
#include "media/media_store.h"
#include "playback/playback_store.h"
#include "store/store.h"
#include "core/language.h"
#include "media/track_prefs_store.h"
#include "core/banned.h"

/* The title of media id, if the viewer may see it; else sets the error. */
static bool media_title(struct http_req *req, struct http_resp *resp, struct media_location *loc)
{
	enum bg_err rc = media_store_locate(req->st, req->params[0], loc);
	if (!rc && !loc->title_id)
		rc = store_set_error(req->st, BG_NOT_FOUND, "media %lld belongs to no title",
		                     (long long)req->params[0]);
	if (!rc)
		rc = catalog_view_check(req->st, &req->viewer, loc->title_id);
	if (rc)
		http_fail_store(resp, rc, req->st);
	return rc == BG_OK;
}

/* The event and its summaries in one transaction. */
static enum bg_err add_event(struct store *st, void *ctx)
{
	return event_store_add_all(st, ctx, 1, NULL, NULL);
}

void h_progress_post(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"position", NULL};
	struct media_location loc;
	json_t *in = NULL;
	if (!(in = http_json_body(req, resp)) || !http_only_fields(in, fields, resp) ||
	    !media_title(req, resp, &loc))
		goto out;
	json_t *pos = json_object_get(in, "position");
	if (!json_is_number(pos) || json_number_value(pos) < 0 || json_number_value(pos) > 1e7) {
		http_fail(resp, BG_INVALID, "position: must be seconds, a number from 0");
		goto out;
	}
	int64_t position_ms = (int64_t)(json_number_value(pos) * 1000.0);
	char now[DATE_TIME_LEN + 1];
	date_time_format(req->now, now);
	bool watched, stopped = false;
	enum bg_err rc = stream_store_report(req->st, req->who.login, req->now, &stopped);
	if (!rc && stopped) {
		http_fail(resp, BG_CONFLICT,
		          "this stream was stopped from another device of the account");
		goto out;
	}
	if (!rc)
		rc = playback_store_progress(req->st, req->who.profile.id, loc.title_id, req->params[0],
	                                position_ms, loc.duration_ms, now, &watched);
	if (!rc) {
		/* The progress report is also an event of the viewing log. */
		char token[TOKEN_LEN + 1], id[TOKEN_LEN + 4], msg[128];
		struct viewing_event e;
		token_new(token);
		snprintf(id, sizeof(id), "pr-%s", token);
		if (event_from_parts(id, req->who.profile.id, loc.title_id, "progress",
		                     (double)position_ms / 1000.0, "web", now, &e, msg,
		                     sizeof(msg)) == BG_OK &&
		    (rc = event_store_prepare_months(req->st, &e, 1)) == BG_OK)
			rc = store_transact(req->st, add_event, &e);
	}
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200,
		        json_pack("{s:I,s:f,s:b}", "title_id", (json_int_t)loc.title_id, "position",
		                  (double)(position_ms < loc.duration_ms || !loc.duration_ms
		                                   ? position_ms
		                                   : loc.duration_ms) /
		                          1000.0,
		                  "watched", watched));
out:
	json_decref(in);
}

/*
 * A language field of a body: a language code or name (stored as ISO
 * 639-2/B in out), or, where null_ok, null or absent ("" in out). False
 * with a 400 naming the field.
 */
static bool language_field(json_t *in, const char *field, bool null_ok,
                           char out[LANGUAGE_CODE_MAX], struct http_resp *resp)
{
	json_t *v = json_object_get(in, field);
	out[0] = '\0';
	if ((!v || json_is_null(v)) && null_ok)
		return true;
	if (!json_is_string(v) || !language_normalize(json_string_value(v), out)) {
		http_fail(resp, BG_INVALID, "%s: must be a language (\"en\", \"spa\", \"French\")%s",
		          field, null_ok ? " or null" : "");
		return false;
	}
	return true;
}

void h_tracks_put(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"audio", "subtitles", NULL};
	struct media_location loc;
	char audio[LANGUAGE_CODE_MAX], subtitles[LANGUAGE_CODE_MAX], now[DATE_TIME_LEN + 1];
	json_t *in = http_json_body(req, resp);
	if (!in || !http_only_fields(in, fields, resp) ||
	    !language_field(in, "audio", false, audio, resp) ||
	    !language_field(in, "subtitles", true, subtitles, resp) || !media_title(req, resp, &loc))
		goto out;
	date_time_format(req->now, now);
	enum bg_err rc = track_prefs_remember(req->st, req->who.profile.id, loc.title_id, audio,
	                                      subtitles, now);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200,
		        json_pack("{s:s,s:o}", "audio", audio, "subtitles",
		                  subtitles[0] ? json_string(subtitles) : json_null()));
out:
	json_decref(in);
}

void h_languages_put(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"audio", "subtitles", NULL};
	char audio[LANGUAGE_CODE_MAX], subtitles[LANGUAGE_CODE_MAX];
	json_t *in = http_json_body(req, resp);
	if (!in || !http_only_fields(in, fields, resp) ||
	    !language_field(in, "audio", true, audio, resp) ||
	    !language_field(in, "subtitles", true, subtitles, resp))
		goto out;
	enum bg_err rc = track_prefs_set_profile(req->st, req->who.profile.id,
	                                         audio[0] ? audio : NULL, subtitles);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200,
		        json_pack("{s:o,s:o}", "audio", audio[0] ? json_string(audio) : json_null(),
		                  "subtitles", subtitles[0] ? json_string(subtitles) : json_null()));
out:
	json_decref(in);
}

void h_autoplay_put(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"still_watching_after", NULL};
	json_t *in = http_json_body(req, resp);
	if (!in || !http_only_fields(in, fields, resp))
		goto out;
	json_t *v = json_object_get(in, "still_watching_after");
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > STILL_WATCHING_MAX) {
		http_fail(resp, BG_INVALID,
		          "still_watching_after: must be a whole number from 0 (never ask) to %d",
		          STILL_WATCHING_MAX);
		goto out;
	}
	int after = (int)json_integer_value(v);
	enum bg_err rc = account_store_set_still_watching(req->st, req->who.profile.id, after);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, json_pack("{s:i}", "still_watching_after", after));
out:
	json_decref(in);
}

void h_progress_get(struct http_req *req, struct http_resp *resp)
{
	struct media_location loc;
	if (!media_title(req, resp, &loc))
		return;
	int64_t position_ms;
	bool watched;
	enum bg_err rc = playback_store_get(req->st, req->who.profile.id, loc.title_id,
	                                    &position_ms, &watched);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200,
		        json_pack("{s:I,s:f,s:b}", "title_id", (json_int_t)loc.title_id, "position",
		                  (double)position_ms / 1000.0, "watched", watched));
}

void h_watched_put(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"watched", NULL};
	json_t *in = NULL;
	if (!(in = http_json_body(req, resp)) || !http_only_fields(in, fields, resp))
		goto out;
	json_t *w = json_object_get(in, "watched");
	if (!json_is_boolean(w)) {
		http_fail(resp, BG_INVALID, "watched: must be true or false");
		goto out;
	}
	enum bg_err rc = catalog_view_check(req->st, &req->viewer, req->params[0]);
	char now[DATE_TIME_LEN + 1];
	date_time_format(req->now, now);
	if (!rc)
		rc = playback_store_mark(req->st, req->who.profile.id, req->params[0],
		                         json_is_true(w), now);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200,
		        json_pack("{s:I,s:b}", "id", (json_int_t)req->params[0], "watched",
		                  json_is_true(w)));
out:
	json_decref(in);
}

static json_t *items_json(struct store *st, const struct home_item *list, size_t n)
{
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct home_item *it = &list[i];
		json_t *o =
		        json_pack("{s:I,s:s,s:s,s:f}", "id", (json_int_t)it->id, "kind", it->kind,
		                  "title", it->title, "position", (double)it->position_ms / 1000.0);
		if (strcmp(it->kind, "episode") == 0) {
			json_object_set_new(o, "series_id", json_integer(it->series_id));
			json_object_set_new(o, "series_title", json_string(it->series));
			json_object_set_new(o, "season", json_integer(it->season));
			json_object_set_new(o, "number", json_integer(it->number));
		}
		if (strcmp(it->kind, "episode") == 0 || strcmp(it->kind, "film") == 0) {
			json_t *media = http_media_json(st, it->id);
			json_object_set_new(o, "media", media ? media : json_array());
		}
		json_array_append_new(items, o);
	}
	return items;
}

static json_t *row_json(struct store *st, const char *id, const char *title,
                        const struct home_row *row)
{
	return json_pack("{s:s,s:s,s:o}", "id", id, "title", title, "items",
	                 items_json(st, row->items, row->n));
}

/* GET /api/v1/my-list: the profile's list as it may see it now. */
void h_my_list_get(struct http_req *req, struct http_resp *resp)
{
	struct home_item *list = NULL;
	size_t n = 0;
	enum bg_err rc = playback_store_my_list(req->st, &req->viewer, req->who.profile.id, &list, &n);
	json_t *items = rc ? NULL : items_json(req->st, list, n);
	free(list);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else if (http_add_images(req, resp, items, true))
		http_ok(resp, 200, json_pack("{s:o}", "items", items));
	else
		json_decref(items);
}

/* PUT and DELETE /api/v1/my-list/{id}: a series or film the profile may see. */
static void my_list_set(struct http_req *req, struct http_resp *resp, bool add)
{
	int64_t id = req->params[0];
	enum bg_err rc = add ? catalog_view_check(req->st, &req->viewer, id) : BG_OK;
	struct title_doc doc;
	title_doc_init(&doc);
	if (!rc && add && (rc = catalog_view_title(req->st, &req->viewer, id, &doc)) == BG_OK &&
	    doc.kind != TITLE_SERIES && doc.kind != TITLE_FILM)
		rc = store_set_error(req->st, BG_INVALID, "My List holds series and films, not a %s",
		                     title_kind_name(doc.kind));
	title_doc_release(&doc);
	char now[DATE_TIME_LEN + 1];
	date_time_format(req->now, now);
	if (!rc)
		rc = playback_store_my_list_set(req->st, req->who.profile.id, id, add, now);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "in_my_list", add));
}

void h_my_list_put(struct http_req *req, struct http_resp *resp)
{
	my_list_set(req, resp, true);
}

void h_my_list_delete(struct http_req *req, struct http_resp *resp)
{
	my_list_set(req, resp, false);
}

/*
 * "New on binge" depends on the viewer's territory and ceiling, the second
 * and the catalogue's generation, not on the profile: every home page in
 * that second with the same inputs shares one read (half a page's time at
 * 20,000 titles).
 */
static enum bg_err new_row(struct http_req *req, struct home_row *out)
{
	int64_t generation;
	enum bg_err rc = catalog_store_generation(req->st, &generation);
	if (rc)
		return rc;
	const struct viewer *v = &req->viewer;
	char key[160];
	snprintf(key, sizeof(key), "%lld|%d|%d|%s|%s", (long long)generation, v->unrestricted,
	         v->ceiling, v->territory, v->now);
	size_t len;
	char *hit = slot_cache_get(req->new_rows, key, &len);
	if (hit && len == sizeof(*out)) {
		memcpy(out, hit, sizeof(*out));
		free(hit);
		return BG_OK;
	}
	free(hit);
	rc = playback_store_new(req->st, v, out);
	if (!rc)
		slot_cache_put(req->new_rows, key, out, sizeof(*out));
	return rc;
}

void h_home(struct http_req *req, struct http_resp *resp)
{
	struct home_row cont = {0}, next = {0}, fresh = {0}, popular_row = {0};
	struct popular popular;
	enum bg_err rc = playback_store_continue(req->st, &req->viewer, req->who.profile.id, &cont);
	if (!rc)
		rc = playback_store_next_up(req->st, &req->viewer, req->who.profile.id, &next);
	struct home_item *mine = NULL;
	size_t mine_n = 0;
	if (!rc)
		rc = playback_store_my_list(req->st, &req->viewer, req->who.profile.id, &mine, &mine_n);
	if (!rc)
		rc = popular_cache_week(req->popular, req->st, req->viewer.territory,
		                        req->viewer.now, &popular);
	if (!rc)
		rc = playback_store_titles(req->st, &req->viewer, popular.ids, popular.n,
		                           &popular_row);
	if (!rc)
		rc = new_row(req, &fresh);
	if (rc) {
		free(mine);
		http_fail_store(resp, rc, req->st);
		return;
	}
	json_t *rows = json_array();
	json_array_append_new(rows,
	                      row_json(req->st, "continue_watching", "Continue watching", &cont));
	json_array_append_new(rows, row_json(req->st, "next_up", "Next up", &next));
	json_array_append_new(rows, json_pack("{s:s,s:s,s:o}", "id", "my_list", "title", "My List",
	                                      "items", items_json(req->st, mine,
	                                                          mine_n < HOME_ROW_MAX ? mine_n
	                                                                                : HOME_ROW_MAX)));
	free(mine);
	/* A quiet log ranks the last week that had viewing, and says which. */
	char popular_title[96];
	if (popular.this_week || !popular.week_end[0])
		snprintf(popular_title, sizeof(popular_title), "Popular in your country this week");
	else
		snprintf(popular_title, sizeof(popular_title),
		         "Popular in your country in the week to %.10s", popular.week_end);
	json_array_append_new(rows, row_json(req->st, "popular", popular_title, &popular_row));
	json_array_append_new(rows, row_json(req->st, "new", "New on binge", &fresh));
	if (!http_reco_rows(req, resp, rows)) {
		json_decref(rows);
		return;
	}
	/* Cards show the series' or film's artwork. */
	for (size_t i = 0; i < json_array_size(rows); i++)
		if (!http_add_images(req, resp, json_object_get(json_array_get(rows, i), "items"),
		                     false)) {
			json_decref(rows);
			return;
		}
	http_ok(resp, 200, json_pack("{s:o}", "rows", rows));
}
