/*
 * h_reception.c - GET /api/v1/titles/{id}/reception: the critic reception
 * (reception/reception_report.h) of a title the caller may see; GET
 * /api/v1/titles/{id}/timeline: the story orders of its franchises.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "reception/reception_report.h"
#include "reception/review.h"
#include "reception/timeline_report.h"
#include "catalog/catalog_view.h"
#include "reception/review_store.h"
#include "core/banned.h"

void h_reception(struct http_req *req, struct http_resp *resp)
{
	/* 404, 403 or 451 as GET /titles/{id} answers */
	enum bg_err rc = catalog_view_check(req->st, &req->viewer, req->params[0]);
	json_t *report = NULL;
	if (!rc)
		rc = reception_report(req->st, req->params[0], &report);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, report);
}

void h_timeline(struct http_req *req, struct http_resp *resp)
{
	enum bg_err rc = catalog_view_check(req->st, &req->viewer, req->params[0]);
	char **names = NULL;
	size_t n = 0;
	if (!rc)
		rc = franchise_store_of_title(req->st, req->params[0], &names, &n);
	json_t *list = json_array();
	for (size_t i = 0; i < n && !rc; i++) {
		json_t *one;
		rc = timeline_report(req->st, names[i], &one);
		if (!rc)
			json_array_append_new(list, one);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc) {
		json_decref(list);
		http_fail_store(resp, rc, req->st);
		return;
	}
	http_ok(resp, 200,
	        json_pack("{s:I,s:o}", "id", (json_int_t)req->params[0], "franchises", list));
}

void h_awards(struct http_req *req, struct http_resp *resp)
{
	enum bg_err rc = catalog_view_check(req->st, &req->viewer, req->params[0]);
	json_t *report = NULL;
	if (!rc)
		rc = awards_report(req->st, req->params[0], &report);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, report);
}

void h_rating_put(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"stars", NULL};
	/* Access class profile (routes.c): req->who has a profile. */
	json_t *in = http_json_body(req, resp);
	if (!in || !http_only_fields(in, fields, resp)) {
		json_decref(in);
		return;
	}
	json_t *stars = json_object_get(in, "stars");
	double v = json_is_number(stars) ? json_number_value(stars) : -1;
	int half = (int)(v * 2);
	json_decref(in);
	if (v < 0.5 || v > 5 || (double)half != v * 2) {
		http_fail(resp, BG_INVALID, "stars: a number from 0.5 to 5 in halves");
		return;
	}
	char now[DATE_TIME_LEN + 1];
	date_time_format(req->now, now);
	enum bg_err rc = catalog_view_check(req->st, &req->viewer, req->params[0]);
	if (!rc)
		rc = review_store_rate(req->st, req->who.profile.id, req->params[0], half, now);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200,
		        json_pack("{s:I,s:f}", "id", (json_int_t)req->params[0], "stars", v));
}

void h_buzz(struct http_req *req, struct http_resp *resp)
{
	enum bg_err rc = catalog_view_check(req->st, &req->viewer, req->params[0]);
	json_t *report = NULL;
	if (!rc)
		rc = buzz_report(req->st, req->params[0], &report);
	if (rc)
		http_fail_store(resp, rc, req->st);
	else
		http_ok(resp, 200, report);
}

#define REVIEWS_PER_REQUEST 1000

void h_reviews_post(struct http_req *req, struct http_resp *resp)
{
	static const char *const fields[] = {"reviews", NULL};
	json_t *in = http_json_body(req, resp);
	if (!in || !http_only_fields(in, fields, resp)) {
		json_decref(in);
		return;
	}
	json_t *list = json_object_get(in, "reviews");
	size_t n = json_array_size(list);
	if (!json_is_array(list) || !n || n > REVIEWS_PER_REQUEST) {
		http_fail(resp, BG_INVALID, "reviews: an array of 1 to %d reviews",
		          REVIEWS_PER_REQUEST);
		json_decref(in);
		return;
	}
	/* each item is a JSON Lines review of this title: the same checks, the same messages */
	struct review *reviews = calloc(n, sizeof(*reviews));
	char id[24], msg[300];
	snprintf(id, sizeof(id), "%lld", (long long)req->params[0]);
	enum bg_err rc = BG_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		json_t *item = json_array_get(list, i);
		if (!json_is_object(item) || json_object_get(item, "title")) {
			http_fail(resp, BG_INVALID,
			          "reviews[%zu]: an object without a title (the path names it)", i);
			rc = BG_INVALID;
			break;
		}
		json_t *copy = json_deep_copy(item);
		json_object_set_new(copy, "title", json_string(id));
		char *text = json_dumps(copy, JSON_COMPACT);
		json_decref(copy);
		rc = review_parse_json(text, strlen(text), &reviews[i], msg, sizeof(msg));
		free(text);
		if (rc)
			http_fail(resp, BG_INVALID, "reviews[%zu].%s", i, msg);
	}
	json_decref(in);
	if (!rc) {
		size_t added, replaced, bad = 0;
		rc = review_store_put(req->st, reviews, n, &added, &replaced, &bad, msg,
		                      sizeof(msg));
		if (rc == BG_INVALID)
			http_fail(resp, rc, "reviews[%zu].%s", bad, msg);
		else if (rc)
			http_fail_store(resp, rc, req->st);
		else
			http_ok(resp, 200,
			        json_pack("{s:I,s:I}", "added", (json_int_t)added, "replaced",
			                  (json_int_t)replaced));
	}
	free(reviews);
}
