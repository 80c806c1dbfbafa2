#!/usr/bin/env bash
# Title pages off the cache at a streaming service's size: a generated
# catalogue (15,000 series, 5,000 films), and wrk asking for random title
# pages among every one the viewer may see, so that nearly every request
# misses the response cache (its key holds the second; the server's
# /metrics count of hits is printed). The peer, in the same run: nginx
# serving the very same bodies, saved as static files, asked for in the
# same random way.
#
#   bench/title_bench.sh BINGE [SERIES FILMS SECONDS CONNECTIONS]
#
# TITLE_BENCH_CATALOGUE=FILE keeps the generated catalogue (SQLite) in FILE
# and starts from it when it exists: generating takes minutes.
set -euo pipefail
binge=$(realpath "$1")
series=${2:-15000}
films=${3:-5000}
seconds=${4:-10}
conns=${5:-64}
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/lib.sh"

t0=$(date +%s)
saved=${TITLE_BENCH_CATALOGUE:-}
if [ -n "$saved" ] && [ -f "$saved" ]; then
	cp "$saved" "$BINGE_DB"
else
	"$binge" simulate catalogue --series "$series" --films "$films" --seed 1 >/dev/null
	[ -z "$saved" ] || cp "$BINGE_DB" "$saved"
fi
bench_viewer "$binge"
bench_serve "$binge" --metrics-token bench-metrics-token
bench_auth

# Every top-level title, fetched once: the 200s are the viewer's titles,
# and their bodies become nginx's files.
bench_sql "SELECT id FROM title WHERE kind IN ('series', 'film') ORDER BY id" >"$work/ids"
mkdir -p "$work/www/api/v1/titles"
awk -v url="$url" -v work="$work" -v auth="$auth" 'NR > 1 {print "next"}
	{printf "url = \"%s/api/v1/titles/%s\"\noutput = \"%s/www/api/v1/titles/%s\"\nheader = \"%s\"\nwrite-out = \"%%{http_code} %s\\n\"\n", url, $1, work, $1, auth, $1}' \
	"$work/ids" >"$work/fetch.cfg"
curl -s -K "$work/fetch.cfg" >"$work/codes"
awk '$1 == 200 {print "/api/v1/titles/" $2}' "$work/codes" >"$work/paths"
awk '$1 != 200 {print $2}' "$work/codes" | while read -r id; do rm -f "$work/www/api/v1/titles/$id"; done
visible=$(wc -l <"$work/paths")
bytes=$(cat "$work/www/api/v1/titles/"* | wc -c)
echo "title_bench: $series series, $films films; $visible visible to the US viewer, mean body $((bytes / visible)) bytes (set up in $(($(date +%s) - t0)) s)"
bench_nginx "root $work/www;"

cat >"$work/random.lua" <<'LUA'
-- Each wrk thread draws its own sequence (one seed each: the same seed
-- would make every thread ask for the same titles at the same moment).
local threads = 0
function setup(thread)
	threads = threads + 1
	thread:set("index", threads)
end
local paths = {}
for line in io.lines(os.getenv("TITLE_PATHS")) do paths[#paths + 1] = line end
function init(args)
	math.randomseed(tonumber(os.getenv("TITLE_SEED")) * 1000 + index)
end
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
LUA
hits() {
	curl -s -H "Authorization: Bearer bench-metrics-token" "$url/metrics" |
		awk -v r="$1" '$1 == "binge_response_cache_requests_total{result=\"" r "\"}" {print $2}'
}

# CPU time, in clock ticks, of the processes given (all their threads).
cpu_ticks() {
	local total=0 pid
	for pid in "$@"; do
		total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
	done
	echo "$total"
}

# wrk URL PIDS... -> "requests_per_s p99_ms cpu_us_per_request": the
# server's CPU per request is what this shared machine disturbs least.
measure() {
	local target=$1
	shift
	local ticks0
	ticks0=$(cpu_ticks "$@")
	TITLE_PATHS="$work/paths" TITLE_SEED=7 wrk -t2 -c"$conns" -d"${seconds}s" --latency -H "$auth" \
		-s "$work/random.lua" "$target" >"$work/wrk.out" 2>&1
	local ticks1
	ticks1=$(cpu_ticks "$@")
	if grep -q "Non-2xx" "$work/wrk.out"; then
		echo "title_bench: non-2xx responses from $target" >&2
		cat "$work/wrk.out" >&2
		exit 1
	fi
	local rps p99
	rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
	p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' "$work/wrk.out")
	local requests
	requests=$(awk '/requests in/ {print $1}' "$work/wrk.out")
	echo "$rps $p99 $(awk -v t=$((ticks1 - ticks0)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')"
}

hit0=$(hits hit) miss0=$(hits miss)
read -r b_rps b_p99 b_cpu <<<"$(measure "$url" "$binge_pid")"
hit1=$(hits hit) miss1=$(hits miss)
read -r n_rps n_p99 n_cpu <<<"$(measure "$nginx_url" $(pgrep -P "$(cat "$work/nginx.pid")"))"
echo "title pages off the cache: wrk -t2 -c$conns -d${seconds}s, random titles, loopback, 2 cores shared by wrk, server and nginx"
printf '%-14s %12s %12s %8s %12s %12s %16s\n' "" "binge req/s" "nginx req/s" ratio "binge p99" "nginx p99" "cache hits"
printf '%-14s %12s %12s %8s %10sms %10sms %15s%%\n' "title detail" "$b_rps" "$n_rps" \
	"$(awk -v a="$b_rps" -v b="$n_rps" 'BEGIN {printf "%.2f", a / b}')" "$b_p99" "$n_p99" \
	"$(awk -v h=$((hit1 - hit0)) -v m=$((miss1 - miss0)) 'BEGIN {printf "%.1f", 100 * h / (h + m)}')"
printf 'server CPU per request: binge %s us, nginx %s us (nginx / binge %s)\n' "$b_cpu" "$n_cpu" \
	"$(awk -v a="$b_cpu" -v b="$n_cpu" 'BEGIN {printf "%.2f", b / a}')"
