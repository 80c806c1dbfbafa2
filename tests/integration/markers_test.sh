#!/usr/bin/env bash
# Intro and credits markers: from chapters (the scan), found by audio
# fingerprint across a season with a planted shared intro (binge markers
# detect: how many it finds and how far off their boundaries are), set by
# hand (CLI and API; never replaced by a detection or a re-scan), and
# handed to the player by playback-info.
. "$(dirname "$0")/lib.sh"
demo_setup
s1="$WORK/library/Jessica Jones (2015)/Season 01"
s2="$WORK/library/Jessica Jones (2015)/Season 02"
mkdir -p "$s1" "$s2"
# episode OUT INTRO_AT SEED: 45 s of pink noise (the episode's own sound)
# with the season's 20-second theme (two tunes of whole tones) at INTRO_AT.
theme="0.4*sin(2*PI*t*(262*pow(2\,floor(mod(t*2\,12))/12)))+0.2*sin(2*PI*t*(392*pow(2\,floor(mod(t*3\,5))/12)))"
episode() {
	ffmpeg -v error -f lavfi -i "testsrc=size=160x120:rate=10:duration=45" \
		-f lavfi -i "anoisesrc=seed=$3:d=$2:color=pink:a=0.3:r=44100" \
		-f lavfi -i "aevalsrc=exprs='$theme':d=20:s=44100" \
		-f lavfi -i "anoisesrc=seed=$(($3 + 50)):d=$(bc <<<"25 - $2"):color=pink:a=0.3:r=44100" \
		-filter_complex "[1][2][3]concat=n=3:v=0:a=1[a]" -map 0:v -map "[a]" \
		-c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac "$1"
}
intro_at=(5 8.3 2.7)
for i in 0 1 2; do episode "$s1/Jessica Jones - S01E0$((i + 1)).mp4" "${intro_at[i]}" $((i + 3)); done
# Season 2's episode says where its intro and credits are in chapters.
printf ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=3000\ntitle=Recap\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=3000\nEND=13500\ntitle=Opening\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=13500\nEND=40000\ntitle=Part 1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=40000\nEND=45000\ntitle=End Credits\n' >"$WORK/chapters.txt"
ffmpeg -v error -i "$s1/Jessica Jones - S01E01.mp4" -i "$WORK/chapters.txt" -map 0 -map_metadata 1 -c copy \
	"$s2/Jessica Jones - S02E01.mp4"
run 0 "$BINGE" library add "$WORK/library"
run 0 "$BINGE" scan
media() { sql "SELECT id FROM media_file WHERE rel_path LIKE '%$1%'"; }

# Chapters named Opening and End Credits became markers.
run 0 "$BINGE" markers show "Jessica Jones" --season 2 --json
eq "$(jq -c '.items[0] | [.intro.start, .intro.end, .intro.source, .credits.start, .credits.source]' <<<"$out")" \
	'[3,13.5,"chapter",40,"chapter"]' "markers from chapters"

# Detection finds the planted intro in each episode of season 1.
run 0 "$BINGE" markers detect "Jessica Jones" --season 1 --json
eq "$(jq .found <<<"$out")" 3 "an intro found in each of the 3 episodes"
worst=0
for i in 0 1 2; do
	start=$(jq ".items[$i].intro.start" <<<"$out")
	end=$(jq ".items[$i].intro.end" <<<"$out")
	for off in "$(bc <<<"$start - ${intro_at[i]}")" "$(bc <<<"$end - ${intro_at[i]} - 20")"; do
		off=${off#-}
		worst=$(bc <<<"if ($off > $worst) $off else $worst")
	done
	eq "$(jq -r ".items[$i].intro.source" <<<"$out")" fingerprint "episode $((i + 1)): by fingerprint"
done
echo "markers_test: 3 of 3 intros found; boundaries at most ${worst} s off"
[ "$(bc <<<"$worst <= 1.0")" = 1 ] || fail "an intro boundary ${worst} s off the planted one"
checks=$((checks + 1))

# By hand: the CLI (M:SS or seconds) and the API. A later detection keeps them.
E1=$(media S01E01)
run 0 "$BINGE" markers set "$E1" --intro 0:04-25.5 --credits 0:40 --json
eq "$(jq -c '[.intro.start, .intro.end, .intro.source, .credits.start]' <<<"$out")" '[4,25.5,"admin",40]' "set by hand"
run 0 "$BINGE" markers detect "Jessica Jones" --season 1 --json
eq "$(jq -c '.items[0].intro | [.start, .source]' <<<"$out")" '[4,"admin"]' "a detection keeps the admin's"
run 2 "$BINGE" markers set "$E1" --intro 30-20
contains "$err" "END after START" "a backwards intro refused"
run 2 "$BINGE" markers set "$E1"
run 2 "$BINGE" markers frobnicate "Jessica Jones"
run 1 "$BINGE" markers set 999999 --credits 10
run 1 "$BINGE" markers detect "No Such Show"

serve_start --clock 2022-03-20
AT=$(login admin admin-secret)
demo_profiles
E2=$(media S01E02)
expect 200 PUT "/api/v1/media/$E2/markers" "$AT" '{"credits": {"start": 41.5}}'
eq "$(jq -c '[.intro.source, .credits.start, .credits.source]' <<<"$body")" '["fingerprint",41.5,"admin"]' "credits set by the API, the intro kept"
expect 200 PUT "/api/v1/media/$E2/markers" "$AT" '{"intro": null}'
eq "$(jq -c '.intro' <<<"$body")" null "an intro removed"
expect 400 PUT "/api/v1/media/$E2/markers" "$AT" '{"intro": {"start": 20, "end": 10}}'
expect 403 PUT "/api/v1/media/$E2/markers" "$ADULT" '{"intro": null}'
expect 404 PUT "/api/v1/media/999999/markers" "$AT" '{"intro": null}'
# The player's view of them.
expect 200 GET "/api/v1/media/$E1/playback-info" "$ADULT"
eq "$(jq -c '.markers | [.intro.start, .intro.end, .credits.start]' <<<"$body")" '[4,25.5,40]' "playback-info carries the markers"
# "Are you still watching?" after 3 autoplays unless the profile says otherwise.
eq "$(jq .still_watching_after <<<"$body")" 3 "asks after 3 autoplays by default"
expect 200 PUT /api/v1/profile/autoplay "$ADULT" '{"still_watching_after": 0}'
expect 200 GET "/api/v1/media/$E1/playback-info" "$ADULT"
eq "$(jq .still_watching_after <<<"$body")" 0 "a profile that is never asked"
expect 400 PUT /api/v1/profile/autoplay "$ADULT" '{"still_watching_after": 11}'
expect 400 PUT /api/v1/profile/autoplay "$ADULT" '{"still_watching_after": "often"}'
expect 403 PUT /api/v1/profile/autoplay "$VT" '{"still_watching_after": 2}'
# Seek-bar previews: none yet, then made ahead (keyframes only).
eq "$(jq .trickplay <<<"$body")" null "no previews before binge trickplay"
run 0 "$BINGE" trickplay "Jessica Jones" --json
eq "$(jq -c '[.made, .skipped, .failed]' <<<"$out")" "[4,0,0]" "previews for the four files"
echo "markers_test: previews of 4 files (180 s of video) in $(jq .seconds <<<"$out") s"
run 0 "$BINGE" scan --trickplay --json
eq "$(jq -c '.previews | [.made, .skipped, .failed]' <<<"$out")" "[0,4,0]" "made once; scan --trickplay skips them"
expect 200 GET "/api/v1/media/$E1/playback-info" "$ADULT"
index=$(jq -r .trickplay <<<"$body")
contains "$index" "/api/v1/media/$E1/trickplay/index.vtt?exp=" "a signed preview index"
expect 200 GET "$index"
eq "$(grep -c -- '-->' <<<"$body")" 5 "a cue every 10 s of 45"
contains "$body" $'00:00:10.000 --> 00:00:20.000\n1.jpg?exp=' "the second cue names the first sheet, signed"
contains "$body" "#xywh=160,0,160,120" "and its tile"
sheet=$(grep -m1 -o '1\.jpg?[^#]*' <<<"$body")
status=$(curl -s -o "$WORK/sheet.jpg" -w '%{http_code}' "$URL/api/v1/media/$E1/trickplay/$sheet")
eq "$status" 200 "the sheet"
eq "$(ffprobe -v error -show_entries stream=codec_name,width,height -of csv=p=0 "$WORK/sheet.jpg")" "mjpeg,1600,1200" "10x10 tiles of 160x120"
expect 401 GET "/api/v1/media/$E1/trickplay/${sheet%%\?*}" # no signature
expect 404 GET "/api/v1/media/$E1/trickplay/9.jpg?${sheet#*\?}"
run 0 "$BINGE" scan # a re-scan keeps what an admin set
expect 200 GET "/api/v1/media/$E1/playback-info" "$ADULT"
eq "$(jq -r '.markers.intro.source' <<<"$body")" admin "still the admin's after a re-scan"
pass
