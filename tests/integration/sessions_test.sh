#!/usr/bin/env bash
# An account's devices: every login (its account token and the profile
# tokens from it) listed with the device that signed in, its address, when
# and when last seen; any of them signed out by the owner. Runs on SQLite
# and on PostgreSQL.
. "$(dirname "$0")/lib.sh"
demo_setup
serve_start --clock 2022-03-20T10:00:00Z
login_as() { # USER-AGENT: an account token of viewer, signed in from that browser
	curl -s -A "$1" -H 'Content-Type: application/json' -d '{"username":"viewer","password":"viewer-secret"}' "$URL/api/v1/login" | jq -r .token
}
CHROME=$(login_as "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36")
PHONE=$(login_as "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1")
api GET /api/v1/profiles "$PHONE"
PHONE_PROFILE=$(select_profile "$PHONE" "$(jq -r '.items[] | select(.name == "Adult") | .id' <<<"$body")")
expect 200 GET /api/v1/account/sessions "$CHROME"
eq "$(jq -c '[.items[] | [.device, .address, .current]] | sort' <<<"$body")" \
	'[["Chrome on Linux","127.0.0.1",true],["Safari on iOS","127.0.0.1",false]]' "two devices, the caller's marked"
eq "$(jq -r '[.items[].signed_in_at] | unique | .[]' <<<"$body")" "2022-03-20T10:00:00Z" "when they signed in"
PHONE_ID=$(jq -r '.items[] | select(.device == "Safari on iOS") | .id' <<<"$body")
expect 403 GET /api/v1/account/sessions "$PHONE_PROFILE" # the account's, not a profile's
serve_stop

# Five minutes later the phone is used again: last seen moves.
serve_start --clock 2022-03-20T10:05:00Z
expect 200 GET /api/v1/home "$PHONE_PROFILE"
expect 200 GET /api/v1/account/sessions "$CHROME"
eq "$(jq -r '.items[] | select(.device == "Safari on iOS") | .last_seen' <<<"$body")" "2022-03-20T10:05:00Z" "last seen moves with use"
# Sign the phone out: its account token and its profile token stop.
expect 404 DELETE /api/v1/account/sessions/999999 "$CHROME"
expect 200 DELETE "/api/v1/account/sessions/$PHONE_ID" "$CHROME"
expect 401 GET /api/v1/profiles "$PHONE"
expect 401 GET /api/v1/home "$PHONE_PROFILE"
expect 200 GET /api/v1/account/sessions "$CHROME"
eq "$(jq -c '[.items[].device]' <<<"$body")" '["Chrome on Linux"]' "one device left"
# Another account cannot sign this one's devices out.
BT=$(login brit viewer-secret)
CHROME_ID=$(jq -r '.items[0].id' <<<"$body")
expect 404 DELETE "/api/v1/account/sessions/$CHROME_ID" "$BT"
expect 200 GET /api/v1/profiles "$CHROME"
# A forged X-Forwarded-For from a caller that is not a trusted proxy changes nothing.
FORGED=$(curl -s -H 'X-Forwarded-For: 6.6.6.6' -H 'Content-Type: application/json' -d '{"username":"brit","password":"viewer-secret"}' "$URL/api/v1/login" | jq -r .token)
expect 200 GET /api/v1/account/sessions "$FORGED"
eq "$(jq -r '.items[] | select(.current) | .address' <<<"$body")" "127.0.0.1" "a forged header ignored"
serve_stop

# Behind a reverse proxy binge trusts (here: loopback), the client's address.
serve_start --clock 2022-03-20T10:10:00Z --trusted-proxy 127.0.0.1
PROXIED=$(curl -s -H 'X-Forwarded-For: 6.6.6.6, 198.51.100.7' -H 'Content-Type: application/json' -d '{"username":"brit","password":"viewer-secret"}' "$URL/api/v1/login" | jq -r .token)
expect 200 GET /api/v1/account/sessions "$PROXIED"
eq "$(jq -r '.items[] | select(.current) | .address' <<<"$body")" "198.51.100.7" "the hop the proxy appended"
serve_stop
pass
