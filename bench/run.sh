#!/usr/bin/env bash
# make bench: builds the benchmarks (release build), starts a throwaway
# PostgreSQL, runs every benchmark and prints its figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build"
work=$(mktemp -d)
chmod 755 "$work" # the postgres user must reach the server directory
pg="$work/pg"
trap '"$root/scripts/pg-test-server.sh" stop "$pg"; rm -rf "$work"' EXIT
url=$("$root/scripts/pg-test-server.sh" start "$pg")
"$build/store_bench" "$work/bench.db" "$url" "${BENCH_TITLES:-300}"
echo
"$root/bench/http_bench.sh" "$build/binge" "${BENCH_SECONDS:-10}" "${BENCH_CONNECTIONS:-64}"
echo
"$root/bench/title_bench.sh" "$build/binge" "${BENCH_TITLE_SERIES:-15000}" "${BENCH_TITLE_FILMS:-5000}" "${BENCH_SECONDS:-10}" "${BENCH_CONNECTIONS:-64}"
echo
"$root/bench/login_bench.sh" "$build/binge" "${BENCH_SECONDS:-10}" "${BENCH_LOGIN_CLIENTS:-16}"
echo
"$root/bench/stream_bench.sh" "$build/binge" "${BENCH_SECONDS:-10}"
echo
"$root/bench/playback_bench.sh" "$build/binge" "${BENCH_PLAYBACK_SECONDS:-30}"
echo
"$root/bench/image_bench.sh" "$build/binge" "${BENCH_IMAGES:-200}"
echo
"$root/bench/home_web_bench.sh" "$build/binge" "${BENCH_HOME_SERIES:-15000}" "${BENCH_HOME_FILMS:-5000}" "${BENCH_HOME_LOADS:-7}"
echo
"$root/bench/scan_bench.sh" "$build/binge" "${BENCH_SCAN_FILES:-10000}"
echo
"$root/bench/scan_writes_bench.sh" "$build/binge" "${BENCH_SCAN_FILES:-10000}"
echo
"$root/bench/stills_bench.sh" "$build/binge"
echo
psql -qAt "$url" -c "CREATE DATABASE scan_writes"
"$root/bench/scan_writes_bench.sh" "$build/binge" "${BENCH_SCAN_FILES:-10000}" "${url%/*}/scan_writes"
echo
"$root/bench/ingest_bench.sh" "$build/binge" "${BENCH_BATCHES:-100}"
echo
psql -qAt "$url" -c "CREATE DATABASE ingest"
"$root/bench/ingest_bench.sh" "$build/binge" "${BENCH_BATCHES:-100}" "${url%/*}/ingest"
echo
"$root/bench/audience_bench.sh" "$build/binge" "${BENCH_VIEWERS:-15000}" "${BENCH_DAYS:-90}" "$url"
echo
"$root/bench/reco_bench.sh" "$build/binge"
echo
"$root/bench/reco_untuned_bench.sh" "$build/binge"
echo
"$root/bench/eval_scale_bench.sh" "$build/binge"
echo
"$root/bench/ease_scale_bench.sh" "$build/binge" "${BENCH_EASE_ITEMS:-20108}" "${BENCH_EASE_USERS:-15000}"
echo
"$root/bench/reco_serve_bench.sh" "$build/binge" "${BENCH_RECO_SERIES:-15000}" "${BENCH_RECO_FILMS:-5000}" "${BENCH_RECO_VIEWERS:-100000}" "${BENCH_RECO_DAYS:-14}"
echo
"$build/communities_bench" "${BENCH_COMMUNITY_PROFILES:-1000000}" "${BENCH_COMMUNITIES:-1300}"
