/* metrics.c - Prometheus counters of the server; see metrics.h. */
#include "http/metrics.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "http/http.h"
#include "core/banned.h"

/* Upper bounds, seconds: from a cached read (sub-millisecond) to a transcode start. */
static const double bucket_le[] = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
#define BUCKETS (sizeof(bucket_le) / sizeof(bucket_le[0]))
#define STATUSES 600 /* codes 0..599, each its own counter */

struct route_metrics {
	_Atomic uint64_t by_status[STATUSES];
	_Atomic uint64_t buckets[BUCKETS]; /* not cumulative here; summed when rendered */
	_Atomic uint64_t count, micros;
};

struct metrics {
	size_t routes;               /* http_routes[] entries, then one for "other" */
	struct route_metrics *route; /* routes + 1 */
	_Atomic uint64_t bytes, cache_hits, cache_misses, events;
	_Atomic int64_t in_flight;
};

struct metrics *metrics_new(void)
{
	struct metrics *m = xcalloc(1, sizeof(*m));
	while (http_routes[m->routes].pattern)
		m->routes++;
	m->route = xcalloc(m->routes + 1, sizeof(*m->route));
	return m;
}

void metrics_free(struct metrics *m)
{
	if (!m)
		return;
	free(m->route);
	free(m);
}

void metrics_request(struct metrics *m, const struct http_route *route, int status,
                     double seconds, uint64_t bytes)
{
	size_t i = route ? (size_t)(route - http_routes) : m->routes;
	if (i > m->routes)
		i = m->routes;
	struct route_metrics *r = &m->route[i];
	atomic_fetch_add(&r->by_status[status >= 0 && status < STATUSES ? status : 0], 1);
	size_t b = 0;
	while (b < BUCKETS && seconds > bucket_le[b])
		b++;
	if (b < BUCKETS)
		atomic_fetch_add(&r->buckets[b], 1);
	atomic_fetch_add(&r->count, 1);
	atomic_fetch_add(&r->micros, (uint64_t)(seconds * 1e6));
	atomic_fetch_add(&m->bytes, bytes);
}

void metrics_in_flight(struct metrics *m, int delta)
{
	atomic_fetch_add(&m->in_flight, delta);
}

void metrics_cache(struct metrics *m, int hit)
{
	atomic_fetch_add(hit ? &m->cache_hits : &m->cache_misses, 1);
}

void metrics_events(struct metrics *m, uint64_t n)
{
	atomic_fetch_add(&m->events, n);
}

/* The route label: its pattern, "{}" shown as ":id" (a label value needs no escaping then). */
static void route_label(const struct metrics *m, size_t i, char *out, size_t len)
{
	const char *p = i < m->routes ? http_routes[i].pattern : "other";
	size_t n = 0;
	for (; *p && n + 4 < len; p++) {
		if (p[0] == '{' && p[1] == '}') {
			memcpy(out + n, ":id", 3);
			n += 3;
			p++;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}

static void family(struct buf *out, const char *name, const char *type, const char *help)
{
	buf_addf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

void metrics_render(struct metrics *m, const struct metrics_now *now, struct buf *out)
{
	char label[256];
	family(out, "binge_http_requests_total", "counter",
	       "Requests answered, by route, method and status.");
	for (size_t i = 0; i <= m->routes; i++) {
		route_label(m, i, label, sizeof(label));
		const char *method = i < m->routes ? http_routes[i].method : "any";
		for (int s = 0; s < STATUSES; s++) {
			uint64_t v = atomic_load(&m->route[i].by_status[s]);
			if (v)
				buf_addf(out,
				         "binge_http_requests_total{route=\"%s\",method=\"%s\",status=\"%d\"} "
				         "%llu\n",
				         label, method, s, (unsigned long long)v);
		}
	}
	family(out, "binge_http_request_duration_seconds", "histogram",
	       "Time from a request's arrival to its answer being queued, by route.");
	for (size_t i = 0; i <= m->routes; i++) {
		const struct route_metrics *r = &m->route[i];
		uint64_t count = atomic_load(&r->count);
		if (!count)
			continue;
		route_label(m, i, label, sizeof(label));
		const char *method = i < m->routes ? http_routes[i].method : "any";
		uint64_t cumulative = 0;
		for (size_t b = 0; b < BUCKETS; b++) {
			cumulative += atomic_load(&r->buckets[b]);
			buf_addf(out,
			         "binge_http_request_duration_seconds_bucket{route=\"%s\",method=\"%s\","
			         "le=\"%g\"} %llu\n",
			         label, method, bucket_le[b], (unsigned long long)cumulative);
		}
		buf_addf(out,
		         "binge_http_request_duration_seconds_bucket{route=\"%s\",method=\"%s\","
		         "le=\"+Inf\"} %llu\n",
		         label, method, (unsigned long long)count);
		buf_addf(out,
		         "binge_http_request_duration_seconds_sum{route=\"%s\",method=\"%s\"} %.6f\n",
		         label, method, (double)atomic_load(&r->micros) / 1e6);
		buf_addf(out, "binge_http_request_duration_seconds_count{route=\"%s\",method=\"%s\"} %llu\n",
		         label, method, (unsigned long long)count);
	}
	family(out, "binge_http_response_bytes_total", "counter", "Response bytes sent, bodies and files.");
	buf_addf(out, "binge_http_response_bytes_total %llu\n", (unsigned long long)atomic_load(&m->bytes));
	family(out, "binge_http_requests_in_flight", "gauge", "Requests being answered now.");
	buf_addf(out, "binge_http_requests_in_flight %lld\n", (long long)atomic_load(&m->in_flight));
	family(out, "binge_response_cache_requests_total", "counter",
	       "Cacheable catalogue reads, by whether the response cache answered them.");
	buf_addf(out, "binge_response_cache_requests_total{result=\"hit\"} %llu\n",
	         (unsigned long long)atomic_load(&m->cache_hits));
	buf_addf(out, "binge_response_cache_requests_total{result=\"miss\"} %llu\n",
	         (unsigned long long)atomic_load(&m->cache_misses));
	family(out, "binge_events_ingested_total", "counter", "Viewing events stored from POST /events.");
	buf_addf(out, "binge_events_ingested_total %llu\n", (unsigned long long)atomic_load(&m->events));
	family(out, "binge_encoders_running", "gauge", "FFmpeg runs making HLS segments now.");
	buf_addf(out, "binge_encoders_running %d\n", now->encoders_running);
	family(out, "binge_db_handles_open", "gauge", "Database handles the pool holds open.");
	buf_addf(out, "binge_db_handles_open %d\n", now->db_handles);
	family(out, "binge_db_pool_waits_total", "counter",
	       "Database handle requests that waited for a free handle.");
	buf_addf(out, "binge_db_pool_waits_total %llu\n", (unsigned long long)now->db_waits);
	family(out, "binge_db_pool_timeouts_total", "counter",
	       "Database handle requests that gave up waiting (answered 503).");
	buf_addf(out, "binge_db_pool_timeouts_total %llu\n", (unsigned long long)now->db_timeouts);
	if (now->model_age_s >= 0) {
		family(out, "binge_model_age_seconds", "gauge",
		       "Seconds since the recommendation model served was trained.");
		buf_addf(out, "binge_model_age_seconds %.0f\n", now->model_age_s);
	}
}
