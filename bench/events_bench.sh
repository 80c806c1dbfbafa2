#!/usr/bin/env bash
# Event import benchmark: N generated events (CSV, ids for references,
# cycling over the seed's 39 episodes and 100 profiles' worth of ids)
# loaded with `binge events import` into SQLite. Prints events per second.
#
#   bench/events_bench.sh BINGE [EVENTS]
set -euo pipefail
binge=$(realpath "$1")
n=${2:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BINGE_DB="$work/bench.db"
"$binge" import wiki "$root"/../shared/seeds/*.txt >/dev/null
for u in $(seq 1 20); do
	"$binge" user add "viewer$u" --territory US <<<"password" >/dev/null
	for p in 1 2 3 4 5; do "$binge" profile add "viewer$u" "p$p" >/dev/null; done
done
episodes=$(sqlite3 "$BINGE_DB" "SELECT group_concat(id) FROM title WHERE kind = 'episode'")
awk -v n="$n" -v eps="$episodes" 'BEGIN {
	print "event_id,profile,title,season,episode,kind,position,device,time";
	split(eps, e, ",");
	ne = length(e);
	split("start progress progress progress complete stop", k, " ");
	for (i = 0; i < n; i++) {
		t = 1647000000 + i * 7;
		printf "ev%d,%d,%d,,,%s,%d,tv,%s\n", i, i % 100 + 1, e[i % ne + 1], k[i % 6 + 1], i % 3000,
			strftime("%Y-%m-%dT%H:%M:%SZ", t, 1);
	}
}' >"$work/events.csv"
t0=$(date +%s.%N)
"$binge" events import "$work/events.csv" >"$work/out"
t1=$(date +%s.%N)
echo "events benchmark: $n events ($(du -h "$work/events.csv" | cut -f1) CSV) into SQLite"
awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN { printf "import: %.1f s, %.0f events/s\n", b - a, n / (b - a) }'
cat "$work/out"
