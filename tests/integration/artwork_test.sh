#!/usr/bin/env bash
# Artwork: images beside the media, by the names Jellyfin and Plex read,
# become the titles' posters, backdrops, logos and stills; the API lists
# them as signed URLs, and GET /api/v1/images/{id} serves them resized by
# libvips in the format the browser takes, with ETag and 304, under the
# visibility rule of the title.
. "$(dirname "$0")/lib.sh"
demo_setup
lib="$WORK/library"
show="$lib/Folder Show (2020)"
film="$lib/Example Film (1999)"
mkdir -p "$show/Season 01" "$film"
ffmpeg -v error -f lavfi -i testsrc=duration=1:size=160x120:rate=24 -f lavfi -i sine=duration=1 \
	-c:v libx264 -pix_fmt yuv420p -c:a aac -shortest "$WORK/clip.mp4"
cp "$WORK/clip.mp4" "$show/Season 01/Folder Show - S01E01.mp4"
cp "$WORK/clip.mp4" "$show/Season 01/Folder Show - S01E02.mp4" # no thumb: a still is made
cp "$WORK/clip.mp4" "$film/Example Film (1999).mp4"
picture() { # PATH WxH COLOUR
	ffmpeg -v error -y -f lavfi -i "color=$3:size=$2" -frames:v 1 -update 1 "$1"
}
picture "$show/poster.jpg" 600x900 red
picture "$show/fanart.jpg" 1920x1080 blue
# A logo with transparency (libvips's thumbnail, which handles alpha, makes it).
ffmpeg -v error -y -f lavfi -i "color=white@0.5:size=800x310,format=rgba" -frames:v 1 -update 1 "$show/logo.png"
picture "$show/season01-poster.jpg" 600x900 green
picture "$show/Season 01/Folder Show - S01E01-thumb.jpg" 1280x720 yellow
picture "$film/Example Film (1999)-poster.jpg" 600x900 purple
picture "$show/holiday.jpg" 320x240 gray

run 0 "$BINGE" library add "$lib"
run 0 "$BINGE" scan --json
eq "$(jq -c '[.libraries[0].added, .libraries[0].images, .stills]' <<<"$out")" '[3,6,{"made":1,"failed":0}]' "three videos, six images set, one still made"
contains "$(jq -r '.libraries[0].problems[]' <<<"$out")" "holiday.jpg: not a video file or artwork name" "another image named and skipped"
SHOW=$(sql "SELECT id FROM title WHERE name = 'Folder Show' AND kind = 'series'")
SEASON=$(sql "SELECT id FROM title WHERE parent_id = $SHOW")
EPISODE=$(sql "SELECT id FROM title WHERE parent_id = $SEASON")
FILM=$(sql "SELECT id FROM title WHERE name = 'Example Film'")
EPISODE2=$(sql "SELECT id FROM title WHERE parent_id = $SEASON AND number = 2")
eq "$(sql "SELECT t.kind || ':' || a.kind || ':' || a.made FROM artwork a JOIN title t ON t.id = a.title_id ORDER BY t.kind, a.made, a.kind" | tr '\n' ' ')" \
	"episode:still:0 episode:still:1 film:poster:0 season:poster:0 series:backdrop:0 series:logo:0 series:poster:0 " "each image to its title, and the made still"
still=$(sql "SELECT path FROM artwork WHERE title_id = $EPISODE2")
eq "$(ffprobe -v error -show_entries stream=codec_name,width,height -of csv=p=0 "$still")" "mjpeg,160,120" "the still: a frame of the episode, JPEG"
[[ "$still" == "$BINGE_STILLS/"* ]] || fail "the still is not in BINGE_STILLS: $still"
checks=$((checks + 1))
run 0 "$BINGE" scan --json
eq "$(jq -c '[.libraries[0].images, .stills.made]' <<<"$out")" "[0,0]" "unchanged images: nothing to set, no still again"
# A thumb appears for episode 2: it replaces the made still.
picture "$show/Season 01/Folder Show - S01E02-thumb.jpg" 1280x720 navy
run 0 "$BINGE" scan --json
eq "$(sql "SELECT made FROM artwork WHERE title_id = $EPISODE2")" "0" "a thumb from the folder replaces the made still"

# Titles the scan made have no window: the operator opens them in the US.
run 0 "$BINGE" avail add "Folder Show" --platform Binge --territories US --from 2020-01-01
run 0 "$BINGE" avail add "Example Film" --platform Binge --territories US --from 2020-01-01
run 0 "$BINGE" rating set "Folder Show" TV-MA
serve_start --clock 2022-03-20
demo_profiles
expect 200 GET "/api/v1/titles/$SHOW" "$ADULT"
eq "$(jq -c '.images | keys' <<<"$body")" '["backdrop","logo","poster"]' "the series' images"
poster=$(jq -r .images.poster <<<"$body")
backdrop=$(jq -r .images.backdrop <<<"$body")
logo=$(jq -r .images.logo <<<"$body")
[[ "$poster" =~ ^/api/v1/images/[0-9]+\?exp=[0-9]+\&u=[0-9]+\&p=[0-9]+\&sig= ]] || fail "a signed image URL: $poster"
checks=$((checks + 1))
expect 200 GET "/api/v1/titles/$SHOW/seasons/1/episodes" "$ADULT"
eq "$(jq -c '.items[0].images | keys' <<<"$body")" '["still"]' "the episode's still"
expect 200 GET "/api/v1/titles?limit=200" "$ADULT"
eq "$(jq -r ".items[] | select(.id == $FILM) | .images.poster | test(\"^/api/v1/images/\")" <<<"$body")" "true" "a list item's poster"

image() { # URL [CURL ARGS...]: fetches; sets status, type, etag and the file $WORK/img
	local url=$1
	shift
	status=$(curl -s -o "$WORK/img" -D "$WORK/img.h" -w '%{http_code}' "$@" "$URL$url")
	type=$(tr -d '\r' <"$WORK/img.h" | sed -n 's/^Content-Type: //Ip')
	etag=$(tr -d '\r' <"$WORK/img.h" | sed -n 's/^ETag: //Ip')
}
size_of() { ffprobe -v fatal -show_entries stream=codec_name,width,height -of csv=p=0 "$WORK/img"; }
# libvips (about 100 libraries) is loaded by the first image made, not at start.
eq "$(grep -c libvips "/proc/$SERVE_PID/maps" || true)" "0" "no libvips before an image is made"
image "$poster&w=300" -H 'Accept: image/avif,image/webp,*/*'
eq "$status $type" "200 image/webp" "WebP for a browser that takes it"
[ "$(grep -c libvips "/proc/$SERVE_PID/maps")" -gt 0 ] || fail "libvips not loaded after an image was made"
checks=$((checks + 1))
eq "$(size_of)" "webp,320,480" "300 px asked: 320 served, the poster's shape kept"
image "$poster&w=300&format=jpeg"
eq "$status $type $(size_of)" "200 image/jpeg mjpeg,320,480" "JPEG when asked"
image "$poster&w=3000" -H 'Accept: image/jpeg'
eq "$(size_of)" "mjpeg,600,900" "never wider than the source"
# 1920 px to 320: decoded at a quarter (JPEG shrink-on-load), then reduced.
image "$backdrop&w=320&format=jpeg"
eq "$status $(size_of)" "200 mjpeg,320,180" "a backdrop's shape kept"
image "$logo&w=320&format=webp"
eq "$status $(size_of)" "200 webp,320,124" "a logo resized"
eq "$(ffprobe -v fatal -show_entries stream=pix_fmt -of csv=p=0 "$WORK/img")" "yuva420p" "its transparency kept"
image "$poster&w=320" -H 'Accept: image/webp'
first_etag=$etag
contains "$(tr -d '\r' <"$WORK/img.h")" "Cache-Control: private, max-age=3600" "kept privately for an hour"
image "$poster&w=320" -H 'Accept: image/webp' -H "If-None-Match: $first_etag"
eq "$status" "304" "revalidated: not modified"
ls "$WORK/streams/images/"*.webp >/dev/null || fail "resized copies kept in the stream cache"
checks=$((checks + 1))
image "$poster&w=0"
eq "$status" "400" "a bad width"
contains "$(cat "$WORK/img")" "w: a width from 1 to 10000" "named"
image "$poster&format=gif"
eq "$status" "400" "a bad format"
image "${poster%%\?*}"
eq "$status" "401" "no signature"
image "${poster/&p=/&p=9}"
eq "$status" "401" "another profile, same signature"

# A changed poster is a new version: a new ETag.
sleep 1
picture "$show/poster.jpg" 600x900 orange
run 0 "$BINGE" scan --json
eq "$(jq -c '.libraries[0].images' <<<"$out")" "1" "the changed poster set again"
image "$poster&w=320" -H 'Accept: image/webp'
[ "$status" = 200 ] && [ "$etag" != "$first_etag" ] || fail "a changed poster kept its ETag ($status $etag)"
checks=$((checks + 1))

# The visibility rule holds for images: the title leaves the territory, and
# its poster does too, for a URL signed before.
run 0 "$BINGE" avail clear "Folder Show"
image "$poster&w=320"
eq "$status" "451" "a title gone from the territory: its images too"

# Answers are cached and shared by viewers of one class (server.c), never
# past a change: the title back, a lower ceiling, a deleted profile, each
# counts at the next request (the server's clock stands still here, so
# only the generations can tell).
run 0 "$BINGE" avail add "Folder Show" --platform Binge --territories US --from 2020-01-01
image "$poster&w=320"
eq "$status" "200" "the title back in the territory: its poster too"
image "$poster&w=320"
eq "$status" "200" "the same again (from the cache)"
ADMIN=$(login admin admin-secret)
api GET /api/v1/users "$ADMIN"
viewer_id=$(jq -r '.items[] | select(.name == "viewer") | .id' <<<"$body")
api PATCH "/api/v1/users/$viewer_id" "$ADMIN" '{"disabled":true}'
eq "$status" "200" "the account disabled"
image "$poster&w=320"
eq "$status" "401" "a disabled account's signed URL, at once"
api PATCH "/api/v1/users/$viewer_id" "$ADMIN" '{"disabled":false}'
image "$poster&w=320"
eq "$status" "200" "enabled again: the same URL answers"
VT=$(login viewer viewer-secret) # disabling ended the account's logins
api GET /api/v1/profiles "$VT"
adult_id=$(jq -r '.items[] | select(.name == "Adult") | .id' <<<"$body")
api PATCH "/api/v1/profiles/$adult_id" "$VT" '{"ceiling":"13+"}'
eq "$status" "200" "the profile's ceiling lowered"
image "$poster&w=320"
eq "$status" "403" "a TV-MA poster above the lowered ceiling, at once"
api DELETE "/api/v1/profiles/$adult_id" "$VT"
eq "$status" "200" "the profile deleted"
image "$poster&w=320"
eq "$status" "401" "a deleted profile's signed URL, at once"
serve_stop
pass
