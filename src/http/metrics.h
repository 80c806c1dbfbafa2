/*
 * metrics.h - the server's Prometheus metrics (GET /metrics, text exposition
 * format 0.0.4): requests by route, method and status with a latency
 * histogram per route, bytes sent, requests in flight, response-cache hits
 * and misses, database pool waits, events ingested; and, read when
 * scraped, streams being encoded, open database handles and the model's age.
 *
 * Counters are atomics: recording costs no lock, from any request thread.
 */
#ifndef BINGE_HTTP_METRICS_H
#define BINGE_HTTP_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct http_route;
struct metrics;

/* Zeroed counters for every route of http_routes[]. Aborts on no memory. */
struct metrics *metrics_new(void);
void metrics_free(struct metrics *m);

/* A request answered: route NULL for a file of the web player or an unknown path. */
void metrics_request(struct metrics *m, const struct http_route *route, int status,
                     double seconds, uint64_t bytes);

void metrics_in_flight(struct metrics *m, int delta);
void metrics_cache(struct metrics *m, int hit);
void metrics_events(struct metrics *m, uint64_t n);

/* What the scrape reads from the rest of the server at that moment. */
struct metrics_now {
	int encoders_running; /* FFmpeg runs making HLS segments */
	int db_handles;       /* open database handles */
	uint64_t db_waits;    /* pool acquisitions that had to wait */
	uint64_t db_timeouts; /* ...and gave up */
	double model_age_s;   /* since the served model was trained; < 0: none */
};

/* The exposition text into out. */
void metrics_render(struct metrics *m, const struct metrics_now *now, struct buf *out);

#endif
