#!/usr/bin/env bash
# binge migrate: SQLite -> PostgreSQL -> SQLite, verified; refuses a
# non-empty target; resumes an interrupted copy.
. "$(dirname "$0")/../lib.sh"
[ "$ENGINE" = postgres ] || fail "needs BINGE_TEST_ENGINE=postgres"
PG=$BINGE_DB
LITE="$WORK/lite.db"

run 0 "$BINGE" import wiki --db "$LITE" "$SEED" "$DATA"/*.txt
# Accounts, windows and release schedules travel too.
BINGE_DB=$LITE run 0 "$BINGE" user add admin --territory US --admin <<<"secret"
BINGE_DB=$LITE run 0 "$BINGE" profile add admin Kids --kids --pin <<<"1234"
BINGE_DB=$LITE run 0 "$BINGE" avail add "Jessica Jones" --platform Disney+ --territories US,GB --from 2022-03-16
BINGE_DB=$LITE run 0 "$BINGE" release set "Jessica Jones" --season 2 --weekly 2018-03-08
# Viewing events too (the log is keyed by a sequence: migration 0039).
printf '%s\n' "event_id,profile,title,season,episode,kind,position,device,time" \
	"m1,admin/Kids,Jessica Jones,1,1,start,0,tv,2022-03-20T20:00:00Z" \
	"m2,admin/Kids,Jessica Jones,1,1,complete,3000,tv,2022-03-20T21:00:00Z" >"$WORK/events.csv"
BINGE_DB=$LITE run 0 "$BINGE" events import "$WORK/events.csv"
run 0 "$BINGE" migrate --from "$LITE" --to "$PG" --json
eq "$(jq -r .verified <<<"$out")" "true" "verified"
eq "$(jq -r '.tables[] | select(.table == "credit") | .rows' <<<"$out")" "$(sql "SELECT COUNT(*) FROM credit" "$LITE")" "credit rows"
eq "$(dbdump "$PG")" "$(dbdump "$LITE")" "PostgreSQL copy equals the SQLite original"
# The log by month (migration 0044): the copy made the month's partition first.
eq "$(sql "SELECT tableoid::regclass, COUNT(*) FROM viewing_event GROUP BY 1" "$PG")" "viewing_event_p2022_03|2" "the copied events in their month's partition"
eq "$(sql "SELECT id FROM viewing_event_client ORDER BY id" "$PG" | paste -sd,)" "m1,m2" "their ids copied apart"

# The copy is a working database: new ids continue after the copied ones.
"$BINGE_SOURCE_DIR/tests/integration/gen_articles.sh" 1 Fresh "$WORK/fresh"
run 0 "$BINGE" import wiki --db "$PG" "$WORK/fresh/Fresh-1.txt" --json
[ "$(jq -r '.imported[0].id' <<<"$out")" -gt "$(sql "SELECT MAX(id) FROM title" "$LITE")" ] || fail "new id after copied ids"
printf '%s\n' "event_id,profile,title,season,episode,kind,position,device,time" \
	"m3,admin/Kids,Jessica Jones,1,2,start,0,tv,2022-03-21T20:00:00Z" >"$WORK/more.csv"
run 0 "$BINGE" events import "$WORK/more.csv" --db "$PG" --json
eq "$(jq -r .loaded <<<"$out")" "1" "a new event after the copied ones"
eq "$(sql "SELECT seq FROM viewing_event WHERE id = 'm3'" "$PG")" "3" "the log's sequence continues after the copied events"
printf '%s\n' "event_id,profile,title,season,episode,kind,position,device,time" \
	"m1,admin/Kids,Jessica Jones,1,2,stop,0,tv,2022-05-21T20:00:00Z" >"$WORK/again.csv"
run 0 "$BINGE" events import "$WORK/again.csv" --db "$PG" --json
eq "$(jq -c '[.loaded, .duplicates]' <<<"$out")" "[0,1]" "a copied id sent again in another month is a duplicate"

# And back.
run 0 "$BINGE" migrate --from "$PG" --to "$WORK/back.db"
contains "$out" "every table verified" "back to SQLite"
eq "$(dbdump "$WORK/back.db")" "$(dbdump "$PG")" "SQLite copy equals PostgreSQL"

# A non-empty target is refused unless told, and left alone.
before=$(dbdump "$PG")
run 1 "$BINGE" migrate --from "$LITE" --to "$PG"
contains "$err" "already holds data; use --resume" "non-empty target refused"
eq "$(dbdump "$PG")" "$before" "refused target unchanged"
run 2 "$BINGE" migrate --from "$LITE"
run 2 "$BINGE" migrate --from "$LITE" --to "$LITE"

# Resume: remove the tail of some tables, as an interrupted copy leaves them.
psql -qAt "${PG_BASE%/*}/postgres" -c "CREATE DATABASE ${PG_DB}_r" >/dev/null
R="${PG_BASE%/*}/${PG_DB}_r"
trap 'psql -qAt "$PG_BASE" -c "DROP DATABASE IF EXISTS ${PG_DB}_r WITH (FORCE)" >/dev/null 2>&1; psql -qAt "$PG_BASE" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
run 0 "$BINGE" migrate --from "$LITE" --to "$R"
sql "DELETE FROM title_section WHERE ord > 3; DELETE FROM credit WHERE role = 'cast'; DELETE FROM title_extra" "$R" >/dev/null
run 0 "$BINGE" migrate --from "$LITE" --to "$R" --resume --json
eq "$(jq -r '.tables[] | select(.table == "title") | .copied' <<<"$out")" "0" "complete tables untouched"
[ "$(jq -r '.tables[] | select(.table == "credit") | .copied' <<<"$out")" -gt 0 ] || fail "credit resumed"
eq "$(dbdump "$R")" "$(dbdump "$LITE")" "resumed copy equals the original"

# A real interruption: kill -9 a slow copy (one row per transaction), resume.
"$BINGE_SOURCE_DIR/tests/integration/gen_articles.sh" 60 Big "$WORK/big"
run 0 "$BINGE" import wiki --db "$WORK/big.db" "$WORK"/big/*.txt
psql -qAt "${PG_BASE%/*}/postgres" -c "DROP DATABASE ${PG_DB}_r WITH (FORCE)" -c "CREATE DATABASE ${PG_DB}_r" >/dev/null
"$BINGE" migrate --from "$WORK/big.db" --to "$R" --batch 1 >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 200); do # until the copy has reached the credits
	[ "$(sql "SELECT COUNT(*) FROM credit" "$R")" -gt 10 ] && break
	sleep 0.05
done
kill -9 "$pid" 2>/dev/null || fail "the copy finished before it could be interrupted"
wait "$pid" 2>/dev/null || true
partial=$(sql "SELECT COUNT(*) FROM credit" "$R")
[ "$partial" -lt "$(sql "SELECT COUNT(*) FROM credit" "$WORK/big.db")" ] || fail "copy was not interrupted"
run 1 "$BINGE" migrate --from "$WORK/big.db" --to "$R"
contains "$err" "--resume" "interrupted target needs --resume"
run 0 "$BINGE" migrate --from "$WORK/big.db" --to "$R" --resume
eq "$(dbdump "$R")" "$(dbdump "$WORK/big.db")" "copy resumed after kill -9 equals the original"
pass
