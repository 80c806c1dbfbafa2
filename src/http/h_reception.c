/*
 * h_reception.c - GET /api/v1/titles/{id}/reception: the critic reception
 * (reception/reception_report.h) of a title the caller may see.
 */
#include "http/http.h"
#include "reception/reception_report.h"
#include "store/catalog_view.h"
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
