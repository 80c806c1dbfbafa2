#!/usr/bin/env bash
# An account's limit on simultaneous streams: beyond it, playback-info is a
# 409 naming the devices that hold the places; a device may stop one, whose
# next progress report is refused; a stream not reported for 90 s frees its
# place. Runs on SQLite and on PostgreSQL.
. "$(dirname "$0")/lib.sh"
demo_setup
lib="$WORK/library/Jessica Jones (2015)/Season 01"
mkdir -p "$lib"
ffmpeg -v error -f lavfi -i testsrc=duration=2:size=160x120:rate=24 -f lavfi -i sine=duration=2 \
	-c:v libx264 -pix_fmt yuv420p -c:a aac -shortest "$lib/Jessica Jones - S01E01.mp4"
run 0 "$BINGE" library add "$WORK/library"
run 0 "$BINGE" scan
M=$(sql "SELECT id FROM media_file LIMIT 1")
serve_start --clock 2022-03-20T12:00:00Z
ADMIN=$(login admin admin-secret)
VIEWER_ID=$(sql "SELECT id FROM app_user WHERE name = 'viewer'")
device() { # USER-AGENT: a profile token of the viewer's Adult profile, from that device
	local t
	t=$(curl -s -A "$1" -H 'Content-Type: application/json' -d '{"username":"viewer","password":"viewer-secret"}' "$URL/api/v1/login" | jq -r .token)
	api GET /api/v1/profiles "$t"
	select_profile "$t" "$(jq -r '.items[] | select(.name == "Adult") | .id' <<<"$body")"
}
TV=$(device "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36")
PHONE=$(device "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) Version/17.1 Mobile/15E148 Safari/604.1")
expect 400 PATCH "/api/v1/users/$VIEWER_ID" "$ADMIN" '{"max_streams":0}'
expect 200 PATCH "/api/v1/users/$VIEWER_ID" "$ADMIN" '{"max_streams":1}'

expect 200 GET "/api/v1/media/$M/playback-info" "$TV"
expect 200 GET "/api/v1/media/$M/playback-info" "$TV" # the same device again: still one stream
expect 200 GET /api/v1/users "$ADMIN"
eq "$(jq -r '.items[] | select(.name == "viewer") | .streams' <<<"$body")" "1" "the admin list: one device streaming"
expect 409 GET "/api/v1/media/$M/playback-info" "$PHONE"
contains "$(jq -r .error.message <<<"$body")" "streams on 1 device at most, and 1 is streaming now" "the limit, said"
eq "$(jq -c '[.max_streams, [.streams[] | [.device_name, .profile, .title]]]' <<<"$body")" '[1,[["Chrome on Linux","Adult","Episode 1"]]]' "who holds the place: device, profile, what it plays"
TV_DEVICE=$(jq -r '.streams[0].device' <<<"$body")

# Stop the other device from here: its next report is refused, and this one plays.
BT=$(login brit viewer-secret)
expect 404 DELETE "/api/v1/streams/$TV_DEVICE" "$(select_profile "$BT" "$(api GET /api/v1/profiles "$BT"; jq -r '.items[0].id' <<<"$body")")"
expect 200 DELETE "/api/v1/streams/$TV_DEVICE" "$PHONE"
expect 200 GET "/api/v1/media/$M/playback-info" "$PHONE"
expect 409 POST "/api/v1/playback/$M/progress" "$TV" '{"position":1}'
contains "$body" "stopped from another device" "the stopped device is told"
expect 200 POST "/api/v1/playback/$M/progress" "$PHONE" '{"position":1}'
expect 409 GET "/api/v1/media/$M/playback-info" "$TV"
serve_stop

# Two minutes without a report from the phone: its place is free again.
serve_start --clock 2022-03-20T12:02:00Z
expect 200 GET "/api/v1/media/$M/playback-info" "$TV"
# No limit: any number of devices.
expect 200 PATCH "/api/v1/users/$VIEWER_ID" "$ADMIN" '{"max_streams":null}'
expect 200 GET "/api/v1/media/$M/playback-info" "$PHONE"
expect 200 GET "/api/v1/media/$M/playback-info" "$TV"
serve_stop
pass
