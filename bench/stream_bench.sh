#!/usr/bin/env bash
# Streaming benchmark: binge's /api/v1/media/{id}/stream beside nginx serving
# the same file, in the same run (wrk on loopback). Prints throughput of
# both, the ratio (target: at least 0.9), and checks the bodies are
# byte-identical, whole and ranged.
#
#   bench/stream_bench.sh BINGE [SECONDS]
set -euo pipefail
binge=$(realpath "$1")
seconds=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/lib.sh"

lib="$work/www/Bench Film (2024)"
mkdir -p "$lib"
# A real, large video: lossless H.264 is fast to encode and big.
ffmpeg -v error -f lavfi -i testsrc2=size=1280x720:rate=30 -t "${BENCH_VIDEO_SECONDS:-8}" \
	-c:v libx264 -preset ultrafast -qp 0 -pix_fmt yuv420p "$lib/Bench Film (2024).mp4"
file="$lib/Bench Film (2024).mp4"
size=$(stat -c %s "$file")
"$binge" library add "$work/www" >/dev/null
"$binge" scan >/dev/null
"$binge" avail add "Bench Film" --platform Binge --territories worldwide --from 2020-01-01 >/dev/null
bench_viewer "$binge"
media=$(sqlite3 "$BINGE_DB" "SELECT id FROM media_file LIMIT 1")

bench_serve "$binge"
bench_auth
bench_nginx "location = /film.mp4 { alias \"$file\"; }"
# A signed URL from playback-info, as the player plays it (no token in it).
binge_url="$url$(curl -s -H "$auth" "$url/api/v1/media/$media/playback-info" | jq -r .url)"
nginx_url="$nginx_url/film.mp4"

# Byte-exact: whole, and a range in the middle.
curl -s "$binge_url" -o "$work/b.full"
curl -s "$nginx_url" -o "$work/n.full"
cmp -s "$work/b.full" "$file" && cmp -s "$work/n.full" "$file" || { echo "stream_bench: bodies differ" >&2; exit 1; }
curl -s -H "Range: bytes=1000-2000999" "$binge_url" -o "$work/b.part"
curl -s -H "Range: bytes=1000-2000999" "$nginx_url" -o "$work/n.part"
cmp -s "$work/b.part" "$work/n.part" || { echo "stream_bench: ranged bodies differ" >&2; exit 1; }

measure() { # URL [HEADER] -> MiB/s
	local h=()
	[ -n "${2:-}" ] && h=(-H "$2")
	wrk -t2 -c4 -d"${seconds}s" "${h[@]}" "$1" >"$work/wrk.out" 2>&1
	grep -q "Non-2xx" "$work/wrk.out" && { cat "$work/wrk.out" >&2; exit 1; }
	awk '/Transfer\/sec/ {v=$2; if (v ~ /GB$/) {sub(/GB/,"",v); v*=1024} else if (v ~ /MB$/) {sub(/MB/,"",v)} else if (v ~ /KB$/) {sub(/KB/,"",v); v/=1024}; print v}' "$work/wrk.out"
}
b=$(measure "$binge_url")
n=$(measure "$nginx_url")
echo "stream benchmark: $(numfmt --to=iec "$size")B file, wrk -t2 -c4 -d${seconds}s on loopback"
printf '%-10s %12s %12s %8s\n' "" "binge MiB/s" "nginx MiB/s" ratio
printf '%-10s %12s %12s %8s\n' whole "$b" "$n" "$(awk -v a="$b" -v c="$n" 'BEGIN {printf "%.2f", a / c}')"
echo "bodies byte-identical: whole file and bytes=1000-2000999"
