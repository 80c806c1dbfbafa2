#!/usr/bin/env bash
# Recommendations end to end on a simulated service: binge train, the
# home page's recommendation rows and similar titles over HTTP and the
# CLI, every list through the visibility rule (a kids profile never gets a
# title above its ceiling, no one a title their territory cannot play),
# fold-in for a new profile, hot swap of a newer model, a corrupt model
# refused, and taste communities built, shown and scored.
. "$(dirname "$0")/lib.sh"
export BINGE_MODELS="$WORK/models"
AT=2024-02-20
run 0 "$BINGE" simulate catalogue --series 40 --films 20 --seed 3
run 0 "$BINGE" simulate --viewers 600 --days 45 --seed 3 --start 2024-01-01
run 0 "$BINGE" user add fan --territory GB <<<"fan-secret"
run 0 "$BINGE" profile add fan Adult
run 0 "$BINGE" profile add fan Kids --kids --ceiling TV-Y7
run 1 "$BINGE" recommend fan/Adult
contains "$err" "no trained model in '$WORK/models': run binge train" "no model yet, named"

serve_start --clock "$AT"
FT=$(login fan fan-secret)
api GET /api/v1/profiles "$FT"
ADULT_ID=$(jq -r '.items[] | select(.name == "Adult") | .id' <<<"$body")
KIDS_ID=$(jq -r '.items[] | select(.name == "Kids") | .id' <<<"$body")
ADULT=$(select_profile "$FT" "$ADULT_ID")
KIDS=$(select_profile "$FT" "$KIDS_ID")
expect 200 GET /api/v1/home "$ADULT"
eq "$(jq -c '[.rows[].id]' <<<"$body")" '["continue_watching","next_up","my_list","popular","new"]' "no recommendation rows before a model"

# watch TOKEN N: the profile finishes the N films it may see that simulated
# viewers watched most; prints their ids.
watch() {
	api GET "/api/v1/titles?kind=film&limit=200" "$1"
	local ids
	ids=$(jq -r '[.items[].id] | join(",")' <<<"$body")
	[ -n "$ids" ] || fail "no film visible to the profile"
	local films
	films=$(sql "SELECT top_id FROM title_view WHERE top_id IN ($ids) GROUP BY top_id ORDER BY COUNT(*) DESC, top_id LIMIT $2")
	local f events=""
	for f in $films; do
		events+="{\"event_id\":\"$1-$f-s\",\"title_id\":$f,\"kind\":\"start\",\"position\":0,\"time\":\"2024-02-19T20:00:00Z\"},"
		events+="{\"event_id\":\"$1-$f-c\",\"title_id\":$f,\"kind\":\"complete\",\"position\":5400,\"time\":\"2024-02-19T21:30:00Z\"},"
	done
	expect 200 POST /api/v1/events "$1" "{\"events\":[${events%,}]}"
	echo "$films"
}
ADULT_FILMS=$(watch "$ADULT" 3)
KIDS_FILMS=$(watch "$KIDS" 2)

run 0 "$BINGE" train --json
eq "$(jq -r .version <<<"$out")" "1" "the first model is version 1"
eq "$(jq -r .model <<<"$out")" "ials" "iALS by default"
[ -s "$WORK/models/model-000001.bin" ] || fail "model file written"
eq "$(jq -r .profiles <<<"$out")" "$(sql "SELECT COUNT(DISTINCT profile_id) FROM episode_view")" "every profile with viewing"
SOME_FILM=$(head -n 1 <<<"$ADULT_FILMS")

# The server picks the model up within a second or two, without a restart.
wait_version() { # VERSION
	local i
	for i in $(seq 1 50); do
		api GET "/api/v1/titles/$SOME_FILM/similar" "$ADULT"
		[ "$(jq -r .model_version <<<"$body")" = "$1" ] && return 0
		sleep 0.1
	done
	fail "the server did not swap in model version $1: $body"
}
wait_version 1
checks=$((checks + 1))

# Every title a profile is recommended, it may open (GET /titles/{id}).
all_visible() { # TOKEN JSON WHAT
	local id ids i
	mapfile -t ids < <(jq -r '[.rows[]? .items[].id, .items[]?.id] | unique | .[]' <<<"$2")
	[ "${#ids[@]}" -gt 0 ] || fail "$3: nothing recommended"
	batch_begin
	for id in "${ids[@]}"; do batch_add GET "/api/v1/titles/$id" "$1"; done
	batch_run
	for i in "${!ids[@]}"; do
		[ "${batch_status[i]}" = 200 ] || fail "$3: title ${ids[i]} recommended but GET answers ${batch_status[i]}"
	done
	checks=$((checks + 1))
}
expect 200 GET /api/v1/home "$ADULT"
home=$body
eq "$(jq -r '.rows[] | select(.id == "top_picks") | .title' <<<"$home")" "Top picks for Adult" "top picks row"
eq "$(jq -r '.rows[] | select(.id == "top_picks") | .items | length' <<<"$home")" "20" "a full row of 20"
all_visible "$ADULT" "$home" "adult home"
because=$(jq -r '[.rows[] | select(.id == "because_you_watched") | .because] | join(" ")' <<<"$home")
[ -n "$because" ] || fail "a because-you-watched row"
for b in $because; do
	grep -qx "$b" <<<"$ADULT_FILMS" || fail "because-you-watched explains from $b, which the adult did not watch (kids watched: $KIDS_FILMS)"
done
contains "$(jq -r '.rows[] | select(.id == "because_you_watched") | .title' <<<"$home")" "Because you watched " "row named after its title"
for f in $ADULT_FILMS; do
	eq "$(jq "[.rows[] | select(.id != \"continue_watching\" and .id != \"next_up\" and .id != \"popular\" and .id != \"my_list\" and .id != \"new\") | .items[].id] | index($f)" <<<"$home")" "null" "a film watched is not recommended again"
done

# The kids profile: nothing above TV-Y7 (level 7) however popular it is.
expect 200 GET /api/v1/home "$KIDS"
kids_home=$body
all_visible "$KIDS" "$kids_home" "kids home"
ids=$(jq -r '[.rows[] | select(.id == "top_picks" or .id == "because_you_watched") | .items[].id] | join(",")' <<<"$kids_home")
eq "$(sql "SELECT COUNT(*) FROM title WHERE id IN ($ids) AND maturity_level > 7")" "0" "no kids recommendation above the ceiling"
adult_ids=$(jq -r '[.rows[] | select(.id == "top_picks") | .items[].id] | join(",")' <<<"$home")
[ "$(sql "SELECT COUNT(*) FROM title WHERE id IN ($adult_ids) AND maturity_level > 7")" -gt 0 ] ||
	fail "the adult's top picks hold titles above TV-Y7, so the kids filter had work to do"
checks=$((checks + 1))

# The CLI shows the same rows as the server for the same moment.
run 0 "$BINGE" recommend fan/Adult --at "$AT" --json
eq "$(jq -c '[.rows[] | {id, items: [.items[].id]}]' <<<"$out")" "$(jq -c '[.rows[] | select(.id == "top_picks" or .id == "because_you_watched" or .id == "community") | {id, items: [.items[].id]}]' <<<"$home")" "CLI and HTTP agree"
run 0 "$BINGE" recommend fan/Adult --at "$AT"
contains "$out" "Top picks for Adult" "table output"

# Similar titles. The nearest one is then licensed to the US only: the
# model still knows it, the GB profile no longer receives it, and its
# list still fills.
run 0 "$BINGE" similar "$SOME_FILM" --at "$AT" --json
eq "$(jq '.items | length' <<<"$out")" "20" "20 similar titles"
X=$(jq -r '.items[0].id' <<<"$out")
run 0 "$BINGE" avail clear "$X"
run 0 "$BINGE" avail add "$X" --platform Elsewhere --territories US --from 2020-01-01
run 0 "$BINGE" similar "$SOME_FILM" --at "$AT" --json
eq "$(jq -r '.items[0].id' <<<"$out")" "$X" "unrestricted, the US-only title is still first"
expect 200 GET "/api/v1/titles/$SOME_FILM/similar" "$ADULT"
similar=$body
all_visible "$ADULT" "$similar" "similar for the GB adult"
eq "$(jq '.items | length' <<<"$similar")" "20" "the filtered list still fills"
eq "$(jq "[.items[].id] | index($X)" <<<"$similar")" "null" "no title GB cannot play"
run 0 "$BINGE" similar "$SOME_FILM" --as fan/Adult --at "$AT" --json
eq "$(jq -c '[.items[].id]' <<<"$out")" "$(jq -c '[.items[].id]' <<<"$similar")" "similar: CLI --as and HTTP agree"
expect 401 GET "/api/v1/titles/$SOME_FILM/similar"
expect 404 GET "/api/v1/titles/999999/similar" "$ADULT"
MA=$(sql "SELECT id FROM title WHERE id IN ($adult_ids) AND maturity_level > 7 ORDER BY id LIMIT 1")
api GET "/api/v1/titles/$MA/similar" "$KIDS"
eq "$status" "403" "a title above the kids ceiling: no similar list either"

# Fold-in: a profile added after training gets top picks from one film.
run 0 "$BINGE" profile add fan Late
api GET /api/v1/profiles "$FT"
LATE=$(select_profile "$FT" "$(jq -r '.items[] | select(.name == "Late") | .id' <<<"$body")")
expect 200 GET /api/v1/home "$LATE"
eq "$(jq '[.rows[] | select(.id == "top_picks")] | length' <<<"$body")" "0" "no picks before any viewing"
expect 200 POST /api/v1/events "$LATE" "{\"events\":[{\"event_id\":\"late-1\",\"title_id\":$SOME_FILM,\"kind\":\"complete\",\"position\":5400,\"time\":\"2024-02-19T21:00:00Z\"}]}"
expect 200 GET /api/v1/home "$LATE"
eq "$(jq '.rows[] | select(.id == "top_picks") | .items | length' <<<"$body")" "20" "picks for a new profile without retraining"
eq "$(jq '.rows[] | select(.id == "because_you_watched") | .because' <<<"$body")" "$SOME_FILM" "because you watched its one film"

# A newer model is swapped in; a corrupt one is refused and the old stays.
run 0 "$BINGE" train --model ease --json
eq "$(jq -r .version <<<"$out")" "2" "version 2"
wait_version 2
checks=$((checks + 1))
python3 - "$WORK/models/model-000002.bin" "$WORK/models/model-000003.bin" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[len(data) // 2] ^= 0x40
open(sys.argv[2], "wb").write(data)
PY
run 1 "$BINGE" recommend fan/Adult
contains "$err" "model-000003.bin' is corrupt: its checksum does not match" "corruption named"
# The server looks for a newer model when asked, at most once a second, and
# logs the refusal: ask until it has looked, rather than sleeping a fixed time.
for _ in $(seq 1 60); do
	api GET "/api/v1/titles/$SOME_FILM/similar" "$ADULT"
	grep -q "model not loaded, keeping version 2" "$WORK"/serve.*.err && break
	sleep 0.1
done
contains "$(cat "$WORK"/serve.*.err)" "model not loaded, keeping version 2" "the refusal is logged"
api GET "/api/v1/titles/$SOME_FILM/similar" "$ADULT"
eq "$(jq -r .model_version <<<"$body")" "2" "the server keeps version 2"
rm "$WORK/models/model-000003.bin"

# Taste communities, on a model from two random starts (its factors twice
# as wide), trained by conjugate-gradient steps.
run 0 "$BINGE" train --param seeds=2 --param cg=3 --json
eq "$(jq -c '[.params.seeds, .params.factors, .params.cg]' <<<"$out")" "[2,64,3]" "a two-seed CG model"
run 0 "$BINGE" communities build --k 6 --json
eq "$(jq -r .k <<<"$out")" "6" "six communities"
build=$out
run 0 "$BINGE" communities list --json
eq "$(jq '.items | length' <<<"$out")" "6" "listed"
# Each community's row was checked on its members' held-out latest starts;
# on planted tastes most communities beat popularity, and the build's
# totals are the sum of the communities'.
eq "$(jq '[.items[].validation.held_out] | add' <<<"$out")" "$(jq .validation.held_out <<<"$build")" "held-out starts add up"
eq "$(jq '[.items[] | select(.validation.home_row)] | length' <<<"$out")" "$(jq .validation.rows_earned <<<"$build")" "rows earned add up"
jq -e '.validation.hit_rate > .validation.hit_rate_popularity and .validation.rows_earned >= 1' <<<"$build" >/dev/null ||
	fail "communities beat popularity on held-out starts: $build"
checks=$((checks + 1))
jq -e '[.items[] | .validation | .home_row == (.held_out >= 10 and .hit_rate > .hit_rate_popularity)] | all' <<<"$out" >/dev/null ||
	fail "a row is earned by beating popularity on at least 10 starts: $out"
checks=$((checks + 1))
eq "$(jq '[.items[].size] | add' <<<"$out")" "$(sql "SELECT COUNT(DISTINCT profile_id) FROM episode_view")" "every profile with viewing in one"
eq "$(jq '[.items[] | select(.label == "" or (.top_titles | length) == 0)] | length' <<<"$out")" "0" "each has a label and titles"
run 0 "$BINGE" communities show fan/Adult --json
[ "$(jq -r '.affinity > 0' <<<"$out")" = true ] || fail "an affinity"
checks=$((checks + 1))
# The row shows when the profile's community earned it, and only then.
run 0 "$BINGE" communities show fan/Kids --json
KIDS_COMMUNITY=$(jq .community.id <<<"$out")
sql "UPDATE community SET held_out = 50, hit_rate_micro = 300000, popularity_hit_rate_micro = 200000 WHERE id = $KIDS_COMMUNITY"
expect 200 GET /api/v1/home "$KIDS"
row=$(jq -c '.rows[] | select(.id == "community")' <<<"$body")
contains "$row" "Popular in your taste community" "community row on the home page"
all_visible "$KIDS" "$body" "kids home with the community row"
sql "UPDATE community SET popularity_hit_rate_micro = 300000 WHERE id = $KIDS_COMMUNITY"
expect 200 GET /api/v1/home "$KIDS"
eq "$(jq '[.rows[] | select(.id == "community")] | length' <<<"$body")" "0" "no row where popularity did as well"
contains "$(jq -c '[.rows[].id]' <<<"$body")" '"popular"' "popular in the country instead"
run 1 "$BINGE" communities show fan/Nobody
contains "$err" "no profile 'fan/Nobody'" "unknown profile named"
run 0 "$BINGE" communities score --k 12 --json
jq -e '.nmi > 0.1 and .ari > 0.05 and .next_hit_rate_community > .next_hit_rate_popularity' <<<"$out" >/dev/null ||
	fail "communities beat popularity and agree with the planted groups: $out"
checks=$((checks + 1))

# Bad input.
run 2 "$BINGE" train --model slim
run 2 "$BINGE" train --model community
contains "$err" "community is for binge eval" "community models are not served"
run 2 "$BINGE" train --param lambda=5
contains "$err" "ials takes reg, nu, factors, alpha, iters, seeds, cg" "parameters named"
run 2 "$BINGE" communities build --k 0
run 2 "$BINGE" communities frobnicate
run 1 "$BINGE" recommend nobody/x
contains "$err" "no profile 'nobody/x'" "unknown profile"
run 1 "$BINGE" similar "No Such Title"
pass
