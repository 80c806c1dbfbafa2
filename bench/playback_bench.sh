#!/usr/bin/env bash
# Playback benchmark: time from playback-info to the first decodable frame
# for direct play, remux and transcode (a 1080p H.264 source sent as 720p),
# each split into what the server takes (until the bytes of the first frame
# are fetched) and the decode of that frame; and the transcode's speed as a
# multiple of real time. The peer, measured in the same run, is FFmpeg alone
# making the same first segment from the same file with the same options:
# the ratio is binge's overhead on top of the encoder it runs. Then packaging
# ahead, a packaged segment served by binge and by nginx, and seek-bar previews
# (keyframes only) against FFmpeg decoding every frame.
#
#   bench/playback_bench.sh BINGE [SOURCE_SECONDS]
set -euo pipefail
binge=$(realpath "$1")
seconds=${2:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/lib.sh"

mkdir -p "$work/www/Bench Direct (2024)" "$work/www/Bench Remux (2024)" "$work/www/Bench Transcode (2024)"
src="$work/www/Bench Direct (2024)/Bench Direct (2024).mp4"
ffmpeg -v error -f lavfi -i "testsrc2=size=1920x1080:rate=24:duration=$seconds" \
	-f lavfi -i "sine=duration=$seconds" -c:v libx264 -preset veryfast -g 48 -pix_fmt yuv420p \
	-c:a aac -movflags +faststart "$src"
ffmpeg -v error -i "$src" -c copy "$work/www/Bench Remux (2024)/Bench Remux (2024).mkv"
cp "$src" "$work/www/Bench Transcode (2024)/Bench Transcode (2024).mp4"
"$binge" library add "$work/www" >/dev/null
"$binge" scan >/dev/null
for t in Direct Remux Transcode; do
	"$binge" avail add "Bench $t" --platform Binge --territories worldwide --from 2020-01-01 >/dev/null
done
bench_viewer "$binge"
media() { sqlite3 "$BINGE_DB" "SELECT id FROM media_file WHERE rel_path LIKE '%$1%'"; }

"$binge" serve --listen 127.0.0.1:0 --quiet --threads 4 --encoders 2 --stream-cache "$work/streams" \
	--packages "$work/packages" --no-package-worker \
	>"$work/serve.out" 2>"$work/serve.err" &
binge_pid=$!
for _ in $(seq 1 100); do
	url=$(sed -n 's/^binge: listening on //p' "$work/serve.out" 2>/dev/null)
	[ -n "$url" ] && break
	sleep 0.05
done
[ -n "$url" ] || { cat "$work/serve.err" >&2; exit 1; }
bench_auth
# Chromium's answers: H.264, AAC, MP4 and WebM, no Matroska, HLS by MSE.
caps="containers=mp4,webm&video=h264,vp9,av1&audio=aac,opus,mp3,flac&channels=2&hls=mse"
now() { date +%s.%N; }
decode_first() { # FILE -> seconds to decode its first video frame
	local t0
	t0=$(now)
	ffmpeg -v error -i "$1" -frames:v 1 -f null - || { echo "playback_bench: $1 does not decode" >&2; exit 1; }
	echo "$(now) - $t0" | bc
}

# first MEDIA CAPS NAME: fetches what a player needs for its first frame.
first() {
	local id=$1 q=$2 t0 info method u base v
	t0=$(now)
	info=$(curl -s -H "$auth" "$url/api/v1/media/$id/playback-info?$q")
	method=$(jq -r .method <<<"$info")
	u=$(jq -r .url <<<"$info")
	if [ "$method" = direct ]; then
		# A browser's first range: the head of a faststart MP4.
		curl -s -H "Range: bytes=0-1048575" -o "$work/first.mp4" "$url$u"
	else
		base="$url/api/v1/media/$id/hls"
		curl -s -o "$work/master.m3u8" "$url$u"
		v=$(grep -m1 '^index.m3u8?' "$work/master.m3u8")
		curl -s -o "$work/index.m3u8" "$base/$v"
		curl -s -o "$work/init.mp4" "$base/$(grep -o 'init\.mp4?[^"]*' "$work/index.m3u8")"
		curl -s -o "$work/seg.m4s" "$base/$(grep -m1 '^0\.m4s?' "$work/index.m3u8")"
		cat "$work/init.mp4" "$work/seg.m4s" >"$work/first.mp4"
	fi
	server=$(echo "$(now) - $t0" | bc)
	decode=$(decode_first "$work/first.mp4")
	printf '%-10s %-10s %10.3f %10.3f %10.3f\n' "$3" "$method" "$server" "$decode" "$(echo "$server + $decode" | bc)"
}

# The peer: FFmpeg alone making the same first segment of the same 720p rendition.
mkdir -p "$work/peer"
t0=$(now)
ffmpeg -v error -nostdin -y -i "file:$src" -copyts -map 0:v:0 -map 0:a:0 -vf "scale=-2:720,format=yuv420p" \
	-c:v libx264 -preset veryfast -b:v 3000k -maxrate 4500k -bufsize 6000k \
	-force_key_frames "expr:gte(t,0+n_forced*6)" -profile:v high -c:a aac -ac 2 -b:a 128k \
	-t 6 -f hls -hls_time 6 -hls_segment_type fmp4 -hls_list_size 0 \
	-hls_segment_filename "$work/peer/seg%d.m4s" "$work/peer/run.m3u8"
peer=$(echo "$(now) - $t0" | bc)

echo "playback benchmark: ${seconds} s 1080p24 H.264 + AAC source, $(nproc) cores, loopback"
printf '%-10s %-10s %10s %10s %10s\n' "" method "server s" "decode s" "total s"
first "$(media Direct)" "$caps" direct
first "$(media Remux)" "$caps" remux
first "$(media Transcode)" "$caps&height=720" transcode
transcode_first=$server
printf 'first transcoded segment: binge %.3f s, FFmpeg alone %.3f s, ratio %.2f\n' \
	"$transcode_first" "$peer" "$(echo "$transcode_first / $peer" | bc -l)"

# Transcode speed: every segment of a 720p rendition not made yet (the
# Matroska copy of the same source), in order, as a player fetches them.
id=$(media Remux)
info=$(curl -s -H "$auth" "$url/api/v1/media/$id/playback-info?$caps&height=720")
base="$url/api/v1/media/$id/hls"
curl -s -o "$work/master.m3u8" "$url$(jq -r .url <<<"$info")"
v=$(grep -m1 '^index.m3u8?' "$work/master.m3u8")
curl -s -o "$work/index.m3u8" "$base/$v"
t0=$(now)
n=0
while read -r seg; do
	code=$(curl -s -o "$work/seg.out" -w '%{http_code}' "$base/$seg")
	[ "$code" = 200 ] || { echo "playback_bench: segment ${seg%%\?*} answered $code: $(head -c 300 "$work/seg.out")" >&2; exit 1; }
	n=$((n + 1))
done < <(grep '^[0-9]*\.m4s?' "$work/index.m3u8")
elapsed=$(echo "$(now) - $t0" | bc)
printf 'transcode 1080p -> 720p H.264: %d segments, %s s of video in %.2f s: %.2fx real time\n' \
	"$n" "$seconds" "$elapsed" "$(echo "$seconds / $elapsed" | bc -l)"

# Packaging ahead: the transcoded title's ladder made once, then its
# segments served as files, by binge (sendfile) and by nginx in the same run.
t0=$(now)
"$binge" package "Bench Transcode" --ladder 720,480,360 --packages "$work/packages" >/dev/null
elapsed=$(echo "$(now) - $t0" | bc)
printf 'binge package, ladder 720,480,360: %s s of video in %.2f s: %.2fx real time for 3 renditions\n' \
	"$seconds" "$elapsed" "$(echo "$seconds / $elapsed" | bc -l)"
id=$(media Transcode)
info=$(curl -s -H "$auth" "$url/api/v1/media/$id/playback-info?$caps&height=720")
[ "$(jq -r .packaged <<<"$info")" = true ] || { echo "playback_bench: not served from the package: $info" >&2; exit 1; }
base="$url/api/v1/media/$id/hls"
curl -s -o "$work/master.m3u8" "$url$(jq -r .url <<<"$info")"
v=$(grep -m1 '^index.m3u8?' "$work/master.m3u8")
curl -s -o "$work/index.m3u8" "$base/$v"
seg=$(grep -m1 '^1\.m4s?' "$work/index.m3u8")
file=$(ls "$work"/packages/"$id"-*/h264.720.3000-aac2/seg1.m4s)
bench_nginx "root $work/packages;"
rel=${file#"$work/packages"}
curl -s -o "$work/by-binge" "$base/$seg"
curl -s -o "$work/by-nginx" "$nginx_url$rel"
cmp -s "$work/by-binge" "$file" && cmp -s "$work/by-nginx" "$file" || {
	echo "playback_bench: binge or nginx did not send $rel: $(head -c 300 "$work/by-binge") / $(head -c 300 "$work/by-nginx")" >&2
	exit 1
}
segrate() { # URL -> requests/s over 10 s, 32 connections
	wrk -t2 -c32 -d10s "$1" 2>&1 | awk '/Requests\/sec/ {print $2}'
}
b=$(segrate "$base/$seg")
n=$(segrate "$nginx_url$rel")
printf 'packaged segment (%d bytes): binge %.0f req/s, nginx %.0f req/s, ratio %.2f\n' \
	"$(stat -c %s "$file")" "$b" "$n" "$(echo "$b / $n" | bc -l)"

# Seek-bar previews: binge trickplay (keyframes only) against FFmpeg decoding
# every frame into the same sheets, from the same 1080p file.
t0=$(now)
BINGE_TRICKPLAY="$work/trickplay" "$binge" trickplay "Bench Direct" >/dev/null
key=$(echo "$(now) - $t0" | bc)
mkdir -p "$work/every"
t0=$(now)
ffmpeg -v error -nostdin -i "$src" -an -vf "fps=1/10:eof_action=pass,scale=320:-2,tile=10x10" \
	-fps_mode vfr -q:v 5 "$work/every/%d.jpg"
every=$(echo "$(now) - $t0" | bc)
printf 'trickplay of %s s of 1080p: keyframes only %.2f s (%.0f s per hour of video), every frame %.2f s: %.1fx faster\n' \
	"$seconds" "$key" "$(echo "$key * 3600 / $seconds" | bc -l)" "$every" "$(echo "$every / $key" | bc -l)"
