#!/usr/bin/env bash
# NFO files beside the media (Kodi/Jellyfin): a scan reads tvshow.nfo,
# season.nfo, an episode's NAME.nfo and movie.nfo into the titles its videos
# are linked to. A title the article imported keeps its values and gets what
# it lacks; a title the scan made takes the NFO's. A re-scan reads only
# changed files and never duplicates people or credits; a broken file is
# named and skipped.
. "$(dirname "$0")/lib.sh"
demo_setup
lib="$WORK/library"
jj="$lib/Jessica Jones (2015)"
fs="$lib/Folder Show (2020)"
film="$lib/Example Film (1999)"
mkdir -p "$jj/Season 01" "$fs/Season 01" "$film" "$lib/Broken Show/Season 01"
ffmpeg -v error -f lavfi -i testsrc=duration=1:size=160x120:rate=24 -f lavfi -i sine=duration=1 \
	-c:v libx264 -pix_fmt yuv420p -c:a aac -shortest "$WORK/clip.mp4"
# Its tags name the episode too: the NFO beside it wins over them.
ffmpeg -v error -i "$WORK/clip.mp4" -c copy -metadata title="A Tagged Name" -metadata description="From the tags." \
	"$jj/Season 01/Jessica Jones - S01E01.mp4"
cp "$WORK/clip.mp4" "$fs/Season 01/Folder Show - S01E01.mp4"
cp "$WORK/clip.mp4" "$film/Example Film (1999).mp4"
cp "$WORK/clip.mp4" "$lib/Broken Show/Season 01/Broken Show - S01E01.mp4"
cat >"$jj/tvshow.nfo" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<tvshow>
  <title>Marvel's Jessica Jones</title>
  <plot>From the NFO, not the article.</plot>
  <tagline>Everyone has a dark side.</tagline>
  <genre>Thriller</genre>
  <uniqueid type="imdb" default="true">tt2357547</uniqueid>
  <actor><name>Krysten Ritter</name><role>Jessica Jones</role><order>0</order></actor>
  <actor><name>Carrie-Anne Moss</name><role>Jeri Hogarth</role><order>1</order></actor>
</tvshow>
https://www.thetvdb.com/series/284190
XML
cat >"$jj/Season 01/Jessica Jones - S01E01.nfo" <<'XML'
<episodedetails><title>AKA Ladies Night</title><season>1</season><episode>1</episode>
<plot>Jessica takes a case that leads her to a man she hoped never to see again.</plot>
<aired>2015-11-20</aired><runtime>53</runtime></episodedetails>
XML
cat >"$fs/tvshow.nfo" <<'XML'
<tvshow><title>Folder Show</title><plot>A show only the folder knows.</plot>
<genre>Comedy</genre><genre>Drama</genre><studio>Small Studio</studio>
<premiered>2020-02-03</premiered><mpaa>US:TV-14 / GB:12</mpaa><status>Continuing</status>
<ratings><rating name="tmdb" max="10"><value>8.1</value><votes>120</votes></rating></ratings>
<actor><name>Ada Example</name><role>Herself</role></actor>
<director>Dee Rector</director><credits>Ray Writer</credits></tvshow>
XML
cat >"$fs/Season 01/season.nfo" <<'XML'
<season><seasonnumber>1</seasonnumber><title>The Beginning</title><plot>Where it starts.</plot></season>
XML
cat >"$film/movie.nfo" <<'XML'
<movie><title>Example Film</title><originaltitle>Film d'exemple</originaltitle>
<plot>A film.</plot><runtime>95</runtime><mpaa>Rated PG-13</mpaa></movie>
XML
printf '<tvshow>\n<title>Broken\n</tvshow' >"$lib/Broken Show/tvshow.nfo"
printf '<movie><title>Nobody</title></movie>' >"$lib/orphan.nfo"

# extra KEY: the value of the title's extra KEY (several joined by commas).
extra() { jq -r --arg k "$1" '[.extras[] | select(.key == $k) | .value] | join(",")'; }

run 0 "$BINGE" library add "$lib"
run 0 "$BINGE" scan --json
eq "$(jq -c '.libraries[0] | [.added, .nfo]' <<<"$out")" "[4,5]" "four videos, five NFO files applied"
problems=$(jq -r '.libraries[0].problems[]' <<<"$out")
contains "$problems" "Broken Show/tvshow.nfo: line 3: not XML" "a broken NFO named with its line"
contains "$problems" "orphan.nfo: no video it describes is in the library" "an NFO with no video named"

# The article's series: its synopsis and name stay, the NFO fills what it lacks.
run 0 "$BINGE" show "Jessica Jones" --json
show=$out
eq "$(jq -r .synopsis <<<"$show")" "$(sql "SELECT synopsis FROM title WHERE name = 'Jessica Jones' AND kind = 'series'")" "the article's synopsis stays"
[ "$(jq -r .synopsis <<<"$show")" != "From the NFO, not the article." ] || fail "the NFO overwrote the article"
checks=$((checks + 1))
eq "$(extra tagline <<<"$show")" "Everyone has a dark side." "a tagline the article lacks"
eq "$(extra imdb_id <<<"$show")" "tt2357547" "the IMDb id"
eq "$(extra nfo_title <<<"$show")" "Marvel's Jessica Jones" "the NFO's own title kept beside the name"
eq "$(jq -r '[.credits[] | select(.role == "cast" and .person == "Carrie-Anne Moss") | .character] | .[0]' <<<"$show")" "Jeri Hogarth" "a cast member the article lacks, with the role"
eq "$(jq '[.credits[] | select(.role == "cast" and .person == "Krysten Ritter")] | length' <<<"$show")" "1" "one the article has: once"
eq "$(sql "SELECT name || '|' || runtime_min || '|' || first_aired FROM title WHERE id = (SELECT title_id FROM media_file WHERE rel_path LIKE '%Jessica Jones - S01E01.mp4')")" \
	"AKA Ladies Night|53|2015-11-20" "the episode's placeholder name and empty fields filled"

# The scan's series: the NFO is its only source.
run 0 "$BINGE" show "Folder Show" --json
eq "$(jq -c '[.title, .synopsis, .genres, .status, .rating.value]' <<<"$out")" \
	'["Folder Show","A show only the folder knows.",["Comedy","Drama"],"returning","TV-14"]' "the folder's series, from its NFO"
eq "$(extra certification <<<"$out")|$(extra rating_tmdb <<<"$out")" "GB:12|8.1/10 (120 votes)" "certification elsewhere and ratings kept"
eq "$(sql "SELECT c.board || ' ' || c.rating || ' ' || c.level FROM title_certification c JOIN title t ON t.id = c.title_id WHERE t.name = 'Folder Show'")" \
	"BBFC 12 12" "GB:12 becomes the BBFC certification GB viewers are judged by"
eq "$(jq -c '[.credits[] | [.role, .person]]' <<<"$out")" '[["cast","Ada Example"],["director","Dee Rector"],["writer","Ray Writer"]]' "cast, director, writer"
eq "$(sql "SELECT name || '|' || synopsis FROM title WHERE kind = 'season' AND top_id = (SELECT id FROM title WHERE name = 'Folder Show')")" \
	"The Beginning|Where it starts." "season.nfo names the season"
run 0 "$BINGE" show "Example Film" --json
eq "$(jq -c '[.kind, .synopsis, .rating.value, .runtime_minutes.min]' <<<"$out")|$(extra original_title <<<"$out")" '["film","A film.","PG-13",95]|Film d'"'"'exemple' "movie.nfo"

# Again: nothing read, nothing doubled.
people=$(sql "SELECT COUNT(*) FROM person")
credits=$(sql "SELECT COUNT(*) FROM credit")
run 0 "$BINGE" scan --json
eq "$(jq -c '.libraries[0] | [.unchanged, .nfo]' <<<"$out")" "[4,0]" "unchanged NFO files are not read again"
eq "$(sql "SELECT COUNT(*) FROM person")/$(sql "SELECT COUNT(*) FROM credit")" "$people/$credits" "no person or credit doubled"
# Changed: read again, and the scan's series follows it.
sleep 1 # a new modification time
sed -i 's|A show only the folder knows.|Rewritten by the operator.|' "$fs/tvshow.nfo"
run 0 "$BINGE" scan --json
eq "$(jq -c '.libraries[0].nfo' <<<"$out")" "1" "the changed file read again"
run 0 "$BINGE" show "Folder Show" --json
eq "$(jq -r .synopsis <<<"$out")" "Rewritten by the operator." "its new plot"
eq "$(sql "SELECT COUNT(*) FROM person")/$(sql "SELECT COUNT(*) FROM credit")" "$people/$credits" "still no person or credit doubled"

# The API's episodes carry what the NFO gave: name, synopsis, runtime.
serve_start --clock 2022-03-20
demo_profiles
JJ=$(sql "SELECT id FROM title WHERE name = 'Jessica Jones' AND kind = 'series'")
expect 200 GET "/api/v1/titles/$JJ/seasons/1/episodes" "$ADULT"
eq "$(jq -c '.items[] | select(.number == 1) | [.title, .synopsis, .runtime_minutes]' <<<"$body")" \
	'["AKA Ladies Night","Jessica takes a case that leads her to a man she hoped never to see again.",53]' "episode 1 as its NFO says"
eq "$(jq -c '.items[] | select(.number == 2) | [.title, .synopsis, .runtime_minutes]' <<<"$body")" \
	'["Episode 2",null,null]' "episode 2: nothing known"
serve_stop
pass
