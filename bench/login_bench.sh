#!/usr/bin/env bash
# Login benchmark: health and title-detail latency while CLIENTS clients
# sign in without pause (each login an argon2id check, 64 MiB, on the
# server's hash pool), beside nginx serving the same bytes under the same
# load in the same run. Prints p50/p99 idle and under load, logins/s and
# how many logins were turned away (503).
#
#   bench/login_bench.sh BINGE [SECONDS] [CLIENTS]
set -euo pipefail
binge=$(realpath "$1")
seconds=${2:-10}
clients=${3:-16}
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/lib.sh"

bench_catalogue "$binge"
bench_serve "$binge"
bench_auth
mkdir -p "$work/www"
curl -s "$url/api/v1/health" >"$work/www/health.json"
curl -s -H "$auth" "$url/api/v1/titles/1" >"$work/www/title.json"
bench_nginx "root $work/www;
        location /api/v1/health { try_files /health.json =404; }
        location /api/v1/titles/1 { try_files /title.json =404; }"

# latency URL [HEADER] -> "p50_ms p99_ms" (wrk, 2 connections, one thread)
latency() {
	wrk -t1 -c2 -d"${seconds}s" --latency ${2:+-H "$2"} "$1" >"$work/wrk.out" 2>&1
	awk 'function ms(v) { if (v ~ /us$/) { sub(/us/, "", v); return v / 1000 }
	                      if (v ~ /ms$/) { sub(/ms/, "", v); return v }
	                      sub(/s/, "", v); return v * 1000 }
	     $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
	     END { printf "%.2f %.2f", p50, p99 }' "$work/wrk.out"
}

# CLIENTS loops, each signing in again as soon as it is answered, until
# $work/stop appears (or three measurements' time has passed).
login_load() {
	: >"$work/logins"
	load_started=$SECONDS
	for _ in $(seq 1 "$clients"); do
		(
			end=$((SECONDS + 3 * seconds + 10))
			while [ "$SECONDS" -lt "$end" ] && [ ! -f "$work/stop" ]; do
				curl -s -o /dev/null -w '%{http_code}\n' \
					-d '{"username":"bench","password":"bench-password"}' "$url/api/v1/login"
			done >>"$work/logins"
		) &
	done
}

echo "login benchmark: $clients clients signing in without pause for ${seconds}s; wrk -t1 -c2 on loopback; 2 cores shared by all"
printf '%-28s %22s %22s\n' "" "binge p50 / p99 (ms)" "nginx p50 / p99 (ms)"
for ep in "health:/api/v1/health" "title detail:/api/v1/titles/1"; do
	name=${ep%%:*}
	path=${ep#*:}
	hdr=""
	[ "$name" = health ] || hdr=$auth
	read -r b50 b99 <<<"$(latency "$url$path" "$hdr")"
	read -r n50 n99 <<<"$(latency "$nginx_url$path")"
	printf '%-28s %10s / %-9s %10s / %-9s\n' "$name, idle" "$b50" "$b99" "$n50" "$n99"
	login_load
	sleep 1
	read -r l50 l99 <<<"$(latency "$url$path" "$hdr")"
	read -r m50 m99 <<<"$(latency "$nginx_url$path")"
	touch "$work/stop"
	load_seconds=$((SECONDS - load_started))
	wait $(jobs -p | grep -v "^$binge_pid$") 2>/dev/null || true
	rm -f "$work/stop"
	printf '%-28s %10s / %-9s %10s / %-9s\n' "$name, $clients logging in" "$l50" "$l99" "$m50" "$m99"
	ok=$(grep -c '^200$' "$work/logins" || true)
	busy=$(grep -c '^503$' "$work/logins" || true)
	echo "  logins during that: $ok signed in ($(awk -v n="$ok" -v s="$load_seconds" 'BEGIN {printf "%.1f", n / s}')/s over ${load_seconds}s), $busy answered 503, $(($(wc -l <"$work/logins") - ok - busy)) other"
done
