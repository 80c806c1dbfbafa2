#!/usr/bin/env bash
# docs/openapi.yaml is a valid OpenAPI 3.1 description (swagger-parser), has
# the routes of src/http/routes.c with their access classes, is what the
# server serves at /api/v1/openapi.json, and describes what the server
# answers: tests/openapi/check.mjs tours the API (every route, with
# their errors) and checks every answer against the described schemas.
. "$(dirname "$0")/lib.sh"
src="${BINGE_SOURCE_DIR:?}"
checker="$src/tests/openapi"
# Both engines' runs share the checker's node_modules: one installs it.
(
	flock 9
	[ -d "$checker/node_modules/@apidevtools/swagger-parser" ] ||
		(cd "$checker" && npm ci --no-audit --no-fund --loglevel=error)
) 9>"$checker/.npm-install.lock"

demo_setup
# One episode with what the tour reads: English audio, subtitles beside
# it (text, so playback-info signs a WebVTT URL) and a poster.
show="$WORK/lib/Jessica Jones (2015)"
mkdir -p "$show/Season 01"
ffmpeg -v error -f lavfi -i testsrc=duration=2:size=160x120:rate=24 -f lavfi -i sine=duration=2 \
	-c:v libx264 -pix_fmt yuv420p -c:a aac -metadata:s:a:0 language=eng -shortest \
	"$show/Season 01/Jessica Jones - S01E01.mp4"
printf '1\n00:00:00,200 --> 00:00:01,800\nHello\n' >"$show/Season 01/Jessica Jones - S01E01.en.srt"
ffmpeg -v error -f lavfi -i "color=c=0x7209b7:size=300x450" -frames:v 1 "$show/poster.jpg"
run 0 "$BINGE" library add "$WORK/lib"
run 0 "$BINGE" scan
run 0 "$BINGE" trickplay "Jessica Jones"
media=$(sql "SELECT id FROM media_file ORDER BY id LIMIT 1")
[ -n "$media" ] || fail "the scan stored no media"

metrics_token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
serve_start --metrics-token "$metrics_token"
ADMIN=$(login admin admin-secret)
demo_profiles
BASE=$URL ADMIN=$ADMIN ACCOUNT=$VT PROFILE=$ADULT MEDIA=$media METRICS=$metrics_token \
	node "$checker/check.mjs" "$src/docs/openapi.yaml" "$src/src/http/routes.c" >"$WORK/check.out" 2>&1 ||
	fail "$(cat "$WORK/check.out")"
cat "$WORK/check.out"
checks=$((checks + $(sed -n 's/^openapi: \([0-9]*\) checks passed.*/\1/p' "$WORK/check.out")))
serve_stop
pass
