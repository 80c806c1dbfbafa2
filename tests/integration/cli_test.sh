#!/usr/bin/env bash
# The CLI contract: help, version, exit codes for usage errors.
. "$(dirname "$0")/lib.sh"

# Help, options and usage errors are settled before a database is opened:
# checked once, on SQLite (on PostgreSQL they ran the same 150 processes
# again, proving nothing more).
if [ "$ENGINE" = sqlite ]; then
run 0 "$BINGE" --help
contains "$out" "usage: binge COMMAND" "binge --help"
help=$out
for cmd in import titles show search migrate serve user profile rating avail release; do
	contains "$help" "  $cmd " "binge --help lists $cmd"
	run 0 "$BINGE" "$cmd" --help
	contains "$out" "usage: binge $cmd" "binge $cmd --help"
	contains "$out" "--json" "binge $cmd --help documents --json"
done
# Every option a command's --help lists is one it accepts: all of them at
# once, each given a value, then --help (the parser reads every argument
# before --help takes effect, and stops with exit 2 naming the first
# option it does not know). One process per command, not one per option.
commands=$(sed -n 's/^  \([a-z]*\) .*/\1/p' <<<"$help" | sort -u)
for cmd in $commands; do
	"$BINGE" "$cmd" --help >"$WORK/help" 2>&1 || true
	# The option list: lines that start with an option, indented.
	listed=()
	for opt in $(sed -n 's/^ *\(--[a-z][a-z0-9-]*\).*/\1/p' "$WORK/help" | sort -u); do
		[ "$opt" = --help ] || listed+=("$opt" x)
	done
	run 0 "$BINGE" "$cmd" "${listed[@]}" --help
done
# ... and an option it does not list is refused that way, even among
# listed ones and before --help.
run 2 "$BINGE" titles --kind x --no-such-option x --json x --help
contains "$err" "unknown option '--no-such-option'" "an unlisted option among listed ones"
run 0 "$BINGE" --version
contains "$out" "binge " "binge --version"

run 2 "$BINGE"
run 2 "$BINGE" frobnicate
contains "$err" "'frobnicate' is not a binge command" "unknown command"
run 2 "$BINGE" titles --bogus
contains "$err" "unknown option '--bogus'" "unknown option"
run 2 "$BINGE" titles --kind opera
contains "$err" "--kind wants" "bad --kind"
run 2 "$BINGE" show
run 2 "$BINGE" show a b
run 2 "$BINGE" import
run 2 "$BINGE" import wiki
run 2 "$BINGE" import csv "$SEED"
contains "$err" "unknown source 'csv'" "unknown import source"
run 2 "$BINGE" search
run 2 "$BINGE" search "..."
contains "$err" "no letters or digits" "empty search"
run 2 "$BINGE" search x --limit 0
run 2 "$BINGE" serve --listen nowhere
run 2 "$BINGE" serve --clock yesterday
run 2 "$BINGE" user add someone
contains "$err" "--territory" "user add needs a territory"
run 2 "$BINGE" user add someone --territory XX <<<pw
run 2 "$BINGE" profile add someone kid --kids --ceiling TV-MA
contains "$err" "at most 13+" "kids ceiling"
run 2 "$BINGE" profile add someone kid --pin <<<12345
contains "$err" "exactly 4 digits" "PIN length"
run 2 "$BINGE" avail add X --platform P --territories XX --from 2022-01-01
contains "$err" "'XX' is not an ISO 3166-1" "bad territory"
run 2 "$BINGE" avail add X --platform P --territories US --from 2022-02-30
run 2 "$BINGE" release set X --season 1
run 2 "$BINGE" release set X --season 1 --weekly 2022-01-01 --all-at-once 2022-01-01
fi

# An account has at most 5 profiles; names are unique per account.
run 0 "$BINGE" user add family --territory IE <<<"family-password"
for p in One Two Three Four Five; do run 0 "$BINGE" profile add family "$p"; done
run 1 "$BINGE" profile add family Six
contains "$err" "at most 5 profiles" "sixth profile refused"
run 1 "$BINGE" user add family --territory IE <<<"x"
contains "$err" "already exists" "user name taken"
run 0 "$BINGE" profile list family --json
eq "$(jq -c '[.items[].name]' <<<"$out")" '["One","Two","Three","Four","Five"]' "five profiles"
# Stored as an argon2id hash, never in clear.
hash=$(sql "SELECT password_hash FROM app_user WHERE name = 'family'")
contains "$hash" '$argon2id$' "argon2id hash"
[[ "$hash" != *family-password* ]] || fail "password stored in clear"
# Unless told otherwise, at libsodium's interactive cost (64 MiB, 2 passes);
# an unknown cost is refused, naming it, before anything is written.
run 0 env -u BINGE_PASSWORD_COST "$BINGE" user add dana --territory IE <<<"dana-password"
contains "$(sql "SELECT password_hash FROM app_user WHERE name = 'dana'")" '$m=65536,t=2,p=1$' "interactive cost by default"
run 1 env BINGE_PASSWORD_COST=fast "$BINGE" user add erin --territory IE <<<"erin-password"
contains "$err" "BINGE_PASSWORD_COST: unknown cost 'fast'" "an unknown cost named"
eq "$(sql "SELECT count(*) FROM app_user WHERE name = 'erin'")" 0 "no user added with an unknown cost"

# Runtime errors exit 1, and --json puts the error object on stdout.
run 1 "$BINGE" show "No Such Title" --json
eq "$(jq -r .error.code <<<"$out")" "not_found" "JSON error code"
contains "$(jq -r .error.message <<<"$out")" "No Such Title" "JSON error message"
contains "$err" "binge: error:" "error on stderr"
pass
