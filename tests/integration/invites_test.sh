#!/usr/bin/env bash
# Invitations: an admin makes a single-use link for one account in a
# territory; whoever holds it opens the account (with a first profile) and
# is signed in; a used, expired or withdrawn one opens nothing, and a name
# already taken leaves the invitation unused. Runs on SQLite and on PostgreSQL.
. "$(dirname "$0")/lib.sh"
demo_setup
serve_start --clock 2022-03-20T12:00:00Z
ADMIN=$(login admin admin-secret)
demo_profiles
expect 403 POST /api/v1/invites "$VT" '{"territory":"GB"}'
expect 400 POST /api/v1/invites "$ADMIN" '{"territory":"XX"}'
expect 400 POST /api/v1/invites "$ADMIN" '{"territory":"GB","days":31}'
expect 201 POST /api/v1/invites "$ADMIN" '{"territory":"GB","days":2}'
TOKEN=$(jq -r .token <<<"$body")
eq "$(jq -c '[.territory, .admin, .expires_at, (.link | startswith("/#/invite/"))]' <<<"$body")" '["GB",false,"2022-03-22T12:00:00Z",true]' "an invitation for GB, two days"
[ "$(sql "SELECT COUNT(*) FROM invite WHERE token_hash = '$TOKEN'")" = 0 ] || fail "the token itself is stored"
checks=$((checks + 1))

# Accept: a weak password or a bad name first, then the account.
expect 400 POST /api/v1/invites/accept "" "{\"token\":\"$TOKEN\",\"name\":\"guest\",\"password\":\"short\"}"
expect 404 POST /api/v1/invites/accept "" '{"token":"not-a-real-invitation-token-at-all-xxxxxxxx","name":"guest","password":"long-enough-1"}'
contains "$body" "this invitation is unknown, used or expired" "an unknown invitation"
expect 409 POST /api/v1/invites/accept "" "{\"token\":\"$TOKEN\",\"name\":\"viewer\",\"password\":\"long-enough-1\"}"
contains "$body" "a user named 'viewer' already exists" "a taken name"
eq "$(sql "SELECT COUNT(*) FROM invite WHERE used_at IS NULL")" "1" "the invitation stays unused"
expect 201 POST /api/v1/invites/accept "" "{\"token\":\"$TOKEN\",\"name\":\"guest\",\"password\":\"long-enough-1\"}"
GT=$(jq -r .token <<<"$body")
expect 200 GET /api/v1/profiles "$GT"
eq "$(jq -c '[.items[].name]' <<<"$body")" '["guest"]' "signed in, with a first profile"
eq "$(sql "SELECT territory || ' ' || role FROM app_user WHERE name = 'guest'")" "GB viewer" "in the invitation's territory"
expect 404 POST /api/v1/invites/accept "" "{\"token\":\"$TOKEN\",\"name\":\"guest2\",\"password\":\"long-enough-1\"}"
contains "$body" "unknown, used or expired" "single use"
expect 200 GET /api/v1/invites "$ADMIN"
eq "$(jq -c '.items[0] | [.used_by, (.used_at != null)]' <<<"$body")" '["guest",true]' "listed as used, by whom"

# An admin invitation; a withdrawn one; an expired one.
expect 201 POST /api/v1/invites "$ADMIN" '{"territory":"US","admin":true}'
ADMIN_INVITE=$(jq -r .token <<<"$body")
expect 201 POST /api/v1/invites "$ADMIN" '{"territory":"FR"}'
WITHDRAWN_ID=$(jq -r .id <<<"$body") WITHDRAWN=$(jq -r .token <<<"$body")
expect 201 POST /api/v1/invites "$ADMIN" '{"territory":"DE","days":1}'
EXPIRING=$(jq -r .token <<<"$body")
expect 200 DELETE "/api/v1/invites/$WITHDRAWN_ID" "$ADMIN"
expect 404 POST /api/v1/invites/accept "" "{\"token\":\"$WITHDRAWN\",\"name\":\"late\",\"password\":\"long-enough-1\"}"
expect 201 POST /api/v1/invites/accept "" "{\"token\":\"$ADMIN_INVITE\",\"name\":\"second-admin\",\"password\":\"long-enough-2\"}"
expect 200 GET /api/v1/users "$(jq -r .token <<<"$body")"
serve_stop
serve_start --clock 2022-03-21T12:00:01Z
expect 404 POST /api/v1/invites/accept "" "{\"token\":\"$EXPIRING\",\"name\":\"tardy\",\"password\":\"long-enough-1\"}"
contains "$body" "unknown, used or expired" "expired after its day"
serve_stop
pass
