#!/usr/bin/env bash
# Accounts managed by an admin over HTTP: list with activity, add (with a
# first profile), change the territory, disable and enable, reset a
# password (the next sign-in may only change it), delete with all its
# data. An admin cannot lock itself out. Runs on SQLite and on PostgreSQL.
. "$(dirname "$0")/lib.sh"
demo_setup
serve_start --clock 2022-03-20
ADMIN=$(login admin admin-secret)
demo_profiles

# The list: every account, with its sign-ins, profiles and streams now.
expect 200 GET /api/v1/users "$ADMIN"
eq "$(jq -c '[.items[] | .name]' <<<"$body")" '["admin","brit","french","viewer"]' "every account, by name"
eq "$(jq -c '.items[] | select(.name == "viewer") | [.admin, .territory, .disabled, .profiles, (.last_active != null)]' <<<"$body")" \
	'[false,"US",false,2,true]' "the viewer: two profiles, signed in"
expect 403 GET /api/v1/users "$VT"

# Add an account: a first profile comes with it.
expect 201 POST /api/v1/users "$ADMIN" '{"name":"newcomer","password":"first-password","territory":"GB"}'
NEW=$(jq -r .id <<<"$body")
eq "$(jq -c '[.name, .admin, .territory, .must_change_password]' <<<"$body")" '["newcomer",false,"GB",false]' "added"
NT=$(login newcomer first-password)
expect 200 GET /api/v1/profiles "$NT"
eq "$(jq -c '[.items[].name]' <<<"$body")" '["newcomer"]' "a first profile named after the account"
expect 409 POST /api/v1/users "$ADMIN" '{"name":"newcomer","password":"first-password","territory":"GB"}'
expect 400 POST /api/v1/users "$ADMIN" '{"name":"short","password":"seven77","territory":"GB"}'
contains "$body" "password: 8 to 1024 bytes" "a short password"
expect 400 POST /api/v1/users "$ADMIN" '{"name":"nowhere","password":"long-enough","territory":"XX"}'
expect 400 POST /api/v1/users "$ADMIN" '{"name":"a/b","password":"long-enough","territory":"US"}'

# Territory: what the account sees follows it.
expect 200 PATCH "/api/v1/users/$NEW" "$ADMIN" '{"territory":"FR"}'
eq "$(jq -r .territory <<<"$body")" "FR" "territory changed"

# Disable: its tokens stop, it cannot sign in; enable: it can again.
expect 200 PATCH "/api/v1/users/$NEW" "$ADMIN" '{"disabled":true}'
expect 401 GET /api/v1/profiles "$NT"
expect 403 POST /api/v1/login "" '{"username":"newcomer","password":"first-password"}'
contains "$body" "this account is disabled" "a disabled account is told so, with the right password"
expect 401 POST /api/v1/login "" '{"username":"newcomer","password":"wrong-password"}'
contains "$body" "wrong user name or password" "and nothing more without it"
expect 200 PATCH "/api/v1/users/$NEW" "$ADMIN" '{"disabled":false}'
NT=$(login newcomer first-password)

# Reset: every login ends; the next may only change the password.
expect 200 PATCH "/api/v1/users/$NEW" "$ADMIN" '{"password":"temporary-1"}'
eq "$(jq -r .must_change_password <<<"$body")" "true" "a reset asks for a change"
expect 401 GET /api/v1/profiles "$NT"
expect 200 POST /api/v1/login "" '{"username":"newcomer","password":"temporary-1"}'
eq "$(jq -r .must_change_password <<<"$body")" "true" "the sign-in says so"
NT=$(jq -r .token <<<"$body")
expect 403 GET /api/v1/profiles "$NT"
eq "$(jq -r .error.needs <<<"$body")" "password_change" "nothing else until then"
expect 200 POST /api/v1/account/password "$NT" '{"current":"temporary-1","new":"my-own-password"}'
NT=$(jq -r .token <<<"$body")
expect 200 GET /api/v1/profiles "$NT"
expect 200 GET /api/v1/users "$ADMIN"
eq "$(jq -r '.items[] | select(.name == "newcomer") | .must_change_password' <<<"$body")" "false" "changed"

# An admin cannot lock itself out.
ADMIN_ID=$(sql "SELECT id FROM app_user WHERE name = 'admin'")
expect 409 PATCH "/api/v1/users/$ADMIN_ID" "$ADMIN" '{"disabled":true}'
expect 409 PATCH "/api/v1/users/$ADMIN_ID" "$ADMIN" '{"admin":false}'
expect 409 DELETE "/api/v1/users/$ADMIN_ID" "$ADMIN"
expect 400 PATCH "/api/v1/users/$NEW" "$ADMIN" '{"role":"admin"}'
expect 404 PATCH "/api/v1/users/999999" "$ADMIN" '{"territory":"US"}'

# Promote, then delete: with its profiles, sessions and viewing.
expect 200 PATCH "/api/v1/users/$NEW" "$ADMIN" '{"admin":true}'
eq "$(jq -r .admin <<<"$body")" "true" "promoted"
api GET /api/v1/profiles "$NT"
P=$(select_profile "$NT" "$(jq -r '.items[0].id' <<<"$body")")
EP=$(sql "SELECT id FROM title WHERE kind = 'episode' LIMIT 1")
sql "INSERT INTO viewing_event (id, profile_id, title_id, kind, position_ms, device, at) SELECT 'x1', id, $EP, 'start', 0, 'web', '2022-03-20T00:00:00Z' FROM profile WHERE user_id = $NEW" >/dev/null
expect 200 DELETE "/api/v1/users/$NEW" "$ADMIN"
eq "$(sql "SELECT COUNT(*) FROM app_user WHERE id = $NEW")$(sql "SELECT COUNT(*) FROM profile WHERE user_id = $NEW")$(sql "SELECT COUNT(*) FROM auth_session WHERE user_id = $NEW")$(sql "SELECT COUNT(*) FROM viewing_event WHERE id = 'x1'")" \
	"0000" "deleted with its profiles, sessions and viewing events"
expect 401 GET /api/v1/home "$P"
expect 404 DELETE "/api/v1/users/$NEW" "$ADMIN"
serve_stop
pass
