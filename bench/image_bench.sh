#!/usr/bin/env bash
# Artwork benchmark: N posters (600x900 JPEG, as a scraper leaves them) beside
# N films, scanned, then fetched once each through GET /api/v1/images at
# w=320 as WebP and as JPEG (each a libvips resize: images/s over 2 cores,
# 8 requests at a time from one curl), against ImageMagick's `convert -thumbnail` on the
# same files in the same run (the common tool a script would use). Then one
# resized image fetched again and again (a cached hit: binge checks the
# signature, reads the generations, and answers from its caches) against
# nginx sending the same file; then the same with every answer new.
#
#   bench/image_bench.sh BINGE [N]
set -euo pipefail
binge=$(realpath "$1")
n=${2:-200}
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/lib.sh"

mkdir -p "$work/lib"
ffmpeg -v error -f lavfi -i testsrc=duration=1:size=160x120:rate=24 -c:v libx264 -pix_fmt yuv420p "$work/clip.mp4"
ffmpeg -v error -f lavfi -i "gradients=size=600x900:seed=1" -frames:v 1 -update 1 -q:v 3 "$work/poster.jpg"
for i in $(seq 1 "$n"); do
	d="$work/lib/Bench Film $i (2020)"
	mkdir -p "$d"
	ln "$work/clip.mp4" "$d/Bench Film $i (2020).mp4"
	# Each poster its own file (libvips and the cache see n different images).
	cp "$work/poster.jpg" "$d/poster.jpg"
	printf '%08d' "$i" >>"$d/poster.jpg"
done
"$binge" library add "$work/lib" >/dev/null
"$binge" scan >/dev/null
for i in $(seq 1 "$n"); do
	"$binge" avail add "Bench Film $i" --platform Bench --territories US --from 2020-01-01 >/dev/null
done
bench_viewer "$binge"
bench_serve "$binge"
bench_auth
curl -s -H "$auth" "$url/api/v1/titles?limit=200&kind=film" | jq -r '.items[].images.poster | select(.)' >"$work/urls"
while [ "$(wc -l <"$work/urls")" -lt "$n" ]; do
	cursor=$(curl -s -H "$auth" "$url/api/v1/titles?limit=200&kind=film" | jq -r .next_cursor)
	[ "$cursor" = null ] && break
	curl -s -H "$auth" "$url/api/v1/titles?limit=200&kind=film&cursor=$cursor" | jq -r '.items[].images.poster | select(.)' >>"$work/urls"
done
count=$(wc -l <"$work/urls")
[ "$count" -ge "$n" ] || { echo "image_bench: only $count poster URLs" >&2; exit 1; }

server_ticks() { # the server's user + system CPU so far, in clock ticks
	awk '{print $14 + $15}' "/proc/$binge_pid/stat"
}

fetch_all() { # FORMAT: every poster once at w=320, 8 at a time; prints seconds
	local start end
	# One curl for all (8 transfers at a time), so the client costs little.
	while read -r u; do
		printf 'url = "%s%s&w=320&format=%s"\noutput = "/dev/null"\n' "$url" "$u" "$1"
	done <"$work/urls" >"$work/curl-$1.cfg"
	start=$(date +%s.%N)
	curl -s --no-progress-meter -f --parallel --parallel-max 8 -K "$work/curl-$1.cfg"
	end=$(date +%s.%N)
	echo "$end - $start" | bc -l
}
# Server CPU per image, steadier than the rates on a shared machine.
hz=$(getconf CLK_TCK)
t0=$(server_ticks)
webp=$(fetch_all webp)
t1=$(server_ticks)
jpeg=$(fetch_all jpeg)
t2=$(server_ticks)
start=$(date +%s.%N)
# Debian's ImageMagick (scripts/setup.sh bench), two at a time: one per core.
find "$work/lib" -name poster.jpg | xargs -P 2 -I{} /usr/bin/convert {} -thumbnail 320x "$work/convert-out.jpg"
magick=$(echo "$(date +%s.%N) - $start" | bc -l)
printf 'image resize, %d posters 600x900 to 320 px: binge WebP %.0f images/s, JPEG %.0f images/s; convert -thumbnail %.0f images/s (JPEG ratio %.2f)\n' \
	"$count" "$(echo "$count / $webp" | bc -l)" "$(echo "$count / $jpeg" | bc -l)" \
	"$(echo "$count / $magick" | bc -l)" "$(echo "$magick / $jpeg" | bc -l)"
printf 'image resize, server CPU per image: WebP %.1f ms, JPEG %.1f ms\n' \
	"$(echo "($t1 - $t0) * 1000 / $hz / $count" | bc -l)" "$(echo "($t2 - $t1) * 1000 / $hz / $count" | bc -l)"

# Cached hits: one resized file, binge against nginx.
one="$url$(head -1 "$work/urls")&w=320&format=jpeg"
cached=$(ls -S "$work"/streams/images/*.jpg 2>/dev/null | head -1 || true)
[ -n "$cached" ] || cached=$(find "$work" -path '*images/*.jpg' | head -1)
mkdir -p "$work/www" && cp "$cached" "$work/www/one.jpg"
bench_nginx "root $work/www;"
rate() { wrk -t2 -c32 -d10s "$1" 2>&1 | awk '/Requests\/sec/ {print $2}'; }
b=$(rate "$one")
x=$(rate "$nginx_url/one.jpg")
printf 'cached image (%d bytes): binge %.0f req/s, nginx %.0f req/s, ratio %.2f\n' \
	"$(stat -c %s "$cached")" "$b" "$x" "$(echo "$b / $x" | bc -l)"
# The same file with every answer new: a query parameter binge ignores
# makes each request's response-cache key its own, as a lone viewer's
# page of distinct posters is. The account is still admitted from the
# grant cache; the image's row, its visibility and the file are read each
# time. One wrk thread, so the counter is one sequence.
cat >"$work/uniq.lua" <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", wrk.path .. "&n=" .. counter)
end
LUA
u=$(wrk -t1 -c32 -d10s -s "$work/uniq.lua" "$one" 2>&1 | awk '/Requests\/sec/ {print $2}')
printf 'cached image, every answer new: binge %.0f req/s, ratio %.2f of nginx above\n' \
	"$u" "$(echo "$u / $x" | bc -l)"
