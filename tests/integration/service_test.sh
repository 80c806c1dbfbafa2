#!/usr/bin/env bash
# The service end to end against the real server: the article's licence
# story, parental controls, isolation between accounts and profiles, admin
# rights, bad input, tokens. Runs on SQLite and on PostgreSQL.
. "$(dirname "$0")/lib.sh"
trap 'stop_all_servers; [ "${ENGINE}" = postgres ] && psql -qAt "$PG_BASE" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
demo_setup
JJ=$(sql "SELECT id FROM title WHERE name = 'Jessica Jones' AND kind = 'series'")

# --- the article's story: (date, territory) -> status -----------------------
story() { # DATE USER EXPECTED_STATUS PLATFORM_OR_-
	serve_start --clock "$1"
	local t p
	t=$(login "$2" viewer-secret)
	api GET /api/v1/profiles "$t"
	p=$(select_profile "$t" "$(jq -r '.items[] | select(.name == "Adult") | .id' <<<"$body")")
	expect "$3" GET "/api/v1/titles/$JJ" "$p"
	api GET /api/v1/titles "$p"
	if [ "$3" = 200 ]; then
		eq "$(jq -r '[.items[].title] | index("Jessica Jones") != null' <<<"$body")" "true" "$1 $2: listed"
		api GET "/api/v1/titles?platform=$(jq -rn --arg q "$4" '$q|@uri')" "$p"
		eq "$(jq '.items | length' <<<"$body")" "1" "$1 $2: on $4"
	else
		eq "$(jq '.items | length' <<<"$body")" "0" "$1 $2: not listed"
		api GET "/api/v1/search?q=kilgrave" "$p"
		eq "$(jq '.items | length' <<<"$body")" "0" "$1 $2: not searchable"
	fi
	serve_stop
}
story 2015-11-19 viewer 451 -        # before the premiere
story 2015-11-20 viewer 200 Netflix  # Netflix everywhere
story 2019-01-01 brit 200 Netflix
story 2019-01-01 french 200 Netflix
story 2022-02-28T23:59:59Z viewer 200 Netflix
story 2022-03-01 viewer 451 -        # left Netflix
story 2022-03-15 brit 451 -
story 2022-03-16 viewer 200 Disney+  # Disney+ in six countries
story 2022-03-16 brit 200 Disney+
story 2022-03-16 french 451 -        # not yet in other markets
story 2022-12-31 french 200 Disney+  # other markets by the end of 2022

serve_start --clock 2022-03-20
ADMIN=$(login admin admin-secret)
VT=$(login viewer viewer-secret)
api GET /api/v1/profiles "$VT"
ADULT_ID=$(jq -r '.items[] | select(.name == "Adult") | .id' <<<"$body")
KIDS_ID=$(jq -r '.items[] | select(.name == "Kids") | .id' <<<"$body")
eq "$(jq -r '.items[] | select(.name == "Kids") | [.ceiling, .kids, .has_pin] | @csv' <<<"$body")" '"13+",true,true' "kids profile listed"
ADULT=$(select_profile "$VT" "$ADULT_ID")

# --- release schedules -----------------------------------------------------
expect 200 GET "/api/v1/titles/$JJ/seasons/3/episodes" "$ADULT"
eq "$(jq '.items | length' <<<"$body")" "13" "season 3 episodes"
expect 200 PUT "/api/v1/titles/$JJ/seasons/3/release" "$ADMIN" '{"mode":"weekly","start":"2022-03-10"}'
expect 200 GET "/api/v1/titles/$JJ/seasons/3/episodes" "$ADULT"
eq "$(jq -c '[.items[].number]' <<<"$body")" "[1,2]" "weekly: episodes 1 and 2 by 2022-03-20"
expect 200 GET "/api/v1/titles/$JJ" "$ADULT"
eq "$(jq -c '[.seasons[] | [.number, .episode_count]]' <<<"$body")" "[[1,13],[2,13],[3,2]]" "the title page counts the released episodes"
expect 200 PUT "/api/v1/titles/$JJ/seasons/3/release" "$ADMIN" '{"mode":"all_at_once","start":"2022-04-01"}'
expect 404 GET "/api/v1/titles/$JJ/seasons/3/episodes" "$ADULT"
expect 200 GET "/api/v1/titles/$JJ" "$ADULT"
eq "$(jq -c '[.seasons[].number]' <<<"$body")" "[1,2]" "unreleased season left out"
expect 200 GET "/api/v1/titles/$JJ/seasons/3/episodes" "$ADMIN"
eq "$(jq '.items | length' <<<"$body")" "13" "admins see unreleased episodes"
expect 200 PUT "/api/v1/titles/$JJ/seasons/3/release" "$ADMIN" '{"mode":"all_at_once","start":"2019-06-14"}'

# --- parental controls: a kids profile (TV-14) never sees a TV-MA title ----
expect 403 POST "/api/v1/profiles/$KIDS_ID/select" "$VT" ''
expect 403 POST "/api/v1/profiles/$KIDS_ID/select" "$VT" '{"pin":"0000"}'
KIDS=$(select_profile "$VT" "$KIDS_ID" 4321)
expect 403 GET "/api/v1/titles/$JJ" "$KIDS"
expect 403 GET "/api/v1/titles/$JJ/seasons/1/episodes" "$KIDS"
EP=$(sql "SELECT id FROM title WHERE kind = 'episode' LIMIT 1")
expect 403 GET "/api/v1/titles/$EP" "$KIDS"
for q in "" "?q=jessica" "?kind=series" "?genre=Superhero" "?platform=Disney%2B" "?kind=episode"; do
	expect 200 GET "/api/v1/titles$q" "$KIDS"
	eq "$(jq '.items | length' <<<"$body")" "0" "kids list$q"
done
for q in jessica kilgrave "krysten ritter" "trey ordonez"; do
	expect 200 GET "/api/v1/search?q=$(jq -rn --arg q "$q" '$q|@uri')" "$KIDS"
	eq "$(jq '.items | length' <<<"$body")" "0" "kids search '$q'"
done
PERSON=$(sql "SELECT id FROM person WHERE name = 'David Tennant'")
expect 404 GET "/api/v1/people/$PERSON" "$KIDS"
expect 200 GET "/api/v1/people/$PERSON" "$ADULT"
eq "$(jq -r '.credits[0].character' <<<"$body")" "Kilgrave" "adult sees the person"
# The adult profile does see it, in lists and search.
expect 200 GET "/api/v1/search?q=kilgrave" "$ADULT"
eq "$(jq -r '.items[0].title.title' <<<"$body")" "Jessica Jones" "adult search"
expect 200 GET "/api/v1/titles?genre=superhero&kind=series" "$ADULT"
eq "$(jq '.items | length' <<<"$body")" "1" "genre filter"
expect 200 GET "/api/v1/titles?q=JESSICA" "$ADULT"
eq "$(jq '.items | length' <<<"$body")" "1" "text filter"

# --- who may do what -------------------------------------------------------
expect 401 GET /api/v1/titles
expect 401 GET /api/v1/titles "not-a-token"
expect 401 GET /api/v1/profiles "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
expect 200 GET /api/v1/health
expect 403 GET /api/v1/titles "$VT" # an account token is not a profile
expect 403 POST /api/v1/titles "$ADULT" '{"kind":"film","title":"X"}'
expect 403 PUT "/api/v1/titles/$JJ/availability" "$ADULT" '{"windows":[]}'
expect 403 DELETE "/api/v1/titles/$JJ" "$ADULT"
expect 403 GET "/api/v1/titles/$JJ/availability" "$ADULT"
# Another account's profile is not found, not stolen.
BT=$(login brit viewer-secret)
expect 404 POST "/api/v1/profiles/$ADULT_ID/select" "$BT" ''
api GET /api/v1/profiles "$BT"
eq "$(jq -c '[.items[].name]' <<<"$body")" '["Adult"]' "own profiles only"
expect 404 GET /api/v1/nowhere "$ADULT"
expect 405 DELETE /api/v1/health "$ADMIN"

# --- bad input: 4xx, nothing changed ----------------------------------------
before=$(dbdump)
expect 400 POST /api/v1/login "" '{"username":"viewer"'
expect 400 POST /api/v1/login "" '{"username":"viewer","password":"x","extra":1}'
expect 400 POST /api/v1/login "" '{"username":7,"password":"x"}'
expect 400 POST /api/v1/login "" '[1,2]'
expect 400 POST /api/v1/titles "$ADMIN" '{"kind":"film"}'
contains "$body" "title" "missing field named"
expect 400 POST /api/v1/titles "$ADMIN" '{"kind":"opera","title":"X"}'
contains "$body" "kind" "bad kind named"
expect 400 POST /api/v1/titles "$ADMIN" '{"kind":"film","title":"X","first_aired":"2019-02-30"}'
contains "$body" "first_aired" "bad date named"
expect 400 POST /api/v1/titles "$ADMIN" '{"kind":"film","title":"X","colour":"red"}'
contains "$body" "unknown field 'colour'" "unknown field named"
expect 400 POST /api/v1/titles "$ADMIN" '{"kind":"film","title":"X","credits":[{"role":"juggler","person":"A"}]}'
contains "$body" "credits[0].role" "bad credit named"
expect 400 POST /api/v1/titles "$ADMIN" '{"kind":"film","title":"X","genres":"Drama"}'
expect 400 PUT "/api/v1/titles/$JJ/availability" "$ADMIN" '{"windows":[{"platform":"P","territories":["XX"],"from":"2022-01-01"}]}'
contains "$body" "'XX' is not an ISO 3166-1" "bad territory named"
expect 400 PUT "/api/v1/titles/$JJ/availability" "$ADMIN" '{"windows":[{"platform":"P","territories":["us"],"from":"2022-01-01"}]}'
expect 400 PUT "/api/v1/titles/$JJ/availability" "$ADMIN" '{"windows":[{"platform":"P","territories":"worldwide","from":"2022-13-01"}]}'
expect 400 PUT "/api/v1/titles/$JJ/availability" "$ADMIN" '{"windows":[{"platform":"P","territories":"worldwide","from":"2022-01-02","until":"2022-01-01"}]}'
expect 400 PUT "/api/v1/titles/$JJ/seasons/1/release" "$ADMIN" '{"mode":"monthly","start":"2022-01-01"}'
expect 404 PUT "/api/v1/titles/$JJ/seasons/9/release" "$ADMIN" '{"mode":"weekly","start":"2022-01-01"}'
expect 404 PUT "/api/v1/titles/999999/availability" "$ADMIN" '{"windows":[]}'
expect 400 GET "/api/v1/titles?limit=0" "$ADULT"
expect 400 GET "/api/v1/titles?kind=opera" "$ADULT"
expect 400 GET "/api/v1/titles?cursor=zz" "$ADULT"
expect 400 GET "/api/v1/search?q=" "$ADULT"
head -c 70000 /dev/zero | tr '\0' a >"$WORK/big"
status=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' --data-binary @"$WORK/big" "$URL/api/v1/titles")
eq "$status" "413" "oversized body"
eq "$(dbdump)" "$before" "bad requests changed nothing"

# --- admin writes ------------------------------------------------------------
expect 201 POST /api/v1/titles "$ADMIN" '{"kind":"film","title":"The Quiet Harbour","rating":"PG-13","genres":["Drama"],"credits":[{"role":"director","person":"Ana Souto"},{"role":"cast","person":"Krysten Ritter","character":"Mara"}]}'
FILM=$(jq -r .id <<<"$body")
eq "$(jq -r .rating.age <<<"$body")" "13+" "film rating"
expect 451 GET "/api/v1/titles/$FILM" "$ADULT" # no window yet: available to no viewer
expect 200 GET "/api/v1/titles?kind=film" "$ADMIN"
eq "$(jq -c '.items[] | select(.id == '"$FILM"') | .availability' <<<"$body")" '{"worldwide":false,"territories":0,"hidden":"no licence window","windows":[]}' "admin list: why no viewer sees it"
api GET "/api/v1/titles?kind=film" "$ADULT"
eq "$(jq -c '[.items[] | has("availability")] | any' <<<"$body")" "false" "viewers are not told"
expect 200 PUT "/api/v1/titles/$FILM/availability" "$ADMIN" '{"windows":[{"platform":"Binge","territories":"worldwide","from":"2022-01-01"}]}'
eq "$(jq -r '.windows[0].territories' <<<"$body")" "worldwide" "window stored"
expect 200 GET "/api/v1/titles?q=jessica" "$ADMIN"
eq "$(jq -c '.items[0].availability | del(.windows)' <<<"$body")" '{"worldwide":false,"territories":6,"hidden":null}' "admin list: Disney+ in six territories now"
listed=$(jq -c '.items[0].availability.windows' <<<"$body")
expect 200 GET "/api/v1/titles/$JJ/availability" "$ADMIN"
eq "$listed" "$(jq -c .windows <<<"$body")" "the admin list carries each title's windows (no request per title)"
expect 200 GET "/api/v1/titles/$FILM" "$KIDS"
eq "$(jq -r .title <<<"$body")" "The Quiet Harbour" "kids see a PG-13 film"
# Genres: of what each profile may see, most titles first.
expect 200 GET /api/v1/genres "$KIDS"
eq "$(jq -c .items <<<"$body")" '[{"genre":"Drama","titles":1}]' "kids: the film's genre only, not Jessica Jones's"
expect 200 GET /api/v1/genres "$ADULT"
eq "$(jq -c '[.items[] | select(.genre == "Drama" or .genre == "Superhero")]' <<<"$body")" '[{"genre":"Drama","titles":1},{"genre":"Superhero","titles":1}]' "adult: both titles' genres"
expect 200 GET "/api/v1/genres?kind=film" "$ADULT"
eq "$(jq -c '[.items[].genre]' <<<"$body")" '["Drama"]' "films' genres"
expect 400 GET "/api/v1/genres?kind=episode" "$ADULT"
expect 200 PUT "/api/v1/titles/$FILM" "$ADMIN" '{"kind":"film","title":"The Quiet Harbour","rating":"R"}'
expect 403 GET "/api/v1/titles/$FILM" "$KIDS"
expect 400 PUT "/api/v1/titles/$FILM" "$ADMIN" '{"kind":"film","rating":"G"}'
contains "$body" "title" "replace names the missing field"
expect 200 GET "/api/v1/titles/$FILM" "$ADMIN"
eq "$(jq -r .rating.value <<<"$body")" "R" "a rejected replace changes nothing"
expect 200 GET "/api/v1/titles/$FILM/availability" "$ADMIN"
eq "$(jq '.windows | length' <<<"$body")" "1" "replace keeps windows"
expect 200 DELETE "/api/v1/titles/$FILM" "$ADMIN"
expect 404 GET "/api/v1/titles/$FILM" "$ADMIN"

# --- tokens: revoked, expired ------------------------------------------------
T2=$(login viewer viewer-secret)
expect 200 GET /api/v1/profiles "$T2"
expect 200 POST /api/v1/logout "$T2"
expect 401 GET /api/v1/profiles "$T2"
serve_stop
serve_start --clock 2022-03-28 # eight days later: every token above has expired
expect 401 GET /api/v1/profiles "$VT"
expect 401 GET "/api/v1/titles/$JJ" "$ADULT"
expect 200 GET /api/v1/health

# --- failed logins are slowed ------------------------------------------------
for i in 1 2 3 4 5; do expect 401 POST /api/v1/login "" '{"username":"viewer","password":"wrong"}'; done
expect 429 POST /api/v1/login "" '{"username":"viewer","password":"viewer-secret"}'
contains "$(curl -s -i -d '{"username":"viewer","password":"x"}' "$URL/api/v1/login")" "Retry-After:" "Retry-After header"
serve_stop
serve_start --clock 2022-03-28T01:00:00Z # an hour later the wait is over
login viewer viewer-secret >/dev/null
serve_stop
pass
