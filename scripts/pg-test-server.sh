#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks: initdb in a
# temporary directory, listening on 127.0.0.1 only, on a free port, with
# fsync off. Runs as the postgres user when invoked as root.
#
#   scripts/pg-test-server.sh start DIR   prints the URL and writes DIR/url
#   scripts/pg-test-server.sh stop DIR    stops the server, removes DIR
set -euo pipefail
cmd=${1:?usage: pg-test-server.sh start|stop DIR}
state=${2:?usage: pg-test-server.sh start|stop DIR}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "pg-test-server: PostgreSQL server binaries not found; run scripts/setup.sh" >&2; exit 1; }

as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

case "$cmd" in
start)
	if [ -f "$state/url" ] && as_owner "$bin/pg_ctl" -D "$state/data" status >/dev/null 2>&1; then
		cat "$state/url"
		exit 0
	fi
	rm -rf "$state"
	mkdir -p "$state"
	[ "$(id -u)" -eq 0 ] && chown postgres "$state"
	as_owner "$bin/initdb" -D "$state/data" -U binge --auth=trust -E UTF8 --locale=C.UTF-8 \
		--no-sync >"$state/initdb.log" 2>&1 || { cat "$state/initdb.log" >&2; exit 1; }
	for _ in $(seq 1 20); do
		port=$((20000 + RANDOM % 30000))
		if as_owner "$bin/pg_ctl" -D "$state/data" -l "$state/data/server.log" -w -t 30 \
			-o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$state/data' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
			start >/dev/null 2>&1; then
			url="postgres://binge@127.0.0.1:$port/binge"
			"$bin/psql" -qAt "postgres://binge@127.0.0.1:$port/postgres" -c "CREATE DATABASE binge" >/dev/null
			echo "$url" >"$state/url"
			echo "$url"
			exit 0
		fi
	done
	echo "pg-test-server: could not start PostgreSQL; see $state/data/server.log" >&2
	exit 1
	;;
stop)
	if [ -d "$state/data" ]; then
		as_owner "$bin/pg_ctl" -D "$state/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$state"
	;;
*)
	echo "usage: pg-test-server.sh start|stop DIR" >&2
	exit 2
	;;
esac
