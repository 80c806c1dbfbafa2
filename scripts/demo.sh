#!/usr/bin/env bash
# The main job of `make run`: the article's catalogue with its licence story,
# a demo admin and a demo viewer (an adult and a kids profile), then the
# server. Safe to run again: existing demo accounts are kept.
#
#   scripts/demo.sh BINGE SEEDS_DIR [LISTEN]
set -euo pipefail
binge=$1
seeds=$2
listen=${3:-127.0.0.1:8080}

"$binge" import wiki "$seeds"/*.txt
if ! "$binge" user list --json | jq -e '.items[] | select(.name == "demo-admin")' >/dev/null; then
	echo "demo-admin-password" | "$binge" user add demo-admin --territory US --admin
	echo "demo-viewer-password" | "$binge" user add demo-viewer --territory US
	"$binge" profile add demo-viewer Adult
	echo 1234 | "$binge" profile add demo-viewer Kids --kids --ceiling TV-14 --pin
fi
# The article's story: Netflix everywhere from the premiere until 2022-03-01,
# Disney+ in six countries from 2022-03-16 and in its other markets by the
# end of 2022; every season released at once; rated TV-MA.
"$binge" rating set "Jessica Jones" TV-MA
"$binge" avail clear "Jessica Jones"
"$binge" avail add "Jessica Jones" --platform Netflix --territories worldwide --from 2015-11-20 --until 2022-03-01
"$binge" avail add "Jessica Jones" --platform Disney+ --territories US,CA,GB,IE,AU,NZ --from 2022-03-16
"$binge" avail add "Jessica Jones" --platform Disney+ --territories worldwide --from 2022-12-31
"$binge" release set "Jessica Jones" --season 1 --all-at-once 2015-11-20
"$binge" release set "Jessica Jones" --season 2 --all-at-once 2018-03-08
"$binge" release set "Jessica Jones" --season 3 --all-at-once 2019-06-14

# A small demo library: a few seconds of FFmpeg test pattern per episode,
# H.264/AAC in MP4 (what Debian's Chromium plays), made once, then scanned.
library="$(dirname "${BINGE_DB:-binge-data/binge.db}")/demo-library"
season="$library/Jessica Jones (2015)/Season 01"
mkdir -p "$season"
for n in 2 3; do
	f="$season/Jessica Jones - S01E0$n.mp4"
	[ -s "$f" ] && continue
	ffmpeg -v error -y -f lavfi -i "testsrc2=duration=12:size=640x360:rate=24" \
		-f lavfi -i "sine=frequency=$((220 * n)):duration=12" -c:v libx264 -pix_fmt yuv420p \
		-g 48 -c:a aac -shortest -movflags +faststart "$f"
done
# Episode 1 has what the player's menus and "Skip intro" need: English and
# Spanish audio, English subtitles inside, Spanish and forced English
# subtitles beside it, and chapters named Intro (1-4 s) and Credits (10 s).
f="$season/Jessica Jones - S01E01.mp4"
if [ ! -s "$f" ]; then
	tmp=$(mktemp -d)
	printf '1\n00:00:00,500 --> 00:00:11,500\nEnglish subtitles, from inside the file\n' >"$tmp/en.srt"
	printf ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\ntitle=Cold open\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=1000\nEND=4000\ntitle=Intro\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=4000\nEND=10000\ntitle=Episode\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=10000\nEND=12000\ntitle=Credits\n' >"$tmp/chapters.txt"
	ffmpeg -v error -y -f lavfi -i "testsrc2=duration=12:size=640x360:rate=24" \
		-f lavfi -i "sine=frequency=220:duration=12" -f lavfi -i "sine=frequency=330:duration=12" \
		-i "$tmp/en.srt" -i "$tmp/chapters.txt" -map 0 -map 1 -map 2 -map 3 -map_metadata 4 \
		-c:v libx264 -pix_fmt yuv420p -g 48 -c:a aac -c:s mov_text -movflags +faststart \
		-metadata:s:a:0 language=eng -metadata:s:a:1 language=spa -metadata:s:s:0 language=eng \
		-disposition:a:0 default -disposition:a:1 0 "$f"
	rm -rf "$tmp"
	printf '1\n00:00:00,500 --> 00:00:11,500\nSubtítulos en español, al lado del archivo\n' >"$season/Jessica Jones - S01E01.es.srt"
	printf '1\n00:00:02,000 --> 00:00:05,000\n[forced] A sign in another language\n' >"$season/Jessica Jones - S01E01.eng.forced.srt"
fi
# Episode 4 is what a browser cannot play as it is: HEVC Main 10 with HDR10
# and AC3 5.1 in Matroska. binge transcodes it to HLS on demand (tone-mapped
# to SDR H.264 for an SDR display; docs/playback.md). Its English subtitles
# are pictures (PGS, as on a Blu-ray: a box from 2 to 8 s and from 12 to
# 18 s), burned in when chosen in the player.
f="$season/Jessica Jones - S01E04.mkv"
if ! ffprobe -v error -select_streams s -show_entries stream=codec_name -of csv=p=0 "$f" 2>/dev/null |
	grep -q hdmv_pgs_subtitle; then
	sup=$(mktemp --suffix=.sup)
	python3 "$(dirname "$0")/make_pgs.py" "$sup" 1280 720 2-8 12-18
	ffmpeg -v error -y -f lavfi -i "testsrc2=duration=30:size=1280x720:rate=24" \
		-f lavfi -i "sine=frequency=880:duration=30" -i "$sup" -map 0 -map 1 -map 2 \
		-c:v libx265 -preset ultrafast -pix_fmt yuv420p10le \
		-x265-params "log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc:keyint=48" \
		-color_primaries bt2020 -color_trc smpte2084 -colorspace bt2020nc -c:a ac3 -ac 6 \
		-c:s copy -metadata:s:s:0 language=eng "$f"
	rm -f "$sup"
fi
# Artwork beside the series, by the names Jellyfin and Plex read (a poster
# and a backdrop); the catalogue's other titles get cards made from their names.
[ -s "$library/Jessica Jones (2015)/poster.jpg" ] ||
	ffmpeg -v error -y -f lavfi -i "gradients=size=600x900:c0=0x3a0ca3:c1=0x7209b7:c2=0xf72585:seed=7" \
		-frames:v 1 -update 1 "$library/Jessica Jones (2015)/poster.jpg"
[ -s "$library/Jessica Jones (2015)/fanart.jpg" ] ||
	ffmpeg -v error -y -f lavfi -i "gradients=size=1920x1080:c0=0x03045e:c1=0x7209b7:c2=0x4cc9f0:seed=3" \
		-frames:v 1 -update 1 "$library/Jessica Jones (2015)/fanart.jpg"
library=$(cd "$library" && pwd)
"$binge" library list --json | jq -e --arg p "$library" '.items[] | select(.path == $p)' >/dev/null ||
	"$binge" library add "$library"
"$binge" scan
# A generated catalogue and 400 simulated viewers over 60 days of 2024, so the
# admin page's audience charts and `binge stats` have something to show
# (both are deterministic; running the demo again adds nothing).
"$binge" simulate catalogue --series 60 --films 30 --seed 1 >/dev/null
"$binge" simulate --viewers 400 --days 60 --seed 1 --start 2024-01-01
# Recommendations: a model trained on that viewing (a new version each run,
# picked up by the server) and taste communities over it.
"$binge" train
"$binge" communities build

cat <<INFO

The web player: open http://$listen/ in a browser.
Demo logins (the player's sign-in page, or POST /api/v1/login):
  admin   demo-admin  / demo-admin-password
  viewer  demo-viewer / demo-viewer-password  (profiles: Adult; Kids, PIN 1234, ceiling TV-14)
Try:
  T=\$(curl -s -d '{"username":"demo-viewer","password":"demo-viewer-password"}' http://$listen/api/v1/login | jq -r .token)
  curl -s -H "Authorization: Bearer \$T" http://$listen/api/v1/profiles
Audience analytics of the simulated viewing: the admin page (#/admin), or
  binge stats binge "Jessica Jones"; binge stats next "Jessica Jones" --after start
Recommendations for a simulated viewer, and its taste community:
  binge recommend sim1-0/Main --at 2024-03-01; binge communities list
(the demo viewer's home gains Top picks once it has watched something and
binge train has run again)
Stop the server with Ctrl-C.

INFO
exec "$binge" serve --listen "$listen"
