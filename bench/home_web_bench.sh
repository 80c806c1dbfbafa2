#!/usr/bin/env bash
# The web player's home page at a streaming service's size: 20,000 titles
# (15,000 series, 5,000 films), a week of viewing by 2,000 simulated
# viewers, and 40 films with artwork from a scanned folder. Chromium
# (headless, loopback) opens #/home signed in, cold (a new browser context
# each time); bench/home_web_bench.mjs counts the requests and times the
# page until it is visually complete: the billboard and the rows above the
# fold shown, every image in the viewport loaded. The peer, in the same
# run: the same page, as rendered, saved as static files (HTML, CSS,
# images) and served by nginx, timed the same way.
#
#   bench/home_web_bench.sh BINGE [SERIES FILMS LOADS]
set -euo pipefail
binge=$(realpath "$1")
series=${2:-15000}
films=${3:-5000}
loads=${4:-7}
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/lib.sh"

t0=$(date +%s)
"$binge" simulate catalogue --series "$series" --films "$films" --seed 1 >/dev/null
"$binge" simulate --viewers 2000 --days 7 --seed 1 --start "$(date -u -d '7 days ago' +%F)" >/dev/null
mkdir -p "$work/lib"
ffmpeg -v error -f lavfi -i testsrc=duration=1:size=160x120:rate=24 -c:v libx264 -pix_fmt yuv420p "$work/clip.mp4"
for i in $(seq 1 40); do
	d="$work/lib/Artful Film $i (2025)"
	mkdir -p "$d"
	ln "$work/clip.mp4" "$d/Artful Film $i (2025).mp4"
	ffmpeg -v error -f lavfi -i "gradients=size=1280x720:seed=$i" -frames:v 1 -update 1 -q:v 3 "$d/fanart.jpg"
	ffmpeg -v error -f lavfi -i "gradients=size=600x900:seed=$((i + 100))" -frames:v 1 -update 1 -q:v 3 "$d/poster.jpg"
done
"$binge" library add "$work/lib" >/dev/null # worldwide on binge from the scan: the newest arrivals
"$binge" scan >/dev/null
bench_viewer "$binge"
echo "home_web_bench: $series series, $films films, a week of viewing, 40 films with artwork (set up in $(($(date +%s) - t0)) s)"
bench_serve "$binge" --web "$root/web" --stream-cache "$work/streams"
mkdir -p "$work/www"
bench_nginx "root $work/www;"
[ -d "$root/tests/e2e/node_modules/playwright-core" ] || (cd "$root/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
node "$root/bench/home_web_bench.mjs" "$url/" "$nginx_url/" "$work/www" "$loads"
