#!/usr/bin/env bash
# binge simulate catalogue: deterministic for a seed (on either engine),
# different for another seed, idempotent, and a catalogue the service serves.
. "$(dirname "$0")/lib.sh"
run 0 "$BINGE" simulate catalogue --series 25 --films 8 --seed 42 --json
eq "$(jq -c '[.series, .films]' <<<"$out")" "[25,8]" "counts reported"
episodes=$(jq -r .episodes <<<"$out")
eq "$(sql "SELECT COUNT(*) FROM title WHERE kind = 'series'")" "25" "25 series"
eq "$(sql "SELECT COUNT(*) FROM title WHERE kind = 'film'")" "8" "8 films"
eq "$(sql "SELECT COUNT(*) FROM title WHERE kind = 'episode'")" "$episodes" "episodes as reported"
eq "$(sql "SELECT COUNT(*) FROM title t WHERE t.parent_id IS NULL AND NOT EXISTS (SELECT 1 FROM licence_window w WHERE w.title_id = t.id)")" "0" "every title has a licence window"
eq "$(sql "SELECT COUNT(*) FROM title WHERE kind = 'season' AND release_at IS NULL")" "0" "every season has a release date"
[ "$(sql "SELECT COUNT(*) FROM person p WHERE (SELECT COUNT(*) FROM credit c WHERE c.person_id = p.id) > 1")" -gt 0 ] || fail "people recur across titles"
checks=$((checks + 1))
# A bulk command leaves the planner statistics of what it wrote: store_analyze
# (on SQLite, PRAGMA optimize at close would too; PostgreSQL has only the former).
if [ "$ENGINE" = postgres ]; then
	eq "$(sql "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'title'")" "t" "title analysed"
else
	[ "$(sql "SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'title'")" -gt 0 ] || fail "title not analysed"
	checks=$((checks + 1))
fi

# The same seed again: nothing changes. The same seed elsewhere: the same catalogue.
before=$(dbdump)
run 0 "$BINGE" simulate catalogue --series 25 --films 8 --seed 42
eq "$(dbdump)" "$before" "idempotent for a seed"
run 0 "$BINGE" simulate catalogue --series 25 --films 8 --seed 42 --db "$WORK/twin.db"
# (sorted outside SQL: the engines order NULLs differently)
eq "$(sql "SELECT name, first_aired, rating_value, episode_count, release_at FROM title" "$WORK/twin.db" | LC_ALL=C sort)" \
	"$(sql "SELECT name, first_aired, rating_value, episode_count, release_at FROM title" | LC_ALL=C sort)" "deterministic across databases and engines"
run 0 "$BINGE" simulate catalogue --series 25 --films 8 --seed 43 --db "$WORK/other.db"
[ "$(sql "SELECT name, first_aired FROM title ORDER BY source_key" "$WORK/other.db")" != "$(sql "SELECT name, first_aired FROM title WHERE source_key LIKE 'sim:42:%' ORDER BY source_key")" ] || fail "another seed, another catalogue"
checks=$((checks + 1))

run 2 "$BINGE" simulate catalogue
run 2 "$BINGE" simulate catalogue --series -1
run 2 "$BINGE" simulate viewers
pass
