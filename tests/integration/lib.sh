# lib.sh - shared helpers for integration tests that drive the built binary.
# Each test script sources this, gets a fresh $WORK directory, and calls
# `pass` at the end; any failed check exits non-zero with a message.
set -euo pipefail

: "${BINGE:?BINGE must point at the built binary}"
: "${BINGE_SEEDS:?BINGE_SEEDS must point at ../shared/seeds}"
SEED="$BINGE_SEEDS/000_f2570689c6d03885.txt"
DATA="${BINGE_TEST_DATA:-$(dirname "$0")/../data}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/binge-it-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export BINGE_DB="$WORK/binge.db"
checks=0

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

# A textual dump of the whole database, to compare states.
dbdump() {
	sqlite3 "${1:-$BINGE_DB}" .dump
}

pass() {
	echo "$(basename "$0"): $checks checks passed"
}
