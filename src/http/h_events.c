/*
 * h_events.c - POST /api/v1/events: batches of viewing events from the
 * player, for the caller's own profile. The whole batch is checked first
 * (a bad event is a 400 naming it, and nothing is stored), then written in
 * one transaction, shared with the batches other requests post meanwhile
 * (audience/event_group.h); ids this profile already stored are counted as
 * duplicates, so a retried batch adds nothing twice (ids are the profile's
 * own: another viewer's ids neither collide nor show). Times must lie
 * between EVENT_TIME_FLOOR and a day past the server's clock. The response
 * comes after the commit: an acknowledged event is on disk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "http/metrics.h"
#include "catalog/catalog_view.h"
#include "audience/event_group.h"
#include "audience/event_store.h"
#include "store/store.h"
#include "core/mem.h"
#include "core/pairmap.h"
#include "core/banned.h"

#define EVENTS_PER_BATCH 1000

struct batch {
	struct viewing_event *events;
	size_t n;
	long accepted, duplicates;
};

/*
 * One event object of the batch, for the caller's profile; false with a 400
 * set. A batch names few titles many times (a player reports progress on
 * one episode), so each title's references are checked once: `checked`
 * holds the titles that passed.
 */
static bool parse_event(struct http_req *req, json_t *o, size_t i, struct viewing_event *out,
                        struct pairmap *checked, struct http_resp *resp)
{
	static const char *const fields[] = {"event_id", "title_id", "kind", "position",
	                                     "device",   "time",     NULL};
	char msg[256];
	if (!json_is_object(o)) {
		http_fail(resp, BG_INVALID, "events[%zu]: must be an object", i);
		return false;
	}
	const char *key;
	json_t *val;
	json_object_foreach(o, key, val)
	{
		bool ok = false;
		for (const char *const *f = fields; *f && !ok; f++)
			ok = strcmp(*f, key) == 0;
		if (!ok) {
			http_fail(resp, BG_INVALID, "events[%zu]: unknown field '%.64s'", i, key);
			return false;
		}
	}
	json_t *title = json_object_get(o, "title_id"), *pos = json_object_get(o, "position"),
	       *device = json_object_get(o, "device");
	if (!json_is_integer(title) || !json_is_number(pos) ||
	    (device && !json_is_string(device))) {
		http_fail(resp, BG_INVALID,
		          "events[%zu]: title_id must be a whole number, position a number, "
		          "device a string",
		          i);
		return false;
	}
	if (event_from_parts(
	            json_string_value(json_object_get(o, "event_id")), req->who.profile.id,
	            json_integer_value(title), json_string_value(json_object_get(o, "kind")),
	            json_number_value(pos), device ? json_string_value(device) : "web",
	            json_string_value(json_object_get(o, "time")), out, msg, sizeof(msg))) {
		http_fail(resp, BG_INVALID, "events[%zu].%s", i, msg);
		return false;
	}
	if (!event_time_is_plausible(out, req->now, msg, sizeof(msg))) {
		http_fail(resp, BG_INVALID, "events[%zu] ('%s').%s", i, out->id, msg);
		return false;
	}
	if (pairmap_get(checked, out->title_id, 0, &(size_t){0}))
		return true;
	/* Only what this profile may see: no events about hidden titles. */
	enum bg_err rc = catalog_view_check(req->st, &req->viewer, out->title_id);
	if (!rc) {
		char why[256];
		rc = event_store_check(req->st, out, why, sizeof(why));
		if (rc == BG_INVALID) {
			http_fail(resp, BG_INVALID, "events[%zu].%s", i, why);
			return false;
		}
	}
	if (rc) {
		http_fail(resp, rc, "events[%zu].title_id: %s", i, store_errmsg(req->st));
		return false;
	}
	bool added;
	pairmap_intern(checked, out->title_id, 0, checked->count, &added);
	return true;
}

void h_events_post(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"events", NULL};
	struct batch b = {0};
	json_t *in = NULL;
	if (!(in = http_json_body(req, resp)) || !http_only_fields(in, fields, resp))
		goto out;
	json_t *arr = json_object_get(in, "events");
	if (!json_is_array(arr) || json_array_size(arr) == 0) {
		http_fail(resp, BG_INVALID, "events: must be a non-empty array");
		goto out;
	}
	if (json_array_size(arr) > EVENTS_PER_BATCH) {
		http_fail(resp, BG_TOO_LARGE, "events: at most %d per batch", EVENTS_PER_BATCH);
		goto out;
	}
	b.events = xcalloc(json_array_size(arr), sizeof(*b.events));
	/* The checks' reads as one run: one snapshot, one set of SQLite's locks. */
	struct pairmap checked = PAIRMAP_INIT;
	store_reads_begin(req->st);
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o)
	{
		if (!parse_event(req, o, i, &b.events[i], &checked, resp))
			break;
		b.n++;
	}
	store_reads_end(req->st);
	pairmap_release(&checked);
	if (b.n < json_array_size(arr))
		goto out;
	/* Written with the batches other requests post meanwhile, in one transaction. */
	enum bg_err rc =
	        event_group_add(req->events, req->st, b.events, b.n, &b.accepted, &b.duplicates);
	if (!rc && req->metrics)
		metrics_events(req->metrics, (uint64_t)b.accepted);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200,
		        json_pack("{s:I,s:I}", "accepted", (json_int_t)b.accepted, "duplicates",
		                  (json_int_t)b.duplicates));
out:
	free(b.events);
	json_decref(in);
}
