#!/usr/bin/env bash
# Playback of any file: the decision playback-info makes for what a device
# reports (direct, remux, audio, transcode), the HLS it then serves (master,
# media playlists, fMP4 init and segments made by FFmpeg on demand), seeks
# that restart the encoder, HDR kept or tone-mapped (checked with ffprobe),
# and the signed URLs every playlist entry carries.
. "$(dirname "$0")/lib.sh"
demo_setup
season="$WORK/library/Jessica Jones (2015)/Season 01"
mkdir -p "$season"
HDR="$season/Jessica Jones - S01E02 - AKA Crush Syndrome.mkv"
DTS="$season/Jessica Jones - S01E03 - AKA It's Called Whiskey.mkv"
AV1="$season/Jessica Jones - S01E04 - AKA 99 Friends.webm"
hdr10_mkv "$HDR" # a browser cannot play it
# H.264 with DTS in Matroska; AV1 with Opus in WebM.
ffmpeg -v error -f lavfi -i testsrc=size=320x240:rate=24:duration=4 -f lavfi -i sine=duration=4 \
	-c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a dca -strict -2 -ac 2 "$DTS"
ffmpeg -v error -f lavfi -i testsrc=size=320x240:rate=24:duration=2 -f lavfi -i sine=duration=2 \
	-c:v libsvtav1 -preset 12 -pix_fmt yuv420p -c:a libopus "$AV1" 2>/dev/null
run 0 "$BINGE" library add "$WORK/library"
run 0 "$BINGE" scan
media() { sql "SELECT id FROM media_file WHERE rel_path LIKE '%$1%'"; }
M_HDR=$(media S01E02)
M_DTS=$(media S01E03)
M_AV1=$(media S01E04)
eq "$(sql "SELECT bit_depth || ' ' || hdr FROM media_file WHERE id = $M_HDR")" "10 hdr10" "probe: 10-bit HDR10"

serve_start --clock 2022-03-20 --encoders 2
VT=$(login viewer viewer-secret)
api GET /api/v1/profiles "$VT"
ADULT_ID=$(jq -r '.items[] | select(.name == "Adult") | .id' <<<"$body")
ADULT=$(select_profile "$VT" "$ADULT_ID")

# info MEDIA [CAPS]: the decision for a device reporting CAPS (a query string).
info() {
	expect 200 GET "/api/v1/media/$1/playback-info${2:+?$2}" "$ADULT"
	INFO=$body
	method=$(jq -r .method <<<"$INFO")
}
HLS_BASE() { echo "/api/v1/media/$1/hls"; }
# get PATH OUT: a signed URL fetched with no token, the body saved in OUT.
get() {
	status=$(curl -s -o "$2" -w '%{http_code}' "$URL$1")
	checks=$((checks + 1))
}
# segment MEDIA PLAYLIST_FILE N OUT: init + segment N of that media playlist into OUT.
segment() {
	local base init seg
	base=$(HLS_BASE "$1")
	init=$(grep -o 'init\.mp4?[^"]*' "$2")
	seg=$(grep -m1 "^$3\.m4s?" "$2")
	get "$base/$seg" "$WORK/seg"
	eq "$status" "200" "segment $3 of $1"
	get "$base/$init" "$WORK/init"
	eq "$status" "200" "init segment of $1"
	cat "$WORK/init" "$WORK/seg" >"$4"
}
probe() { ffprobe -v error -select_streams "$2" -show_entries "stream=$3" -of csv=p=0 "$1" | sed "s/,*$//"; }
# The first video timestamp of a segment: where the player will place it.
first_pts() { ffprobe -v error -select_streams v:0 -show_entries packet=pts_time -of csv=p=0 "$1" | sort -n | head -1; }

# 1. A browser that reports nothing gets the baseline: H.264 and AAC in MP4.
#    HEVC Main 10 HDR10 with AC3 5.1 is transcoded and tone-mapped.
info "$M_HDR"
eq "$method" "transcode" "HEVC 10-bit HDR on the baseline"
contains "$(jq -r .reason <<<"$INFO")" "cannot decode hevc 10-bit" "the reason names the codec"
eq "$(jq -c '[.renditions[] | [.height, .tone_mapped]]' <<<"$INFO")" "[[480,true],[360,true]]" "480p and a lower rung"
URL_MASTER=$(jq -r .url <<<"$INFO")
contains "$URL_MASTER" "/hls/master.m3u8?" "an HLS URL"
[[ "$URL_MASTER" != *"$ADULT"* ]] || fail "the HLS URL carries the profile token"
get "$URL_MASTER" "$WORK/master.m3u8"
eq "$status" "200" "master playlist"
eq "$(grep -c '^#EXT-X-STREAM-INF:.*CODECS="avc1.640028,mp4a.40.2".*VIDEO-RANGE=SDR' "$WORK/master.m3u8")" "2" "two SDR H.264 variants"
first=$(grep -m1 '^index.m3u8?' "$WORK/master.m3u8")
contains "$first" "&sig=" "variant URIs are signed"
get "$(HLS_BASE "$M_HDR")/$first" "$WORK/top.m3u8"
eq "$status" "200" "media playlist"
eq "$(grep -c '^#EXTINF' "$WORK/top.m3u8")" "2" "8 s in 6 s segments: complete from the start"
total=$(grep '^#EXTINF' "$WORK/top.m3u8" | tr -d '#EXTINF:,' | paste -sd+ | bc)
eq "$(bc <<<"d = $total - $(jq .duration <<<"$INFO"); d < 0.002 && d > -0.002")" "1" "segments add up to the duration ($total s)"
grep -q '^#EXT-X-ENDLIST' "$WORK/top.m3u8" || fail "a VOD playlist ends"

# A seek: segment 1 first (the encoder starts there), then segment 0 (it restarts).
segment "$M_HDR" "$WORK/top.m3u8" 1 "$WORK/s1.mp4"
eq "$(probe "$WORK/s1.mp4" v:0 codec_name,height,color_transfer,color_primaries)" "h264,480,bt709,bt709" "tone-mapped to SDR H.264"
start=$(first_pts "$WORK/s1.mp4")
[ "$(bc <<<"$start >= 5.9 && $start <= 6.2")" = 1 ] || fail "segment 1 starts at 6 s, not $start"
eq "$(probe "$WORK/s1.mp4" a:0 codec_name,channels)" "aac,2" "AC3 5.1 made AAC stereo"
segment "$M_HDR" "$WORK/top.m3u8" 0 "$WORK/s0.mp4"
start=$(first_pts "$WORK/s0.mp4")
[ "$(bc <<<"$start >= 0 && $start <= 0.2")" = 1 ] || fail "segment 0 starts at 0 s, not $start"
checks=$((checks + 2))
# A segment the cache lost (evicted) behind the encoder is made again.
rm "$WORK"/streams/*/h264.480.*/seg1.m4s
segment "$M_HDR" "$WORK/top.m3u8" 1 "$WORK/again.mp4"
eq "$(probe "$WORK/again.mp4" v:0 codec_name,height)" "h264,480" "an evicted segment, made again"
get "$(HLS_BASE "$M_HDR")/2.m4s?${first#index.m3u8?}" "$WORK/none"
eq "$status" "404" "no segment past the end"

# 2. An HDR display that decodes HEVC Main 10 and AC3 but opens no Matroska:
#    both streams copied into fMP4, HDR10 kept.
CAPS_HDR="containers=mp4&video=h264,hevc,hevc10&audio=aac,ac3&channels=6&hdr=pq&hls=mse"
info "$M_HDR" "$CAPS_HDR"
eq "$method" "remux" "HDR display, no Matroska"
eq "$(jq -r '.renditions[0].name' <<<"$INFO")" "copy-copy" "video and audio copied"
get "$(jq -r .url <<<"$INFO")" "$WORK/master2.m3u8"
grep -q 'VIDEO-RANGE=PQ' "$WORK/master2.m3u8" || fail "the copied rendition is PQ: $(cat "$WORK/master2.m3u8")"
get "$(HLS_BASE "$M_HDR")/$(grep -m1 '^index.m3u8?' "$WORK/master2.m3u8")" "$WORK/copy.m3u8"
# A copy is cut at the source's keyframes (every 2 s here).
eq "$(grep -c '^#EXTINF' "$WORK/copy.m3u8")" "4" "cut at each keyframe"
segment "$M_HDR" "$WORK/copy.m3u8" 2 "$WORK/c2.mp4"
eq "$(probe "$WORK/c2.mp4" v:0 codec_name,pix_fmt,color_transfer,color_primaries)" "hevc,yuv420p10le,smpte2084,bt2020" "HDR10 kept"
eq "$(probe "$WORK/c2.mp4" a:0 codec_name,channels)" "ac3,6" "AC3 5.1 copied"
start=$(first_pts "$WORK/c2.mp4")
[ "$(bc <<<"$start >= 3.9 && $start <= 4.2")" = 1 ] || fail "copied segment 2 starts at 4 s, not $start"
checks=$((checks + 1))

# 3. The same display without AC3: the video copied, the audio made AAC.
info "$M_HDR" "${CAPS_HDR/audio=aac,ac3/audio=aac}"
eq "$method" "audio" "no AC3 decoder"
eq "$(jq -r '.renditions[0].name' <<<"$INFO")" "copy-aac6" "AAC 5.1 for a 6-channel device"
info "$M_DTS"
eq "$method" "audio" "H.264 with DTS"
contains "$(jq -r .reason <<<"$INFO")" "cannot play dts audio" "the reason names DTS"

# 4. AV1 and Opus in WebM: direct where the browser has them, else transcoded.
info "$M_AV1" "containers=mp4,webm&video=h264,av1&audio=aac,opus"
eq "$method" "direct" "AV1 in WebM on a browser with AV1"
eq "$(jq -r .mime <<<"$INFO")" "video/webm" "its type"
contains "$(jq -r .url <<<"$INFO")" "/stream?" "the file itself"
info "$M_AV1"
eq "$method" "transcode" "AV1 on the baseline"

# 5. A bitrate cap, and a picture taller than the device wants.
info "$M_HDR" "$CAPS_HDR&kbps=100"
eq "$method" "transcode" "above the cap"
contains "$(jq -r .reason <<<"$INFO")" "above the 100 kb/s cap" "the reason names the cap"
eq "$(jq -r '.renditions[0].height' <<<"$INFO")" "360" "the lowest rung under a tiny cap"
info "$M_HDR" "$CAPS_HDR&height=360"
eq "$(jq -r '.renditions[0].height' <<<"$INFO")" "360" "no taller than asked"

# 6. Bad reports and bad renditions are refused, naming what was wrong.
expect 400 GET "/api/v1/media/$M_HDR/playback-info?channels=many" "$ADULT"
contains "$body" "channels" "names the parameter"
expect 400 GET "/api/v1/media/$M_HDR/playback-info?hls=dash" "$ADULT"
signed=${first#*&}
get "$(HLS_BASE "$M_HDR")/index.m3u8?r=h264.4320.90000-aac2&$signed" "$WORK/bad"
eq "$status" "400" "a rendition taller than the source"
get "$(HLS_BASE "$M_HDR")/index.m3u8?r=copy-copy-x&$signed" "$WORK/bad"
eq "$status" "400" "a malformed rendition"

# 7. Signatures: bound to the media and the profile, and short-lived.
get "$(HLS_BASE "$M_DTS")/index.m3u8?r=copy-aac2&$signed" "$WORK/bad"
eq "$status" "401" "another media item's signature"
KIDS_ID=$(sql "SELECT p.id FROM profile p JOIN app_user u ON u.id = p.user_id WHERE u.name = 'viewer' AND p.name = 'Kids'")
get "$(HLS_BASE "$M_HDR")/0.m4s?r=${first#*r=}" "$WORK/ok"
eq "$status" "200" "the signed segment"
get "$(HLS_BASE "$M_HDR")/0.m4s?$(sed "s/&p=$ADULT_ID&/\&p=$KIDS_ID\&/" <<<"${first#*\?}")" "$WORK/bad"
eq "$status" "401" "the kids profile cannot borrow the adult's signature"
KIDS=$(select_profile "$VT" "$KIDS_ID" 4321)
expect 403 GET "/api/v1/media/$M_HDR/playback-info" "$KIDS" # TV-MA above the kids ceiling
serve_stop
# An HLS URL lives for the stream's length plus the usual quarter hour.
serve_start --clock 2022-03-20T00:15:09Z
get "$(HLS_BASE "$M_HDR")/0.m4s?r=${first#*r=}" "$WORK/late"
eq "$status" "403" "expired"
serve_stop

# 8. Nothing left running or unfinished after a clean stop.
[ -z "$(find "$WORK/streams" -name '*.tmp' -o -name 'encoder.pid' -o -name 'run-*.m3u8')" ] || fail "unfinished files left: $(find "$WORK/streams")"
pgrep -f "ffmpeg.*$WORK/streams" >/dev/null && fail "an encoder outlived its server"
checks=$((checks + 2))
pass
