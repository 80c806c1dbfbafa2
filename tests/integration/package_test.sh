#!/usr/bin/env bash
# HLS packaged ahead: `binge package` queues a job per file and works the
# queue into a static ladder (no upscaling, HDR tone-mapped, written then
# renamed); the server then serves a transcode from the package, byte for
# byte, without starting an encoder. `binge worker` takes queued jobs, and
# a worker killed with SIGKILL mid-job leaves its job to another worker,
# which publishes a whole package. Bad input is named.
. "$(dirname "$0")/lib.sh"
demo_setup
season="$WORK/library/Jessica Jones (2015)/Season 01"
mkdir -p "$season"
HDR="$season/Jessica Jones - S01E02 - AKA Crush Syndrome.mkv"
LONG="$season/Jessica Jones - S01E03 - AKA It's Called Whiskey.mkv"
hdr10_mkv "$HDR" # a browser cannot play it
run 0 "$BINGE" library add "$WORK/library"
run 0 "$BINGE" scan
PKG="$WORK/packages"
M_HDR=$(sql "SELECT id FROM media_file WHERE rel_path LIKE '%S01E02%'")

# Bad input, named, before any work.
run 2 "$BINGE" package "Jessica Jones" --ladder 700,480 --packages "$PKG"
contains "$err" "700 is not a rung of the ladder (2160,1440,1080,720,480,360)" "a height off the ladder"
run 2 "$BINGE" package "Jessica Jones" --ladder 720,,480 --packages "$PKG"
contains "$err" "is not a list of heights" "a malformed ladder"
run 2 "$BINGE" package --packages "$PKG"
contains "$err" "name one TITLE, or --all" "nothing to package"
run 1 "$BINGE" package "No Such Show" --packages "$PKG"
contains "$err" "No Such Show" "an unknown title is named"
eq "$(sql "SELECT COUNT(*) FROM package_job")" "0" "bad input queued nothing"

# The ladder: 720 is taller than the 480-line source, so 480 and 360.
run 0 "$BINGE" package "Jessica Jones" --ladder 720,480,360 --packages "$PKG" --json
eq "$(jq -c '[.queued, (.jobs | length), .jobs[0].ok, .jobs[0].made, .jobs[0].renditions, .jobs[0].media]' <<<"$out")" \
	"[1,1,true,true,2,$M_HDR]" "one job, packaged, two renditions"
dir=$(ls -d "$PKG/$M_HDR"-*)
eq "$(cat "$dir/renditions")" $'h264.480.1500.tm-aac2\nh264.360.800.tm-aac2' "the renditions, tallest first"
eq "$(ls "$dir/h264.480.1500.tm-aac2" | sort | tr '\n' ' ')" "init.mp4 seg0.m4s seg1.m4s " "an init segment and every segment of the 8 s plan"
eq "$(ls "$PKG" | grep -c partial || true)" "0" "no partial directory left"
cat "$dir/h264.360.800.tm-aac2/init.mp4" "$dir/h264.360.800.tm-aac2/seg1.m4s" >"$WORK/seg.mp4"
eq "$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name,height,color_transfer -of csv=p=0 "$WORK/seg.mp4")" \
	"h264,360,bt709" "a packaged segment: H.264, 360 lines, tone-mapped to BT.709"
eq "$(ffprobe -v error -select_streams a:0 -show_entries stream=codec_name,channels -of csv=p=0 "$WORK/seg.mp4")" \
	"aac,2" "AAC stereo"
eq "$(sql "SELECT state || ' ' || attempts FROM package_job")" "done 1" "the job is done"
run 0 "$BINGE" package "Jessica Jones" --ladder 720,480,360 --packages "$PKG" --json
eq "$(jq -c '[.queued, .jobs[0].ok, .jobs[0].made]' <<<"$out")" "[1,true,false]" "packaged once: a second run finds it"
run 0 "$BINGE" package "Jessica Jones" --ladder 720,480,360 --packages "$PKG"
contains "$out" "already packaged (2 renditions, ladder 720,480,360)" "said so in words"

# Served from the package: the playback decision names its renditions,
# and the segment is the package's file; no encoder runs.
serve_start --clock 2022-03-20 --packages "$PKG" --no-package-worker
VT=$(login viewer viewer-secret)
api GET /api/v1/profiles "$VT"
ADULT=$(select_profile "$VT" "$(jq -r '.items[] | select(.name == "Adult") | .id' <<<"$body")")
expect 200 GET "/api/v1/media/$M_HDR/playback-info" "$ADULT"
eq "$(jq -c '[.method, .packaged, [.renditions[].name]]' <<<"$body")" \
	'["transcode",true,["h264.480.1500.tm-aac2","h264.360.800.tm-aac2"]]' "a transcode from the package"
master=$(jq -r .url <<<"$body")
status=$(curl -s -o "$WORK/master.m3u8" -w '%{http_code}' "$URL$master")
eq "$status" "200" "master playlist"
eq "$(grep -c '^index.m3u8' "$WORK/master.m3u8")" "2" "two variants"
media_url=$(grep -m1 '^index.m3u8' "$WORK/master.m3u8")
status=$(curl -s -o "$WORK/index.m3u8" -w '%{http_code}' "$URL/api/v1/media/$M_HDR/hls/$media_url")
eq "$status" "200" "media playlist"
seg=$(grep -m1 '^1\.m4s' "$WORK/index.m3u8")
status=$(curl -s -o "$WORK/seg1" -w '%{http_code}' "$URL/api/v1/media/$M_HDR/hls/$seg")
eq "$status" "200" "segment 1"
cmp -s "$WORK/seg1" "$dir/h264.480.1500.tm-aac2/seg1.m4s" || fail "the segment served is not the package's"
checks=$((checks + 1))
eq "$(find "$WORK/streams" -name '*.m4s' 2>/dev/null | wc -l)" "0" "no segment made on demand"
status=$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/media/$M_HDR/hls/${seg/1.m4s/9.m4s}")
eq "$status" "404" "a segment past the end"
# Bitrate caps of the account and the profile: the smallest applies.
run 0 "$BINGE" limit viewer/Adult --kbps 1000
contains "$out" "viewer/Adult streams at most 1000 kb/s" "profile cap set"
expect 200 GET "/api/v1/media/$M_HDR/playback-info" "$ADULT"
eq "$(jq -c '[.renditions[].name]' <<<"$body")" '["h264.360.800.tm-aac2"]' "under the profile's 1000 kb/s: 360p only"
run 0 "$BINGE" limit viewer/Adult --kbps none --json
eq "$(jq -c . <<<"$out")" '{"user":"viewer","profile":"Adult","max_kbps":null}' "profile cap removed"
run 0 "$BINGE" limit viewer --kbps 900
expect 200 GET "/api/v1/media/$M_HDR/playback-info" "$ADULT"
eq "$(jq -r '.renditions[0].name' <<<"$body")" "h264.360.800.tm-aac2" "the account's cap holds for its profiles"
run 0 "$BINGE" limit viewer --kbps none
expect 200 GET "/api/v1/media/$M_HDR/playback-info" "$ADULT"
eq "$(jq -r '.renditions[0].name' <<<"$body")" "h264.480.1500.tm-aac2" "no cap: 480p again"
run 2 "$BINGE" limit viewer --kbps 5
contains "$err" "--kbps" "a cap below 100 kb/s is refused"
run 1 "$BINGE" limit viewer/Nobody --kbps 500
contains "$err" "no profile 'viewer/Nobody'" "an unknown profile is named"
serve_stop
# Behind nginx: binge authorises, nginx sends the file (docs/deploy.md).
run 2 "$BINGE" serve --accel-redirect packaged/
contains "$err" "--accel-redirect wants a location such as /packaged" "a bad location is named"
serve_start --clock 2022-03-20 --packages "$PKG" --no-package-worker --accel-redirect /packaged
status=$(curl -s -D "$WORK/accel.h" -o "$WORK/accel.body" -w '%{http_code}' "$URL/api/v1/media/$M_HDR/hls/$seg")
eq "$status" "200" "authorised"
contains "$(tr -d '\r' <"$WORK/accel.h")" "X-Accel-Redirect: /packaged/${dir##*/}/h264.480.1500.tm-aac2/seg1.m4s" "the file for nginx to send"
eq "$(stat -c %s "$WORK/accel.body")" "0" "no body from binge"
status=$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/media/$M_HDR/hls/${seg/sig=/sig=0}")
eq "$status" "401" "a bad signature is refused before any redirect"
serve_stop

# The queue, worked elsewhere: --queue only queues, `binge worker` takes it.
# A longer file, so that a worker can be killed mid-job (12 frames a
# second: the seven segments of its plan are what matter, not the frames).
ffmpeg -v error -f lavfi -i testsrc2=size=640x360:rate=12:duration=40 -f lavfi -i sine=duration=40 \
	-c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a ac3 "$LONG"
run 0 "$BINGE" scan
M_LONG=$(sql "SELECT id FROM media_file WHERE rel_path LIKE '%S01E03%'")
run 0 "$BINGE" package "Jessica Jones" --ladder 360 --queue --packages "$PKG"
contains "$out" "2 jobs queued" "queued only"
eq "$(sql "SELECT COUNT(*) FROM package_job WHERE state = 'queued'")" "2" "two queued jobs"

# Two workers share the queue; the one holding the long file's job is
# killed with SIGKILL mid-job, and the other takes the job once its lease
# (2 s) runs out.
"$BINGE" worker --lease 2 --packages "$PKG" --json >"$WORK/worker1.out" 2>"$WORK/worker1.err" &
W1=$!
holder=""
for _ in $(seq 1 300); do
	holder=$(sql "SELECT worker FROM package_job WHERE media_id = $M_LONG AND state = 'running'")
	[ -n "$holder" ] && break
	sleep 0.05
done
[ -n "$holder" ] || fail "no worker took the long file's job: $(cat "$WORK/worker1.err")"
# Wait until FFmpeg has written a segment, so the kill is mid-job.
for _ in $(seq 1 300); do
	ls "$PKG/$M_LONG"-*.partial-*/*/seg1.m4s >/dev/null 2>&1 && break
	sleep 0.05
done
ls -d "$PKG/$M_LONG"-*.partial-* >/dev/null 2>&1 || fail "no partial package while the job ran"
kill -KILL "$W1"
wait "$W1" 2>/dev/null || true
# Its orphaned FFmpeg: only the one writing under this test's folder. A
# pattern without it once killed another test's FFmpeg packaging its own
# media of the same number (e2e/player: "did not package episode 3").
pkill -KILL -f "ffmpeg.*$PKG/$M_LONG-.*partial" 2>/dev/null || true
[ -z "$(ls -d "$PKG/$M_LONG"-* | grep -v partial)" ] || fail "a killed worker published a package"
checks=$((checks + 1))
"$BINGE" worker --lease 2 --packages "$PKG" --json >"$WORK/worker2.out" 2>"$WORK/worker2.err" &
W2=$!
SERVE_PIDS="${SERVE_PIDS:-} $W2" # stopped if the test fails
state=""
for _ in $(seq 1 600); do
	state=$(sql "SELECT state FROM package_job WHERE media_id = $M_LONG AND ladder = '360'")
	[ "$state" = done ] && break
	sleep 0.1
done
eq "$state" "done" "the other worker finished the killed worker's job"
kill -TERM "$W2"
wait "$W2" || fail "worker exited non-zero after SIGTERM: $(cat "$WORK/worker2.err")"
eq "$(sql "SELECT attempts FROM package_job WHERE media_id = $M_LONG AND ladder = '360'")" "2" "taken twice"
[ "$(sql "SELECT worker FROM package_job WHERE media_id = $M_LONG AND ladder = '360'")" != "$holder" ] ||
	fail "the killed worker is still named on the job"
checks=$((checks + 1))
long_dir=$(ls -d "$PKG/$M_LONG"-* | grep -v partial)
eq "$(ls "$long_dir/h264.360.800-aac2" | grep -c '^seg.*\.m4s$')" "7" "every segment of the 40 s plan"
eq "$(ls "$PKG" | grep -c partial || true)" "0" "the killed worker's partial package is gone"
eq "$(sql "SELECT COUNT(*) FROM package_job WHERE state <> 'done'")" "0" "every job done"
jq -e 'select(.media == '"$M_LONG"') | .ok' "$WORK/worker2.out" >/dev/null || fail "worker's JSON line: $(cat "$WORK/worker2.out")"
checks=$((checks + 1))

# Two audio languages: the package holds the video alone and one AAC
# stereo rendition per language beside it, and serves them as an audio
# group (EXT-X-MEDIA) whichever language the viewer starts with.
DUB="$season/Jessica Jones - S01E05.mkv"
ffmpeg -v error -f lavfi -i testsrc2=size=320x240:rate=24:duration=4 -f lavfi -i sine=frequency=440:duration=4 \
	-f lavfi -i sine=frequency=660:duration=4 -map 0 -map 1 -map 2 -c:v libx265 -preset ultrafast \
	-pix_fmt yuv420p10le -x265-params log-level=error -c:a ac3 -metadata:s:a:0 language=eng \
	-metadata:s:a:1 language=spa "$DUB"
run 0 "$BINGE" scan
M_DUB=$(sql "SELECT id FROM media_file WHERE rel_path LIKE '%S01E05%'")
run 0 "$BINGE" package "$(sql "SELECT title_id FROM media_file WHERE id = $M_DUB")" --ladder 360 --packages "$PKG" --json
eq "$(jq -c '[.jobs[0].ok, .jobs[0].renditions]' <<<"$out")" "[true,3]" "one video rendition and two audio ones"
dub_dir=$(ls -d "$PKG/$M_DUB"-* | grep -v partial)
video_rendition=$(head -1 "$dub_dir/renditions")
[[ "$video_rendition" == h264.240.*-none ]] || fail "the video rendition carries no audio: $video_rendition"
eq "$(tail -n 2 "$dub_dir/renditions" | tr '\n' ' ')" "none-aac2 none-aac2.a1 " "an audio rendition per stream"
cat "$dub_dir/none-aac2.a1/init.mp4" "$dub_dir/none-aac2.a1/seg0.m4s" >"$WORK/dub.mp4"
eq "$(ffprobe -v error -show_entries stream=codec_type,codec_name,channels:stream_tags=language -of csv=p=0 "$WORK/dub.mp4")" \
	"aac,audio,2,spa" "the Spanish rendition: the Spanish stream alone, AAC stereo"
serve_start --clock 2022-03-20 --packages "$PKG" --no-package-worker
SPA=$(sql "SELECT ord FROM media_track WHERE media_id = $M_DUB AND language = 'spa'")
expect 200 GET "/api/v1/media/$M_DUB/playback-info?audio_track=$SPA" "$ADULT"
eq "$(jq -c '[.method, .packaged, .alternate_audio, .audio_track]' <<<"$body")" "[\"transcode\",true,true,$SPA]" \
	"Spanish chosen: served from the package, audio beside the video"
expect 200 GET "$(jq -r .url <<<"$body")"
eq "$(grep -c '^#EXT-X-MEDIA:TYPE=AUDIO' <<<"$body")" "2" "an audio group of two"
spanish_line=$(grep '^#EXT-X-MEDIA' <<<"$body" | grep 'LANGUAGE="es"')
contains "$spanish_line" "DEFAULT=YES" "Spanish the default"
audio_uri=$(sed -n 's/.*URI="\([^"]*\)".*/\1/p' <<<"$spanish_line")
expect 200 GET "/api/v1/media/$M_DUB/hls/$audio_uri"
status=$(curl -s -o "$WORK/dub_seg0" -w '%{http_code}' "$URL/api/v1/media/$M_DUB/hls/$(grep -m1 -v '^#' <<<"$body")")
eq "$status" "200" "the Spanish segment"
cmp -s "$WORK/dub_seg0" "$dub_dir/none-aac2.a1/seg0.m4s" || fail "the Spanish segment served is not the package's"
checks=$((checks + 1))
eq "$(find "$WORK/streams" -name '*.m4s' 2>/dev/null | wc -l)" "0" "no segment made on demand"
serve_stop

# A file gone from the disk since the scan: the job fails, says why, and
# publishes nothing.
rm -r "$dir"
mv "$HDR" "$WORK/away.mkv"
run 1 "$BINGE" package "$(sql "SELECT title_id FROM media_file WHERE id = $M_HDR")" --ladder 360 --packages "$PKG" --json
eq "$(jq -c '[.jobs[0].ok, .jobs[0].made]' <<<"$out")" "[false,false]" "the job failed"
contains "$(jq -r '.jobs[0].error' <<<"$out")" "ffmpeg failed making h264.360.800.tm-aac2" "and says why"
eq "$(sql "SELECT state FROM package_job WHERE media_id = $M_HDR ORDER BY id DESC LIMIT 1")" "failed" "recorded on the job"
eq "$(ls "$PKG" | grep -c "^$M_HDR-" || true)" "0" "nothing published, no partial left"
pass
