#!/usr/bin/env bash
# Critic reception: review sets built to match the article's figures for
# Jessica Jones give back every published number and band (94% of 80,
# 8.2/10, 81 "universal acclaim"; 82% of 89, 7/10, 70; 73% of 40, 6.4/10,
# 65), over the CLI and the API; bad files are refused whole with each bad
# row named; importing again changes nothing; outlet weights move the
# weighted score; a kids profile cannot read a TV-MA title's reception.
. "$(dirname "$0")/lib.sh"
demo_setup

# season N TOTAL FRESH SCORES(x/10, one per review) WEIGHTED(x/100...) TOP_CRITICS
python3 - "$WORK/jj.csv" <<'PY'
import sys
rows = ["title,season,outlet,critic,top_critic,date,score,scale,verdict,panels"]
def season(n, total, fresh, scores, weighted, tops):
    for i in range(total):
        rows.append(f"Jessica Jones,{n},Outlet {i},Critic {i},{'true' if i < tops else 'false'},"
                    f"2015-11-20,{scores[i]},10,{'fresh' if i < fresh else 'rotten'},approval")
    for i, s in enumerate(weighted):
        rows.append(f"Jessica Jones,{n},Paper {i},Writer {i},false,,{s},100,,weighted")
season(1, 80, 75, [8] * 64 + [9] * 16, [81] * 32, 20)
season(2, 89, 73, [7] * 89, [70] * 19, 5)
season(3, 40, 29, [7] * 16 + [6] * 24, [65] * 7, 3)
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
PY
run 0 "$BINGE" reviews import "$WORK/jj.csv" --json
eq "$(jq -c '[.added, .replaced]' <<<"$out")" "[267,0]" "every review added"
run 0 "$BINGE" reception "Jessica Jones" --json
s() { jq -c ".seasons[] | select(.number == $1) | [.approval, .average, .reviews, .fresh, .certified, .score, .score_reviews, .band, .uncertain]" <<<"$out"; }
eq "$(s 1)" '[94,8.2,80,true,true,81,32,"universal acclaim",false]' "season 1 as the article"
eq "$(s 2)" '[82,7,89,true,true,70,19,"generally favorable",false]' "season 2 as the article"
eq "$(s 3)" '[73,6.4,40,true,false,65,7,"generally favorable",true]' "season 3: 72.5% rounds up; the interval holds 60%"
eq "$(jq -c '.seasons[] | select(.number == 3) | [.approval_low, .approval_high]' <<<"$out")" "[57.2,83.9]" "season 3 Wilson interval"
eq "$(jq -c '.series | [.approval, .reviews, .score, .score_reviews, .certified]' <<<"$out")" "[85,209,75,58,false]" "the series pools its seasons"
eq "$(jq -c '.seasons[0].home_media | map("\(.format) \(.region) \(.date)")' <<<"$out")" '["DVD 1 2017-08-22","DVD 2 2016-12-05","DVD 4 2017-12-07","Blu-ray A 2017-08-22","Blu-ray B 2016-12-05"]' "season 1 home media from the article's table"
eq "$(jq -c '[.seasons[1].home_media, .seasons[2].home_media]' <<<"$out")" "[[],[]]" "empty cells are unknown, not dates"
run 0 "$BINGE" reception "Jessica Jones"
contains "$out" "season 1     94% approval" "table output"

# Again: nothing changes.
before=$(sql "SELECT COUNT(*) FROM critic_review")
run 0 "$BINGE" reviews import "$WORK/jj.csv" --json
eq "$(jq -c '[.added, .replaced]' <<<"$out")" "[0,267]" "a second import only replaces"
eq "$(sql "SELECT COUNT(*) FROM critic_review")" "$before" "no review twice"

# Outlet weights move the weighted score: Paper 0 of season 3 (65) now weighs 3,
# and its score becomes 95: (95 x 3 + 65 x 6) / 9 = 75.
sed -i 's/^Jessica Jones,3,Paper 0,Writer 0,false,,65,100/Jessica Jones,3,Paper 0,Writer 0,false,,95,100/' "$WORK/jj.csv"
run 0 "$BINGE" reviews import "$WORK/jj.csv"
run 0 "$BINGE" reviews weight "Paper 0" 3
run 0 "$BINGE" reception "Jessica Jones" --json
eq "$(jq '.seasons[] | select(.number == 3) | .score' <<<"$out")" "75" "weighted by outlet"
run 2 "$BINGE" reviews weight "Paper 0" 0

# Bad files: every bad row named, nothing stored.
before=$(sql "SELECT COUNT(*) FROM critic_review")
cat >"$WORK/bad.csv" <<'CSV'
title,season,outlet,critic,top_critic,date,score,scale,verdict,panels
Jessica Jones,1,New Outlet,Someone,false,,4,5,fresh,
Jessica Jones,1,Odd Scale,Someone,false,,4,7,fresh,
Jessica Jones,1,Too High,Someone,false,,11,10,fresh,
Jessica Jones,1,New Outlet,Someone,false,,3,5,rotten,
Jessica Jones,1,No Verdict,Someone,false,,,,great,
CSV
run 1 "$BINGE" reviews import "$WORK/bad.csv"
contains "$err" "4 bad rows; nothing stored" "counted"
contains "$err" "line 3: scale: must be 10, 5, 100, letter or empty" "unknown scale"
contains "$err" "line 4: score: 11 is outside 0-10" "out of range"
contains "$err" "line 5: the same review (title, season, outlet, critic) as line 2" "duplicate"
contains "$err" "line 6: verdict" "bad verdict"
printf 'title,season,outlet,critic,top_critic,date,score,scale,verdict,panels\nJessica Jones,1,Fine,A,false,,4,5,fresh,\nJessica Jones,9,Fine,B,false,,4,5,fresh,\n' >"$WORK/season.csv"
run 1 "$BINGE" reviews import "$WORK/season.csv"
contains "$err" "line 3: season: 'Jessica Jones' has no season 9; nothing stored" "unknown season"
printf 'title,season,outlet,critic,top_critic,date,score,scale,verdict,panels\nNo Such Show,,Fine,A,false,,4,5,fresh,\n' >"$WORK/title.csv"
run 1 "$BINGE" reviews import "$WORK/title.csv"
contains "$err" "line 2: title:" "unknown title"
printf 'title;season\n' >"$WORK/header.csv"
run 1 "$BINGE" reviews import "$WORK/header.csv"
contains "$err" "line 1: the header must be" "bad header"
eq "$(sql "SELECT COUNT(*) FROM critic_review")" "$before" "nothing stored from bad files"
printf '{"title":"Jessica Jones","season":1,"outlet":"JSON Outlet","score":"B+","scale":"letter","verdict":"fresh"}\n' >"$WORK/one.jsonl"
run 0 "$BINGE" reviews import "$WORK/one.jsonl" --json
eq "$(jq .added <<<"$out")" "1" "JSON Lines"
eq "$(sql "SELECT score_milli FROM critic_review WHERE outlet = 'JSON Outlet'")" "83000" "B+ is 83"

# Awards from the article's Accolades table: 23 nominations, 18 of them in
# 2016 (the year cell spans 18 rows), Saturn Awards three times that year.
run 0 "$BINGE" awards "Jessica Jones" --json
awards=$out
eq "$(jq '.items | length' <<<"$awards")" "23" "every nomination"
eq "$(jq '[.items[] | select(.year == 2016)] | length' <<<"$awards")" "18" "the 2016 rowspan"
eq "$(jq -c '[.items[] | select(.year == 2016 and .award == "Saturn Awards") | .category]' <<<"$awards")" '["Best New Media Television Series","Best Actress on Television","Best Supporting Actor on Television"]' "the award rowspan"
eq "$(jq -c '[.items[] | select(.award == "Hugo Awards") | [.nominee, .nominee_kind]]' <<<"$awards")" '[["AKA Smile","episode"]]' "an episode nominee"
eq "$(jq -c '[.items[].result] | unique' <<<"$awards")" '["unknown"]' "results the table omits are unknown"
eq "$(jq -r '.items[0] | [.nominee_kind, .person_id == '"$(sql "SELECT id FROM person WHERE name = 'Krysten Ritter'")"'] | @csv' <<<"$awards")" '"person",true' "a nominee linked to the catalogue's person"
run 0 "$BINGE" awards "Jessica Jones"
contains "$out" "2019  Saturn Awards: Best Actress in a Streaming Presentation - Krysten Ritter (unknown)" "table output"

# The API: the same reports, for those who may see the title.
serve_start --clock 2022-03-20
demo_profiles
JJ=$(sql "SELECT id FROM title WHERE name = 'Jessica Jones' AND kind = 'series'")
run 0 "$BINGE" reception "$JJ" --json
expect 200 GET "/api/v1/titles/$JJ/reception" "$ADULT"
eq "$(jq -S -c . <<<"$body")" "$(jq -S -c . <<<"$out")" "API and CLI agree"
expect 200 GET "/api/v1/titles/$JJ/awards" "$ADULT"
eq "$(jq -S -c . <<<"$body")" "$(jq -S -c --argjson id "$JJ" '.title.id = $id' <<<"$awards")" "awards: API and CLI agree"
expect 403 GET "/api/v1/titles/$JJ/awards" "$KIDS"
expect 401 GET "/api/v1/titles/$JJ/awards"
# Reviews over the API: admins only; the same checks as the import.
AT=$(login admin admin-secret)
expect 200 POST "/api/v1/titles/$JJ/reviews" "$AT" '{"reviews": [{"season": 2, "outlet": "API Outlet", "score": 9, "scale": "10", "verdict": "fresh"}]}'
eq "$(jq -c '[.added, .replaced]' <<<"$body")" "[1,0]" "a review added over the API"
eq "$(sql "SELECT score_milli FROM critic_review WHERE outlet = 'API Outlet'")" "90000" "stored normalised"
expect 400 POST "/api/v1/titles/$JJ/reviews" "$AT" '{"reviews": [{"season": 2, "outlet": "B", "score": 9, "scale": "12", "verdict": "fresh"}]}'
contains "$body" "reviews[0].scale" "the bad field named"
expect 400 POST "/api/v1/titles/$JJ/reviews" "$AT" '{"reviews": [{"season": 7, "outlet": "C", "verdict": "fresh"}]}'
contains "$body" "has no season 7" "an unknown season named"
expect 403 POST "/api/v1/titles/$JJ/reviews" "$ADULT" '{"reviews": [{"outlet": "D", "verdict": "fresh"}]}'
expect 401 GET "/api/v1/titles/$JJ/reception"
expect 403 GET "/api/v1/titles/$JJ/reception" "$KIDS"
expect 404 GET "/api/v1/titles/999999/reception" "$ADULT"

# Audience score: profiles rate what they finished; 3 of 5 at 3.5 stars or more = 60%.
EP=$(sql "SELECT e.id FROM title e JOIN title s ON s.id = e.parent_id WHERE s.parent_id = $JJ AND s.number = 1 AND e.number = 1")
expect 403 PUT "/api/v1/titles/$JJ/rating" "$ADULT" '{"stars": 4}'
contains "$body" "rate a title after watching it" "no rating before watching"
run 0 "$BINGE" profile add viewer P3
run 0 "$BINGE" profile add viewer P4
run 0 "$BINGE" profile add viewer P5
BT=$(login brit viewer-secret)
api GET /api/v1/profiles "$BT"
tokens=("$ADULT" "$(select_profile "$BT" "$(jq -r '.items[0].id' <<<"$body")")")
api GET /api/v1/profiles "$VT"
for p in P3 P4 P5; do tokens+=("$(select_profile "$VT" "$(jq -r ".items[] | select(.name == \"$p\") | .id" <<<"$body")")"); done
stars=(4 3.5 5 2 3)
for i in 0 1 2 3 4; do
	expect 200 POST /api/v1/events "${tokens[$i]}" "{\"events\":[{\"event_id\":\"r$i\",\"title_id\":$EP,\"kind\":\"complete\",\"position\":3000,\"time\":\"2022-03-19T20:00:00Z\"}]}"
	expect 200 PUT "/api/v1/titles/$JJ/rating" "${tokens[$i]}" "{\"stars\": ${stars[$i]}}"
	if [ "$i" = 3 ]; then
		expect 200 GET "/api/v1/titles/$JJ/reception" "$ADULT"
		eq "$(jq -c '.series.audience' <<<"$body")" '{"score":null,"ratings":4}' "no audience score from 4 ratings"
	fi
done
expect 200 GET "/api/v1/titles/$JJ/reception" "$ADULT"
eq "$(jq -c '.series.audience' <<<"$body")" '{"score":60,"ratings":5}' "audience score"
expect 200 PUT "/api/v1/titles/$JJ/rating" "${tokens[4]}" '{"stars": 4.5}'
expect 200 GET "/api/v1/titles/$JJ/reception" "$ADULT"
eq "$(jq -c '.series.audience' <<<"$body")" '{"score":80,"ratings":5}' "a changed rating replaces the old one"
expect 400 PUT "/api/v1/titles/$JJ/rating" "$ADULT" '{"stars": 4.3}'
expect 400 PUT "/api/v1/titles/$JJ/rating" "$ADULT" '{"stars": 6}'
expect 403 PUT "/api/v1/titles/$JJ/rating" "$KIDS" '{"stars": 4}'
expect 401 PUT "/api/v1/titles/$JJ/rating" "" '{"stars": 4}'

# Nominations from a file, beside the article's; bad rows named, nothing stored.
printf 'title,year,organisation,award,category,nominee,season,episode,result\nJessica Jones,2016,Academy of Science Fiction Fantasy and Horror Films,Saturn Awards,Best Actress on Television,Krysten Ritter,1,,won\nJessica Jones,2018,Writers Guild of America,Writers Guild Awards,Episodic Drama,Melissa Rosenberg,1,1,nominated\n' >"$WORK/awards.csv"
run 0 "$BINGE" awards import "$WORK/awards.csv" --json
eq "$(jq .stored <<<"$out")" "2" "stored"
run 0 "$BINGE" awards "Jessica Jones" --json
eq "$(jq -c '[(.items | length), .won, .nominated]' <<<"$out")" "[25,1,1]" "article and file together"
eq "$(jq -c '.items[-1] | [.organisation, .source, .nominee_kind, .season, .episode]' <<<"$out")" '["Writers Guild of America","import","person",1,1]' "an imported nomination with its episode"
printf 'title,year,organisation,award,category,nominee,season,episode,result\nJessica Jones,2016,X,Y,Z,N,,,lost\nJessica Jones,20,X,Y,Z,N,,,\nJessica Jones,2016,X,Y,Z,N,,3,won\n' >"$WORK/bad-awards.csv"
run 1 "$BINGE" awards import "$WORK/bad-awards.csv"
contains "$err" "line 2: result" "bad result named"
contains "$err" "line 3: year" "bad year named"
contains "$err" "line 4: episode" "episode without season named"
printf 'title,year,organisation,award,category,nominee,season,episode,result\nJessica Jones,2016,X,Y,Z,N,9,,won\n' >"$WORK/bad-season.csv"
run 1 "$BINGE" awards import "$WORK/bad-season.csv"
contains "$err" "line 2: season: 'Jessica Jones' has no season 9" "unknown season named"
eq "$(sql "SELECT COUNT(*) FROM award_nomination")" "2" "nothing stored from bad files"
pass
