#!/usr/bin/env bash
# Several binge processes over one PostgreSQL: what one writes the other
# reads; concurrent writers lose nothing and duplicate nothing; killing one
# mid-write leaves the other working and the database consistent.
. "$(dirname "$0")/../lib.sh"
[ "$ENGINE" = postgres ] || fail "needs BINGE_TEST_ENGINE=postgres"
gen="$BINGE_SOURCE_DIR/tests/integration/gen_articles.sh"

# Six processes open the fresh database at once: each would run the
# migrations; one does, the others wait for it and find the schema current.
for i in 1 2 3 4 5 6; do
	"$BINGE" titles --json >"$WORK/open$i.out" 2>"$WORK/open$i.err" &
	eval "open$i=\$!"
done
for i in 1 2 3 4 5 6; do
	eval "wait \$open$i" || fail "concurrent first open $i failed: $(cat "$WORK/open$i.err")"
done
eq "$(sql "SELECT COUNT(*) FROM binge_schema")" "$(sql "SELECT MAX(version) FROM binge_schema")" "each migration recorded once"

# Written by one process, read by another.
run 0 "$BINGE" import wiki "$SEED"
run 0 "$BINGE" show "Jessica Jones" --json
eq "$(jq -r .episode_count <<<"$out")" "39" "read through a second process"

# Two writers at once, 20 imports each; every article shares its 47 people.
"$gen" 20 Alpha "$WORK/a"
"$gen" 20 Beta "$WORK/b"
writer() { # DIR LOG
	local f
	for f in "$1"/*.txt; do
		"$BINGE" import wiki "$f" "$SEED" >>"$2" 2>&1 || { echo "FAILED $f" >>"$2"; return 1; }
	done
}
writer "$WORK/a" "$WORK/a.log" &
pa=$!
writer "$WORK/b" "$WORK/b.log" &
pb=$!
wait "$pa" || fail "writer A failed: $(cat "$WORK/a.log")"
wait "$pb" || fail "writer B failed: $(cat "$WORK/b.log")"
eq "$(sql "SELECT COUNT(*) FROM title WHERE kind = 'series'")" "41" "every series once"
eq "$(sql "SELECT COUNT(*) FROM title WHERE kind = 'season'")" "123" "every season once"
eq "$(sql "SELECT COUNT(*) FROM person")" "$(sql "SELECT COUNT(DISTINCT name) FROM person")" "no duplicate people"
eq "$(sql "SELECT COUNT(*) FROM person")" "44" "the seed's 44 people (47 credits), once each"
eq "$(sql "SELECT COUNT(*) FROM credit")" "$((41 * 47))" "every credit of every series"
eq "$(sql "SELECT generation FROM binge_lock WHERE name = 'catalog'")" "41" "every import counted once, none lost (1 + 2 x 20: a transaction bumps it once)"

# Kill one writer in the middle of a large import; the other carries on.
"$gen" 150 Gamma "$WORK/c"
"$gen" 5 Delta "$WORK/d"
"$BINGE" import wiki "$WORK"/c/*.txt >/dev/null 2>&1 &
victim=$!
# Kill it once its transaction is open on the server.
for _ in $(seq 1 200); do
	open=$(sql "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL")
	[ "$open" -gt 0 ] && break
	sleep 0.05
done
kill -9 "$victim" 2>/dev/null || fail "the large import finished before it could be killed"
wait "$victim" 2>/dev/null || true
run 0 "$BINGE" import wiki "$WORK"/d/*.txt
gamma=$(sql "SELECT COUNT(*) FROM title WHERE kind = 'series' AND name LIKE 'Gamma %'")
[ "$gamma" = 0 ] || [ "$gamma" = 150 ] || fail "a killed import left $gamma of 150 titles"
eq "$(sql "SELECT COUNT(*) FROM title WHERE kind = 'series' AND name LIKE 'Delta %'")" "5" "survivor's writes"
eq "$(sql "SELECT COUNT(*) FROM credit c LEFT JOIN person p ON p.id = c.person_id WHERE p.id IS NULL")" "0" "no dangling credits"
run 0 "$BINGE" titles --json
eq "$(jq '.titles | length' <<<"$out")" "$((46 + gamma))" "catalogue readable after the kill"
pass
