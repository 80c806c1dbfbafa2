# lib.sh - shared helpers for integration tests that drive the built binary.
# Each test script sources this, gets a fresh $WORK directory, and calls
# `pass` at the end; any failed check exits non-zero with a message.
set -euo pipefail

: "${BINGE:?BINGE must point at the built binary}"
: "${BINGE_SEEDS:?BINGE_SEEDS must point at ../shared/seeds}"
SEED="$BINGE_SEEDS/000_f2570689c6d03885.txt"
DATA="${BINGE_TEST_DATA:-$(dirname "$0")/../data}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/binge-it-XXXXXX")
checks=0

# The engine comes from BINGE_TEST_ENGINE: sqlite (a file in $WORK) or
# postgres (a fresh database on the server in $BINGE_TEST_PG_URL_FILE).
ENGINE=${BINGE_TEST_ENGINE:-sqlite}
if [ "$ENGINE" = postgres ]; then
	PG_BASE=$(cat "${BINGE_TEST_PG_URL_FILE:?}")
	PG_DB="binge_it_$$_$RANDOM"
	psql -qAt "$PG_BASE" -c "CREATE DATABASE $PG_DB" >/dev/null
	export BINGE_DB="${PG_BASE%/*}/$PG_DB"
	trap 'psql -qAt "$PG_BASE" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
else
	export BINGE_DB="$WORK/binge.db"
	trap 'rm -rf "$WORK"' EXIT
fi

# sql QUERY [TARGET]: runs QUERY on the test database, rows as a|b lines.
sql() {
	local target=${2:-$BINGE_DB}
	case "$target" in
	postgres://* | postgresql://*) psql -qAt -v ON_ERROR_STOP=1 "$target" -c "$1" ;;
	*) sqlite3 -batch "$target" "$1" ;;
	esac
}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# eq ACTUAL EXPECTED WHAT
eq() {
	checks=$((checks + 1))
	[ "$1" == "$2" ] || fail "$3: expected '$2', got '$1'"
}

# contains HAYSTACK NEEDLE WHAT
contains() {
	checks=$((checks + 1))
	[[ "$1" == *"$2"* ]] || fail "$3: '$2' not in: $1"
}

# run EXPECTED_EXIT CMD... : runs CMD, keeps stdout in $out, stderr in $err.
run() {
	local want=$1
	shift
	set +e
	"$@" >"$WORK/stdout" 2>"$WORK/stderr"
	local got=$?
	set -e
	out=$(cat "$WORK/stdout")
	err=$(cat "$WORK/stderr")
	checks=$((checks + 1))
	[ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want; stderr: $err"
}

# Every catalogue row in a fixed order, to compare database states.
dbdump() {
	local q
	for q in \
		"SELECT id, kind, parent_id, number, name, name_folded, source_key, synopsis, first_aired, status, status_date, runtime_min, runtime_max, rating_system, rating_value, episode_count FROM title ORDER BY id" \
		"SELECT title_id, kind, ord, value FROM title_tag ORDER BY 1, 2, 3" \
		"SELECT id, name, name_folded FROM person ORDER BY id" \
		"SELECT title_id, role, person_id, ord, character_name, character_folded, description FROM credit ORDER BY 1, 2, 3" \
		"SELECT id, kind, name FROM organisation ORDER BY id" \
		"SELECT title_id, organisation_id, ord FROM title_organisation ORDER BY 1, 2" \
		"SELECT title_id, ord, name FROM title_related ORDER BY 1, 2" \
		"SELECT title_id, ord, attr_key, attr_value FROM title_extra ORDER BY 1, 2" \
		"SELECT title_id, ord, level, heading, body FROM title_section ORDER BY 1, 2" \
		"SELECT version, name FROM binge_schema ORDER BY 1"; do
		sql "$q" "${1:-$BINGE_DB}"
		echo "--"
	done
}

pass() {
	echo "$(basename "$0"): $checks checks passed"
}
