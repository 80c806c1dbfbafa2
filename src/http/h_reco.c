/*
 * h_reco.c - recommendations over HTTP: the home page's recommendation
 * rows and GET /api/v1/titles/{id}/similar, from the model the server's
 * slot holds (reco/model_slot.h), every list filtered by the visibility
 * rule for the requesting profile before it is cut (reco/rows.h).
 */
#include <string.h>

#include "http/http.h"
#include "reco/model_slot.h"
#include "reco/rows.h"
#include "reco/rows_json.h"
#include "catalog/catalog_view.h"
#include "core/banned.h"

bool http_reco_rows(struct http_req *req, struct http_resp *resp, json_t *rows)
{
	const struct reco_bundle *b = model_slot_get(req->models);
	struct reco_row found[RECO_HOME_ROWS_MAX];
	size_t n;
	enum bg_err rc = reco_rows_home(req->st, b, &req->viewer, req->who.profile.id,
	                                req->who.profile.name, found, &n);
	model_slot_put(req->models, b);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		return false;
	}
	for (size_t i = 0; i < n; i++)
		json_array_append_new(rows, reco_row_json(&found[i]));
	return true;
}

void h_similar(struct http_req *req, struct http_resp *resp)
{
	/* the title itself first: 404, 403 or 451 as GET /titles/{id} answers */
	enum bg_err rc = catalog_view_check(req->st, &req->viewer, req->params[0]);
	if (rc) {
		http_fail_store(resp, rc, req->st);
		return;
	}
	const struct reco_bundle *b = model_slot_get(req->models);
	struct reco_row row = {0};
	json_t *version = b ? json_integer((json_int_t)b->version) : json_null();
	rc = reco_rows_similar(req->st, b, &req->viewer, req->params[0], &row);
	model_slot_put(req->models, b);
	if (rc && rc != BG_NOT_FOUND) { /* not found: no model or no viewing, an empty list */
		json_decref(version);
		http_fail_store(resp, rc, req->st);
		return;
	}
	http_ok(resp, 200,
	        json_pack("{s:I,s:o,s:o}", "id", (json_int_t)req->params[0], "model_version",
	                  version, "items", reco_row_items_json(&row)));
}
