/*
 * h_stats.c - GET /api/v1/stats/{watch-order,next,gateways,binge,starts}
 * and their .svg charts (admin only): the audience analytics of
 * audience/stats_report.h with the same options as `binge stats`, as
 * query parameters. Bad parameters are a 400 naming the parameter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audience/stats_report.h"
#include "audience/stats_svg.h"
#include "http/http.h"
#include "catalog/catalog_store.h"
#include "store/store.h"
#include "core/banned.h"

#define STATS_PREFIX "/api/v1/stats/"

/* A whole number parameter in [min, max], or fallback when absent; false with a 400. */
static bool number_param(const struct http_req *req, const char *name, long min, long max,
                         long fallback, long *out, struct http_resp *resp)
{
	const char *text = http_query(req, name);
	*out = fallback;
	if (!text)
		return true;
	char *end;
	long v = strtol(text, &end, 10);
	if (!*text || *end || v < min || v > max) {
		http_fail(resp, BG_INVALID, "%s: must be a whole number from %ld to %ld", name, min,
		          max);
		return false;
	}
	*out = v;
	return true;
}

/* The title named by parameter `name` (id or name); false with a 4xx. */
static bool title_param(const struct http_req *req, const char *value, const char *name,
                        int64_t *id, struct http_resp *resp)
{
	if (!value || !*value) {
		http_fail(resp, BG_INVALID, "%s: give a series or film (id or name)", name);
		return false;
	}
	enum bg_err rc = catalog_store_resolve(req->st, value, id);
	if (rc) {
		http_fail(resp, rc, "%s: %s", name, store_errmsg(req->st));
		return false;
	}
	return true;
}

static enum bg_err watch_order(struct http_req *req, const struct stats_filter *f, long limit,
                               json_t **report, struct http_resp *resp)
{
	const char *list = http_query(req, "titles");
	int64_t ids[STATS_WATCH_ORDER_MAX_TITLES];
	size_t n = 0;
	char item[512];
	for (const char *p = list ? list : ""; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (n == STATS_WATCH_ORDER_MAX_TITLES) {
			http_fail(resp, BG_INVALID, "titles: at most %d titles",
			          STATS_WATCH_ORDER_MAX_TITLES);
			return BG_INVALID;
		}
		snprintf(item, sizeof(item), "%.*s", (int)len, p);
		if (!title_param(req, item, "titles", &ids[n], resp))
			return BG_INVALID;
		n++;
		p += len + (comma ? 1 : 0);
	}
	if (!n) {
		http_fail(resp, BG_INVALID, "titles: give 1 to %d titles, comma-separated",
		          STATS_WATCH_ORDER_MAX_TITLES);
		return BG_INVALID;
	}
	return stats_report_watch_order(req->st, f, ids, n, (int)limit, report);
}

/* The report for kind; BG_INVALID with resp already set for bad parameters. */
static enum bg_err report_of(struct http_req *req, const char *kind, const struct stats_filter *f,
                             json_t **report, struct http_resp *resp)
{
	long limit, weeks, min_count, season, before, after;
	if (!number_param(req, "limit", 1, 1000, STATS_REPORT_LIMIT, &limit, resp) ||
	    !number_param(req, "weeks", 1, 520, 4, &weeks, resp) ||
	    !number_param(req, "min_count", 1, 1000000000L, 1, &min_count, resp) ||
	    !number_param(req, "season", 1, 10000, 0, &season, resp) ||
	    !number_param(req, "before", 0, 3650, 7, &before, resp) ||
	    !number_param(req, "after_days", 0, 3650, 28, &after, resp))
		return BG_INVALID;
	if (strcmp(kind, "watch-order") == 0)
		return watch_order(req, f, limit, report, resp);
	int64_t title;
	if (!title_param(req, http_query(req, "title"), "title", &title, resp))
		return BG_INVALID;
	if (strcmp(kind, "next") == 0) {
		const char *after_what = http_query(req, "after");
		if (after_what && strcmp(after_what, "finish") != 0 &&
		    strcmp(after_what, "start") != 0) {
			http_fail(resp, BG_INVALID, "after: must be 'finish' or 'start'");
			return BG_INVALID;
		}
		return stats_report_next(req->st, f, title,
		                         !after_what || !strcmp(after_what, "finish"), (int)limit,
		                         report);
	}
	if (strcmp(kind, "gateways") == 0)
		return stats_report_gateways(req->st, f, title, (int)weeks * 7, min_count,
		                             (int)limit, report);
	if (strcmp(kind, "binge") == 0)
		return stats_report_binge(req->st, f, title, report);
	return stats_report_starts(req->st, f, title, (int)season, (int)before, (int)after, report);
}

void h_stats(struct http_req *req, struct http_resp *resp)
{
	char kind[32];
	const char *name = req->path + strlen(STATS_PREFIX);
	size_t len = strcspn(name, ".");
	bool svg = strcmp(name + len, ".svg") == 0;
	snprintf(kind, sizeof(kind), "%.*s", (int)len, name);

	struct stats_filter f;
	char msg[160];
	if (stats_filter_from_text(http_query(req, "since"), http_query(req, "until"),
	                           http_query(req, "territory"), &f, msg, sizeof(msg))) {
		http_fail(resp, BG_INVALID, "%s", msg);
		return;
	}
	json_t *report = NULL;
	enum bg_err rc = report_of(req, kind, &f, &report, resp);
	if (rc == BG_INVALID && resp->body)
		return; /* a parameter was bad; the 400 is set */
	if (rc) {
		http_fail_store(resp, rc, req->st);
		return;
	}
	if (!svg) {
		http_ok(resp, 200, report);
		return;
	}
	resp->text = stats_svg(kind, report);
	json_decref(report);
	if (!resp->text) {
		http_fail(resp, BG_INVALID, "nothing to draw");
		return;
	}
	resp->status = 200;
	resp->content_type = "image/svg+xml";
}
