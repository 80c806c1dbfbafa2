# bench/lib.sh - what the HTTP benchmarks share: a scratch directory, a
# binge server on a free loopback port, a viewer's profile token, and an
# nginx on loopback. Sourced after `set -euo pipefail`; sets $work.
work=$(mktemp -d)
chmod 755 "$work" # nginx workers and PostgreSQL may run as other users
export BINGE_DB="$work/bench.db"
bench_cleanup() {
	[ -n "${binge_pid:-}" ] && kill -TERM "$binge_pid" 2>/dev/null
	[ -f "$work/nginx.pid" ] && kill -QUIT "$(cat "$work/nginx.pid")" 2>/dev/null
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap bench_cleanup EXIT

# bench_sql QUERY: runs QUERY on $BINGE_DB (SQLite file or PostgreSQL URL).
bench_sql() {
	case "$BINGE_DB" in
	postgres://* | postgresql://*) psql -qAt "$BINGE_DB" -c "$1" ;;
	*) sqlite3 "$BINGE_DB" "$1" ;;
	esac
}

# bench_serve BINGE [ARGS...]: starts binge serve (ARGS added to its
# options); sets binge_pid and url.
bench_serve() {
	"$1" serve --listen 127.0.0.1:0 --quiet --threads 4 "${@:2}" >"$work/serve.out" 2>"$work/serve.err" &
	binge_pid=$!
	url=""
	for _ in $(seq 1 100); do
		url=$(sed -n 's/^binge: listening on //p' "$work/serve.out" 2>/dev/null)
		[ -n "$url" ] && return 0
		sleep 0.05
	done
	cat "$work/serve.err" >&2
	exit 1
}

# bench_catalogue BINGE: the demo catalogue (the article, its rating, a US
# window) and the viewer below.
bench_catalogue() {
	"$1" import wiki "$root"/../shared/seeds/*.txt >/dev/null
	bench_viewer "$1"
	"$1" rating set "Jessica Jones" TV-MA >/dev/null
	"$1" avail add "Jessica Jones" --platform Disney+ --territories US --from 2022-03-16 >/dev/null
}

# bench_viewer BINGE: adds user "bench" (US) with profile Adult; after
# bench_serve, bench_auth sets $auth to its profile token's header.
bench_viewer() {
	"$1" user add bench --territory US <<<"bench-password" >/dev/null
	"$1" profile add bench Adult >/dev/null
}
bench_auth() {
	local token profile
	token=$(curl -s -d '{"username":"bench","password":"bench-password"}' "$url/api/v1/login" | jq -r .token)
	profile=$(curl -s -X POST -H "Authorization: Bearer $token" "$url/api/v1/profiles/1/select" | jq -r .token)
	auth="Authorization: Bearer $profile"
}

# bench_nginx SERVER_BLOCK_BODY: starts nginx on a free port; sets nginx_url.
bench_nginx() {
	local port=$((20000 + RANDOM % 20000))
	cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    default_type application/json;
    server {
        listen 127.0.0.1:$port;
        $1
    }
}
CONF
	nginx -c "$work/nginx.conf" -p "$work"
	nginx_url="http://127.0.0.1:$port"
	sleep 0.3
}
