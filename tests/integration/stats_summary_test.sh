#!/usr/bin/env bash
# The analytics read summaries kept event by event (episode_view,
# title_view), never the log. They must give the answers the raw log
# gives: every report over a simulated log is compared, as JSON, with the
# same report after
#   - the summaries are rebuilt from the raw log by one GROUP BY over it
#     (the reference: what a query over the log would say), and
#   - the log is exported and imported again, shuffled and with repeats
#     (events arriving out of order and twice).
. "$(dirname "$0")/lib.sh"
run 0 "$BINGE" simulate catalogue --series 12 --films 6 --seed 21
run 0 "$BINGE" simulate --viewers 150 --days 60 --seed 9 --start 2024-01-01 --json
events=$(jq -r .events <<<"$out")
[ "$events" -gt 3000 ] || fail "150 viewers over 60 days wrote only $events events"
checks=$((checks + 1))

top=$(sql "SELECT t.id FROM title_view v JOIN title t ON t.id = v.top_id WHERE t.kind = 'series' GROUP BY t.id ORDER BY COUNT(*) DESC, t.id LIMIT 4" | paste -sd,)
first=${top%%,*}
film=$(sql "SELECT t.id FROM title_view v JOIN title t ON t.id = v.top_id WHERE t.kind = 'film' GROUP BY t.id ORDER BY COUNT(*) DESC, t.id LIMIT 1")
[ -n "$first" ] && [ -n "$film" ] || fail "no series or film was watched"

# Every report, with the filters, as one JSON document per line.
reports() {
	{
		"$BINGE" stats watch-order --titles "$top" --json
		"$BINGE" stats next "$first" --json
		"$BINGE" stats next "$first" --after start --json
		"$BINGE" stats next "$film" --json
		"$BINGE" stats next "$first" --territory GB --json
		"$BINGE" stats next "$first" --since 2024-01-15 --until 2024-02-15 --json
		"$BINGE" stats gateways "$first" --weeks 2 --min-count 1 --json
		"$BINGE" stats gateways "$film" --min-count 1 --json
		"$BINGE" stats binge "$first" --json
		"$BINGE" stats starts "$first" --season 1 --before 7 --after-days 60 --json
		"$BINGE" stats starts "$film" --json
	} | jq -cS .
}
summaries() {
	sql "SELECT profile_id, title_id, top_id, first_s, completed_s, last_s FROM episode_view ORDER BY profile_id, title_id"
	sql "SELECT profile_id, top_id, first_s, finished_s, last_s FROM title_view ORDER BY profile_id, top_id"
}
reports >"$WORK/kept.json"
summaries >"$WORK/kept.rows"
eq "$(wc -l <"$WORK/kept.json")" 11 "eleven reports"
# Not empty: the most-watched series has viewers who went on to another title.
[ "$(jq -s '.[1].viewers' "$WORK/kept.json")" -gt 10 ] || fail "the next report counted too few viewers"
checks=$((checks + 1))

# The reference: summaries rebuilt from the raw log by one GROUP BY.
if [ "$ENGINE" = postgres ]; then
	epoch() { echo "CAST(EXTRACT(EPOCH FROM CAST($1 AS TIMESTAMPTZ)) AS BIGINT)"; }
else
	epoch() { echo "unixepoch($1)"; }
fi
sql "DELETE FROM title_view; DELETE FROM episode_view;
INSERT INTO episode_view (profile_id, title_id, top_id, first_s, completed_s, last_s)
SELECT e.profile_id, e.title_id, t.top_id, MIN($(epoch e.at)),
       MIN(CASE WHEN e.kind = 'complete' THEN $(epoch e.at) END), MAX($(epoch e.at))
  FROM viewing_event e JOIN title t ON t.id = e.title_id
 GROUP BY e.profile_id, e.title_id, t.top_id;
INSERT INTO title_view (profile_id, top_id, first_s, finished_s, last_s)
SELECT v.profile_id, v.top_id, MIN(v.first_s),
       MIN(CASE WHEN t.kind = 'film' OR NOT EXISTS (SELECT 1 FROM title n
                 WHERE n.parent_id = t.parent_id AND n.number > t.number)
                THEN v.completed_s END),
       MAX(v.last_s)
  FROM episode_view v JOIN title t ON t.id = v.title_id
 GROUP BY v.profile_id, v.top_id;" >/dev/null
summaries >"$WORK/rebuilt.rows"
eq "$(diff "$WORK/kept.rows" "$WORK/rebuilt.rows" | head -5)" "" "the summaries as kept equal those rebuilt from the log"
reports >"$WORK/rebuilt.json"
eq "$(diff "$WORK/kept.json" "$WORK/rebuilt.json" | head -5)" "" "every report equals the one over the raw log"

# The same log again, shuffled, 500 events twice: the same summaries and reports.
run 0 "$BINGE" events export
printf '%s\n' "$out" >"$WORK/events.csv"
{
	head -1 "$WORK/events.csv"
	sed -n 2,501p "$WORK/events.csv"
	tail -n +2 "$WORK/events.csv" | shuf --random-source=<(yes)
} >"$WORK/shuffled.csv"
sql "DELETE FROM title_view; DELETE FROM episode_view; DELETE FROM viewing_event" >/dev/null
run 0 "$BINGE" events import "$WORK/shuffled.csv" --json
eq "$(jq -c '[.loaded, .duplicates]' <<<"$out")" "[$events,500]" "every event loaded once, the repeats counted"
summaries >"$WORK/imported.rows"
eq "$(diff "$WORK/kept.rows" "$WORK/imported.rows" | head -5)" "" "summaries of the shuffled import equal those kept"
reports >"$WORK/imported.json"
eq "$(diff "$WORK/kept.json" "$WORK/imported.json" | head -5)" "" "every report equals the first"
pass
