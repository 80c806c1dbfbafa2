#!/usr/bin/env bash
# Importing the seed article: the issue's acceptance criteria, end to end.
. "$(dirname "$0")/lib.sh"

run 0 "$BINGE" import wiki "$SEED"
contains "$out" "imported 'Jessica Jones' (series" "import summary"

run 0 "$BINGE" show "Jessica Jones" --json
j=$out
eq "$(jq -r .kind <<<"$j")" "series" "kind"
eq "$(jq -r .title <<<"$j")" "Jessica Jones" "title without qualifier"
eq "$(jq -r .season_count <<<"$j")" "3" "season_count"
eq "$(jq -r .episode_count <<<"$j")" "39" "episode_count"
eq "$(jq -c '[.seasons[] | [.number, .episode_count]]' <<<"$j")" "[[1,13],[2,13],[3,13]]" "seasons"
eq "$(jq -r .first_aired <<<"$j")" "2015-11-20" "first_aired"
eq "$(jq -r .status <<<"$j")" "cancelled" "status"
eq "$(jq -r .status_date <<<"$j")" "2019-02-18" "status_date"
eq "$(jq -c '[.credits[] | select(.role == "creator") | .person]' <<<"$j")" '["Melissa Rosenberg"]' "creator"
eq "$(jq -c '[.credits[] | select(.role == "showrunner") | .person]' <<<"$j")" '["Melissa Rosenberg","Scott Reynolds"]' "showrunners"
eq "$(jq -c '[.credits[] | select(.role == "composer") | .person]' <<<"$j")" '["Sean Callery"]' "composer"
eq "$(jq -c .platforms <<<"$j")" '["Netflix"]' "platforms"
eq "$(jq -c .genres <<<"$j")" '["Detective","Neo-noir","Psychological thriller","Superhero"]' "genres"
eq "$(jq -c .companies <<<"$j")" '["Marvel Television","ABC Studios","Tall Girls Productions"]' "companies"
eq "$(jq '[.credits[] | select(.role == "cast" and .character != null)] | length' <<<"$j")" "16" "cast with characters"
eq "$(jq -r '.credits[] | select(.person == "David Tennant") | .character' <<<"$j")" "Kilgrave" "Tennant as Kilgrave"
eq "$(jq -c .runtime_minutes <<<"$j")" '{"min":44,"max":56}' "runtime"

# Text output groups credits by role.
run 0 "$BINGE" show "jessica jones"
contains "$out" "Created by: Melissa Rosenberg" "text creator"
contains "$out" "Showrunners: Melissa Rosenberg, Scott Reynolds" "text showrunners"
contains "$out" "  David Tennant as Kilgrave" "text cast"
contains "$out" "  Season 2: 13 episodes" "text seasons"

# By id as well as by name.
id=$(jq -r .id <<<"$j")
run 0 "$BINGE" show "$id" --json
eq "$(jq -r .title <<<"$out")" "Jessica Jones" "show by id"

# Importing again changes nothing.
before=$(dbdump)
run 0 "$BINGE" import wiki "$SEED"
eq "$(dbdump)" "$before" "database after a second import"

# Other articles: CRLF + BOM + fewer keys, and a film; people are shared.
run 0 "$BINGE" import wiki "$DATA/daredevil_crlf_bom.txt" "$DATA/example_film.txt" --json
eq "$(jq -r '.imported | length' <<<"$out")" "2" "two imported"
eq "$(jq -r '.imported[1].kind' <<<"$out")" "film" "film kind"
run 0 "$BINGE" titles --json
eq "$(jq -c '[.titles[].title]' <<<"$out")" '["Daredevil","Jessica Jones","The Quiet Harbour"]' "titles listed by name"
eq "$(jq -r '.titles[] | select(.title == "Daredevil") | .episode_count' <<<"$out")" "39" "Daredevil episodes"
eq "$(sql "SELECT COUNT(*) FROM person WHERE name = 'Jeph Loeb'")" "1" "one Jeph Loeb"
eq "$(sql "SELECT COUNT(*) FROM credit c JOIN person p ON p.id = c.person_id WHERE p.name = 'Rosario Dawson'")" "2" "Rosario Dawson in two titles"
run 0 "$BINGE" show Daredevil --json
eq "$(jq -c .extras <<<"$out")" '[{"key":"Budget","value":"$40 million"}]' "unknown keys kept as extras"
eq "$(jq -c .rating <<<"$out")" '{"system":"US TV","value":"TV-MA","age":"18+"}' "rating"
run 0 "$BINGE" show Daredevil
contains "$out" 'Budget: $40 million' "extras shown in text"

run 0 "$BINGE" titles --kind season --json
eq "$(jq '.titles | length' <<<"$out")" "6" "seasons listed"

# --db beats BINGE_DB; without either, the default is ./binge-data/binge.db.
run 0 "$BINGE" import wiki --db "$WORK/other.db" "$DATA/example_film.txt"
eq "$(sql "SELECT COUNT(*) FROM title" "$WORK/other.db")" "1" "--db target"
(cd "$WORK" && BINGE_DB= "$BINGE" import wiki "$DATA/example_film.txt" >/dev/null)
[ -f "$WORK/binge-data/binge.db" ] || fail "default database not created"
eq "$(sql "PRAGMA journal_mode" "$WORK/binge-data/binge.db")" "wal" "WAL mode"
pass
