#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks: initdb in a
# temporary directory, listening on 127.0.0.1 only, on a free port, with
# fsync off. Runs as the postgres user when invoked as root; the cluster
# then lives under /tmp, so it works wherever the checkout is (the postgres
# user may not be able to enter a root-only home directory).
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

# DIR/cluster names the directory holding the cluster (data/ inside it).
cluster_of() { cat "$state/cluster" 2>/dev/null || true; }

case "$cmd" in
start)
	cluster=$(cluster_of)
	if [ -f "$state/url" ] && [ -n "$cluster" ] &&
		as_owner "$bin/pg_ctl" -D "$cluster/data" status >/dev/null 2>&1; then
		cat "$state/url"
		exit 0
	fi
	[ -n "$cluster" ] && rm -rf "$cluster"
	rm -rf "$state"
	mkdir -p "$state"
	cluster=$(mktemp -d /tmp/binge-pg-XXXXXX)
	chmod 755 "$cluster"
	echo "$cluster" >"$state/cluster"
	[ "$(id -u)" -eq 0 ] && chown postgres "$cluster"
	as_owner "$bin/initdb" -D "$cluster/data" -U binge --auth=trust -E UTF8 --locale=C.UTF-8 \
		--no-sync >"$state/initdb.log" 2>&1 || { cat "$state/initdb.log" >&2; exit 1; }
	for _ in $(seq 1 20); do
		port=$((20000 + RANDOM % 30000))
		if as_owner "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/data/server.log" -w -t 30 \
			-o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$cluster/data' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
			start >/dev/null 2>&1; then
			url="postgres://binge@127.0.0.1:$port/binge"
			"$bin/psql" -qAt "postgres://binge@127.0.0.1:$port/postgres" -c "CREATE DATABASE binge" >/dev/null
			echo "$url" >"$state/url"
			echo "$url"
			exit 0
		fi
	done
	echo "pg-test-server: could not start PostgreSQL; see $cluster/data/server.log" >&2
	exit 1
	;;
stop)
	cluster=$(cluster_of)
	if [ -n "$cluster" ] && [ -d "$cluster/data" ]; then
		as_owner "$bin/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	[ -n "$cluster" ] && rm -rf "$cluster"
	rm -rf "$state"
	;;
*)
	echo "usage: pg-test-server.sh start|stop DIR" >&2
	exit 2
	;;
esac
