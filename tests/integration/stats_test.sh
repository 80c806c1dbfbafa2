#!/usr/bin/env bash
# binge stats and /api/v1/stats: answers worked out by hand on a small log
# loaded through `binge events import` and the HTTP API, with the time and
# territory filters, idempotent re-import, SVG charts, admin-only access
# and bad parameters named.
. "$(dirname "$0")/lib.sh"
trap 'stop_all_servers; [ "${ENGINE}" = postgres ] && psql -qAt "$PG_BASE" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
demo_setup
run 0 "$BINGE" simulate catalogue --series 1 --films 1 --seed 5
A=$(sql "SELECT name FROM title WHERE kind = 'series' AND source_key LIKE 'sim:%'")
F=$(sql "SELECT name FROM title WHERE kind = 'film'")
LAST=$(sql "SELECT COUNT(*) FROM title e JOIN title s ON s.id = e.parent_id JOIN title t ON t.id = s.parent_id WHERE t.name = 'Jessica Jones' AND s.number = 1")
eq "$LAST" 13 "season 1 has 13 episodes"

# Who did what (days of March 2022):
#   viewer/Adult (US): JJ s1e1 start 20th, s1e13 complete 21st (finished), A s1e1 start 22nd
#   brit/Adult (GB):   A s1e1 start 19th, JJ s1e1 start 20th, s1e13 complete 25th, film 26th
#   french/Adult (FR): JJ s1e1 start 23rd (a single event)
cat >"$WORK/log.csv" <<CSV
event_id,profile,title,season,episode,kind,position,device,time
v1,viewer/Adult,Jessica Jones,1,1,start,0,tv,2022-03-20T10:00:00Z
v2,viewer/Adult,Jessica Jones,1,13,complete,3000,tv,2022-03-21T22:00:00Z
v3,viewer/Adult,$A,1,1,start,0,tv,2022-03-22T20:00:00Z
b1,brit/Adult,$A,1,1,start,0,web,2022-03-19T20:00:00Z
b2,brit/Adult,Jessica Jones,1,1,start,0,web,2022-03-20T12:00:00Z
b3,brit/Adult,Jessica Jones,1,13,complete,3000,web,2022-03-25T21:00:00Z
b4,brit/Adult,$F,,,start,0,web,2022-03-26T20:00:00Z
b5,brit/Adult,$F,,,complete,6000,web,2022-03-26T22:00:00Z
f1,french/Adult,Jessica Jones,1,1,start,0,tv,2022-03-23T09:00:00Z
CSV
run 0 "$BINGE" events import "$WORK/log.csv"
eq "$(sql "SELECT COUNT(*) FROM title_view")" 6 "one summary row per viewer and title"
eq "$(sql "SELECT COUNT(*) FROM title_view WHERE finished_s IS NOT NULL")" 3 "viewer and brit finished JJ, brit the film"

run 0 "$BINGE" stats watch-order --titles "Jessica Jones,$A" --json
eq "$(jq -c '[.viewers, .first_count["Jessica Jones"], .first_count["'"$A"'"]]' <<<"$out")" "[3,2,1]" "watch order: JJ first for 2 of 3"
eq "$(jq -c '[.orders[].viewers]' <<<"$out")" "[1,1,1]" "each order seen once"
eq "$(jq -c '.orders | length' <<<"$out")" "3" "three different orders: [JJ,A], [A,JJ], [JJ]"

run 0 "$BINGE" stats next "Jessica Jones" --json
eq "$(jq -c '[.after, .viewers, .moved_on, ([.items[].title] | sort), [.items[].count], [.items[].share]]' <<<"$out")" \
	"$(jq -nc --arg a "$A" --arg f "$F" '["finish", 2, 2, ([$a, $f] | sort), [1,1], [0.5,0.5]]')" "next after finishing JJ"
run 0 "$BINGE" stats next "Jessica Jones" --after start --json
eq "$(jq -c '[.viewers, .moved_on, .items[0].share]' <<<"$out")" "[3,2,0.5]" "next after starting JJ: A after it for viewer, the film for brit"
run 0 "$BINGE" stats next "Jessica Jones" --territory GB --json
eq "$(jq -c '[.viewers, .items[0].title, .items[0].count]' <<<"$out")" "$(jq -nc --arg f "$F" '[1, $f, 1]')" "territory GB: brit only"
run 0 "$BINGE" stats next "Jessica Jones" --after start --since 2022-03-21 --json
eq "$(jq -c '[.viewers, .moved_on]' <<<"$out")" "[1,0]" "--since keeps the starts from the 21st: french's only"
run 0 "$BINGE" stats next "Jessica Jones" --after start --until 2022-03-20T11:00:00Z --json
eq "$(jq -c '[.viewers, .moved_on]' <<<"$out")" "[1,0]" "--until keeps viewer's JJ start only (A came later)"

# Gateways: brit watched A the day before JJ. A's base: 2 of 3 viewers. lift = (1/3)/(2/3).
run 0 "$BINGE" stats gateways "Jessica Jones" --json
eq "$(jq -c '[.viewers, .window_days, .items[0].title, .items[0].count, .items[0].lift]' <<<"$out")" \
	"$(jq -nc --arg a "$A" '[3, 28, $a, 1, 0.5]')" "gateways of JJ"
run 0 "$BINGE" stats gateways "Jessica Jones" --min-count 2 --json
eq "$(jq -c '.items | length' <<<"$out")" "0" "--min-count 2 drops A"

# Bingeing: season 1 has 13 episodes; nobody completed them all.
# episodes/day: viewer 2 eps on 2 days, brit 2 on 2, french 1 on 1 -> 5/5.
run 0 "$BINGE" stats binge "Jessica Jones" --json
eq "$(jq -c '.seasons[0] | [.number, .viewers, .finished, .episodes_per_day, .completion_rate, .median_days_to_finish, .finished_within_week_share]' <<<"$out")" \
	"[1,3,0,1,0,null,0]" "season 1 bingeing"
eq "$(jq -c '[.seasons[1] | .viewers, .episodes_per_day]' <<<"$out")" "[0,0]" "season 2 unwatched"

# Starts per day around season 1's release (2015-11-20) out to March 2022.
run 0 "$BINGE" stats starts "Jessica Jones" --season 1 --before 0 --after-days 2400 --json
eq "$(jq -c '[.release, (.days | length), [.days[] | select(.starts > 0) | [.date, .starts]]]' <<<"$out")" \
	'["2015-11-20T00:00:00Z",2401,[["2022-03-20",2],["2022-03-23",1]]]' "starts per day"
run 1 "$BINGE" stats starts "Jessica Jones" --season 9
contains "$err" "no season 9" "an unknown season is named"

# The table form and the chart.
run 0 "$BINGE" stats next "Jessica Jones"
contains "$out" "2 viewers finished it" "table heading"
run 0 "$BINGE" stats binge "Jessica Jones" --svg "$WORK/binge.svg"
contains "$(cat "$WORK/binge.svg")" "<svg xmlns=\"http://www.w3.org/2000/svg\"" "an SVG file"
contains "$(cat "$WORK/binge.svg")" "Season 1 completed" "the chart shows season 1"
run 0 "$BINGE" stats watch-order --titles "Jessica Jones,$A" --svg -
contains "$out" "66.7%" "watch order chart: JJ first for 2 of 3"

# Re-importing the same file adds nothing and changes no answer.
run 0 "$BINGE" stats gateways "Jessica Jones" --json
before=$out
run 0 "$BINGE" events import "$WORK/log.csv"
run 0 "$BINGE" stats gateways "Jessica Jones" --json
eq "$out" "$before" "a re-import changes nothing"

# Bad requests.
run 2 "$BINGE" stats
run 2 "$BINGE" stats next
run 2 "$BINGE" stats next "Jessica Jones" --after lunch
run 2 "$BINGE" stats next "Jessica Jones" --since yesterday
contains "$err" "since" "a bad --since is named"
run 2 "$BINGE" stats next "Jessica Jones" --territory XX
run 1 "$BINGE" stats next "No Such Show"
run 2 "$BINGE" stats watch-order
run 0 "$BINGE" stats --help
contains "$out" "gateways" "help lists the analytics"

# The API: admin only, the same documents, SVG variants, events posted over HTTP count.
serve_start --clock 2022-03-27
AT=$(login admin admin-secret)
VT=$(login viewer viewer-secret)
JJ=$(sql "SELECT id FROM title WHERE name = 'Jessica Jones' AND kind = 'series'")
expect 401 GET "/api/v1/stats/next?title=$JJ"
expect 403 GET "/api/v1/stats/next?title=$JJ" "$VT"
ADULT=$(select_profile "$VT" "$(sql "SELECT p.id FROM profile p JOIN app_user u ON u.id = p.user_id WHERE u.name = 'viewer' AND p.name = 'Adult'")")
expect 403 GET "/api/v1/stats/binge.svg?title=$JJ" "$ADULT"
expect 200 GET "/api/v1/stats/next?title=$JJ" "$AT"
run 0 "$BINGE" stats next "Jessica Jones" --json
eq "$(jq -S . <<<"$body")" "$(jq -S . <<<"$out")" "API and CLI give the same document"
expect 200 GET "/api/v1/stats/gateways.svg?title=$JJ" "$AT"
contains "$body" "<svg" "gateways chart"
expect 200 GET "/api/v1/stats/watch-order?titles=$JJ,$(sql "SELECT id FROM title WHERE name = '$A'")" "$AT"
eq "$(jq -c .viewers <<<"$body")" "3" "watch order over the API"
expect 200 GET "/api/v1/stats/starts.svg?title=$JJ&season=1&before=0&after_days=2400" "$AT"
expect 400 GET "/api/v1/stats/next?title=$JJ&territory=XX" "$AT"
contains "$body" "territory" "a bad territory is named"
expect 400 GET "/api/v1/stats/next?title=$JJ&after=lunch" "$AT"
expect 400 GET "/api/v1/stats/gateways?title=$JJ&weeks=0" "$AT"
contains "$body" "weeks" "a bad number is named"
expect 400 GET "/api/v1/stats/watch-order" "$AT"
expect 404 GET "/api/v1/stats/binge?title=999999" "$AT"
# french starts the film over HTTP: now the film follows JJ for french too.
FR=$(login french viewer-secret)
api GET /api/v1/profiles "$FR"
FRA=$(select_profile "$FR" "$(jq -r '.items[0].id' <<<"$body")")
FILM=$(sql "SELECT id FROM title WHERE kind = 'film'")
run 0 "$BINGE" avail add "$F" --platform Netflix --territories worldwide --from 2020-01-01
expect 200 POST /api/v1/events "$FRA" "{\"events\":[{\"event_id\":\"h1\",\"title_id\":$FILM,\"kind\":\"start\",\"position\":0,\"time\":\"2022-03-24T20:00:00Z\"}]}"
expect 200 GET "/api/v1/stats/next?title=$JJ&after=start&territory=FR" "$AT"
eq "$(jq -c '[.viewers, .moved_on, .items[0].id]' <<<"$body")" "[1,1,$FILM]" "an event posted over HTTP counts"
pass
