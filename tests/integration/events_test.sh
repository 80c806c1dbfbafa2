#!/usr/bin/env bash
# The viewing event log: batches over HTTP (idempotent, checked, durable
# across kill -9), CSV and JSON Lines import with bad rows named, export.
. "$(dirname "$0")/lib.sh"
trap 'stop_all_servers; [ "${ENGINE}" = postgres ] && psql -qAt "$PG_BASE" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
demo_setup
JJ=$(sql "SELECT id FROM title WHERE name = 'Jessica Jones' AND kind = 'series'")
EP=$(sql "SELECT e.id FROM title e JOIN title s ON s.id = e.parent_id WHERE s.parent_id = $JJ AND s.number = 1 AND e.number = 1")
ADULT_ID=$(sql "SELECT p.id FROM profile p JOIN app_user u ON u.id = p.user_id WHERE u.name = 'viewer' AND p.name = 'Adult'")

serve_start --clock 2022-03-20
VT=$(login viewer viewer-secret)
api GET /api/v1/profiles "$VT"
ADULT=$(select_profile "$VT" "$ADULT_ID")
KIDS=$(select_profile "$VT" "$(jq -r '.items[] | select(.name == "Kids") | .id' <<<"$body")" 4321)
ev() { echo "{\"event_id\":\"$1\",\"title_id\":$EP,\"kind\":\"$2\",\"position\":$3,\"time\":\"2022-03-20T10:00:0$4Z\"}"; }
batch="{\"events\":[$(ev a1 start 0 1),$(ev a2 progress 30.5 2),$(ev a3 stop 61 3)]}"

expect 200 POST /api/v1/events "$ADULT" "$batch"
eq "$(jq -c '[.accepted, .duplicates]' <<<"$body")" "[3,0]" "batch accepted"
expect 200 POST /api/v1/events "$ADULT" "$batch"
eq "$(jq -c '[.accepted, .duplicates]' <<<"$body")" "[0,3]" "a retried batch adds nothing"
eq "$(sql "SELECT COUNT(*) FROM viewing_event")" "3" "three events"
eq "$(sql "SELECT position_ms || ' ' || device || ' ' || profile_id FROM viewing_event WHERE id = 'a2'")" "30500 web $ADULT_ID" "stored fields"

# Bad batches change nothing.
expect 400 POST /api/v1/events "$ADULT" "{\"events\":[$(ev b1 start 0 1),$(ev b2 rewind 0 1)]}"
contains "$body" "events[1].kind" "bad event named"
expect 400 POST /api/v1/events "$ADULT" "{\"events\":[{\"event_id\":\"b3\",\"title_id\":$EP,\"kind\":\"start\",\"position\":0,\"time\":\"yesterday\"}]}"
contains "$body" "events[0].time" "bad time named"
expect 400 POST /api/v1/events "$ADULT" "{\"events\":[$(ev b4 start 0 1 | sed 's/}$/,"profile_id":1}/')]}"
contains "$body" "unknown field 'profile_id'" "events are for the caller's profile only"
expect 400 POST /api/v1/events "$ADULT" '{"events":[]}'
big=$(for i in $(seq 1 1001); do printf '{"event_id":"x%d","title_id":%s,"kind":"start","position":0,"time":"2022-03-20"},' "$i" "$EP"; done)
expect 413 POST /api/v1/events "$ADULT" "{\"events\":[${big%,}]}"
contains "$body" "at most 1000 per batch" "1,001 events refused by count, not by size"
full=$(for i in $(seq 1 1000); do printf '{"event_id":"full-batch-event-%04d","title_id":%s,"kind":"progress","position":%d,"device":"living-room-tv","time":"2022-03-20T11:00:00Z"},' "$i" "$EP" "$i"; done)
expect 200 POST /api/v1/events "$ADULT" "{\"events\":[${full%,}]}"
eq "$(jq -c '[.accepted, .duplicates]' <<<"$body")" "[1000,0]" "a full batch of 1,000 events (about 150 KB)"
sql "DELETE FROM viewing_event WHERE id LIKE 'full-batch-%'" >/dev/null
expect 403 POST /api/v1/events "$KIDS" "{\"events\":[$(ev k1 start 0 1)]}"
expect 403 POST /api/v1/events "$VT" "{\"events\":[$(ev k2 start 0 1)]}"
expect 404 POST /api/v1/events "$ADULT" "{\"events\":[{\"event_id\":\"n1\",\"title_id\":999999,\"kind\":\"start\",\"position\":0,\"time\":\"2022-03-20\"}]}"
expect 400 POST /api/v1/events "$ADULT" "{\"events\":[{\"event_id\":\"n2\",\"title_id\":$JJ,\"kind\":\"start\",\"position\":0,\"time\":\"2022-03-20\"}]}"
contains "$body" "no episode or film" "a series is not an event's title"
eq "$(sql "SELECT COUNT(*) FROM viewing_event")" "3" "bad batches stored nothing"

# Batches posted at once share transactions (audience/event_group.h): four
# clients, two by two posting the same ids, each answered for its own batch,
# every id stored once, no 503.
for c in 0 1 2 3; do
	for b in $(seq 1 8); do
		f="$WORK/group-$c-$b.json"
		{
			printf '{"events":['
			for i in $(seq 1 50); do
				[ "$i" = 1 ] || printf ','
				printf '{"event_id":"g%d-%d-%d","title_id":%s,"kind":"progress","position":%d,"time":"2022-03-20T12:00:00Z"}' $((c / 2)) "$b" "$i" "$EP" "$i"
			done
			printf ']}'
		} >"$f"
		printf 'url = "%s/api/v1/events"\nheader = "Authorization: Bearer %s"\ndata-binary = "@%s"\nwrite-out = "\\n%%{http_code}\\n"\n' "$URL" "$ADULT" "$f"
		[ "$b" = 8 ] || echo next
	done >"$WORK/group-$c.cfg"
done
clients=()
for c in 0 1 2 3; do
	curl -s -H 'Content-Type: application/json' -K "$WORK/group-$c.cfg" >"$WORK/group-$c.out" &
	clients+=($!)
done
wait "${clients[@]}"
eq "$(cat "$WORK"/group-?.out | grep -cx 200)" "32" "32 concurrent batches, each 200"
eq "$(cat "$WORK"/group-?.out | grep '^{' | jq -s 'map(.accepted) | add')" "800" "each id accepted once across the clients"
eq "$(cat "$WORK"/group-?.out | grep '^{' | jq -cs 'map(.accepted + .duplicates) | unique')" "[50]" "each batch answered for its own 50 events"
eq "$(sql "SELECT COUNT(*) FROM viewing_event WHERE id LIKE 'g%'")" "800" "800 stored"

# Acknowledged, then kill -9: the events are there, those written in a
# shared transaction above too.
expect 200 POST /api/v1/events "$ADULT" "{\"events\":[$(ev d1 complete 120 4)]}"
kill -9 "$SERVE_PID"
wait "$SERVE_PID" 2>/dev/null || true
eq "$(sql "SELECT COUNT(*) FROM viewing_event WHERE id = 'd1'")" "1" "acknowledged event survived kill -9"
eq "$(sql "SELECT COUNT(*) FROM viewing_event WHERE id LIKE 'g%'")" "800" "the concurrent batches survived kill -9"
sql "DELETE FROM viewing_event WHERE id LIKE 'g%'" >/dev/null

# Import: names or ids; bad rows named by line; nothing loaded unless --skip-bad.
run 0 "$BINGE" import wiki "$DATA/example_film.txt"
FILM=$(sql "SELECT id FROM title WHERE kind = 'film'")
cat >"$WORK/events.csv" <<CSV
event_id,profile,title,season,episode,kind,position,device,time
c1,viewer/Adult,Jessica Jones,1,2,start,0,"tv, living room",2022-03-21T20:00:00Z
c2,$ADULT_ID,$EP,,,dance,10,tv,2022-03-21T20:00:10Z
c3,$ADULT_ID,$EP,,,progress,abc,tv,2022-03-21T20:00:20Z
c4,$ADULT_ID,999999,,,stop,30,tv,2022-03-21T20:00:30Z
c5,$ADULT_ID,$EP,,,stop,42.25,"say ""hi""",2022-03-21T20:00:40Z
c6,viewer/Nobody,Jessica Jones,1,1,start,0,tv,2022-03-21T20:00:50Z
c7,viewer/Adult,Jessica Jones,,,start,0,tv,2022-03-21T20:01:00Z
c8,viewer/Adult,The Quiet Harbour,,,start,5,tv,2022-03-21T21:00:00Z
c9,viewer/Adult,Jessica Jones,9,1,start,0,tv,2022-03-21T21:00:00Z
CSV
run 1 "$BINGE" events import "$WORK/events.csv"
contains "$err" "line 3: kind" "bad kind at line 3"
contains "$err" "line 4: position" "bad position at line 4"
contains "$err" "line 5: title: no episode or film 999999" "unknown title at line 5"
contains "$err" "line 7: profile: no profile 'viewer/Nobody'" "unknown profile at line 7"
contains "$err" "line 8: season" "a series needs season and episode"
contains "$err" "line 10: episode" "no such episode"
contains "$err" "nothing loaded" "all or nothing"
eq "$(sql "SELECT COUNT(*) FROM viewing_event")" "4" "nothing loaded"
run 0 "$BINGE" events import "$WORK/events.csv" --skip-bad --json
eq "$(jq -c '[.loaded, .duplicates, .bad]' <<<"$out")" "[3,0,6]" "--skip-bad loads the rest"
EP2=$(sql "SELECT e.id FROM title e JOIN title s ON s.id = e.parent_id WHERE s.parent_id = $JJ AND s.number = 1 AND e.number = 2")
eq "$(sql "SELECT title_id || ' ' || profile_id || ' ' || device FROM viewing_event WHERE id = 'c1'")" "$EP2 $ADULT_ID tv, living room" "names resolved: USER/PROFILE, series + season + episode"
eq "$(sql "SELECT title_id FROM viewing_event WHERE id = 'c8'")" "$FILM" "a film by its title"
eq "$(sql "SELECT device FROM viewing_event WHERE id = 'c5'")" 'say "hi"' "quoted CSV field"
printf '{"event_id":"j1","profile":"viewer/Adult","title":"Jessica Jones","season":2,"episode":1,"kind":"start","position":1,"device":"phone","time":"2022-03-22T08:00:00Z"}\n{"event_id":"j2","kind":"stop"}\n' >"$WORK/events.jsonl"
run 1 "$BINGE" events import "$WORK/events.jsonl"
contains "$err" "line 2: profile" "JSON Lines bad row"
run 0 "$BINGE" events import "$WORK/events.jsonl" --skip-bad
run 1 "$BINGE" events import "$WORK/missing.csv"
printf 'when,who\n' >"$WORK/wrong.csv"
run 1 "$BINGE" events import "$WORK/wrong.csv"
contains "$err" "line 1: the header" "wrong header"
run 0 "$BINGE" events export --since 2022-03-22
eq "$(($(wc -l <<<"$out") - 1))" "1" "export --since"

# Export and re-import: nothing new; the JSON Lines form round-trips.
run 0 "$BINGE" events export
eq "$(head -1 <<<"$out" | tr -d '\r')" "event_id,profile,title,season,episode,kind,position,device,time" "CSV header"
eq "$(($(wc -l <<<"$out") - 1))" "$(sql "SELECT COUNT(*) FROM viewing_event")" "every event exported"
printf '%s\n' "$out" >"$WORK/export.csv"
run 0 "$BINGE" events export --format jsonl
printf '%s\n' "$out" >"$WORK/export.jsonl"
before=$(sql "SELECT id, profile_id, title_id, kind, position_ms, device, at FROM viewing_event ORDER BY id")
run 0 "$BINGE" events import "$WORK/export.csv" --json
eq "$(jq -c '[.loaded, .bad]' <<<"$out")" "[0,0]" "re-import of the export adds nothing"
run 0 "$BINGE" events import "$WORK/export.jsonl" --json
eq "$(jq -c '[.loaded, .bad]' <<<"$out")" "[0,0]" "JSON Lines export re-imports cleanly"
sql "DELETE FROM viewing_event" >/dev/null
run 0 "$BINGE" events import "$WORK/export.jsonl"
eq "$(sql "SELECT id, profile_id, title_id, kind, position_ms, device, at FROM viewing_event ORDER BY id")" "$before" "export round-trips exactly"
pass
