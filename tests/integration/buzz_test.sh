#!/usr/bin/env bash
# Social buzz: posts attributed to titles by whole hashtags, keywords and
# handles; reposts counted apart; per day and per premiere week (the week
# after a season's release); share of voice among tracked titles; a
# figure reported elsewhere shown beside; bad files refused whole;
# importing again adds nothing; the API for those who may see the title.
. "$(dirname "$0")/lib.sh"
demo_setup
run 0 "$BINGE" simulate catalogue --series 1 --films 0 --seed 5
OTHER=$(sql "SELECT id FROM title WHERE kind = 'series' AND name <> 'Jessica Jones' ORDER BY id LIMIT 1")
run 0 "$BINGE" buzz track "Jessica Jones" --hashtag JessicaJones --keyword "Jessica Jones" --handle @JessicaJones
run 0 "$BINGE" buzz track "$OTHER" --hashtag OtherShow
cat >"$WORK/posts.csv" <<'CSV'
id,network,time,author,text,repost_of
p1,twitter,2015-11-20T10:00:00Z,fan1,Binge-watching #JessicaJones tonight,
p2,twitter,2015-11-21T09:00:00Z,fan2,Binge-watching #JessicaJones tonight,p1
p3,instagram,2015-11-22T12:00:00Z,fan3,"Krysten Ritter is great as Jessica Jones, really",
p4,twitter,2015-11-22T13:00:00Z,fan4,#JessicaJonesS2 rumors already,
p5,twitter,2015-11-23T08:00:00Z,JessicaJones,New clip out now,
p6,twitter,2015-11-23T09:00:00Z,fan5,#OtherShow is fun,
p7,twitter,2018-03-09T20:00:00Z,fan6,#JessicaJones season 2!,
p8,instagram,2016-01-01T00:00:00Z,fan7,#jessicajones rewatch,
CSV
run 0 "$BINGE" buzz import "$WORK/posts.csv" --json
eq "$(jq -c '[.added, .skipped]' <<<"$out")" "[8,0]" "posts added"
run 0 "$BINGE" buzz import "$WORK/posts.csv" --json
eq "$(jq -c '[.added, .skipped]' <<<"$out")" "[0,8]" "importing again adds nothing"
run 0 "$BINGE" buzz report "Jessica Jones" --season 1 --posts 300000 --period "premiere week" --source "Crimson Hexagon, October 2018"
run 0 "$BINGE" buzz "Jessica Jones" --json
report=$out
eq "$(jq -c '[.posts, .originals, .reposts, .share_of_voice]' <<<"$report")" "[6,5,1,85.7]" "totals and share of voice (6 of 7 tracked posts)"
eq "$(jq -c '[.by_day[] | [.day, .originals, .reposts]]' <<<"$report")" '[["2015-11-20",1,0],["2015-11-21",0,1],["2015-11-22",1,0],["2015-11-23",1,0],["2016-01-01",1,0],["2018-03-09",1,0]]' "per day, the whole-tag #JessicaJonesS2 not counted"
eq "$(jq -c '[.premieres[] | [.season, .originals, .reposts, .share_of_voice]]' <<<"$report")" '[[1,3,1,80],[2,1,0,100],[3,0,0,null]]' "premiere weeks"
eq "$(jq -c '.reported' <<<"$report")" '[{"season":1,"posts":300000,"period":"premiere week","source":"Crimson Hexagon, October 2018"}]' "a reported figure with its source"
run 0 "$BINGE" buzz "Jessica Jones"
contains "$out" "premiere week of season 1 from 2015-11-20T00:00:00Z: 3 originals, 1 reposts" "table output"

# Bad files change nothing.
printf 'id,network,time,author,text,repost_of\nq1,twitter,yesterday,a,#JessicaJones,\nq2,,2015-11-20,a,x,\nq3,twitter,2015-11-20,a,x,q3\n' >"$WORK/bad.csv"
run 1 "$BINGE" buzz import "$WORK/bad.csv"
contains "$err" "3 bad rows; nothing stored" "counted"
contains "$err" "line 2: time" "bad time named"
contains "$err" "line 3: network" "missing network named"
contains "$err" "line 4: repost_of" "self-repost named"
eq "$(sql "SELECT COUNT(*) FROM buzz_post")" "8" "nothing stored"
run 2 "$BINGE" buzz track "Jessica Jones"
run 2 "$BINGE" buzz report "Jessica Jones" --posts many --period x --source y

serve_start --clock 2022-03-20
demo_profiles
JJ=$(sql "SELECT id FROM title WHERE name = 'Jessica Jones' AND kind = 'series'")
expect 200 GET "/api/v1/titles/$JJ/buzz" "$ADULT"
eq "$(jq -S -c . <<<"$body")" "$(jq -S -c . <<<"$report")" "API and CLI agree"
expect 401 GET "/api/v1/titles/$JJ/buzz"
expect 403 GET "/api/v1/titles/$JJ/buzz" "$KIDS"
pass
