#!/usr/bin/env bash
# An account's profiles by its owner over HTTP: add, rename, avatar, kids,
# ceiling, PIN, delete. What loosens parental control (a higher ceiling,
# leaving kids, any PIN change) needs the account password, checked like a
# login (throttled); the rest does not. Another account's profiles and
# profile tokens are refused. Runs on SQLite and on PostgreSQL.
. "$(dirname "$0")/lib.sh"
demo_setup
serve_start --clock 2022-03-20
demo_profiles
BT=$(login brit viewer-secret)
KIDS_ID=$(jq -r '.items[] | select(.name == "Kids") | .id' <<<"$(api GET /api/v1/profiles "$VT"; echo "$body")")

# Add: a kids profile without a password (nothing loosened), at 7+.
expect 201 POST /api/v1/profiles "$VT" '{"name":"Little One","kids":true,"avatar":3}'
eq "$(jq -c '[.name, .kids, .ceiling, .has_pin, .avatar]' <<<"$body")" '["Little One",true,"7+",false,3]' "a kids profile added"
LITTLE=$(jq -r .id <<<"$body")
expect 409 POST /api/v1/profiles "$VT" '{"name":"Little One"}'
contains "$body" "already has a profile named 'Little One'" "a name taken on this account"
expect 400 POST /api/v1/profiles "$VT" '{"name":"Big","kids":true,"ceiling":"18+"}'
contains "$body" "a kids profile's is at most 13+" "kids above 13+"
expect 400 POST /api/v1/profiles "$VT" '{"name":"  "}'
expect 400 POST /api/v1/profiles "$VT" '{"name":"X","avatar":12}'
expect 400 POST /api/v1/profiles "$VT" '{"name":"X","colour":"red"}'
expect 403 POST /api/v1/profiles "$VT" '{"name":"Locked","pin":"1234"}'
contains "$body" "setting, changing or removing a PIN needs the account password" "a PIN needs the password"
expect 201 POST /api/v1/profiles "$VT" '{"name":"Locked","pin":"1234","password":"viewer-secret"}'
eq "$(jq -c '[.has_pin, .ceiling]' <<<"$body")" '[true,"18+"]' "a profile with a PIN"
LOCKED=$(jq -r .id <<<"$body")
expect 403 POST "/api/v1/profiles/$LOCKED/select" "$VT" '{"pin":"0000"}'
expect 200 POST "/api/v1/profiles/$LOCKED/select" "$VT" '{"pin":"1234"}'

# Change: rename and pick an avatar freely; lower a ceiling freely.
expect 200 PATCH "/api/v1/profiles/$LITTLE" "$VT" '{"name":"Little Star","avatar":null,"ceiling":"all"}'
eq "$(jq -c '[.name, .avatar, .ceiling]' <<<"$body")" '["Little Star",null,"all"]' "renamed, avatar reset, ceiling lowered"
# Raise it, or leave kids: the password, and the right one.
expect 403 PATCH "/api/v1/profiles/$LITTLE" "$VT" '{"ceiling":"13+"}'
contains "$body" "raising the maturity ceiling needs the account password" "raising needs the password"
expect 401 PATCH "/api/v1/profiles/$LITTLE" "$VT" '{"ceiling":"13+","password":"not-it"}'
contains "$body" "the account password is wrong" "a wrong password"
eq "$(sql "SELECT ceiling FROM profile WHERE id = $LITTLE")" "0" "a refused change changes nothing"
expect 200 PATCH "/api/v1/profiles/$LITTLE" "$VT" '{"ceiling":"13+","password":"viewer-secret"}'
eq "$(jq -r .ceiling <<<"$body")" "13+" "raised with the password"
expect 403 PATCH "/api/v1/profiles/$LITTLE" "$VT" '{"kids":false}'
contains "$body" "turning a kids profile into a regular one" "leaving kids needs the password"
# PINs: change and remove, with the password.
expect 403 PATCH "/api/v1/profiles/$LOCKED" "$VT" '{"pin":null}'
expect 200 PATCH "/api/v1/profiles/$LOCKED" "$VT" '{"pin":"9876","password":"viewer-secret"}'
expect 403 POST "/api/v1/profiles/$LOCKED/select" "$VT" '{"pin":"1234"}'
expect 200 POST "/api/v1/profiles/$LOCKED/select" "$VT" '{"pin":"9876"}'
expect 200 PATCH "/api/v1/profiles/$LOCKED" "$VT" '{"pin":null,"password":"viewer-secret"}'
eq "$(jq -r .has_pin <<<"$body")" "false" "PIN removed"
expect 200 POST "/api/v1/profiles/$LOCKED/select" "$VT" ''
# The kids profile's ceiling still governs: a TV-MA series is above it.
JJ=$(sql "SELECT id FROM title WHERE name = 'Jessica Jones' AND kind = 'series'")
STAR=$(select_profile "$VT" "$LITTLE")
expect 403 GET "/api/v1/titles/$JJ" "$STAR"

# Who may: not a profile token, not another account.
expect 403 POST /api/v1/profiles "$ADULT" '{"name":"Sneaky"}'
expect 404 PATCH "/api/v1/profiles/$LITTLE" "$BT" '{"name":"Mine now"}'
expect 404 DELETE "/api/v1/profiles/$LITTLE" "$BT"
eq "$(sql "SELECT name FROM profile WHERE id = $LITTLE")" "Little Star" "another account changed nothing"

# At most five profiles; delete one (with what is its own), never the last.
expect 201 POST /api/v1/profiles "$VT" '{"name":"Fifth"}'
expect 409 POST /api/v1/profiles "$VT" '{"name":"Sixth"}'
contains "$body" "at most 5 profiles" "five at most"
WATCHED=$(sql "SELECT id FROM title WHERE kind = 'episode' LIMIT 1")
sql "INSERT INTO viewing_event (id, profile_id, title_id, kind, position_ms, device, at) VALUES ('s1', $LITTLE, $WATCHED, 'start', 0, 'web', '2022-03-20T00:00:00Z')" >/dev/null
expect 200 DELETE "/api/v1/profiles/$LITTLE" "$VT"
eq "$(sql "SELECT COUNT(*) FROM profile WHERE id = $LITTLE")/$(sql "SELECT COUNT(*) FROM auth_session WHERE profile_id = $LITTLE")" "0/0" "deleted with its sessions"
eq "$(sql "SELECT COUNT(*) FROM viewing_event WHERE profile_id = $LITTLE")" "0" "and its viewing events"
expect 401 GET /api/v1/home "$STAR"
api GET /api/v1/profiles "$BT"
BRIT_ONLY=$(jq -r '.items[0].id' <<<"$body")
expect 409 DELETE "/api/v1/profiles/$BRIT_ONLY" "$BT"
contains "$body" "keeps at least one profile" "the last profile stays"
serve_stop
pass
