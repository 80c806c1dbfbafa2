#!/usr/bin/env bash
# docs/api.md documents every route the server has (src/http/routes.c), and
# the server answers every documented route (not 404 for "no such endpoint").
. "$(dirname "$0")/lib.sh"
src="${BINGE_SOURCE_DIR:?}"
routes=$(sed -n 's/^[[:space:]]*{"\([A-Z]*\)", "\(\/api\/v1\/[^"]*\)".*/\1 \2/p' "$src/src/http/routes.c")
[ "$(wc -l <<<"$routes")" -ge 16 ] || fail "found too few routes in routes.c: $routes"
serve_start
# Without --quiet, one log line per request: time, method, path, status.
"$BINGE" serve --listen 127.0.0.1:0 --url-key "$WORK/url.key" >"$WORK/logged.out" 2>"$WORK/logged.err" &
logged=$!
for _ in $(seq 1 100); do grep -q listening "$WORK/logged.out" 2>/dev/null && break; sleep 0.05; done
BASE=$(sed -n 's/^binge: listening on //p' "$WORK/logged.out") api GET /api/v1/health
BASE=$(sed -n 's/^binge: listening on //p' "$WORK/logged.out") api GET /api/v1/titles
kill -TERM "$logged"
wait "$logged" || fail "serve did not exit cleanly on SIGTERM"
grep -Eq '^[0-9-]+T[0-9:]+Z GET /api/v1/health 200 ' "$WORK/logged.err" || fail "no log line for health: $(cat "$WORK/logged.err")"
grep -Eq '^[0-9-]+T[0-9:]+Z GET /api/v1/titles 401 ' "$WORK/logged.err" || fail "no log line for a 401"
grep -q "SIGTERM received" "$WORK/logged.err" || fail "no shutdown message"
checks=$((checks + 3))
while read -r method path; do
	doc_pattern=$(sed 's/{}/{[a-z_]*}/g' <<<"$path")
	checks=$((checks + 1))
	grep -Eq "\`$method $doc_pattern(\\?|\`)" "$src/docs/api.md" || fail "docs/api.md lacks $method $path"
	api "$method" "$(sed 's/{}/1/g' <<<"$path")"
	checks=$((checks + 1))
	[ "$status" != 000 ] && ! grep -q "no such endpoint" <<<"$body" || fail "server lacks $method $path"
done <<<"$routes"
serve_stop
pass
