#!/usr/bin/env bash
# Streaming media: Range edge cases against the live server, compared with
# what RFC 9110 requires (status, headers, exact bytes), who may stream, and
# the signed URLs that carry the right to (never a bearer token in a URL).
. "$(dirname "$0")/lib.sh"
trap 'stop_all_servers; [ "${ENGINE}" = postgres ] && psql -qAt "$PG_BASE" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
demo_setup
lib="$WORK/library/Jessica Jones (2015)/Season 01"
mkdir -p "$lib" "$WORK/library/Unlicensed Film (2020)"
ffmpeg -v error -f lavfi -i testsrc=duration=3:size=320x240:rate=24 -f lavfi -i sine=duration=3 \
	-c:v libx264 -pix_fmt yuv420p -g 48 -c:a aac -shortest "$lib/Jessica Jones - S01E01 - AKA Ladies Night.mp4"
cp "$lib/Jessica Jones - S01E01 - AKA Ladies Night.mp4" "$WORK/library/Unlicensed Film (2020)/Unlicensed Film (2020).mp4"
file="$lib/Jessica Jones - S01E01 - AKA Ladies Night.mp4"
size=$(stat -c %s "$file")
run 0 "$BINGE" library add "$WORK/library"
run 0 "$BINGE" scan
MEDIA=$(sql "SELECT id FROM media_file WHERE rel_path LIKE '%S01E01%'")
FILM_MEDIA=$(sql "SELECT id FROM media_file WHERE rel_path LIKE '%Unlicensed%'")
JJ=$(sql "SELECT id FROM title WHERE name = 'Jessica Jones' AND kind = 'series'")

serve_start --clock 2022-03-20
demo_profiles
S="/api/v1/media/$MEDIA/stream"

# The episode list carries its media.
expect 200 GET "/api/v1/titles/$JJ/seasons/1/episodes" "$ADULT"
eq "$(jq -c '.items[0].media[0] | [.id, .container, .width, .height, .video_codec, .audio_codec, .duration]' <<<"$body")" "[$MEDIA,\"mov\",320,240,\"h264\",\"aac\",3]" "episode media"
eq "$(jq -r '.items[0].media[0].stream' <<<"$body")" "$S" "stream URL"

# The signed URL: for this media item and this profile, a quarter of an hour long.
expect 200 GET "/api/v1/media/$MEDIA/playback-info" "$ADULT"
SIGNED=$(jq -r .url <<<"$body")
eq "$(jq -r .expires_at <<<"$body")" "2022-03-20T00:15:00Z" "signed for 900 s"
eq "$(jq -r .method <<<"$body")" "direct" "direct play"
contains "$SIGNED" "$S?exp=" "signed URL of the stream"
[[ "$SIGNED" != *"$ADULT"* ]] || fail "the signed URL carries the profile token"
checks=$((checks + 1))

# get RANGE_HEADER [EXTRA_HEADER]: status, headers and body of a stream request.
get() {
	local args=(-s -D "$WORK/h" -o "$WORK/b" -w '%{http_code}')
	[ -n "$1" ] && args+=(-H "Range: $1")
	[ -n "${2:-}" ] && args+=(-H "$2")
	status=$(curl "${args[@]}" "$URL$SIGNED")
	headers=$(tr -d '\r' <"$WORK/h")
}
header() { sed -n "s/^$1: //Ip" <<<"$headers" | head -1; }
bytes() { # START LENGTH: the file's bytes there (no pipe: head would SIGPIPE tail)
	tail -c +$(($1 + 1)) "$file" >"$WORK/tail"
	head -c "$2" "$WORK/tail" >"$WORK/want"
}

get ""
eq "$status" "200" "no Range: 200"
cmp -s "$WORK/b" "$file" || fail "full body differs"
eq "$(header Content-Length)" "$size" "Content-Length"
eq "$(header Accept-Ranges)" "bytes" "Accept-Ranges"
eq "$(header Content-Type)" "video/mp4" "Content-Type"
ETAG=$(header ETag)
LM=$(header Last-Modified)
[[ "$ETAG" == \"*\" ]] || fail "strong ETag: $ETAG"
[[ "$LM" == *GMT ]] || fail "Last-Modified: $LM"
checks=$((checks + 2))

check_range() { # RANGE START LENGTH
	get "$1"
	eq "$status" "206" "$1: 206"
	eq "$(header Content-Range)" "bytes $2-$(($2 + $3 - 1))/$size" "$1: Content-Range"
	eq "$(header Content-Length)" "$3" "$1: Content-Length"
	bytes "$2" "$3"
	cmp -s "$WORK/b" "$WORK/want" || fail "$1: bytes differ"
	checks=$((checks + 1))
}
check_range "bytes=0-0" 0 1
check_range "bytes=0-499" 0 500
check_range "bytes=100-" 100 $((size - 100))
check_range "bytes=-500" $((size - 500)) 500
check_range "bytes=$((size - 1))-" $((size - 1)) 1
check_range "bytes=10-$((size + 1000))" 10 $((size - 10))
check_range "bytes=-$((size + 5))" 0 "$size"

get "bytes=$size-"
eq "$status" "416" "start at the end: 416"
eq "$(header Content-Range)" "bytes */$size" "416 Content-Range"
get "bytes=-0"
eq "$status" "416" "empty suffix: 416"
get "bytes=0-1,4-5"
eq "$status" "200" "several ranges ignored"
cmp -s "$WORK/b" "$file" || fail "ignored range: whole body"
get "Bytes=0-9"
eq "$status" "206" "range unit in another case (RFC 9110: case-insensitive)"
get "BYTES=0-9"
eq "$status" "206" "range unit in capitals"
get "bytes=junk"
eq "$status" "200" "junk Range ignored"
get "bytes=0-9" "If-Range: $ETAG"
eq "$status" "206" "If-Range with the ETag"
get "bytes=0-9" "If-Range: \"stale\""
eq "$status" "200" "If-Range with another ETag: whole body"
get "bytes=0-9" "If-Range: $LM"
eq "$status" "206" "If-Range with Last-Modified"
status=$(curl -s -I -o "$WORK/h" -w '%{http_code}' -H "Range: bytes=0-9" "$URL$SIGNED")
eq "$status" "206" "HEAD with Range"
eq "$(tr -d '\r' <"$WORK/h" | sed -n 's/^Content-Length: //Ip')" "10" "HEAD Content-Length"

# Who may stream: playback-info applies the visibility rule...
expect 401 GET "/api/v1/media/$MEDIA/playback-info"
expect 403 GET "/api/v1/media/$MEDIA/playback-info" "$KIDS" # TV-MA above a TV-14 ceiling
expect 403 GET "/api/v1/media/$MEDIA/playback-info" "$VT"   # an account token is not a profile
expect 404 GET "/api/v1/media/999999/playback-info" "$ADULT"
expect 451 GET "/api/v1/media/$FILM_MEDIA/playback-info" "$ADULT" # no licence window
expect 404 GET "/api/v1/media/../../etc/passwd/stream" "$ADULT"
BT=$(login brit viewer-secret)
api GET /api/v1/profiles "$BT"
BRIT=$(select_profile "$BT" "$(jq -r '.items[0].id' <<<"$body")")
expect 200 GET "/api/v1/media/$MEDIA/playback-info" "$BRIT" # another account, licensed in GB too
BRIT_URL=$(jq -r .url <<<"$body")
expect 200 GET "$BRIT_URL"

# ...and the stream takes only a signature: no bearer token, in a header or a URL.
expect 401 GET "$S"
expect 401 GET "$S" "$ADULT"
expect 401 GET "$S?access_token=$ADULT"
eq "$(jq -r .error.needs <<<"$body")" "signed" "the refusal names what is needed"
tampered="${SIGNED%?}A"
[ "$tampered" != "$SIGNED" ] || tampered="${SIGNED%?}B"
expect 401 GET "$tampered"
expect 401 GET "${SIGNED/&p=*&sig=/&p=999&sig=}"              # another profile, same signature
expect 401 GET "/api/v1/media/$FILM_MEDIA/stream?${SIGNED#*\?}" # another media item
admin=$(login admin admin-secret)
expect 200 GET "/api/v1/media/$FILM_MEDIA/playback-info" "$admin" # an admin's account sees all
expect 200 GET "$(jq -r .url <<<"$body")"
serve_stop

serve_start --clock 2022-03-20T00:14:59Z
expect 200 GET "$SIGNED" # a second before it ends
serve_stop
serve_start --clock 2022-03-20T00:15:00Z
expect 403 GET "$SIGNED"
contains "$(jq -r .error.message <<<"$body")" "expired" "an expired URL says so"
serve_stop
serve_start --clock 2022-03-05          # between Netflix and Disney+: no window open
expect 451 GET "/api/v1/media/$MEDIA/playback-info" "$ADULT"
serve_stop
pass
