#!/usr/bin/env bash
# GET /metrics: off without --metrics-token, behind it as a bearer token
# with it; the text is read by the Prometheus client library's own parser
# (Debian's python3-prometheus-client), and its figures follow the
# requests made. Runs on SQLite and on PostgreSQL.
. "$(dirname "$0")/lib.sh"
demo_setup
serve_start --clock 2022-03-20
expect 404 GET /metrics
contains "$body" "metrics are off" "off by default"
serve_stop
run 2 "$BINGE" serve --metrics-token short
contains "$err" "at least 16 characters" "a short token refused"
TOKEN=metrics-$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 24)
serve_start --clock 2022-03-20 --metrics-token "$TOKEN"
expect 401 GET /metrics
expect 401 GET /metrics "not-the-token-at-all"
demo_profiles
for _ in 1 2 3; do expect 200 GET /api/v1/health; done
expect 200 GET /api/v1/titles "$ADULT"
expect 200 GET /api/v1/titles "$ADULT" # the response cache's
expect 404 GET "/api/v1/titles/999999" "$ADULT"
EP=$(sql "SELECT id FROM title WHERE kind = 'episode' LIMIT 1")
expect 200 POST /api/v1/events "$ADULT" "{\"events\":[{\"event_id\":\"m1\",\"title_id\":$EP,\"kind\":\"start\",\"position\":0,\"time\":\"2022-03-20\"},{\"event_id\":\"m2\",\"title_id\":$EP,\"kind\":\"stop\",\"position\":5,\"time\":\"2022-03-20\"}]}"
curl -s -D "$WORK/headers" -o "$WORK/metrics.txt" -H "Authorization: Bearer $TOKEN" "$URL/metrics"
contains "$(cat "$WORK/headers")" "text/plain; version=0.0.4" "the exposition format's content type"
read_metrics() {
	/usr/bin/python3 - "$WORK/metrics.txt" <<'PY'
import sys
from prometheus_client.parser import text_string_to_metric_families
text = open(sys.argv[1]).read()
values, families = {}, {}
for fam in text_string_to_metric_families(text):
    families[fam.name] = fam.type
    for s in fam.samples:
        key = s.name + "{" + ",".join(f"{k}={v}" for k, v in sorted(s.labels.items())) + "}"
        values[key] = s.value
def v(key): return values.get(key, 0)
# Every histogram: buckets never decrease, +Inf equals the count.
for fam in text_string_to_metric_families(text):
    if fam.type != "histogram":
        continue
    series = {}
    for s in fam.samples:
        labels = tuple(sorted((k, v) for k, v in s.labels.items() if k != "le"))
        series.setdefault(labels, {"buckets": [], "count": None})
        if s.name.endswith("_bucket"):
            series[labels]["buckets"].append((float(s.labels["le"]), s.value))
        elif s.name.endswith("_count"):
            series[labels]["count"] = s.value
    for labels, h in series.items():
        counts = [c for _, c in sorted(h["buckets"])]
        assert counts == sorted(counts), f"buckets decrease: {labels} {h}"
        assert counts[-1] == h["count"], f"+Inf is not the count: {labels}"
print(families["binge_http_request_duration_seconds"], families["binge_http_requests"],
      int(v("binge_http_requests_total{method=GET,route=/api/v1/health,status=200}")),
      int(v("binge_http_requests_total{method=GET,route=/api/v1/titles/:id,status=404}")),
      int(v("binge_http_request_duration_seconds_count{method=GET,route=/api/v1/health}")),
      int(v("binge_response_cache_requests_total{result=hit}")) >= 1,
      int(v("binge_events_ingested_total{}")),
      int(v("binge_http_requests_in_flight{}")),
      v("binge_http_response_bytes_total{}") > 0,
      int(v("binge_db_handles_open{}")) >= 1)
PY
}
eq "$(read_metrics)" "histogram counter 3 1 3 True 2 1 True True" \
	"parsed: requests by route and status, a histogram, cache hits, events, in flight, bytes, handles"
serve_stop
pass
