#!/usr/bin/env bash
# Audio and subtitle tracks: every stream the probe finds, subtitle files
# beside the video by the names Jellyfin and Plex read, the tracks in the
# API, and text subtitles served as WebVTT under the signed URL and the
# visibility rule (converted once, again when the file changes).
. "$(dirname "$0")/lib.sh"
demo_setup
lib="$WORK/library/Jessica Jones (2015)/Season 01"
mkdir -p "$lib"
video="$lib/Jessica Jones - S01E01.mp4"
stem="$lib/Jessica Jones - S01E01"
printf '1\n00:00:00,500 --> 00:00:02,000\nHello there\n\n2\n00:00:02,500 --> 00:00:03,500\nSecond line\n' >"$WORK/en.srt"
# Two audio languages (English first and default, then Spanish) and
# an English subtitle stream inside the file, in MP4 (whose AAC starts 1024
# samples before 0).
ffmpeg -v error -f lavfi -i testsrc2=size=320x240:rate=24:duration=4 \
	-f lavfi -i sine=frequency=440:duration=4 -f lavfi -i sine=frequency=660:duration=4 -i "$WORK/en.srt" \
	-map 0 -map 1 -map 2 -map 3 -c:v libx264 -pix_fmt yuv420p -c:a aac -c:s mov_text \
	-metadata:s:a:0 language=eng -metadata:s:a:1 language=spa \
	-metadata:s:s:0 language=eng -disposition:a:0 default -disposition:a:1 0 "$video"
# Beside it: Spanish, English forced, and a French file in Windows-1252 ("é" is one byte, 0xE9).
printf '1\n00:00:00,500 --> 00:00:02,000\nHola\n' >"$stem.es.srt"
printf '1\n00:00:00,500 --> 00:00:02,000\n[in Spanish] Where is it?\n' >"$stem.eng.forced.srt"
printf '1\n00:00:00,500 --> 00:00:02,000\nD\xe9j\xe0 vu\n' >"$stem.fr.sdh.srt"
printf '1\n00:00:00,500 --> 00:00:02,000\nNot ours\n' >"$lib/Jessica Jones - S01E02.en.srt"
# Episode 3 has picture subtitles (PGS, a Blu-ray's): a white box from 1 s
# to 13 s on a black picture, so a frame shows whether they were burned in,
# in the first segment and in the second (which starts after the box's
# one display set: it must be read from before the segment).
python3 "$BINGE_SOURCE_DIR/scripts/make_pgs.py" "$WORK/en.sup" 320 240 1.0-13.0
ffmpeg -v error -f lavfi -i color=black:size=320x240:rate=24:duration=14 -f lavfi -i sine=duration=14 \
	-i "$WORK/en.sup" -map 0 -map 1 -map 2 -c:v libx264 -pix_fmt yuv420p -g 48 -c:a aac -c:s copy \
	-metadata:s:s:0 language=eng "$lib/Jessica Jones - S01E03.mkv"
run 0 "$BINGE" library add "$WORK/library"
run 0 "$BINGE" scan --json
eq "$(jq -c '.libraries[0] | [.added, .subtitles, .skipped]' <<<"$out")" "[2,1,0]" "two videos, one with sidecars; subtitle files are not 'skipped'"
MEDIA=$(sql "SELECT id FROM media_file WHERE rel_path LIKE '%S01E01%'")
PGS_MEDIA=$(sql "SELECT id FROM media_file WHERE rel_path LIKE '%S01E03%'")
JJ=$(sql "SELECT id FROM title WHERE name = 'Jessica Jones' AND kind = 'series'")

serve_start --clock 2022-03-20
demo_profiles

# The episode lists its tracks, labelled as a menu shows them.
expect 200 GET "/api/v1/titles/$JJ/seasons/1/episodes" "$ADULT"
m=$(jq -c '.items[] | select(.number == 1) | .media[0]' <<<"$body")
eq "$(jq -c '[.audio[] | [.label, .language, .srclang, .channels, .default]]' <<<"$m")" \
	'[["English Mono","eng","en",1,true],["Spanish Mono","spa","es",1,false]]' "audio tracks"
eq "$(jq -c '[.subtitles[] | [.label, .srclang, .forced, .sdh, .external, .text]]' <<<"$m")" \
	'[["English","en",false,false,false,true],["English (forced)","en",true,false,true,true],["Spanish","es",false,false,true,true],["French (SDH)","fr",false,true,true,true]]' \
	"subtitle tracks: the stream, then the sidecars by name"

# playback-info hands each text subtitle a signed WebVTT URL.
expect 200 GET "/api/v1/media/$MEDIA/playback-info" "$ADULT"
info=$body
eq "$(jq '[.subtitles[] | select(.url | test("^/api/v1/media/[0-9]+/subtitles/[0-9]+\\.vtt\\?exp=.*&sig="))] | length' <<<"$info")" "4" "signed subtitle URLs"
eq "$(jq '.audio | length' <<<"$info")" "2" "audio tracks in playback-info"
url_of() { jq -r ".subtitles[] | select(.label == \"$1\") | .url" <<<"$info"; }
vtt() { # URL: fetches; sets status, body and type
	status=$(curl -s -o "$WORK/sub.vtt" -D "$WORK/sub.h" -w '%{http_code}' "$URL$1")
	slurp body "$WORK/sub.vtt"
	type=$(tr -d '\r' <"$WORK/sub.h" | sed -n 's/^Content-Type: //Ip')
}
vtt "$(url_of English)"
eq "$status" 200 "the embedded stream as WebVTT"
eq "$type" "text/vtt; charset=utf-8" "WebVTT's type"
eq "${body%%$'\n'*}" "WEBVTT" "a WebVTT file"
# Its first cue, timed as in the file (to within the 23 ms the audio's priming shifts MKV's clock by).
[[ "$body" =~ 00:00\.5[0-4][0-9]\ --\>\ 00:02\.0[0-4][0-9]$'\n'Hello\ there ]] || fail "first cue: $body"
checks=$((checks + 1))
vtt "$(url_of Spanish)"
contains "$body" "Hola" "a sidecar"
vtt "$(url_of 'French (SDH)')"
contains "$body" "Déjà vu" "Windows-1252 read as such, served as UTF-8"
ls "$WORK/streams/subtitles/"*.vtt >/dev/null || fail "conversions cached"
checks=$((checks + 1))
eq "$(find "$WORK/streams/subtitles" -name '*.partial-*' | wc -l)" "0" "no partial file left"

# Changed on disk: a new conversion, not the cached one.
sleep 1 # a new modification time
printf '1\n00:00:00,500 --> 00:00:02,000\nHola otra vez\n' >"$stem.es.srt"
vtt "$(url_of Spanish)"
contains "$body" "Hola otra vez" "the changed file is converted again"

# Another audio track: HLS (a browser plays a file's first one directly),
# each audio stream its own rendition beside the video (EXT-X-MEDIA), so
# the player switches language without restarting the picture.
SPA=$(jq -r '.audio[] | select(.language == "spa") | .id' <<<"$info")
ENG=$(jq -r '.audio[] | select(.language == "eng") | .id' <<<"$info")
expect 200 GET "/api/v1/media/$MEDIA/playback-info?audio_track=$SPA" "$ADULT"
eq "$(jq -r .method <<<"$body")" "remux" "Spanish audio: remuxed"
contains "$(jq -r .reason <<<"$body")" "the chosen audio is the file's stream 1" "and says why"
contains "$(jq -r .reason <<<"$body")" "audio as 2 renditions beside the video" "with the audio beside the video"
eq "$(jq -c '[.renditions[].name, .alternate_audio]' <<<"$body")" '["copy-none",true]' "the video rendition carries no audio"
master=$(jq -r .url <<<"$body")
contains "$master" "audio_track=$SPA&" "the master playlist keeps the choice"
expect 200 GET "$master"
master_text=$body
eq "$(grep -c '^#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio"' <<<"$master_text")" "2" "an audio group of two"
spanish_line=$(grep '^#EXT-X-MEDIA' <<<"$master_text" | grep 'LANGUAGE="es"')
contains "$spanish_line" 'NAME="Spanish Mono",LANGUAGE="es",DEFAULT=YES' "Spanish, the chosen one, is the default"
contains "$spanish_line" "STABLE-RENDITION-ID=\"$SPA\"" "named by its track id"
contains "$(grep 'LANGUAGE="en"' <<<"$master_text")" "DEFAULT=NO" "English is not"
contains "$(grep '^#EXT-X-STREAM-INF' <<<"$master_text")" ',mp4a.40.2",AUDIO="audio"' "the variant names the group and its codec"
# The Spanish rendition: audio alone, the file's stream 1, from 0.
audio_uri=$(sed -n 's/.*URI="\([^"]*\)".*/\1/p' <<<"$spanish_line")
expect 200 GET "/api/v1/media/$MEDIA/hls/$audio_uri"
curl -s -o "$WORK/init.mp4" "$URL/api/v1/media/$MEDIA/hls/$(grep -m1 -o 'init[^"]*' <<<"$body")"
curl -s -o "$WORK/seg0.m4s" "$URL/api/v1/media/$MEDIA/hls/$(grep -m1 -v '^#' <<<"$body")"
cat "$WORK/init.mp4" "$WORK/seg0.m4s" >"$WORK/spa.mp4"
eq "$(ffprobe -v error -show_entries stream=codec_type,codec_name:stream_tags=language -of csv=p=0 "$WORK/spa.mp4")" "aac,audio,spa" "the Spanish stream alone"
# fMP4 times are unsigned: the copied audio starts at 0, not at a wrapped -1024.
eq "$(ffprobe -v error -show_entries stream=start_time -of csv=p=0 "$WORK/spa.mp4")" "0.000000" "it starts at 0"
# The video rendition: the picture alone.
expect 200 GET "/api/v1/media/$MEDIA/hls/$(grep -m1 -v '^#' <<<"$master_text")"
curl -s -o "$WORK/init.mp4" "$URL/api/v1/media/$MEDIA/hls/$(grep -m1 -o 'init[^"]*' <<<"$body")"
curl -s -o "$WORK/seg0.m4s" "$URL/api/v1/media/$MEDIA/hls/$(grep -m1 -v '^#' <<<"$body")"
cat "$WORK/init.mp4" "$WORK/seg0.m4s" >"$WORK/video.mp4"
eq "$(ffprobe -v error -show_entries stream=codec_type,start_time -of csv=p=0 "$WORK/video.mp4")" "video,0.000000" "the video alone, from 0"
expect 200 GET "/api/v1/media/$MEDIA/playback-info?audio_track=$ENG" "$ADULT"
eq "$(jq -r .method <<<"$body")" "direct" "English, the first stream, plays directly"
expect 400 GET "/api/v1/media/$MEDIA/playback-info?audio_track=999" "$ADULT"
contains "$(jq -r .error.message <<<"$body")" "no audio track '999'" "an unknown audio track named"
SUB_ID=$(jq -r '.subtitles[0].id' <<<"$info")
expect 400 GET "/api/v1/media/$MEDIA/playback-info?audio_track=$SUB_ID" "$ADULT" # a subtitle is no audio track

# Picture subtitles: listed with no URL (a browser cannot show them); chosen,
# they are burned into the video, which is then encoded.
TEXT_SUB=$(jq -r '.subtitles[0].id' <<<"$info")
expect 400 GET "/api/v1/media/$MEDIA/playback-info?burn_subtitle=$TEXT_SUB" "$ADULT"
contains "$(jq -r .error.message <<<"$body")" "is text, shown beside the video" "text subtitles are never burned in"
expect 400 GET "/api/v1/media/$PGS_MEDIA/playback-info?burn_subtitle=999" "$ADULT"
contains "$(jq -r .error.message <<<"$body")" "has no subtitle track '999'" "an unknown track named"
expect 200 GET "/api/v1/media/$PGS_MEDIA/playback-info" "$ADULT"
eq "$(jq -c '[.method, .burn_subtitle, [.subtitles[] | [.label, .codec, .text, has("url")]]]' <<<"$body")" \
	'["remux",null,[["English","hdmv_pgs_subtitle",false,false]]]' "PGS listed, without a URL; the streams are copied"
PGS=$(jq -r '.subtitles[0].id' <<<"$body")
expect 200 GET "/api/v1/media/$PGS_MEDIA/playback-info?burn_subtitle=$PGS" "$ADULT"
eq "$(jq -c '[.method, .burn_subtitle, (.renditions | map(.name | endswith(".s0")) | all)]' <<<"$body")" \
	"[\"transcode\",$PGS,true]" "chosen: a transcode, every rendition burning in stream 0"
contains "$(jq -r .reason <<<"$body")" "subtitles are pictures (stream 0), burned into the video" "and says why"
contains "$(jq -r .url <<<"$body")" "burn_subtitle=$PGS&" "the master playlist keeps the choice"
expect 200 GET "$(jq -r .url <<<"$body")"
expect 200 GET "/api/v1/media/$PGS_MEDIA/hls/$(grep -m1 -v '^#' <<<"$body")"
# The second segment first: its run of FFmpeg starts at 6 s, after the
# subtitle's display set began (as when a viewer chooses them mid-episode).
curl -s -o "$WORK/seg1.m4s" "$URL/api/v1/media/$PGS_MEDIA/hls/$(grep -v '^#' <<<"$body" | sed -n 2p)"
curl -s -o "$WORK/init.mp4" "$URL/api/v1/media/$PGS_MEDIA/hls/$(grep -m1 -o 'init[^"]*' <<<"$body")"
curl -s -o "$WORK/seg0.m4s" "$URL/api/v1/media/$PGS_MEDIA/hls/$(grep -m1 -v '^#' <<<"$body")"
cat "$WORK/init.mp4" "$WORK/seg0.m4s" >"$WORK/burned.mp4"
box_brightness() { # TIME [FILE]: the mean grey level inside the subtitle's box TIME into FILE
	ffmpeg -v error -ss "$1" -i "${2:-$WORK/burned.mp4}" -vf crop=60:16:130:196,format=gray -frames:v 1 -f rawvideo - |
		od -An -tu1 -v | awk '{for (i = 1; i <= NF; i++) {s += $i; n++}} END {print (n ? int(s / n) : -1)}'
}
at_2=$(box_brightness 2.0)
at_half=$(box_brightness 0.5)
[ "$at_2" -gt 200 ] || fail "no subtitle drawn at 2 s (grey $at_2)"
[ "$at_half" -lt 40 ] || fail "a subtitle drawn at 0.5 s, before its cue (grey $at_half)"
cat "$WORK/init.mp4" "$WORK/seg1.m4s" >"$WORK/burned1.mp4"
at_8=$(box_brightness 2.0 "$WORK/burned1.mp4")
[ "$at_8" -gt 200 ] || fail "no subtitle drawn 2 s into the second segment, though its display set began at 1 s (grey $at_8)"
checks=$((checks + 3))

# Which tracks a viewer starts with: the territory's language, then the
# profile's own, then the last choice made in the series.
eq "$(jq -c '[.audio_track, .subtitle_track, .languages_from]' <<<"$info")" "[$(jq '.audio[0].id' <<<"$info"),null,\"territory\"]" "a US profile: English audio, no subtitles"
SPANISH_SUB=$(jq -r '.subtitles[] | select(.label == "Spanish") | .id' <<<"$info")
expect 200 PUT /api/v1/profile/languages "$ADULT" '{"audio": "en", "subtitles": "Spanish"}'
eq "$body" '{"audio":"eng","subtitles":"spa"}' "the profile's languages, as codes"
expect 200 GET "/api/v1/media/$MEDIA/playback-info" "$ADULT"
eq "$(jq -c '[.audio_track, .subtitle_track, .languages_from, .method]' <<<"$body")" "[$(jq '.audio[0].id' <<<"$info"),$SPANISH_SUB,\"profile\",\"direct\"]" "the profile's: Spanish subtitles"
expect 200 PUT "/api/v1/playback/$MEDIA/tracks" "$ADULT" '{"audio": "spa", "subtitles": null}'
expect 200 GET "/api/v1/media/$MEDIA/playback-info" "$ADULT"
eq "$(jq -c '[.audio_track, .subtitle_track, .languages_from, .method]' <<<"$body")" "[$SPA,null,\"series\",\"remux\"]" "the series' last choice: Spanish audio, by HLS"
contains "$(jq -r .url <<<"$body")" "audio_track=$SPA&" "the master playlist carries the chosen audio"
expect 400 PUT "/api/v1/playback/$MEDIA/tracks" "$ADULT" '{"audio": "xx1"}'
contains "$(jq -r .error.message <<<"$body")" "audio: must be a language" "a bad language named"
expect 400 PUT "/api/v1/playback/$MEDIA/tracks" "$ADULT" '{"subtitles": "eng"}' # audio is required
expect 400 PUT /api/v1/profile/languages "$ADULT" '{"audio": "eng", "colour": "red"}'
expect 403 PUT "/api/v1/playback/$MEDIA/tracks" "$KIDS" '{"audio": "spa"}' # above the kids ceiling
expect 403 PUT /api/v1/profile/languages "$VT" '{"audio": "spa"}'         # a profile's, not an account's
# A Spanish viewer (territory ES): Spanish audio from the start, no subtitles.
run 0 "$BINGE" avail add "Jessica Jones" --platform Disney+ --territories ES --from 2022-03-16
run 0 "$BINGE" user add spaniard --territory ES <<<"spaniard-secret"
run 0 "$BINGE" profile add spaniard Adult
ST=$(login spaniard spaniard-secret)
api GET /api/v1/profiles "$ST"
ES_ADULT=$(select_profile "$ST" "$(jq -r '.items[0].id' <<<"$body")")
expect 200 GET "/api/v1/media/$MEDIA/playback-info" "$ES_ADULT"
eq "$(jq -c '[.audio_track, .subtitle_track, .languages_from]' <<<"$body")" "[$SPA,null,\"territory\"]" "an ES profile: Spanish audio"

# The signature is the media's: no token, no other media, no other profile.
SPANISH=$(url_of Spanish)
vtt "${SPANISH%%\?*}"
eq "$status" 401 "no signature"
vtt "${SPANISH/&p=*&sig=/&p=999&sig=}"
eq "$status" 401 "another profile, same signature"
vtt "${SPANISH%.vtt\?*}9.vtt?${SPANISH#*\?}"
eq "$status" 404 "no such track"
contains "$body" "has no subtitle track" "the 404 names what is missing"
expect 403 GET "/api/v1/media/$MEDIA/playback-info" "$KIDS" # TV-MA above the kids ceiling
serve_stop
serve_start --clock 2022-03-20T00:20:00Z # past the grant (15 min, and the stream's length for HLS)
vtt "$SPANISH"
eq "$status" 403 "an expired subtitle URL"
serve_stop

# A sidecar removed (and one added) is seen by the next scan; the video is not probed again.
rm "$stem.fr.sdh.srt"
printf '1\n00:00:00,500 --> 00:00:02,000\nHallo\n' >"$stem.de.srt"
run 0 "$BINGE" scan --json
eq "$(jq -c '.libraries[0] | [.changed, .unchanged, .subtitles]' <<<"$out")" "[0,2,1]" "sidecars relinked, video unchanged"
eq "$(sql "SELECT language FROM media_track WHERE stream_index < 0 ORDER BY ord" | tr '\n' ,)" "ger,eng,spa," "the sidecars now, by name"
run 0 "$BINGE" scan --json
eq "$(jq -c '.libraries[0].subtitles' <<<"$out")" "0" "nothing to relink the second time"
pass
