#!/usr/bin/env bash
# Recommendations at service scale, with no outside data: a generated
# catalogue of 15,000 series and 5,000 films and 100,000 simulated viewers
# over 14 days (about 11 million events). Prints
#   - training time of each model (popularity, item-kNN and EASE with
#     their peak memory and file size, iALS exact and by conjugate-gradient
#     steps);
#   - taste communities: fold-in of every profile and clustering;
#   - server time of GET /api/v1/home (continue watching, next up, new, top
#     picks, two because-you-watched rows, the community row) for 200
#     profiles with viewing, 10 requests each, from the server's own
#     request log; p50 / p99 / max, against GET /api/v1/titles?limit=20 (a
#     plain catalogue page) measured in the same run as the peer; then the
#     server's resident memory with its model, and the same requests again
#     beside one busy loop per core (the machine busy).
#
#   bench/reco_serve_bench.sh BINGE [SERIES] [FILMS] [VIEWERS] [DAYS]
# BENCH_RECO_DB=FILE reuses a database made by an earlier run.
set -euo pipefail
binge=$(realpath "$1")
series=${2:-15000}
films=${3:-5000}
viewers=${4:-100000}
days=${5:-14}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
export BINGE_MODELS="$work/models" OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-2}
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
AT=2024-03-14

if [ -n "${BENCH_RECO_DB:-}" ]; then
	export BINGE_DB=$BENCH_RECO_DB
else
	export BINGE_DB="$work/reco.db"
	"$binge" simulate catalogue --series "$series" --films "$films" --seed 1 >/dev/null
	"$binge" simulate --viewers "$viewers" --days "$days" --seed 11 --start 2024-03-01 >/dev/null
fi
titles=$(sqlite3 "$BINGE_DB" "SELECT COUNT(*) FROM title WHERE kind IN ('series', 'film')")
events=$(sqlite3 "$BINGE_DB" "SELECT COUNT(*) FROM viewing_event")
echo "recommendation serving benchmark: $titles titles, $(sqlite3 "$BINGE_DB" "SELECT COUNT(*) FROM profile") profiles, $events events"

# 200 bench accounts, each a copy of a simulated viewer's territory and viewing.
if [ "$(sqlite3 "$BINGE_DB" "SELECT COUNT(*) FROM viewing_event WHERE id LIKE 'bench-%'")" = 0 ]; then
	sqlite3 -separator ' ' "$BINGE_DB" "SELECT p.id, u.territory FROM profile p JOIN app_user u ON u.id = p.user_id
		WHERE u.name NOT LIKE 'bench%' AND p.id IN (SELECT profile_id FROM title_view GROUP BY profile_id HAVING COUNT(*) >= 3)
		ORDER BY p.id LIMIT 200" >"$work/picked"
	i=0
	while read -r pid territory; do
		if ! sqlite3 "$BINGE_DB" "SELECT 1 FROM app_user WHERE name = 'bench$i'" | grep -q 1; then
			"$binge" user add "bench$i" --territory "$territory" <<<"bench-password" >/dev/null
			"$binge" profile add "bench$i" Main >/dev/null
		fi
		echo "$pid,bench$i/Main" >>"$work/map"
		i=$((i + 1))
	done <"$work/picked"
	"$binge" events export >"$work/all.csv"
	awk -F, -v OFS=, 'NR == FNR { m[$1] = $2; next }
		FNR == 1 { print; next }
		($2 in m) { $1 = "bench-" $1; $2 = m[$2]; print }' "$work/map" "$work/all.csv" >"$work/bench.csv"
	"$binge" events import "$work/bench.csv" --json | jq -r '"bench accounts: \(.loaded) events copied from 200 simulated viewers"'
	rm "$work/all.csv"
fi

t0=$(now)
"$binge" train --model popularity --json >"$work/pop.json"
t1=$(now)
echo "train popularity: $(secs "$t0" "$t1") s wall ($(jq -r '"\(.profiles) profiles x \(.titles) titles, \(.interactions) views"' "$work/pop.json"))"
# Item-kNN and EASE at this size (their item x item weights; trained before
# iALS, so that the server below serves the iALS model, the newest).
for model in itemknn ease; do
	t0=$(now)
	/usr/bin/time -f %M -o "$work/$model.mem" "$binge" train --model "$model" --json >"$work/$model.json"
	t1=$(now)
	echo "train $model: $(secs "$t0" "$t1") s wall, fit $(jq -r '.fit_seconds * 10 | round / 10' "$work/$model.json") s, peak $(($(cat "$work/$model.mem") / 1024)) MB, file $(($(stat -c %s "$(jq -r .path "$work/$model.json")") / 1048576)) MB ($(jq -r '"\(.profiles) profiles x \(.titles) titles"' "$work/$model.json"))"
done
t0=$(now)
"$binge" train --param cg=3 --json >"$work/ials_cg.json"
t1=$(now)
echo "train iALS by 3 conjugate-gradient steps a row: $(secs "$t0" "$t1") s wall, fit $(jq -r '.fit_seconds * 10 | round / 10' "$work/ials_cg.json") s"
t0=$(now)
"$binge" train --json >"$work/ials.json"
t1=$(now)
echo "train iALS (64 factors, 12 sweeps, neighbours of every title): $(secs "$t0" "$t1") s wall, fit $(jq -r '.fit_seconds * 10 | round / 10' "$work/ials.json") s"
t0=$(now)
"$binge" communities build --json >"$work/comm.json"
t1=$(now)
echo "communities build: $(jq -r .k "$work/comm.json") communities over $(jq -r .profiles "$work/comm.json") profiles in $(secs "$t0" "$t1") s wall ($(jq -r .iterations "$work/comm.json") passes)"
echo "  home row check: $(jq -r '.validation | "\(.held_out) latest starts held out; in the community top 10 \(.hit_rate * 1000 | round / 1000), in popularity top 10 \(.hit_rate_popularity * 1000 | round / 1000); \(.rows_earned) communities earn a row"' "$work/comm.json")"

"$binge" serve --listen 127.0.0.1:0 --clock "$AT" --threads 2 >"$work/serve.out" 2>"$work/serve.err" &
for _ in $(seq 1 100); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^binge: listening on //p' "$work/serve.out")
: >"$work/tokens"
for i in $(seq 0 199); do
	t=$(curl -s -d "{\"username\":\"bench$i\",\"password\":\"bench-password\"}" "$url/api/v1/login" | jq -r .token)
	pid=$(curl -s -H "Authorization: Bearer $t" "$url/api/v1/profiles" | jq -r '.items[0].id')
	curl -s -X POST -H "Authorization: Bearer $t" "$url/api/v1/profiles/$pid/select" | jq -r .token >>"$work/tokens"
done
rows=$(curl -s -H "Authorization: Bearer $(head -n 1 "$work/tokens")" "$url/api/v1/home" | jq -r '[.rows[] | "\(.id):\(.items | length)"] | join(" ")')
echo "a home page's rows (id:items): $rows"
for round in $(seq 1 10); do
	while read -r t; do
		curl -s -o /dev/null -H "Authorization: Bearer $t" "$url/api/v1/home"
		curl -s -o /dev/null -H "Authorization: Bearer $t" "$url/api/v1/titles?limit=20"
	done <"$work/tokens"
done
# Log lines: TIME METHOD PATH STATUS BYTES 1.23ms
pct() { # PATH-REGEX [FROM-LINE]
	tail -n +"${2:-1}" "$work/serve.err" | grep -aE " GET $1 200 " | awk '{ sub(/ms$/, "", $6); print $6 }' | sort -n |
		awk '{ v[NR] = $1 } END { printf "n %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms", NR, v[int(NR * 0.5)], v[int(NR * 0.99)], v[NR] }'
}
echo "GET /api/v1/home (server time): $(pct '/api/v1/home')"
echo "peer, GET /api/v1/titles?limit=20: $(pct '/api/v1/titles')"
# The server's memory after the load, with the model it serves: resident
# (and its peak), split into anonymous memory and mapped files.
spid=$(jobs -p | tail -n 1)
awk '/^VmRSS|^VmHWM/ { printf "%s %d MB  ", $1, $2 / 1024 } END { print "" }' "/proc/$spid/status"
awk '/^Rss|^Anonymous|^Shared_Clean|^Private_Clean/ { printf "%s %d MB  ", $1, $2 / 1024 } END { print "" }' "/proc/$spid/smaps_rollup"
model=$(ls "$BINGE_MODELS"/model-*.bin | tail -n 1)
echo "served model: $(($(stat -c %s "$model") / 1048576)) MB file ($(jq -r .model "$work/ials.json"))"
# The same requests while every core is kept busy by another process.
busy=()
for _ in $(seq 1 "$(nproc)"); do
	(while :; do :; done) &
	busy+=($!)
done
from=$(($(wc -l <"$work/serve.err") + 1))
for round in $(seq 1 5); do
	while read -r t; do
		curl -s -o /dev/null -H "Authorization: Bearer $t" "$url/api/v1/home"
		curl -s -o /dev/null -H "Authorization: Bearer $t" "$url/api/v1/titles?limit=20"
	done <"$work/tokens"
done
kill "${busy[@]}"
echo "beside $(nproc) busy loops: GET /api/v1/home (server time): $(pct '/api/v1/home' "$from")"
echo "beside $(nproc) busy loops: peer, GET /api/v1/titles?limit=20: $(pct '/api/v1/titles' "$from")"
