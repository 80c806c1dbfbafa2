#!/usr/bin/env bash
# Audience benchmark on a simulated log of about 10 million events, with no
# outside data: a generated catalogue (`binge simulate catalogue`),
# simulated viewers (`binge simulate`), then
#   - bulk import of the exported log into a database holding the same
#     catalogue and accounts, against a peer measured in the same run: the
#     sqlite3 shell's .import of the same CSV into a table of the log's
#     shape (an integer key, the two indexes; no checks, no references, no
#     summaries); and the floor, SQLite alone appending the same rows to the
#     log's own table (event_floor_bench);
#   - every analytic over the whole log (wall time of the CLI, so process
#     start and opening the database are included).
#
#   bench/audience_bench.sh BINGE [VIEWERS] [DAYS] [POSTGRES_URL]
# Defaults: 15,000 viewers for 90 days over 2,000 series and 1,000 films,
# about 10 million events. With a PostgreSQL URL, a tenth of the viewers is
# simulated straight into PostgreSQL, the analytics run there too, and that
# log is imported again against psql's \copy.
set -euo pipefail
binge=$(realpath "$1")
viewers=${2:-15000}
days=${3:-90}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BINGE_DB="$work/sim.db"
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

"$binge" simulate catalogue --series 2000 --films 1000 --seed 1 >/dev/null
t0=$(now)
"$binge" simulate --viewers "$viewers" --days "$days" --seed 7 --json >"$work/sim.json"
t1=$(now)
events=$(jq -r .events "$work/sim.json")
echo "audience benchmark: $viewers viewers x $days days over 2,000 series and 1,000 films"
echo "simulate: $events events in $(secs "$t0" "$t1") s ($(awk -v n="$events" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }') events/s, written with their summaries)"

t0=$(now)
"$binge" events export >"$work/events.csv"
t1=$(now)
echo "export: $(secs "$t0" "$t1") s, $(du -h "$work/events.csv" | cut -f1) CSV"

# The import target: the same catalogue and accounts, no events.
cp "$BINGE_DB" "$work/import.db"
sqlite3 "$work/import.db" "DELETE FROM viewing_event; DELETE FROM episode_view; DELETE FROM title_view;"
cp "$work/import.db" "$work/empty-log.db"
t0=$(now)
"$binge" events import "$work/events.csv" --db "$work/import.db" --json >"$work/import.json"
t1=$(now)
loaded=$(jq -r .loaded "$work/import.json")
[ "$loaded" = "$events" ] || { echo "import loaded $loaded of $events events" >&2; exit 1; }
binge_rate=$(awk -v n="$events" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
echo "import (binge events import, SQLite): $(secs "$t0" "$t1") s, $binge_rate events/s"

# The log's shape: rows by an integer key, the client's id unique per
# profile in one index, the time in another.
sqlite3 "$work/peer.db" "PRAGMA journal_mode=WAL; CREATE TABLE ev (id TEXT, profile TEXT, title TEXT, season TEXT, episode TEXT, kind TEXT, position TEXT, device TEXT, time TEXT); CREATE UNIQUE INDEX ev_client ON ev (profile, id); CREATE INDEX ev_at ON ev (time, title, profile);" >/dev/null
t0=$(now)
sqlite3 "$work/peer.db" ".mode csv" ".import --skip 1 $work/events.csv ev"
t1=$(now)
peer_rate=$(awk -v n="$events" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
echo "peer (sqlite3 .import into the same schema): $(secs "$t0" "$t1") s, $peer_rate events/s"
awk -v a="$binge_rate" -v b="$peer_rate" 'BEGIN { printf "import ratio binge/peer: %.2f (target: 500,000 events/s)\n", a / b }'
# The floor: SQLite alone appending the same rows, parsed beforehand, to
# the log's own table (bench/event_floor_bench.c), as it is and without
# foreign key checks.
floor=$(dirname "$binge")/event_floor_bench
cp "$work/empty-log.db" "$work/floor.db"
"$floor" "$work/floor.db" "$work/events.csv"
cp "$work/empty-log.db" "$work/floor.db"
"$floor" "$work/floor.db" "$work/events.csv" --no-foreign-keys

# Analytics over the whole log: the four most-watched series and the top one.
top=$(sqlite3 "$BINGE_DB" "SELECT t.id FROM title_view v JOIN title t ON t.id = v.top_id WHERE t.kind = 'series' GROUP BY t.id ORDER BY COUNT(*) DESC LIMIT 4" | paste -sd,)
first=${top%%,*}
rows=$(sqlite3 "$BINGE_DB" "SELECT (SELECT COUNT(*) FROM title_view) || ' title rows, ' || (SELECT COUNT(*) FROM episode_view) || ' episode rows'")
echo "summaries: $rows"
analytic() {
	local name=$1
	shift
	local a b
	a=$(now)
	"$binge" stats "$@" --json >"$work/out.json"
	b=$(now)
	printf "  %-12s %6s s  (target < 2 s)\n" "$name" "$(secs "$a" "$b")"
}
echo "analytics over $events events:"
analytic watch-order watch-order --titles "$top"
analytic next next "$first"
analytic next-start next "$first" --after start
analytic gateways gateways "$first"
analytic binge binge "$first"
analytic starts starts "$first" --season 1 --before 7 --after-days 90
analytic territory next "$first" --territory GB

# PostgreSQL, when a server URL is given (bench/run.sh starts one): the same
# catalogue, a tenth of the viewers written straight into it, the analytics.
pg_url=${4:-}
[ -n "$pg_url" ] || exit 0
pg_viewers=$((viewers / 10))
export BINGE_DB="$pg_url"
"$binge" simulate catalogue --series 2000 --films 1000 --seed 1 >/dev/null
t0=$(now)
"$binge" simulate --viewers "$pg_viewers" --days "$days" --seed 7 --json >"$work/pg.json"
t1=$(now)
pg_events=$(jq -r .events "$work/pg.json")
echo "PostgreSQL: simulate $pg_viewers viewers: $pg_events events in $(secs "$t0" "$t1") s ($(awk -v n="$pg_events" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }') events/s)"
top=$(psql -qAt "$pg_url" -c "SELECT t.id FROM title_view v JOIN title t ON t.id = v.top_id WHERE t.kind = 'series' GROUP BY t.id ORDER BY COUNT(*) DESC, t.id LIMIT 4" | paste -sd,)
first=${top%%,*}
echo "analytics over $pg_events events on PostgreSQL:"
analytic watch-order watch-order --titles "$top"
analytic next next "$first"
analytic gateways gateways "$first"
analytic binge binge "$first"
analytic starts starts "$first" --season 1 --before 7 --after-days 90
analytic territory next "$first" --territory GB

# Bulk import on PostgreSQL: the log just simulated, exported, the log and
# its summaries emptied, imported again (COPY; the indexes built at the
# end), against psql's \copy of the same CSV into a table of the log's
# shape in the same database.
"$binge" events export >"$work/pg-events.csv"
psql -qAt "$pg_url" -c "DELETE FROM title_view; DELETE FROM episode_view; DELETE FROM viewing_event"
t0=$(now)
"$binge" events import "$work/pg-events.csv" --json >"$work/pg-import.json"
t1=$(now)
[ "$(jq -r .loaded "$work/pg-import.json")" = "$pg_events" ] || { echo "PostgreSQL import loaded $(jq -r .loaded "$work/pg-import.json") of $pg_events events" >&2; exit 1; }
pg_rate=$(awk -v n="$pg_events" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
echo "import (binge events import, PostgreSQL): $(secs "$t0" "$t1") s, $pg_rate events/s"
psql -qAt "$pg_url" -c "CREATE TABLE bench_peer_ev (id TEXT, profile TEXT, title TEXT, season TEXT, episode TEXT, kind TEXT, position TEXT, device TEXT, time TEXT); CREATE UNIQUE INDEX bench_peer_client ON bench_peer_ev (profile, id); CREATE INDEX bench_peer_at ON bench_peer_ev (time, title, profile);"
t0=$(now)
psql -qAt "$pg_url" -c "\\copy bench_peer_ev FROM '$work/pg-events.csv' WITH (FORMAT csv, HEADER true)"
t1=$(now)
peer_rate=$(awk -v n="$pg_events" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
echo "peer (psql \\copy into the same schema): $(secs "$t0" "$t1") s, $peer_rate events/s"
awk -v a="$pg_rate" -v b="$peer_rate" 'BEGIN { printf "PostgreSQL import ratio binge/peer: %.2f\n", a / b }'
psql -qAt "$pg_url" -c "DROP TABLE bench_peer_ev"
