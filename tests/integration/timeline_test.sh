#!/usr/bin/env bash
# Franchise timelines: the article's placement of Jessica Jones's seasons
# among the Marvel films gives a story order beside the release order;
# constraints that contradict each other are named; bad files change
# nothing; the API gives a title's franchises to those who may see it.
. "$(dirname "$0")/lib.sh"
demo_setup
cat >"$WORK/mcu.json" <<'JSON'
{"franchise": "Marvel Cinematic Universe",
 "entries": [
  {"name": "Guardians of the Galaxy", "released": "2014-08-01"},
  {"name": "Avengers: Age of Ultron", "released": "2015-05-01"},
  {"name": "Jessica Jones season 1", "released": "2015-11-20", "title": "Jessica Jones", "season": 1},
  {"name": "Doctor Strange", "released": "2016-11-04"},
  {"name": "Thor: Ragnarok", "released": "2017-11-03"},
  {"name": "Jessica Jones season 2", "released": "2018-03-08", "title": "Jessica Jones", "season": 2},
  {"name": "Ant-Man and the Wasp", "released": "2018-07-06"},
  {"name": "Jessica Jones season 3", "released": "2019-06-14", "title": "Jessica Jones", "season": 3}],
 "constraints": [
  {"entry": "Jessica Jones season 1", "after": "Guardians of the Galaxy", "before": "Avengers: Age of Ultron"},
  {"entry": "Jessica Jones season 2", "after": "Doctor Strange"},
  {"entry": "Jessica Jones season 3", "after": "Thor: Ragnarok", "before": "Ant-Man and the Wasp"}]}
JSON
run 0 "$BINGE" timeline import "$WORK/mcu.json" --json
eq "$(jq -c '[.entries, .constraints]' <<<"$out")" "[8,3]" "imported"
run 0 "$BINGE" timeline "Marvel Cinematic Universe" --json
story=$(jq -c '[.story_order[].name]' <<<"$out")
eq "$story" '["Guardians of the Galaxy","Jessica Jones season 1","Avengers: Age of Ultron","Doctor Strange","Thor: Ragnarok","Jessica Jones season 2","Jessica Jones season 3","Ant-Man and the Wasp"]' "story order"
eq "$(jq -c '[.release_order[].name]' <<<"$out")" '["Guardians of the Galaxy","Avengers: Age of Ultron","Jessica Jones season 1","Doctor Strange","Thor: Ragnarok","Jessica Jones season 2","Ant-Man and the Wasp","Jessica Jones season 3"]' "release order"
eq "$(jq -c '.contradictions' <<<"$out")" "[]" "no contradiction"
eq "$(jq -c '.story_order[1] | [.title_id > 0, .season]' <<<"$out")" "[true,1]" "linked to the catalogue"

# A contradiction: Age of Ultron before Guardians closes a cycle.
jq '.constraints += [{"entry": "Avengers: Age of Ultron", "before": "Guardians of the Galaxy"}]' "$WORK/mcu.json" >"$WORK/cycle.json"
run 0 "$BINGE" timeline import "$WORK/cycle.json"
run 0 "$BINGE" timeline "Marvel Cinematic Universe" --json
eq "$(jq -c '.contradictions[0].entries | sort' <<<"$out")" '["Avengers: Age of Ultron","Guardians of the Galaxy","Jessica Jones season 1"]' "the entries involved"
eq "$(jq -c '.contradictions[0].constraints' <<<"$out")" '["Jessica Jones season 1 between Guardians of the Galaxy and Avengers: Age of Ultron","Avengers: Age of Ultron before Guardians of the Galaxy"]' "the constraints involved"
run 0 "$BINGE" timeline "Marvel Cinematic Universe"
contains "$out" "Contradiction: Jessica Jones season 1 between" "named in the table"

# Bad files change nothing.
run 0 "$BINGE" timeline import "$WORK/mcu.json"
jq '.constraints += [{"entry": "Iron Man 4", "after": "Doctor Strange"}]' "$WORK/mcu.json" >"$WORK/bad.json"
run 1 "$BINGE" timeline import "$WORK/bad.json"
contains "$err" "constraints[3]: no entry 'Iron Man 4'" "unknown entry named"
jq '.entries[0].released = "soon"' "$WORK/mcu.json" >"$WORK/bad.json"
run 1 "$BINGE" timeline import "$WORK/bad.json"
contains "$err" "entries[0].released: must be YYYY-MM-DD" "bad date named"
jq '.entries[2].title = "No Such Show"' "$WORK/mcu.json" >"$WORK/bad.json"
run 1 "$BINGE" timeline import "$WORK/bad.json"
contains "$err" "entries[2].title" "unknown title named"
run 0 "$BINGE" timeline "Marvel Cinematic Universe" --json
eq "$(jq '.contradictions | length' <<<"$out")" "0" "the stored franchise is unchanged"
run 1 "$BINGE" timeline "No Such Franchise"
contains "$err" "no franchise 'No Such Franchise'" "unknown franchise"

# The API.
serve_start --clock 2022-03-20
demo_profiles
JJ=$(sql "SELECT id FROM title WHERE name = 'Jessica Jones' AND kind = 'series'")
expect 200 GET "/api/v1/titles/$JJ/timeline" "$ADULT"
eq "$(jq -c '[.franchises[].franchise]' <<<"$body")" '["Marvel Cinematic Universe"]' "the title's franchises"
eq "$(jq -c '[.franchises[0].story_order[].name]' <<<"$body")" "$story" "API and CLI agree"
expect 401 GET "/api/v1/titles/$JJ/timeline"
expect 403 GET "/api/v1/titles/$JJ/timeline" "$KIDS"
pass
