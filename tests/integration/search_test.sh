#!/usr/bin/env bash
# Search over titles, people and characters, ignoring case and accents.
. "$(dirname "$0")/lib.sh"

run 0 "$BINGE" import wiki "$SEED" "$DATA/daredevil_crlf_bom.txt"

run 0 "$BINGE" search "trey ordonez" --json
eq "$(jq -r '.hits[0].type' <<<"$out")" "person" "person hit"
eq "$(jq -r '.hits[0].person' <<<"$out")" "Trey Ordoñez" "accented name found"
eq "$(jq -r '.hits[0].title.title' <<<"$out")" "Jessica Jones" "person's title"

run 0 "$BINGE" search kilgrave --json
eq "$(jq -r '.hits | length' <<<"$out")" "1" "one hit for kilgrave"
eq "$(jq -r '.hits[0].type' <<<"$out")" "character" "character hit"
eq "$(jq -r '.hits[0].title.title' <<<"$out")" "Jessica Jones" "series found through its character"
eq "$(jq -r '.hits[0].person' <<<"$out")" "David Tennant" "character's actor"

run 0 "$BINGE" search "JESSICA"
contains "$out" "title      Jessica Jones (series" "title hit in text"
contains "$out" "character  Jessica Jones, played by Krysten Ritter" "character hit in text"

run 0 "$BINGE" search "foggy"
contains "$out" 'Franklin "Foggy" Nelson, played by Elden Henson in Daredevil' "quoted nickname"

# A typo, a letter left out: titles whose names resemble the text.
run 0 "$BINGE" search "jesica jones" --json
eq "$(jq -c '.hits[0] | [.type, .title.title]' <<<"$out")" '["title","Jessica Jones"]' "jesica jones finds Jessica Jones"
run 0 "$BINGE" search "dardevil" --json
eq "$(jq -c '[.hits[] | select(.type == "title") | .title.title]' <<<"$out")" '["Daredevil"]' "dardevil finds Daredevil, and only it"
run 0 "$BINGE" search "jessica" --json
eq "$(jq -c '[.hits[] | select(.type == "title") | .title.title]' <<<"$out")" '["Jessica Jones"]' "a name that holds the text: no near ones added"

run 0 "$BINGE" search "nobody-at-all"
contains "$out" "no matches" "no matches"
run 0 "$BINGE" search "e" --limit 2 --json
[ "$(jq '[.hits[] | select(.type == "person")] | length' <<<"$out")" -le 2 ] || fail "--limit"
pass
