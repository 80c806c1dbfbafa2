#!/usr/bin/env bash
# Two `binge serve` processes over one PostgreSQL, as behind a load
# balancer: a token issued by one is honoured by the other, and a licence
# window changed through one applies at once on the other.
. "$(dirname "$0")/../lib.sh"
[ "$ENGINE" = postgres ] || fail "needs BINGE_TEST_ENGINE=postgres"
trap 'stop_all_servers; psql -qAt "$PG_BASE" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
demo_setup
JJ=$(sql "SELECT id FROM title WHERE name = 'Jessica Jones' AND kind = 'series'")

serve_start --clock 2022-03-20
A=$URL
A_PID=$SERVE_PID
serve_start --clock 2022-03-20
B=$URL

# Logged in through A, browsing through B.
URL=$A
VT=$(login viewer viewer-secret)
api GET /api/v1/profiles "$VT"
ADULT=$(select_profile "$VT" "$(jq -r '.items[] | select(.name == "Adult") | .id' <<<"$body")")
ADMIN=$(login admin admin-secret)
URL=$B
expect 200 GET "/api/v1/titles/$JJ" "$ADULT"

# The admin closes the US window through A; B refuses the title at once.
URL=$A
expect 200 PUT "/api/v1/titles/$JJ/availability" "$ADMIN" '{"windows":[{"platform":"Disney+","territories":["GB"],"from":"2022-03-16"}]}'
URL=$B
expect 451 GET "/api/v1/titles/$JJ" "$ADULT"
api GET /api/v1/titles "$ADULT"
eq "$(jq '.items | length' <<<"$body")" "0" "B lists nothing for the US"

# Logout through B revokes the login on A too: its profile token with it.
expect 200 POST /api/v1/logout "$VT"
URL=$A
expect 401 GET "/api/v1/titles/$JJ" "$ADULT"

# Concurrent admin writes through both servers: every title created once.
for i in $(seq 1 10); do
	(URL=$A; api POST /api/v1/titles "$ADMIN" "{\"kind\":\"film\",\"title\":\"A film $i\",\"credits\":[{\"role\":\"cast\",\"person\":\"Shared Actor\"}]}"; [ "$status" = 201 ] || echo "A $i: $status $body" >>"$WORK/errors") &
	(URL=$B; api POST /api/v1/titles "$ADMIN" "{\"kind\":\"film\",\"title\":\"B film $i\",\"credits\":[{\"role\":\"cast\",\"person\":\"Shared Actor\"}]}"; [ "$status" = 201 ] || echo "B $i: $status $body" >>"$WORK/errors") &
done
wait_jobs() { local j; for j in $(jobs -p); do case " $SERVE_PIDS " in *" $j "*) ;; *) wait "$j" || true ;; esac; done; }
wait_jobs
[ ! -s "$WORK/errors" ] || fail "concurrent writes failed: $(cat "$WORK/errors")"
eq "$(sql "SELECT COUNT(*) FROM title WHERE kind = 'film'")" "20" "20 films, none lost or doubled"
eq "$(sql "SELECT COUNT(*) FROM person WHERE name = 'Shared Actor'")" "1" "one shared person"

# Killing A leaves B serving.
kill -9 "$A_PID"
wait "$A_PID" 2>/dev/null || true
URL=$B
expect 200 GET /api/v1/health
expect 200 GET "/api/v1/titles?kind=film&limit=5" "$ADMIN"
eq "$(jq '.items | length' <<<"$body")" "5" "B still serves"
next=$(jq -r .next_cursor <<<"$body")
expect 200 GET "/api/v1/titles?kind=film&limit=50&cursor=$next" "$ADMIN"
eq "$(jq '.items | length' <<<"$body")" "15" "second page"
eq "$(jq -r .next_cursor <<<"$body")" "null" "last page"
pass
