#!/usr/bin/env bash
# Library scans over real (tiny) video files made with FFmpeg: probing,
# linking to the catalogue, re-scans that follow added, changed, moved and
# deleted files without duplicating anything, and bad files skipped.
. "$(dirname "$0")/lib.sh"
trap 'stop_all_servers; [ "${ENGINE}" = postgres ] && psql -qAt "$PG_BASE" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
lib="$WORK/library"
show="$lib/Jessica Jones (2015)/Season 01"
mkdir -p "$show" "$lib/The Quiet Harbour (2019)" "$lib/Luke Cage/Season 02" "$lib/Extras"
clip() { # PATH SECONDS [FFMPEG OPTIONS...]
	local path=$1 seconds=$2
	shift 2
	ffmpeg -v error -y -f lavfi -i "testsrc=duration=$seconds:size=160x120:rate=24" \
		-f lavfi -i "sine=duration=$seconds" -c:v libx264 -pix_fmt yuv420p -g 48 -c:a aac -shortest "$@" "$path"
}
clip "$show/Jessica Jones - S01E01 - AKA Ladies Night.mp4" 2
clip "$show/Jessica.Jones.S01E02.720p.mp4" 2 -metadata title="AKA Crush Syndrome" \
	-metadata description="Jessica vows to prove Kilgrave is alive." -metadata date=2015-11-20
clip "$lib/The Quiet Harbour (2019)/The Quiet Harbour (2019).mp4" 3
clip "$lib/Luke Cage/Season 02/Luke Cage - S02E01E02.mp4" 2
clip "$lib/Extras/Jessica Jones - S01E01 - Featurette.mp4" 1
head -c 5000 /dev/urandom >"$show/Jessica Jones - S01E03.mkv"
echo "notes" >"$lib/notes.txt"

run 0 "$BINGE" import wiki "$SEED"
run 2 "$BINGE" library add "$WORK/missing"
run 0 "$BINGE" library add "$lib"
run 1 "$BINGE" library add "$lib"
contains "$err" "already a library" "library added twice"
run 0 "$BINGE" scan --json
r=$(jq -c '.libraries[0] | [.added, .changed, .moved, .deleted, .unchanged, .skipped]' <<<"$out")
eq "$r" "[4,0,0,0,0,3]" "first scan: 4 added; notes, a damaged file and an extra skipped"
contains "$(jq -r '.libraries[0].problems | join("\n")' <<<"$out")" "S01E03.mkv: ffprobe cannot read it as media" "damaged file reported"
contains "$(jq -r '.libraries[0].problems | join("\n")' <<<"$out")" "notes.txt: not a video file" "non-media reported"

# The library's default policy: what the scan created (the film, Luke Cage)
# is on binge worldwide from the scan; the article's Jessica Jones keeps
# its own windows (none here), and the report says no viewer sees it.
eq "$(jq -c '.libraries[0] | [.new_titles, .reach]' <<<"$out")" \
	'[2,{"titles":3,"worldwide":2,"some_territories":0,"nobody":1,"nobody_names":["Jessica Jones"]}]' "who sees the library's titles"
eq "$(sql "SELECT w.platform || ' ' || w.worldwide FROM licence_window w JOIN title t ON t.id = w.title_id WHERE t.name = 'The Quiet Harbour'")" "binge 1" "a created film gets the policy's window"
eq "$(sql "SELECT COUNT(*) FROM licence_window w JOIN title t ON t.id = w.title_id WHERE t.name = 'Jessica Jones'")" "0" "an imported series gets none"
run 0 "$BINGE" scan
contains "$out" "3 titles (0 new): 2 seen worldwide, 0 in some territories, 1 by no viewer (no open licence window: Jessica Jones; add one with binge avail add)" "the reach in words"
eq "$(sql "SELECT COUNT(*) FROM licence_window")" "2" "a re-scan adds no window"

# Linked to the article's series; the probe is stored.
JJ=$(sql "SELECT id FROM title WHERE kind = 'series' AND name = 'Jessica Jones'")
eq "$(sql "SELECT COUNT(*) FROM title WHERE kind = 'series' AND name = 'Jessica Jones'")" "1" "no second Jessica Jones"
eq "$(sql "SELECT t.name FROM media_file m JOIN title t ON t.id = m.title_id WHERE m.rel_path LIKE '%S01E01%'")" "AKA Ladies Night" "episode titled from the file"
eq "$(sql "SELECT t.name || '|' || t.synopsis || '|' || t.first_aired FROM media_file m JOIN title t ON t.id = m.title_id WHERE m.rel_path LIKE '%S01E02%'")" \
	"AKA Crush Syndrome|Jessica vows to prove Kilgrave is alive.|2015-11-20" "an episode named and described by the file's tags"
eq "$(sql "SELECT container || ' ' || video_codec || ' ' || width || 'x' || height || ' ' || audio_codec || ' ' || duration_ms FROM media_file WHERE rel_path LIKE '%Harbour%'")" "mov h264 160x120 aac 3000" "probe stored"
# Missing series and films are created; a double episode creates both.
eq "$(sql "SELECT COUNT(*) FROM title WHERE kind = 'film' AND name = 'The Quiet Harbour' AND first_aired = '2019-01-01'")" "1" "film created"
eq "$(sql "SELECT COUNT(*) FROM title e JOIN title s ON s.id = e.parent_id JOIN title c ON c.id = s.parent_id WHERE c.name = 'Luke Cage' AND s.number = 2")" "2" "double episode"

# The planner's statistics of what the scan wrote; an unchanged re-scan
# (below) does not gather them again.
analysed() {
	if [ "$ENGINE" = postgres ]; then
		sql "SELECT COALESCE(CAST(last_analyze AS TEXT), 'never') FROM pg_stat_user_tables WHERE relname = 'media_file'"
	else
		sql "SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'media_file'"
	fi
}
analysed_after_first=$(analysed)
[ "$analysed_after_first" != never ] && [ "$analysed_after_first" != 0 ] || fail "media_file not analysed after the first scan"
checks=$((checks + 1))

# Re-scan: nothing changes.
before=$(dbdump)
ids=$(sql "SELECT id, rel_path FROM media_file ORDER BY id")
run 0 "$BINGE" scan --json
eq "$(jq -c '.libraries[0] | [.added, .changed, .moved, .deleted, .unchanged]' <<<"$out")" "[0,0,0,0,4]" "re-scan unchanged"
eq "$(dbdump)" "$before" "re-scan changed nothing"
[ "$ENGINE" != postgres ] || eq "$(analysed)" "$analysed_after_first" "an unchanged re-scan runs no ANALYZE"

# Move, change, delete, add.
mkdir -p "$lib/Jessica Jones (2015)/Season 1"
mv "$show/Jessica.Jones.S01E02.720p.mp4" "$lib/Jessica Jones (2015)/Season 1/Jessica Jones - S01E02 - AKA Crush Syndrome.mp4"
moved_id=$(sql "SELECT id FROM media_file WHERE rel_path LIKE '%S01E02%'")
clip "$lib/The Quiet Harbour (2019)/The Quiet Harbour (2019).mp4" 4
# A later modification time than the first scan saw, without waiting a second for it.
touch -d "@$(($(date +%s) + 2))" "$lib/The Quiet Harbour (2019)/The Quiet Harbour (2019).mp4"
rm "$lib/Luke Cage/Season 02/Luke Cage - S02E01E02.mp4"
clip "$show/Jessica Jones - S01E04.mp4" 1
run 0 "$BINGE" scan --json
eq "$(jq -c '.libraries[0] | [.added, .changed, .moved, .deleted, .unchanged]' <<<"$out")" "[1,1,1,1,1]" "second scan"
eq "$(sql "SELECT id FROM media_file WHERE rel_path LIKE '%Crush Syndrome%'")" "$moved_id" "a moved file keeps its id"
eq "$(sql "SELECT duration_ms FROM media_file WHERE rel_path LIKE '%Harbour%'")" "4000" "changed file probed again"
eq "$(sql "SELECT COUNT(*) FROM media_file")" "4" "no duplicates"
eq "$(sql "SELECT COUNT(*) FROM media_file WHERE rel_path LIKE '%Luke Cage%'")" "0" "deleted file forgotten"
eq "$(sql "SELECT COUNT(*) FROM title WHERE kind = 'series' AND name = 'Jessica Jones'")" "1" "still one series"
eq "$(sql "SELECT COUNT(*) FROM title WHERE kind = 'episode' AND top_id = $JJ")" "39" "no episode doubled"

# A folder renamed: its file keeps its title (the name says the same
# episode, so nothing is looked up); a file renamed to another episode is
# linked to that one.
crush_title=$(sql "SELECT title_id FROM media_file WHERE rel_path LIKE '%Crush Syndrome%'")
mv "$lib/Jessica Jones (2015)/Season 1" "$lib/Jessica Jones (2015)/Disc 1"
run 0 "$BINGE" scan --json
eq "$(jq -c '.libraries[0] | [.added, .moved, .deleted]' <<<"$out")" "[0,1,0]" "a renamed folder: one move"
eq "$(sql "SELECT id || ' ' || title_id FROM media_file WHERE rel_path LIKE '%Disc 1/Jessica Jones - S01E02 - AKA Crush Syndrome.mp4'")" "$moved_id $crush_title" "same row, same episode"
mv "$lib/Jessica Jones (2015)/Disc 1/Jessica Jones - S01E02 - AKA Crush Syndrome.mp4" "$lib/Jessica Jones (2015)/Disc 1/Jessica Jones - S01E05.mp4"
run 0 "$BINGE" scan --json
eq "$(jq -c '.libraries[0] | [.added, .moved, .deleted]' <<<"$out")" "[0,1,0]" "a renamed file: one move"
eq "$(sql "SELECT t.number || ' ' || s.number FROM media_file m JOIN title t ON t.id = m.title_id JOIN title s ON s.id = t.parent_id WHERE m.id = $moved_id")" "5 1" "linked to the episode its new name says"
mv "$lib/Jessica Jones (2015)/Disc 1/Jessica Jones - S01E05.mp4" "$lib/Jessica Jones (2015)/Disc 1/Jessica Jones - S01E02 - AKA Crush Syndrome.mp4"
run 0 "$BINGE" scan --json
eq "$(sql "SELECT title_id FROM media_file WHERE id = $moved_id")" "$crush_title" "and back"

# The same through the admin API.
run 0 "$BINGE" user add admin --territory US --admin <<<"admin-secret"
run 0 "$BINGE" user add viewer --territory US <<<"viewer-secret"
serve_start
ADMIN=$(login admin admin-secret)
expect 403 GET /api/v1/libraries "$(login viewer viewer-secret)"
expect 200 GET /api/v1/libraries "$ADMIN"
eq "$(jq -c '[.items[] | .files]' <<<"$body")" "[4]" "library listed with its files"
LIB=$(jq -r '.items[0].id' <<<"$body")
rm "$show/Jessica Jones - S01E04.mp4"
expect 200 POST "/api/v1/libraries/$LIB/scan" "$ADMIN"
eq "$(jq -c '[.added, .deleted, .unchanged]' <<<"$body")" "[0,1,3]" "scan through the API"
expect 404 POST /api/v1/libraries/999/scan "$ADMIN"
expect 400 POST /api/v1/libraries "$ADMIN" '{"path":"relative/dir"}'
expect 400 POST /api/v1/libraries "$ADMIN" "{\"path\":\"$WORK/missing\"}"
mkdir -p "$WORK/second"
expect 201 POST /api/v1/libraries "$ADMIN" "{\"path\":\"$WORK/second\"}"
eq "$(jq -c .availability <<<"$body")" '{"platform":"binge","territories":"worldwide"}' "HTTP: the default policy"
mkdir -p "$WORK/third" "$WORK/fourth"
expect 400 POST /api/v1/libraries "$ADMIN" "{\"path\":\"$WORK/third\",\"availability\":{\"territories\":[\"GB\",\"ZZZ\"]}}"
contains "$body" "availability.territories: 'ZZZ' is not an ISO 3166-1 alpha-2 code" "HTTP: a bad territory named"
expect 400 POST /api/v1/libraries "$ADMIN" "{\"path\":\"$WORK/third\",\"availability\":{\"region\":\"GB\"}}"
expect 201 POST /api/v1/libraries "$ADMIN" "{\"path\":\"$WORK/third\",\"availability\":{\"platform\":\"Local\",\"territories\":[\"GB\",\"IE\"]}}"
eq "$(jq -c .availability <<<"$body")" '{"platform":"Local","territories":"GB,IE"}' "HTTP: a policy given"
expect 201 POST /api/v1/libraries "$ADMIN" "{\"path\":\"$WORK/fourth\",\"availability\":null}"
eq "$(jq -c .availability <<<"$body")" 'null' "HTTP: no policy"
expect 409 POST /api/v1/libraries "$ADMIN" "{\"path\":\"$WORK/second\"}"
serve_stop
# Other policies: some territories on another platform, or none.
for name in gb none; do mkdir -p "$WORK/$name/Film $name (2020)" && cp "$lib/The Quiet Harbour (2019)/The Quiet Harbour (2019).mp4" "$WORK/$name/Film $name (2020)/Film $name (2020).mp4"; done
run 2 "$BINGE" library add "$WORK/gb" --territories GB,XX
contains "$err" "territories: 'XX' is not an ISO 3166-1 alpha-2 code" "a bad territory named"
run 2 "$BINGE" library add "$WORK/none" --no-window --platform Local
run 0 "$BINGE" library add "$WORK/gb" --platform "Local TV" --territories GB,IE --json
eq "$(jq -c .availability <<<"$out")" '{"platform":"Local TV","territories":"GB,IE"}' "policy stored"
run 0 "$BINGE" library add "$WORK/none" --no-window
run 0 "$BINGE" scan --json
eq "$(jq -c '[.libraries[4:][] | .reach | [.worldwide, .some_territories, .nobody]]' <<<"$out")" '[[0,1,0],[0,0,1]]' "GB only; nobody"
eq "$(sql "SELECT lt.territory FROM licence_territory lt JOIN licence_window w ON w.id = lt.window_id JOIN title t ON t.id = w.title_id WHERE t.name = 'Film gb' ORDER BY 1" | tr '\n' ,)" "GB,IE," "the GB library's window"

# The probe cache: a tree moved from one library to another is not probed
# again (ffprobe is counted through a wrapper first on PATH); a file whose
# time changed, or whose cached output no longer parses, is.
mkdir -p "$WORK/bin" "$WORK/moves-a/Harbour Tales/Season 01" "$WORK/moves-b"
printf '#!/bin/sh\necho "$*" >>"%s"\nexec %s "$@"\n' "$WORK/probes.log" "$(command -v ffprobe)" >"$WORK/bin/ffprobe"
chmod +x "$WORK/bin/ffprobe"
: >"$WORK/probes.log"
probes() { grep -c /moves- "$WORK/probes.log"; } # (the damaged file elsewhere is tried at every scan)
for e in 1 2; do clip "$WORK/moves-a/Harbour Tales/Season 01/Harbour Tales - S01E0$e.mp4" "$((e + 1))"; done
run 0 "$BINGE" library add "$WORK/moves-a"
run 0 "$BINGE" library add "$WORK/moves-b"
PATH="$WORK/bin:$PATH" run 0 "$BINGE" scan --json
eq "$(probes)" "2" "two new files: ffprobe ran twice"
eq "$(jq -c '[.libraries[] | .probes_cached] | add' <<<"$out")" "0" "nothing cached yet"
eq "$(sql "SELECT COUNT(*) FROM probe_cache WHERE inode IN ($(stat -c %i "$WORK/moves-a/Harbour Tales/Season 01/"*.mp4 | paste -sd,))")" "2" "both probes cached by inode"
mv "$WORK/moves-a/Harbour Tales" "$WORK/moves-b/"
PATH="$WORK/bin:$PATH" run 0 "$BINGE" scan --json
eq "$(probes)" "2" "the moved tree: ffprobe not run"
eq "$(jq -c '[.libraries[] | select(.path | endswith("moves-b")) | .added, .probes_cached]' <<<"$out")" "[2,2]" "added to the second library from the cache"
eq "$(jq -c '[.libraries[] | select(.path | endswith("moves-a")) | .deleted]' <<<"$out")" "[2]" "gone from the first"
eq "$(sql "SELECT duration_ms || ' ' || video_codec || ' ' || audio_codec FROM media_file WHERE rel_path LIKE '%S01E02%' AND library_id = (SELECT id FROM library WHERE path LIKE '%moves-b')")" "3000 h264 aac" "the cached probe stored as a probe"
PATH="$WORK/bin:$PATH" run 0 "$BINGE" scan
contains "$out" "0 added" "text output"
touch -d '2020-01-02 03:04:05' "$WORK/moves-b/Harbour Tales/Season 01/Harbour Tales - S01E01.mp4"
sql "UPDATE probe_cache SET output = '{not json' WHERE size = $(stat -c %s "$WORK/moves-b/Harbour Tales/Season 01/Harbour Tales - S01E02.mp4")" >/dev/null
mv "$WORK/moves-b/Harbour Tales" "$WORK/moves-a/"
PATH="$WORK/bin:$PATH" run 0 "$BINGE" scan --json
eq "$(probes)" "4" "a changed time and an unreadable cached output: both probed"
eq "$(jq -c '[.libraries[] | .probes_cached] | add' <<<"$out")" "0" "neither taken from the cache"
eq "$(sql "SELECT COUNT(*) FROM probe_cache WHERE output LIKE '{not json%'")" "0" "the bad output replaced"

pass
