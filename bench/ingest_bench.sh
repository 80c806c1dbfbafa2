#!/usr/bin/env bash
# HTTP event ingest benchmark: BATCHES batches of 1,000 events each, posted
# by 4 concurrent clients to POST /api/v1/events on loopback, into SQLite or
# (given a URL of an empty database) PostgreSQL. Prints events per second
# and checks every event was stored once.
#
#   bench/ingest_bench.sh BINGE [BATCHES] [POSTGRES_URL]
set -euo pipefail
binge=$(realpath "$1")
batches=${2:-100}
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/lib.sh"
[ -n "${3:-}" ] && export BINGE_DB="$3"
engine=SQLite
[ -n "${3:-}" ] && engine=PostgreSQL
"$binge" import wiki "$root"/../shared/seeds/*.txt >/dev/null
bench_viewer "$binge"
"$binge" avail add "Jessica Jones" --platform Binge --territories worldwide --from 2015-01-01 >/dev/null
episode=$(bench_sql "SELECT MIN(id) FROM title WHERE kind = 'episode'")
mkdir -p "$work/batches"
for b in $(seq 1 "$batches"); do
	awk -v b="$b" -v ep="$episode" 'BEGIN {
		printf "{\"events\":[";
		for (i = 0; i < 1000; i++) {
			if (i) printf ",";
			printf "{\"event_id\":\"b%d-%d\",\"title_id\":%d,\"kind\":\"progress\",\"position\":%d,\"device\":\"tv\",\"time\":\"2022-03-21T20:00:00Z\"}", b, i, ep, i;
		}
		printf "]}";
	}' >"$work/batches/$b.json"
done
bench_serve "$binge"
bench_auth
# Four clients, each one curl process posting its share of the batches over
# one kept-alive connection: a process per batch cost the machine more CPU
# than the server spent (session 16: 1.5 of the 2 cores went to starting
# curl, and the figure measured the client).
for c in 0 1 2 3; do
	for b in $(seq $((c + 1)) 4 "$batches"); do
		printf 'url = "%s/api/v1/events"\nheader = "%s"\nheader = "Content-Type: application/json"\ndata-binary = "@%s"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\nnext\n' \
			"$url" "$auth" "$work/batches/$b.json"
	done | sed '$d' >"$work/client$c.cfg" # no "next" after the last
done
t0=$(date +%s.%N)
clients=()
for c in 0 1 2 3; do
	curl -s -K "$work/client$c.cfg" >"$work/codes$c" &
	clients+=($!)
done
wait "${clients[@]}"
t1=$(date +%s.%N)
codes=$(cat "$work"/codes? | sort | uniq -c)
stored=$(bench_sql "SELECT COUNT(*) FROM viewing_event")
echo "ingest benchmark: $batches batches x 1,000 events, 4 concurrent clients, loopback, $engine"
echo "responses: $(echo $codes)"
awk -v n="$((batches * 1000))" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f s, %.0f events/s\n", b - a, n / (b - a) }'
[ "$stored" = "$((batches * 1000))" ] || { echo "ingest_bench: stored $stored events" >&2; exit 1; }
echo "stored: $stored events, each once"
