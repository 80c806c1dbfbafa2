#!/usr/bin/env bash
# End-to-end test of the web player: a database with the article, a viewer
# whose Adult profile has a PIN, a two-episode FFmpeg library, a real
# server, and Debian's Chromium driven by playwright-core. Screenshots go to
# $E2E_OUT (the build tree).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${BINGE:?}" "${BINGE_SEEDS:?}" "${E2E_OUT:?}"
[ -x /usr/bin/chromium ] || { echo "e2e: /usr/bin/chromium missing; run scripts/setup.sh" >&2; exit 1; }
if [ ! -d "$here/node_modules/playwright-core" ]; then
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/binge-e2e-XXXXXX")
trap '[ -n "${pid:-}" ] && kill -TERM "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
export BINGE_DB="$work/binge.db"
mkdir -p "$E2E_OUT" "$work/lib/Jessica Jones (2015)/Season 01"
"$BINGE" import wiki "$BINGE_SEEDS"/*.txt >/dev/null
"$BINGE" user add e2e-viewer --territory US <<<"e2e-password" >/dev/null
"$BINGE" profile add e2e-viewer Adult --pin <<<"2468" >/dev/null
"$BINGE" user add e2e-admin --territory US --admin <<<"e2e-admin-password" >/dev/null
"$BINGE" rating set "Jessica Jones" TV-MA >/dev/null
# Certified 15 by the BBFC: a British 16+ profile may watch it, a 13+ one may not.
"$BINGE" rating set "Jessica Jones" 15 --board BBFC >/dev/null
"$BINGE" user add e2e-brit --territory GB <<<"e2e-password" >/dev/null
"$BINGE" profile add e2e-brit Sixteen --ceiling 16+ >/dev/null
"$BINGE" profile add e2e-brit Thirteen --ceiling 13+ >/dev/null
# On Disney+ since yesterday: the newest arrival, first in "New on binge".
"$BINGE" avail add "Jessica Jones" --platform Disney+ --territories US,GB --from "$(date -u -d '1 day ago' +%F)" >/dev/null
season1="$work/lib/Jessica Jones (2015)/Season 01"
ffmpeg -v error -f lavfi -i "testsrc2=duration=6:size=320x180:rate=24" -f lavfi -i "sine=duration=6" \
	-c:v libx264 -pix_fmt yuv420p -g 24 -c:a aac -shortest -movflags +faststart \
	"$season1/Jessica Jones - S01E02.mp4"
# Episode 1 has tracks: English and Spanish audio, English subtitles in the
# file, and beside it Spanish subtitles and English forced ones.
printf '1\n00:00:00,200 --> 00:00:05,800\nHello from the file\n' >"$work/en.srt"
ffmpeg -v error -f lavfi -i "testsrc2=duration=6:size=320x180:rate=24" -f lavfi -i "sine=frequency=440:duration=6" \
	-f lavfi -i "sine=frequency=660:duration=6" -i "$work/en.srt" -map 0 -map 1 -map 2 -map 3 \
	-c:v libx264 -pix_fmt yuv420p -g 24 -c:a aac -c:s mov_text -movflags +faststart \
	-metadata:s:a:0 language=eng -metadata:s:a:1 language=spa -metadata:s:s:0 language=eng \
	-disposition:a:0 default -disposition:a:1 0 "$season1/Jessica Jones - S01E01.mp4"
printf '1\n00:00:00,200 --> 00:00:05,800\nHola desde al lado\n' >"$season1/Jessica Jones - S01E01.es.srt"
printf '1\n00:00:00,200 --> 00:00:05,800\n[forced] Where is it?\n' >"$season1/Jessica Jones - S01E01.eng.forced.srt"
# Episode 3 needs a transcode in Chromium: HEVC Main 10 with HDR10 and AC3
# 5.1 in Matroska (Debian's Chromium decodes no HEVC and no AC3).
ffmpeg -v error -f lavfi -i "testsrc2=duration=36:size=640x480:rate=24" -f lavfi -i "sine=duration=36" \
	-c:v libx265 -preset ultrafast -pix_fmt yuv420p10le \
	-x265-params "log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc:keyint=48" \
	-color_primaries bt2020 -color_trc smpte2084 -colorspace bt2020nc -c:a ac3 -ac 6 \
	"$work/lib/Jessica Jones (2015)/Season 01/Jessica Jones - S01E03.mkv"
# Episode 4: H.264 with DTS in Matroska (the video copied, the audio made
# AAC), with picture subtitles (PGS: a white box from 0.5 s to 11.5 s) to
# burn in; episode 5: AV1 with Opus in WebM (Chromium plays it as it is).
python3 "$here/../../scripts/make_pgs.py" "$work/en.sup" 320 240 0.5-11.5
ffmpeg -v error -f lavfi -i "testsrc2=duration=12:size=320x240:rate=24" -f lavfi -i "sine=duration=12" \
	-i "$work/en.sup" -map 0 -map 1 -map 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -g 48 \
	-c:a dca -strict -2 -ac 2 -c:s copy -metadata:s:s:0 language=eng \
	"$work/lib/Jessica Jones (2015)/Season 01/Jessica Jones - S01E04.mkv"
ffmpeg -v error -f lavfi -i "testsrc2=duration=12:size=320x240:rate=24" -f lavfi -i "sine=duration=12" \
	-c:v libsvtav1 -preset 12 -pix_fmt yuv420p -g 48 -c:a libopus \
	"$work/lib/Jessica Jones (2015)/Season 01/Jessica Jones - S01E05.webm" 2>/dev/null
{
	echo "title,season,outlet,critic,top_critic,date,score,scale,verdict,panels"
	for i in 1 2 3 4 5; do echo "Jessica Jones,1,Outlet $i,Critic $i,false,,8,10,$([ $i -le 4 ] && echo fresh || echo rotten),"; done
} >"$work/reviews.csv"
"$BINGE" reviews import "$work/reviews.csv" >/dev/null
printf 'id,network,time,author,text,repost_of\np1,twitter,2015-11-20T10:00:00Z,a,#JessicaJones,\np2,twitter,2015-11-21T10:00:00Z,b,#JessicaJones,p1\n' >"$work/posts.csv"
"$BINGE" buzz import "$work/posts.csv" >/dev/null
"$BINGE" buzz track "Jessica Jones" --hashtag JessicaJones >/dev/null
cat >"$work/mcu.json" <<'JSON'
{"franchise": "Marvel Cinematic Universe", "entries": [
 {"name": "Guardians of the Galaxy", "released": "2014-08-01"},
 {"name": "Avengers: Age of Ultron", "released": "2015-05-01"},
 {"name": "Jessica Jones season 1", "released": "2015-11-20", "title": "Jessica Jones", "season": 1}],
 "constraints": [{"entry": "Jessica Jones season 1", "after": "Guardians of the Galaxy", "before": "Avengers: Age of Ultron"}]}
JSON
"$BINGE" timeline import "$work/mcu.json" >/dev/null
# Artwork beside the series, by the names Jellyfin reads.
ffmpeg -v error -f lavfi -i "testsrc2=size=1280x720" -frames:v 1 -update 1 "$work/lib/Jessica Jones (2015)/fanart.jpg"
ffmpeg -v error -f lavfi -i "testsrc2=size=600x900" -frames:v 1 -update 1 "$work/lib/Jessica Jones (2015)/poster.jpg"
"$BINGE" library add "$work/lib" >/dev/null
"$BINGE" scan >/dev/null
# Seek-bar previews of every file.
"$BINGE" trickplay "Jessica Jones" >/dev/null
# Episode 2's intro (1 s to 3.5 s) and credits (from 4 s), as an admin sets them.
"$BINGE" markers set "$(sqlite3 "$BINGE_DB" "SELECT id FROM media_file WHERE rel_path LIKE '%S01E02%'")" \
	--intro 1-3.5 --credits 4 >/dev/null
# Simulated viewing and a model trained on it, for the title page's "More
# like this"; the most watched worldwide title is the one opened.
# Enough titles to browse past the 60th (not all are licensed in the US).
"$BINGE" simulate catalogue --series 64 --films 30 --seed 2 >/dev/null
"$BINGE" simulate --viewers 150 --days 20 --seed 2 --start 2024-01-01 >/dev/null
BINGE_MODELS="$work/models" OPENBLAS_NUM_THREADS=1 "$BINGE" train >/dev/null
similar=$(sqlite3 "$BINGE_DB" "SELECT v.top_id FROM title_view v JOIN licence_window w ON w.title_id = v.top_id AND w.worldwide = 1
	GROUP BY v.top_id ORDER BY COUNT(*) DESC, v.top_id LIMIT 1")
"$BINGE" serve --listen 127.0.0.1:0 --quiet --models "$work/models" --stream-cache "$work/streams" >"$work/serve.out" 2>"$work/serve.err" &
pid=$!
for _ in $(seq 1 100); do
	url=$(sed -n 's/^binge: listening on //p' "$work/serve.out" 2>/dev/null)
	[ -n "$url" ] && break
	sleep 0.05
done
[ -n "$url" ] || { cat "$work/serve.err" >&2; exit 1; }
node "$here/player_test.mjs" "$url/" "$E2E_OUT" "$similar" || {
	# What the server and its packaging worker said, for a failure seen only in CI.
	echo "e2e: package jobs:" >&2
	sqlite3 "$BINGE_DB" "SELECT id, media_id, state, attempts, error FROM package_job" >&2 || true
	echo "e2e: the server's last words:" >&2
	tail -n 60 "$work/serve.err" >&2
	exit 1
}
# The player logged its viewing: starts and a completion of episode 1.
kinds=$(sqlite3 "$BINGE_DB" "SELECT kind FROM viewing_event GROUP BY kind ORDER BY kind" | tr '\n' ' ')
case "$kinds" in
*complete*start*)
	times >"$work/times" # second line: the CPU of what the test ran
	echo "e2e: viewing events logged: $kinds; CPU (user, system): $(tail -n 1 "$work/times")" ;;
*) echo "e2e: expected start and complete events, got: $kinds" >&2; exit 1 ;;
esac
