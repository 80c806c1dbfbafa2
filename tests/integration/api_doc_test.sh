#!/usr/bin/env bash
# docs/api.md documents every route the server has (src/http/routes.c), and
# the server answers every documented route (not 404 for "no such endpoint").
. "$(dirname "$0")/lib.sh"
src="${BINGE_SOURCE_DIR:?}"
routes=$(sed -n 's/^[[:space:]]*{"\([A-Z]*\)", "\(\/api\/v1\/[^"]*\)".*/\1 \2/p' "$src/src/http/routes.c")
[ "$(wc -l <<<"$routes")" -ge 16 ] || fail "found too few routes in routes.c: $routes"
serve_start
while read -r method path; do
	doc_pattern=$(sed 's/{}/{[a-z]*}/g' <<<"$path")
	checks=$((checks + 1))
	grep -Eq "\`$method $doc_pattern(\\?|\`)" "$src/docs/api.md" || fail "docs/api.md lacks $method $path"
	api "$method" "$(sed 's/{}/1/g' <<<"$path")"
	checks=$((checks + 1))
	[ "$status" != 000 ] && ! grep -q "no such endpoint" <<<"$body" || fail "server lacks $method $path"
done <<<"$routes"
serve_stop
pass
