#!/usr/bin/env bash
# fixture_demo.sh OUT: builds the demo database (lib.sh demo_build) once for
# the tests that call demo_setup. SQLite: a self-contained file at OUT (no
# WAL beside it). PostgreSQL: a database named OUT on the test server,
# copied by CREATE DATABASE ... TEMPLATE.
fixture=${1:?usage: fixture_demo.sh FILE|DBNAME}
. "$(dirname "$0")/lib.sh"
demo_build
if [ "$ENGINE" = postgres ]; then
	psql -qAt "$PG_BASE" -c "DROP DATABASE IF EXISTS $fixture" -c "CREATE DATABASE $fixture TEMPLATE $PG_DB" >/dev/null
else
	rm -f "$fixture"
	sql "VACUUM INTO '$fixture'"
fi
pass
