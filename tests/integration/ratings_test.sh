#!/usr/bin/env bash
# Ratings of several boards: a title certified BBFC 15 is judged by that
# certification for viewers in GB (a 16+ profile may watch it, a 13+ one may
# not), by its primary US rating elsewhere, and by its highest certification
# where it has no US rating. Lists, search, episodes and the title page all
# follow the one rule. Runs on SQLite and on PostgreSQL.
. "$(dirname "$0")/lib.sh"
demo_setup
JJ=$(sql "SELECT id FROM title WHERE name = 'Jessica Jones' AND kind = 'series'")
EP=$(sql "SELECT e.id FROM title e JOIN title s ON s.id = e.parent_id WHERE s.parent_id = $JJ AND s.number = 1 AND e.number = 1")

run 0 "$BINGE" profile add brit Teen16 --ceiling 16+
run 0 "$BINGE" profile add brit Teen13 --ceiling 13+
run 0 "$BINGE" profile add viewer Teen16 --ceiling 16+

# --- the CLI: boards, spellings, errors ------------------------------------
run 0 "$BINGE" rating set "Jessica Jones" 15 --board BBFC --json
eq "$(jq -c . <<<"$out")" '{"id":'"$JJ"',"rating":"15","board":"BBFC","territory":"GB","age":"15+"}' "BBFC 15 set"
run 0 "$BINGE" rating set "Jessica Jones" "fsk 16" --board fsk
eq "$out" "'Jessica Jones' is rated 16 by FSK (viewers in DE): age 16+" "FSK spelled loosely"
run 1 "$BINGE" rating set "Jessica Jones" PG-13 --board BBFC
contains "$err" "'PG-13' is not a BBFC rating (U, PG, 12A, 12, 15, 18, R18)" "a rating of another board"
run 2 "$BINGE" rating set "Jessica Jones" 15 --board OFLC
contains "$err" "no rating board 'OFLC' (known: US TV (US), MPA (US), BBFC (GB)" "an unknown board"
run 1 "$BINGE" rating set "Jessica Jones" 15
contains "$err" "'15' is not a rating" "15 alone is not a US rating"
eq "$(sql "SELECT territory || ' ' || board || ' ' || rating || ' ' || level FROM title_certification WHERE title_id = $JJ ORDER BY territory" | tr '\n' ,)" \
	"DE FSK 16 16,GB BBFC 15 15," "certifications stored, nothing from the refused ones"
eq "$(sql "SELECT rating_value || ' ' || maturity_level FROM title WHERE id = $JJ")" "TV-MA 18" "the primary rating stays"

# --- the rule, per territory ------------------------------------------------
serve_start --clock 2023-06-01
profile_token() { # USER PROFILE_NAME
	local t
	t=$(login "$1" viewer-secret)
	api GET /api/v1/profiles "$t"
	select_profile "$t" "$(jq -r --arg n "$2" '.items[] | select(.name == $n) | .id' <<<"$body")"
}
GB16=$(profile_token brit Teen16)
GB13=$(profile_token brit Teen13)
US16=$(profile_token viewer Teen16)

expect 200 GET "/api/v1/titles/$JJ" "$GB16"
eq "$(jq -c .rating <<<"$body")" '{"system":"BBFC","value":"15","age":"15+","territory":"GB"}' "a GB viewer sees the BBFC rating"
eq "$(jq -c '[.certifications[] | .territory + ":" + .value]' <<<"$body")" '["DE:16","GB:15"]' "certifications listed"
expect 200 GET "/api/v1/titles/$EP" "$GB16"
api GET "/api/v1/search?q=jessica" "$GB16"
eq "$(jq '[.items[] | select(.type == "title")] | length' <<<"$body")" "1" "GB 16+: found"

expect 403 GET "/api/v1/titles/$JJ" "$GB13"
contains "$body" "maturity ceiling" "GB 13+: above the ceiling"
expect 403 GET "/api/v1/titles/$EP" "$GB13"
expect 403 GET "/api/v1/titles/$JJ/seasons/1/episodes" "$GB13"
api GET /api/v1/titles "$GB13"
eq "$(jq '[.items[] | select(.id == '"$JJ"')] | length' <<<"$body")" "0" "GB 13+: not listed"
api GET "/api/v1/search?q=jessica" "$GB13"
eq "$(jq '[.items[] | select(.type == "title")] | length' <<<"$body")" "0" "GB 13+: not found"

expect 403 GET "/api/v1/titles/$JJ" "$US16" # TV-MA in the US
serve_stop

# Without a US rating, viewers elsewhere are judged by the highest
# certification (FSK 16): the US 16+ profile may watch, a GB 13+ still not.
run 0 "$BINGE" rating set "Jessica Jones" none
eq "$(sql "SELECT maturity_level FROM title WHERE id = $JJ")" "16" "no US rating: the highest certification"
run 0 "$BINGE" rating set "Jessica Jones" none --board FSK
eq "$(sql "SELECT maturity_level FROM title WHERE id = $JJ")" "15" "FSK removed: BBFC 15 remains"
run 0 "$BINGE" import wiki "$SEED"
eq "$(sql "SELECT maturity_level FROM title WHERE id = $JJ")" "15" "a re-import keeps the certified age"
run 0 "$BINGE" rating set "Jessica Jones" none --board BBFC
eq "$(sql "SELECT maturity_level FROM title WHERE id = $JJ")" "18" "no rating at all: 18+"
run 0 "$BINGE" rating set "Jessica Jones" 12 --board BBFC
serve_start --clock 2023-06-01
expect 200 GET "/api/v1/titles/$JJ" "$US16"
eq "$(jq -c .rating <<<"$body")" '{"system":"BBFC","value":"12","age":"12+","territory":"GB"}' "elsewhere: the highest certification shown"
expect 200 GET "/api/v1/titles/$JJ" "$GB13"
serve_stop
pass
