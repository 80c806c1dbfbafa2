#!/usr/bin/env bash
# My List over HTTP: a profile adds and removes series and films; the list
# (and its home row) passes the visibility rule, so a title that leaves the
# territory drops out and comes back when a window reopens, while the
# profile's choice is kept. Runs on SQLite and on PostgreSQL.
. "$(dirname "$0")/lib.sh"
demo_setup
JJ=$(sql "SELECT id FROM title WHERE name = 'Jessica Jones' AND kind = 'series'")
EP=$(sql "SELECT e.id FROM title e JOIN title s ON s.id = e.parent_id WHERE s.parent_id = $JJ AND s.number = 1 AND e.number = 1")
serve_start --clock 2022-03-20
demo_profiles
expect 200 GET /api/v1/my-list "$ADULT"
eq "$body" '{"items":[]}' "an empty list"
expect 200 PUT "/api/v1/my-list/$JJ" "$ADULT"
eq "$body" "{\"id\":$JJ,\"in_my_list\":true}" "added"
expect 200 PUT "/api/v1/my-list/$JJ" "$ADULT" # again: nothing doubled
expect 200 GET /api/v1/my-list "$ADULT"
eq "$(jq -c '[.items[] | [.id, .title, .kind]]' <<<"$body")" "[[$JJ,\"Jessica Jones\",\"series\"]]" "listed once"
expect 200 GET /api/v1/home "$ADULT"
eq "$(jq -c '[.rows[] | select(.id == "my_list") | .items[].title]' <<<"$body")" '["Jessica Jones"]' "a home row"
expect 200 GET "/api/v1/titles/$JJ" "$ADULT"
eq "$(jq -r .in_my_list <<<"$body")" "true" "the title page knows"
expect 400 PUT "/api/v1/my-list/$EP" "$ADULT"
contains "$body" "My List holds series and films, not a episode" "an episode refused"
expect 403 PUT "/api/v1/my-list/$JJ" "$KIDS" # above the kids profile's ceiling
expect 404 PUT "/api/v1/my-list/999999" "$ADULT"
expect 403 PUT "/api/v1/my-list/$JJ" "$VT" # an account token is not a profile
expect 200 GET /api/v1/my-list "$KIDS"
eq "$body" '{"items":[]}' "each profile its own list"
serve_stop

# 2022-03-05: Netflix's window has closed and Disney+'s has not opened in
# the US. The list shows nothing, and keeps the choice.
serve_start --clock 2022-03-05
expect 200 GET /api/v1/my-list "$ADULT"
eq "$body" '{"items":[]}' "out of the territory: not shown"
expect 451 PUT "/api/v1/my-list/$JJ" "$ADULT"
eq "$(sql "SELECT COUNT(*) FROM my_list WHERE title_id = $JJ")" "1" "but kept"
serve_stop
serve_start --clock 2022-03-16
expect 200 GET /api/v1/my-list "$ADULT"
eq "$(jq -c '[.items[].title]' <<<"$body")" '["Jessica Jones"]' "back when Disney+'s window opens"
expect 200 DELETE "/api/v1/my-list/$JJ" "$ADULT"
eq "$body" "{\"id\":$JJ,\"in_my_list\":false}" "removed"
expect 200 GET /api/v1/my-list "$ADULT"
eq "$body" '{"items":[]}' "gone"
serve_stop
pass
