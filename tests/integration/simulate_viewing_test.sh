#!/usr/bin/env bash
# binge simulate --viewers: deterministic for a seed (across databases and
# engines), idempotent, never writes a viewing the visibility rule would
# refuse, records each viewer's hidden taste group, and the groups show in
# what viewers watch.
. "$(dirname "$0")/lib.sh"
run 0 "$BINGE" simulate catalogue --series 30 --films 10 --seed 11
run 0 "$BINGE" simulate --viewers 100 --days 45 --seed 4 --start 2024-01-01 --json
eq "$(jq -c '[.viewers, .duplicates]' <<<"$out")" "[100,0]" "100 viewers, nothing duplicated"
events=$(jq -r .events <<<"$out")
[ "$events" -gt 2500 ] || fail "100 viewers over 45 days wrote only $events events"
checks=$((checks + 1))
eq "$(sql "SELECT COUNT(*) FROM viewing_event")" "$events" "events as reported"
eq "$(sql "SELECT COUNT(*) FROM sim_viewer")" "100" "each viewer's hidden group recorded"
groups=$(jq -r .groups <<<"$out")
eq "$(sql "SELECT COUNT(DISTINCT taste_group) FROM sim_viewer")" "$groups" "every group has viewers"

# The visibility rule held at every start: maturity, licence in the territory, release.
eq "$(sql "SELECT COUNT(*) FROM viewing_event e JOIN title t ON t.id = e.title_id JOIN title tp ON tp.id = t.top_id JOIN profile p ON p.id = e.profile_id WHERE tp.maturity_level > p.ceiling")" "0" "no title above a profile's ceiling"
[ "$(sql "SELECT COUNT(*) FROM viewing_event e JOIN profile p ON p.id = e.profile_id WHERE p.kids = 1")" -gt 0 ] || fail "kids profiles watched something"
checks=$((checks + 1))
eq "$(sql "SELECT COUNT(*) FROM viewing_event e JOIN title t ON t.id = e.title_id WHERE e.kind = 'start' AND t.release_at IS NOT NULL AND e.at < t.release_at")" "0" "no episode started before its release"
eq "$(sql "SELECT COUNT(*) FROM viewing_event e JOIN title t ON t.id = e.title_id JOIN profile p ON p.id = e.profile_id JOIN app_user u ON u.id = p.user_id WHERE e.kind = 'start' AND NOT EXISTS (SELECT 1 FROM licence_window w WHERE w.title_id = t.top_id AND w.starts_at <= e.at AND (w.ends_at IS NULL OR w.ends_at > e.at) AND (w.worldwide = 1 OR EXISTS (SELECT 1 FROM licence_territory lt WHERE lt.window_id = w.id AND lt.territory = u.territory)))")" "0" "no start outside a licence window of the viewer's territory"
# Series are started at season 1 episode 1 and watched in order.
eq "$(sql "SELECT COUNT(*) FROM title_view v JOIN title t ON t.id = v.top_id WHERE t.kind = 'series' AND NOT EXISTS (SELECT 1 FROM episode_view ev JOIN title e ON e.id = ev.title_id JOIN title s ON s.id = e.parent_id WHERE ev.profile_id = v.profile_id AND ev.top_id = v.top_id AND s.number = (SELECT MIN(number) FROM title WHERE parent_id = t.id AND kind = 'season') AND e.number = 1 AND ev.first_s = v.first_s)")" "0" "every series began with its first episode"
# Bingeing: some viewer watched 3+ episodes of one season on one evening.
[ "$(sql "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM viewing_event WHERE kind = 'complete' GROUP BY profile_id, substr(at, 1, 10)) x")" -ge 3 ] || fail "no binge sessions"
checks=$((checks + 1))

# The hidden groups show: viewers start titles of their group's genres more
# often than titles of another group's genres.
sql "SELECT title_id || '|' || value FROM title_tag WHERE kind = 'genre'" >"$WORK/genres"
sql "SELECT s.taste_label || '|' || v.top_id FROM title_view v JOIN sim_viewer s ON s.profile_id = v.profile_id ORDER BY v.profile_id, v.top_id" >"$WORK/starts"
read -r own other < <(awk -F'|' 'NR == FNR { g[$1] = g[$1] "|" $2 "|"; next }
	{ m++; labels[m] = $1; tops[m] = $2 }
	function has(top, label,   x) { split(label, x, " [+] "); return index(g[top], "|" x[1] "|") || index(g[top], "|" x[2] "|") }
	END {
		for (i = 1; i <= m; i++) {
			own += has(tops[i], labels[i])
			j = (i + 36) % m + 1 # another viewer, most likely of another group
			if (labels[j] != labels[i]) { n++; other += has(tops[i], labels[j]) }
		}
		printf "%d %d\n", own * 1000 / m, other * 1000 / (n ? n : 1)
	}' "$WORK/genres" "$WORK/starts")
[ "$own" -gt $((other * 3 / 2)) ] || fail "taste groups do not show: own-genre share $own/1000, other-genre share $other/1000"
checks=$((checks + 1))

# The same seed again adds nothing; the same seed elsewhere writes the same log.
before=$(sql "SELECT COUNT(*) FROM viewing_event")
run 0 "$BINGE" simulate --viewers 100 --days 45 --seed 4 --start 2024-01-01 --json
eq "$(jq -c '[.events, .duplicates]' <<<"$out")" "[0,$before]" "a second run adds nothing"
run 0 "$BINGE" simulate catalogue --series 30 --films 10 --seed 11 --db "$WORK/twin.db"
run 0 "$BINGE" simulate --viewers 100 --days 45 --seed 4 --start 2024-01-01 --db "$WORK/twin.db"
log() { sql "SELECT e.id || ' ' || u.name || ' ' || e.kind || ' ' || e.position_ms || ' ' || e.device || ' ' || e.at || ' ' || t.name || ' ' || t.number FROM viewing_event e JOIN profile p ON p.id = e.profile_id JOIN app_user u ON u.id = p.user_id JOIN title t ON t.id = e.title_id" "${1:-$BINGE_DB}" | LC_ALL=C sort | md5sum; }
eq "$(log "$WORK/twin.db")" "$(log)" "deterministic across databases and engines"
run 0 "$BINGE" simulate catalogue --series 30 --films 10 --seed 11 --db "$WORK/other.db"
run 0 "$BINGE" simulate --viewers 100 --days 45 --seed 5 --start 2024-01-01 --db "$WORK/other.db"
[ "$(log "$WORK/other.db")" != "$(log)" ] || fail "another seed, another log"
checks=$((checks + 1))

# Simulated accounts cannot log in.
serve_start
api POST /api/v1/login "" '{"username":"sim4-0","password":"!"}'
eq "$status" "401" "a simulated account has no password"
stop_all_servers

run 2 "$BINGE" simulate --viewers 10
run 2 "$BINGE" simulate --viewers 0 --days 5
run 2 "$BINGE" simulate --viewers 5 --days 5 --start soon
run 1 "$BINGE" simulate --viewers 5 --days 5 --db "$WORK/empty.db"
contains "$err" "nothing to watch" "an empty catalogue is named"
pass
