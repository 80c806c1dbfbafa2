/*
 * h_openapi.c - GET /api/v1/openapi.json: the API's description
 * (docs/openapi.yaml, embedded at build time; see openapi.h).
 */
#include "core/mem.h"
#include "http/http.h"
#include "http/openapi.h"
#include "core/banned.h"

void h_openapi(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	resp->status = 200;
	resp->text = xstrdup(http_openapi_json);
	resp->content_type = "application/json"; /* set: not the API's default no-store */
	http_add_header(resp, "Cache-Control", "%s", "public, max-age=3600");
}
