#!/usr/bin/env bash
# HTTP benchmark: binge's title detail and search beside nginx serving a
# static file of the same size, in the same run, with wrk on loopback.
# Prints requests/s, p99 latency and the ratio, and binge's resident memory
# idle and under load.
#
#   bench/http_bench.sh BINGE [SECONDS] [CONNECTIONS]
set -euo pipefail
binge=$(realpath "$1")
seconds=${2:-10}
conns=${3:-64}
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/lib.sh"

# The demo catalogue: the article, an account with a profile, its windows.
bench_catalogue "$binge"

bench_serve "$binge"
bench_auth

# Static copies of the two responses for nginx.
mkdir -p "$work/www"
curl -s -H "$auth" "$url/api/v1/titles/1" >"$work/www/title.json"
curl -s -H "$auth" "$url/api/v1/search?q=kilgrave" >"$work/www/search.json"
bench_nginx "root $work/www;
        location /api/v1/titles/1 { try_files /title.json =404; }
        location /api/v1/search { try_files /search.json =404; }"

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$binge_pid/status"; }
idle_rss=$(rss_kb)

# wrk URL -> "requests_per_s p99_ms"
measure() {
	wrk -t2 -c"$conns" -d"${seconds}s" --latency -H "$auth" "$1" >"$work/wrk.out" 2>&1
	local rps p99
	rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
	p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' "$work/wrk.out")
	if grep -q "Non-2xx" "$work/wrk.out"; then
		echo "http_bench: non-2xx responses from $1" >&2
		cat "$work/wrk.out" >&2
		exit 1
	fi
	echo "$rps $p99"
}

peak_rss=$idle_rss
sample_rss() {
	while kill -0 "$binge_pid" 2>/dev/null && [ ! -f "$work/stop" ]; do
		local r
		r=$(rss_kb)
		[ "$r" -gt "$(cat "$work/peak" 2>/dev/null || echo 0)" ] && echo "$r" >"$work/peak"
		sleep 0.2
	done
}
sample_rss &
sampler=$!

echo "http benchmark: wrk -t2 -c$conns -d${seconds}s on loopback, 2 cores shared by wrk, server and nginx"
printf '%-22s %12s %12s %8s %12s %12s %8s\n' endpoint "binge req/s" "nginx req/s" ratio "binge p99" "nginx p99" bytes
for ep in "title detail:/api/v1/titles/1:title.json" "search:/api/v1/search?q=kilgrave:search.json"; do
	name=${ep%%:*}
	rest=${ep#*:}
	path=${rest%:*}
	file=${rest##*:}
	read -r b_rps b_p99 <<<"$(measure "$url$path")"
	read -r n_rps n_p99 <<<"$(measure "$nginx_url$path")"
	ratio=$(awk -v a="$b_rps" -v b="$n_rps" 'BEGIN {printf "%.2f", a / b}')
	printf '%-22s %12s %12s %8s %10sms %10sms %8s\n' "$name" "$b_rps" "$n_rps" "$ratio" "$b_p99" "$n_p99" "$(stat -c %s "$work/www/$file")"
done
touch "$work/stop"
wait "$sampler" 2>/dev/null || true
peak_rss=$(cat "$work/peak" 2>/dev/null || echo "$idle_rss")
echo "binge resident memory: idle $((idle_rss / 1024)) MiB ($idle_rss KiB), peak under load $((peak_rss / 1024)) MiB ($peak_rss KiB)"
