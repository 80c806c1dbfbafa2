#!/usr/bin/env bash
# The configuration file: a command's [section] sets its options, db at the
# top; flags, then environment variables, win over it; an unknown key or a
# malformed line is an error that names it.
. "$(dirname "$0")/lib.sh"
demo_setup
conf="$WORK/binge.conf"
token=metrics-token-from-the-file-1234
cat >"$conf" <<CONF
# binge.conf
db = $BINGE_DB

[serve]
metrics-token = "$token"
threads = 2

[scan]
trickplay = no
CONF
# serve reads --config: /metrics answers to the file's token.
unset BINGE_METRICS_TOKEN
serve_start --config "$conf" --clock 2022-03-20
expect 200 GET /metrics "$token"
serve_stop
# The flag wins over the file; the environment too.
serve_start --config "$conf" --metrics-token another-token-from-a-flag-56
expect 401 GET /metrics "$token"
expect 200 GET /metrics another-token-from-a-flag-56
serve_stop
BINGE_METRICS_TOKEN=yet-another-token-from-env-7890 serve_start --config "$conf"
expect 401 GET /metrics "$token"
expect 200 GET /metrics yet-another-token-from-env-7890
serve_stop
# db at the top: used when neither --db nor $BINGE_DB says otherwise.
run 0 env -u BINGE_DB "$BINGE" titles --config "$conf" --json
contains "$out" "Jessica Jones" "db from the file"
run 1 env BINGE_DB="$WORK/other.db" "$BINGE" titles --config "$conf"
contains "$err" "no database at '$WORK/other.db'" "BINGE_DB wins over the file"
run 1 "$BINGE" titles --config "$conf" --db "$WORK/flag.db"
contains "$err" "no database at '$WORK/flag.db'" "--db wins over both"
# Errors name the key or the line; a named file must exist.
printf '[serve]\nthreads = 2\ncolour = red\n' >"$WORK/bad.conf"
run 2 "$BINGE" serve --config "$WORK/bad.conf"
contains "$err" "configuration line 3: 'colour' is not an option of binge serve" "an unknown key named"
printf 'listen = 127.0.0.1:9\n' >"$WORK/top.conf"
run 2 "$BINGE" serve --config "$WORK/top.conf"
contains "$err" "configuration line 1: 'listen' at the top of the file" "only db at the top"
printf '[serve]\nthis is not a setting\n' >"$WORK/garbled.conf"
run 2 "$BINGE" serve --config "$WORK/garbled.conf"
contains "$err" "line 2: expected '[section]' or 'key = value'" "a malformed line named"
run 2 "$BINGE" titles --config "$WORK/missing.conf"
contains "$err" "cannot read the configuration file" "a named file that is missing"
run 2 env BINGE_CONFIG="$WORK/missing.conf" "$BINGE" titles
contains "$err" "cannot read the configuration file" "BINGE_CONFIG that is missing"
pass
