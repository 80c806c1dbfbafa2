#!/usr/bin/env bash
# binge events import into an empty log is a bulk load: the log's indexes
# are dropped, rows appended, repeats found in memory, the indexes built
# again, all in one transaction. Killed with -9 before it commits, it
# leaves nothing, the indexes included; run again, it loads everything
# once, and the summaries are what the events say.
. "$(dirname "$0")/lib.sh"
run 0 "$BINGE" simulate catalogue --series 8 --films 4 --seed 3
run 0 "$BINGE" simulate --viewers 100 --days 30 --seed 5 --start 2024-01-01 --json
run 0 "$BINGE" events export
printf '%s\n' "$out" >"$WORK/events.csv"
n=$(($(wc -l <"$WORK/events.csv") - 1))
summaries() {
	sql "SELECT profile_id, title_id, top_id, first_s, completed_s, last_s FROM episode_view ORDER BY profile_id, title_id"
	sql "SELECT profile_id, top_id, first_s, finished_s, last_s FROM title_view ORDER BY profile_id, top_id"
}
summaries >"$WORK/kept.rows"
# The log's indexes, and the key of the client's ids: on PostgreSQL the ids
# are a table of their own beside the log partitioned by month.
if [ "$ENGINE" = postgres ]; then
	indexes() { sql "SELECT indexname FROM pg_indexes WHERE tablename IN ('viewing_event', 'viewing_event_client') AND indexname <> 'viewing_event_pkey' ORDER BY 1" | paste -sd,; }
	want_indexes=viewing_event_at,viewing_event_client_pkey
else
	indexes() { sql "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'viewing_event' ORDER BY 1" | paste -sd,; }
	want_indexes=viewing_event_at,viewing_event_by_client
fi
eq "$(indexes)" "$want_indexes" "the log's two indexes"
# Every event 30 times under new ids (the same viewings, so the same summaries).
awk -F, 'NR == 1 { print; next } { lines[++m] = $0 }
	END { for (k = 0; k < 30; k++) for (i = 1; i <= m; i++) { l = lines[i]; sub(/,/, "-" k ",", l); print l } }' \
	"$WORK/events.csv" >"$WORK/big.csv"
sql "DELETE FROM title_view; DELETE FROM episode_view; DELETE FROM viewing_event" >/dev/null

"$BINGE" events import "$WORK/big.csv" --json >"$WORK/killed.out" 2>&1 &
pid=$!
sleep 1
kill -0 "$pid" 2>/dev/null || fail "the import of $((n * 30)) events ended within a second: kill -9 came too late (make the file larger)"
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
eq "$(sql "SELECT COUNT(*) FROM viewing_event")" "0" "a killed bulk load stored nothing"
eq "$(sql "SELECT COUNT(*) FROM episode_view")" "0" "nor any summary"
eq "$(indexes)" "$want_indexes" "the indexes are there after the kill"

run 0 "$BINGE" events import "$WORK/big.csv" --json
eq "$(jq -c '[.loaded, .duplicates]' <<<"$out")" "[$((n * 30)),0]" "the whole file loaded once"
eq "$(indexes)" "$want_indexes" "the indexes built again"
if [ "$ENGINE" = postgres ]; then
	# each month in its own partition, made by the load; none left in the default one
	months=$(sql "SELECT COUNT(DISTINCT substr(at, 1, 7)) FROM viewing_event")
	eq "$(sql "SELECT COUNT(*) FROM pg_inherits WHERE inhparent = 'viewing_event'::regclass AND inhrelid::regclass::text LIKE 'viewing_event_p%'")" "$months" "a partition per month"
	eq "$(sql "SELECT COUNT(*) FROM viewing_event_default")" "0" "nothing in the default partition"
fi
summaries >"$WORK/bulk.rows"
eq "$(diff "$WORK/kept.rows" "$WORK/bulk.rows" | head -5)" "" "the summaries are those the simulation kept"
run 0 "$BINGE" events import "$WORK/events.csv" --json
eq "$(jq -c '[.loaded, .duplicates]' <<<"$out")" "[$n,0]" "a second file into the log: the normal path"
run 0 "$BINGE" events import "$WORK/big.csv" --json
eq "$(jq -c '[.loaded, .duplicates]' <<<"$out")" "[0,$((n * 30))]" "the same file again adds nothing"
pass
