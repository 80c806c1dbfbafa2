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
# Previews made ahead go with the test, whatever the engine.
export BINGE_TRICKPLAY="$WORK/trickplay"
export BINGE_STILLS="$WORK/stills"

# A test that fails stops the servers it started too (stop_all_servers).
# The engine comes from BINGE_TEST_ENGINE: sqlite (a file in $WORK) or
# postgres (a fresh database on the server in $BINGE_TEST_PG_URL_FILE).
ENGINE=${BINGE_TEST_ENGINE:-sqlite}
if [ "$ENGINE" = postgres ]; then
	# psql itself, not Debian's Perl wrapper in /usr/bin: 14 ms a call, not 58.
	PATH="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1):$PATH"
	PG_BASE=$(cat "${BINGE_TEST_PG_URL_FILE:?}")
	PG_DB="binge_it_$$_$RANDOM"
	psql -qAt "$PG_BASE" -c "CREATE DATABASE $PG_DB" >/dev/null
	export BINGE_DB="${PG_BASE%/*}/$PG_DB"
	trap 'stop_all_servers; psql -qAt "$PG_BASE" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
else
	export BINGE_DB="$WORK/binge.db"
	trap 'stop_all_servers; rm -rf "$WORK"' EXIT
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

# slurp VAR FILE: the file's text in VAR without its trailing newlines, as
# VAR=$(cat FILE) would give, but with no fork (tests read thousands).
slurp() {
	IFS= read -r -d '' "$1" <"$2" || true
	while [[ ${!1} == *$'\n' ]]; do printf -v "$1" '%s' "${!1%$'\n'}"; done
}

# run EXPECTED_EXIT CMD... : runs CMD, keeps stdout in $out, stderr in $err.
run() {
	local want=$1
	shift
	set +e
	if [ -n "${BINGE_TEST_TRACE:-}" ]; then
		local t0=$EPOCHREALTIME
		"$@" >"$WORK/stdout" 2>"$WORK/stderr"
		local got=$?
		echo "trace $(bc <<<"$EPOCHREALTIME - $t0") ${*:2:3}" >>"$BINGE_TEST_TRACE"
	else
		"$@" >"$WORK/stdout" 2>"$WORK/stderr"
		local got=$?
	fi
	set -e
	slurp out "$WORK/stdout"
	slurp err "$WORK/stderr"
	checks=$((checks + 1))
	[ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want; stderr: $err"
}

# Every catalogue row in a fixed order, to compare database states: one
# sqlite3 or psql process for all the queries, each followed by a "--" line.
dbdump() {
	local target=${1:-$BINGE_DB} q
	local queries=(
		"SELECT id, kind, parent_id, number, name, name_folded, source_key, synopsis, first_aired, status, status_date, runtime_min, runtime_max, rating_system, rating_value, episode_count FROM title ORDER BY id"
		"SELECT title_id, kind, ord, value FROM title_tag ORDER BY 1, 2, 3"
		"SELECT id, name, name_folded FROM person ORDER BY id"
		"SELECT title_id, role, person_id, ord, character_name, character_folded, description FROM credit ORDER BY 1, 2, 3"
		"SELECT id, kind, name FROM organisation ORDER BY id"
		"SELECT title_id, organisation_id, ord FROM title_organisation ORDER BY 1, 2"
		"SELECT title_id, ord, name FROM title_related ORDER BY 1, 2"
		"SELECT title_id, ord, attr_key, attr_value FROM title_extra ORDER BY 1, 2"
		"SELECT title_id, ord, level, heading, body FROM title_section ORDER BY 1, 2"
		"SELECT version, name FROM binge_schema ORDER BY 1"
		"SELECT id, title_id, platform, worldwide, starts_at, ends_at FROM licence_window ORDER BY id"
		"SELECT window_id, territory FROM licence_territory ORDER BY 1, 2"
		"SELECT id, name, password_hash, role, territory FROM app_user ORDER BY id"
		"SELECT id, user_id, name, ceiling, kids, pin_hash FROM profile ORDER BY id"
		"SELECT token_hash, user_id, profile_id, expires_at, revoked FROM auth_session ORDER BY 1"
		"SELECT id, top_id, maturity_level, release_at, release_mode FROM title ORDER BY id"
	)
	case "$target" in
	postgres://* | postgresql://*)
		local args=()
		for q in "${queries[@]}"; do args+=(-c "$q" -c "SELECT '--'"); done
		psql -qAt -v ON_ERROR_STOP=1 "$target" "${args[@]}"
		;;
	*)
		local script=""
		for q in "${queries[@]}"; do script+="$q; SELECT '--';"$'\n'; done
		sqlite3 -batch "$target" "$script"
		;;
	esac
}

# pass: the closing line, with the CPU the test and what it waited for
# used (bash's `times`, second line: children), to find the costly tests.
pass() {
	local user sys
	times >"$WORK/times"
	{ read -r _; read -r user sys; } <"$WORK/times"
	echo "$(basename "$0"): $checks checks passed (CPU: $user user, $sys system)"
}

# hdr10_mkv FILE [SECONDS]: HEVC Main 10 with HDR10 signalling and AC3 5.1
# in Matroska, 640x480 (default 8 s): a file no browser plays as it is.
hdr10_mkv() {
	ffmpeg -v error -f lavfi -i "testsrc2=size=640x480:rate=24:duration=${2:-8}" -f lavfi -i "sine=duration=${2:-8}" \
		-c:v libx265 -preset ultrafast -pix_fmt yuv420p10le \
		-x265-params "log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc:hdr10=1:keyint=48:min-keyint=24" \
		-color_primaries bt2020 -color_trc smpte2084 -colorspace bt2020nc -c:a ac3 -ac 6 "$1"
}

# --- the HTTP service -------------------------------------------------------

# serve_start [ARGS...]: starts `binge serve` on a free port in the
# background; sets URL and SERVE_PID. Extra args go to binge serve.
serve_start() {
	local log="$WORK/serve.$RANDOM"
	: >"$log.out" # exists before the background child opens it
	"$BINGE" serve --listen 127.0.0.1:0 --quiet --url-key "$WORK/url.key" \
		--stream-cache "$WORK/streams" "$@" >"$log.out" 2>"$log.err" &
	SERVE_PID=$!
	SERVE_PIDS="${SERVE_PIDS:-} $SERVE_PID"
	local i
	local line
	for i in $(seq 1 200); do
		while IFS= read -r line; do
			[[ $line == "binge: listening on "* ]] && URL=${line#binge: listening on } && return 0
		done <"$log.out"
		kill -0 "$SERVE_PID" 2>/dev/null || fail "binge serve died: $(cat "$log.err")"
		sleep 0.05
	done
	fail "binge serve did not start: $(cat "$log.err")"
}

# serve_stop [PID]: SIGTERM, and wait for a clean exit.
serve_stop() {
	local pid=${1:-$SERVE_PID}
	kill -TERM "$pid" 2>/dev/null || return 0
	wait "$pid" 2>/dev/null || fail "binge serve exited non-zero after SIGTERM: $(tail -n 40 "$WORK"/serve.*.err 2>/dev/null)"
}

stop_all_servers() {
	local p
	for p in ${SERVE_PIDS:-}; do kill -TERM "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
}

# api METHOD PATH [TOKEN] [BODY]: sets $status and $body. Safe to run in
# concurrent subshells: each shell ($BASHPID) has its own request and
# response files. Only curl is forked: tests make thousands of calls.
api() {
	local method=$1 path=$2 token=${3:-} data=${4:-}
	local out="$WORK/response.$BASHPID" req="$WORK/request.$BASHPID"
	local args=(-s -o "$out" -w '%{http_code}' -X "$method")
	[ "$method" = HEAD ] && args=(-s -o "$out" -w '%{http_code}' -I) # no body to wait for
	[ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
	if [ -n "$data" ]; then
		# Through a file: one argument may hold at most 128 KiB.
		printf '%s' "$data" >"$req"
		args+=(-H 'Content-Type: application/json' --data-binary "@$req")
	fi
	: >"$out"
	status=$(curl "${args[@]}" "${BASE:-$URL}$path") || status="000 (no answer: did the server crash?)"
	slurp body "$out"
}

# Many requests through one curl process, in order, on one connection:
#   batch_begin; batch_add METHOD PATH [TOKEN] [BODY] ...; batch_run
# then ${batch_status[i]} and ${batch_body[i]} for the i-th request (from 0).
# What api() does per request, for tests that make hundreds of them.
batch_begin() {
	batch_dir="$WORK/batch.$BASHPID"
	rm -rf "$batch_dir"
	mkdir -p "$batch_dir"
	batch_count=0
	: >"$batch_dir/config"
}

batch_add() {
	local method=$1 path=$2 token=${3:-} data=${4:-} n=$batch_count
	{
		[ "$n" -gt 0 ] && echo next
		echo silent
		echo "url = \"${BASE:-$URL}$path\""
		if [ "$method" = HEAD ]; then echo head; else echo "request = \"$method\""; fi
		[ -n "$token" ] && echo "header = \"Authorization: Bearer $token\""
		if [ -n "$data" ]; then
			printf '%s' "$data" >"$batch_dir/request.$n"
			echo 'header = "Content-Type: application/json"'
			echo "data-binary = \"@$batch_dir/request.$n\""
		fi
		echo "output = \"$batch_dir/response.$n\""
		echo 'write-out = "%{http_code}\n"'
	} >>"$batch_dir/config"
	batch_count=$((n + 1))
}

batch_run() {
	local i codes
	codes=$(curl -K "$batch_dir/config") || true
	mapfile -t batch_status <<<"$codes"
	batch_body=()
	for ((i = 0; i < batch_count; i++)); do
		[ -n "${batch_status[i]:-}" ] || batch_status[i]="000 (no answer: did the server crash?)"
		local one=""
		[ -f "$batch_dir/response.$i" ] && slurp one "$batch_dir/response.$i"
		batch_body[i]=$one
	done
}

# expect STATUS METHOD PATH [TOKEN] [BODY]: api, then check the status.
expect() {
	local want=$1
	shift
	api "$@"
	checks=$((checks + 1))
	[ "$status" = "$want" ] || fail "$1 $2: expected $want, got $status: $body"
}

# demo_profiles: signs the demo's viewer in; sets VT (the account token),
# ADULT and KIDS (its profiles' tokens, the kids one through its PIN).
demo_profiles() {
	VT=$(login viewer viewer-secret)
	api GET /api/v1/profiles "$VT"
	local adult_id kids_id
	{ read -r adult_id; read -r kids_id; } < <(jq -r '(.items[] | select(.name == "Adult") | .id),
		(.items[] | select(.name == "Kids") | .id)' <<<"$body")
	ADULT=$(select_profile "$VT" "$adult_id")
	KIDS=$(select_profile "$VT" "$kids_id" 4321)
}

# token_of JSON: the "token" member of a sign-in's answer, without a jq
# process (22 ms each; every test signs in many times).
token_of() {
	[[ $1 =~ \"token\":\"([^\"]+)\" ]] || fail "no token in: $1"
	printf '%s\n' "${BASH_REMATCH[1]}"
}

# login USER PASSWORD: prints an account token.
login() {
	api POST /api/v1/login "" "{\"username\":\"$1\",\"password\":\"$2\"}"
	[ "$status" = 200 ] || fail "login $1: $status $body"
	token_of "$body"
}

# select_profile ACCOUNT_TOKEN PROFILE_ID [PIN]: prints a profile token.
select_profile() {
	local data=""
	[ -n "${3:-}" ] && data="{\"pin\":\"$3\"}"
	api POST "/api/v1/profiles/$2/select" "$1" "$data"
	[ "$status" = 200 ] || fail "select profile $2: $status $body"
	token_of "$body"
}

# The article's catalogue with its licence story, an admin and a viewer:
# what demo_setup gives every test that calls it.
demo_build() {
	run 0 "$BINGE" import wiki "$SEED"
	run 0 "$BINGE" user add admin --territory US --admin <<<"admin-secret"
	run 0 "$BINGE" user add viewer --territory US <<<"viewer-secret"
	run 0 "$BINGE" user add brit --territory GB <<<"viewer-secret"
	run 0 "$BINGE" user add french --territory FR <<<"viewer-secret"
	run 0 "$BINGE" profile add viewer Adult
	run 0 "$BINGE" profile add viewer Kids --kids --ceiling TV-14 --pin <<<4321
	run 0 "$BINGE" profile add brit Adult
	run 0 "$BINGE" profile add french Adult
	run 0 "$BINGE" rating set "Jessica Jones" TV-MA
	run 0 "$BINGE" avail add "Jessica Jones" --platform Netflix --territories worldwide --from 2015-11-20 --until 2022-03-01
	run 0 "$BINGE" avail add "Jessica Jones" --platform Disney+ --territories US,CA,GB,IE,AU,NZ --from 2022-03-16
	run 0 "$BINGE" avail add "Jessica Jones" --platform Disney+ --territories FR,DE,JP --from 2022-12-31
	run 0 "$BINGE" release set "Jessica Jones" --season 1 --all-at-once 2015-11-20
	run 0 "$BINGE" release set "Jessica Jones" --season 2 --all-at-once 2018-03-08
	run 0 "$BINGE" release set "Jessica Jones" --season 3 --all-at-once 2019-06-14
}

# demo_setup: the demo database in this test's database. ctest builds it once
# per engine (tests/integration/fixture_demo.sh) and each test starts from a
# copy: a file copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL.
# Without the fixture (a script run by hand) it is built in place.
demo_setup() {
	local fixture=${BINGE_TEST_DEMO:-}
	if [ -z "$fixture" ]; then
		demo_build
	elif [ "$ENGINE" = postgres ]; then
		psql -qAt "$PG_BASE" -c "DROP DATABASE $PG_DB" -c "CREATE DATABASE $PG_DB TEMPLATE $fixture" >/dev/null ||
			fail "cannot copy the demo database $fixture"
	else
		cp "$fixture" "$BINGE_DB" || fail "cannot copy the demo database $fixture"
	fi
}
