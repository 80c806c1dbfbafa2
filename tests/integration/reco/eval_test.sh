#!/usr/bin/env bash
# binge eval: MovieLens 100K under the holdout protocol (popularity and EASE
# land where the literature puts them, EASE far above popularity), lambda
# chosen on validation, the split written for others to score, and bad
# input named. Needs no database.
. "$(dirname "$0")/../lib.sh"
ML="${BINGE_ML100K:?}/u.data"

run 0 "$BINGE" eval --data "$ML" --model popularity --seed 42 --json
pop=$(jq -r '.recall["20"]' <<<"$out")
pop_ecs=$(jq -r '.effective_catalogue["20"]' <<<"$out")
pop_p=$(jq -r '.precision["20"]' <<<"$out")
eq "$(jq -c '[.model, .protocol, .seed, .users, .items, (.ndcg | keys | length)]' <<<"$out")" '["popularity","holdout",42,942,1447,4]' "document shape"
awk -v r="$pop" 'BEGIN { exit !(r > 0.15 && r < 0.25) }' || fail "popularity Recall@20 $pop outside 0.15-0.25"
checks=$((checks + 1))

run 0 "$BINGE" eval --data "$ML" --model ease --param lambda=500 --seed 42 --json --save-split "$WORK"
ease=$(jq -r '.recall["20"]' <<<"$out")
ease_ecs=$(jq -r '.effective_catalogue["20"]' <<<"$out")
ease_p=$(jq -r '.precision["20"]' <<<"$out")
awk -v r="$ease" -v p="$pop" 'BEGIN { exit !(r > 0.35 && r > 1.8 * p) }' || fail "EASE Recall@20 $ease (popularity $pop)"
checks=$((checks + 1))
eq "$(jq -c .params <<<"$out")" '{"lambda":500}' "the given lambda is used"
run 0 "$BINGE" eval --data "$ML" --model itemknn --param shrink=10 --seed 42 --json
knn=$(jq -r '.recall["20"]' <<<"$out")
awk -v r="$knn" -v p="$pop" -v e="$ease" 'BEGIN { exit !(r > 1.5 * p && r < e + 0.05) }' || fail "item-kNN Recall@20 $knn (popularity $pop, EASE $ease)"
checks=$((checks + 1))
eq "$(jq -c .params <<<"$out")" '{"shrink":10,"k":100}' "item-kNN's shrink is used"
run 0 "$BINGE" eval --data "$ML" --model ials --param reg=0.03 --param factors=32 --param alpha=0.1 --param nu=1 --seed 42 --json
ials=$(jq -r '.recall["20"]' <<<"$out")
awk -v r="$ials" -v e="$ease" 'BEGIN { exit !(r > 0.37 && r > e - 0.01) }' || fail "iALS Recall@20 $ials (EASE $ease)"
checks=$((checks + 1))
eq "$(jq -c .params <<<"$out")" '{"reg":0.03,"nu":1,"factors":32,"alpha":0.1,"iters":12,"seeds":1,"cg":0}' "iALS parameters, given and default"
# Precision and the effective catalogue size: popularity shows the same few
# titles to everyone, EASE spreads its lists over many more.
awk -v p="$pop_ecs" -v e="$ease_ecs" 'BEGIN { exit !(p >= 20 && p < 60 && e > 2 * p && e < 1447) }' || fail "effective catalogue popularity $pop_ecs, EASE $ease_ecs"
awk -v p="$pop_p" -v e="$ease_p" 'BEGIN { exit !(p > 0.05 && e > p && e < 1) }' || fail "precision popularity $pop_p"
checks=$((checks + 2))
run 2 "$BINGE" eval --data "$ML" --model ials --param factors=1.5
contains "$err" "factors: '1.5' is not a whole number" "a bad value is named"
run 2 "$BINGE" eval --data "$ML" --model popularity --param lambda=5
# The split: train + test = every positive; validation is carved from train.
positives=$(awk -F'\t' '$3 >= 4' "$ML" | wc -l)
eq "$(($(wc -l <"$WORK/train.csv") + $(wc -l <"$WORK/test.csv")))" "$positives" "train + test = all positives"
eq "$(sort "$WORK/train.csv" "$WORK/test.csv" | uniq -d | wc -l)" "0" "train and test are disjoint"
eq "$(sort "$WORK/validation.csv" "$WORK/train.csv" | uniq -d | wc -l)" "$(wc -l <"$WORK/validation.csv")" "validation comes from train"
for v in 2 3; do
	eq "$(sort "$WORK/validation-$v.csv" "$WORK/train.csv" | uniq -d | wc -l)" "$(wc -l <"$WORK/validation-$v.csv")" "validation split $v comes from train"
	[ "$(sort "$WORK/validation.csv" | md5sum)" != "$(sort "$WORK/validation-$v.csv" | md5sum)" ] || fail "validation split $v is another draw"
	checks=$((checks + 1))
done
# The same seed, the same split and figures.
run 0 "$BINGE" eval --data "$ML" --model ease --param lambda=500 --seed 42 --json
eq "$(jq -r '.recall["20"]' <<<"$out")" "$ease" "deterministic for a seed"

# Tuning on validation, on a small CSV: two taste blocks of items.
{
	echo "user,item"
	for u in $(seq 1 40); do
		base=$(((u % 2) * 10))
		for i in $(seq 1 8); do echo "$u,$((base + (u * i) % 10))"; done
	done
} >"$WORK/blocks.csv"
run 0 "$BINGE" eval --data "$WORK/blocks.csv" --format csv --model ease --json
eq "$(jq -r '.validation_recall_20 != null' <<<"$out")" "true" "lambda chosen on validation"

run 1 "$BINGE" eval --data "$WORK/blocks.csv" --format csv --model ease --horizon 7
contains "$err" "--horizon needs times" "--horizon on a file without times is refused by name"

# The catalogue as of each viewer's time (--horizon): a title enters at its
# earliest train pair, a viewer's time is their latest; a horizon of a
# century changes nothing, a week lifts EASE.
run 0 "$BINGE" eval --data "$ML" --model ease --param lambda=500 --seed 42 --horizon 36500 --json
eq "$(jq -r '.recall["20"]' <<<"$out")" "$ease" "a century's horizon ranks what no horizon ranks"
run 0 "$BINGE" eval --data "$ML" --model ease --param lambda=500 --seed 42 --horizon 7 --json --save-split "$WORK/dated"
eq "$(jq -r .horizon_days <<<"$out")" "7" "the horizon is reported"
awk -v r="$(jq -r '.recall["20"]' <<<"$out")" -v e="$ease" 'BEGIN { exit !(r > e) }' || fail "EASE with a week's horizon $(jq -r '.recall["20"]' <<<"$out"), without $ease"
checks=$((checks + 1))
pair_times() { # $1: min or max, $2: the column (1 user, 2 item); from u.data's times of train pairs
	awk -F'\t' -v how="$1" -v col="$2" 'NR == FNR { t[$1 "," $2] = $4; next }
		{ split($0, p, ","); k = p[col]; v = t[$0]
		  if (!(k in best) || (how == "min" ? v < best[k] : v > best[k])) best[k] = v }
		END { for (k in best) print k "," best[k] }' "$ML" "$WORK/dated/train.csv" | sort
}
eq "$(sort "$WORK/dated/catalogue.csv")" "$(pair_times min 2)" "a title enters at its earliest train pair"
eq "$(sort "$WORK/dated/viewers.csv")" "$(pair_times max 1)" "a viewer's time is their latest train pair"
run 2 "$BINGE" eval --data "$ML" --model ease --horizon -1
contains "$err" "--horizon" "a negative horizon is named"
run 2 "$BINGE" eval --data "$ML" --model ease --horizon week

printf '1\t2\t5\t0\nbad line\n' >"$WORK/bad.data"
run 1 "$BINGE" eval --data "$WORK/bad.data" --model ease
contains "$err" "line 2" "a malformed line is named"
run 1 "$BINGE" eval --data "$WORK/missing.data" --model ease
contains "$err" "cannot read" "a missing file is named"
run 2 "$BINGE" eval --data "$ML" --model slim
run 0 "$BINGE" eval --data "$ML" --model ease --param lambda=500 --protocol strong --seed 42 --json --save-split "$WORK/strong"
strong=$(jq -r '.recall["20"]' <<<"$out")
awk -v r="$strong" 'BEGIN { exit !(r > 0.3) }' || fail "strong-generalisation EASE Recall@20 $strong"
checks=$((checks + 1))
eq "$(jq -r .test_users <<<"$out")" "94" "a tenth of the 942 users held out"
eq "$(cut -d, -f1 "$WORK/strong/train.csv" | sort -u | comm -12 - <(cut -d, -f1 "$WORK/strong/test.csv" | sort -u) | wc -l)" "0" "held-out users are not trained on"
eq "$(cut -d, -f1 "$WORK/strong/input.csv" | sort -u)" "$(cut -d, -f1 "$WORK/strong/test.csv" | sort -u)" "held-out users are scored from their own input"
# Leave-last-out: each user's test item carries their latest time among positives.
run 0 "$BINGE" eval --data "$ML" --model ease --param lambda=100 --protocol last --json --save-split "$WORK/last"
eq "$(wc -l <"$WORK/last/test.csv")" "$(jq -r .test_users <<<"$out")" "one test item per user"
late=$(awk -F'\t' 'NR == FNR { if ($3 >= 4) { if ($4 > max[$1]) max[$1] = $4; t[$1 "," $2] = $4 }; next }
	{ n++; if (!(($1 "," $2) in t) || t[$1 "," $2] != max[$1]) bad++ } END { print (n > 900 ? bad + 0 : "too few rows") }' "$ML" FS=, "$WORK/last/test.csv")
eq "$late" "0" "every test item is its user's latest positive"
run 2 "$BINGE" eval --data "$ML" --model ease --protocol newest
run 2 "$BINGE" eval --data "$ML" --model ease --param alpha=1
contains "$err" "ease takes lambda" "the kind's parameters are named"
run 2 "$BINGE" eval --data "$ML" --model itemknn --param lambda=1
run 2 "$BINGE" eval --model ease
# The files people have, unmodified: u.data rewritten as ml-latest's
# ratings.csv (a header, decimal ratings, CRLF) and as ML-1M's ratings.dat
# gives the same figures; --positive moves the line; a weight column is
# read as iALS's confidence with --weight.
{
	printf 'userId,movieId,rating,timestamp\r\n'
	awk -F'\t' '{ printf "%s,%s,%s.0,%s\r\n", $1, $2, $3, $4 }' "$ML"
} >"$WORK/ratings.csv"
awk -F'\t' '{ print $1 "::" $2 "::" $3 "::" $4 }' "$ML" >"$WORK/ratings.dat"
for f in ratings.csv ratings.dat; do
	run 0 "$BINGE" eval --data "$WORK/$f" --model ease --param lambda=500 --seed 42 --json
	eq "$(jq -r '.recall["20"]' <<<"$out")" "$ease" "$f reads as u.data does"
done
run 0 "$BINGE" eval --data "$WORK/ratings.csv" --model popularity --positive '>=3' --json
eq "$(jq -r .items <<<"$out")" "$(awk -F'\t' '$3 >= 3 { print $2 }' "$ML" | sort -u | wc -l)" "--positive >=3: the items rated 3 or more"
run 2 "$BINGE" eval --data "$WORK/ratings.csv" --model popularity --positive '=>3'
contains "$err" "--positive" "a bad rule is named"
{
	printf 'userID\tartistID\tweight\n'
	awk -F'\t' '{ print $1 "\t" $2 "\t" ($3 * $3 * 7) }' "$ML"
} >"$WORK/plays.tsv"
ials_on_plays() {
	run 0 "$BINGE" eval --data "$WORK/plays.tsv" --model ials --param factors=16 --param reg=0.03 \
		--param alpha=0.1 --param nu=1 --param iters=6 --seed 42 --json "$@"
}
ials_on_plays
plain=$(jq -r '.recall["20"]' <<<"$out")
eq "$(jq -r .items <<<"$out")" "$(cut -f2 "$ML" | sort -u | wc -l)" "without --weight every row of a weight file is a positive"
ials_on_plays --weight
weighted=$(jq -r '.recall["20"]' <<<"$out")
[ "$plain" != "$weighted" ] || fail "--weight changed nothing (Recall@20 $plain)"
checks=$((checks + 1))
run 2 "$BINGE" eval --data "$WORK/plays.tsv" --model ials --weight --positive '>=4'
printf 'user,item,rating\n1,2,5\n3,4,x\n' >"$WORK/bad.csv"
run 1 "$BINGE" eval --data "$WORK/bad.csv" --model popularity
contains "$err" "line 3: rating 'x' is not a number" "a bad rating is named with its line"
# Taste communities as a model: between popularity and EASE on MovieLens.
run 0 "$BINGE" eval --data "$ML" --model community --param communities=20 --param smoothing=10 \
	--param factors=16 --param iters=6 --seed 42 --json
comm=$(jq -r '.ndcg["20"]' <<<"$out")
gap=$out
eq "$(jq -c '[.params.communities, .params.smoothing]' <<<"$out")" "[20,10]" "community parameters used"
# The spread was not given: chosen on validation from its grid.
jq -e '.params.spread | IN(0, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2)' <<<"$out" >/dev/null || fail "community spread: $(jq -c .params <<<"$out")"
run 0 "$BINGE" eval --data "$ML" --model popularity --seed 42 --json
pop_ndcg=$(jq -r '.ndcg["20"]' <<<"$out")
awk -v c="$comm" -v p="$pop_ndcg" 'BEGIN { exit !(c > p + 0.05) }' || fail "community NDCG@20 $comm, popularity $pop_ndcg"
checks=$((checks + 1))
# It reports its share of the gap from popularity to EASE on the same split.
eq "$(jq -r '.gap.popularity_ndcg_20' <<<"$gap")" "$pop_ndcg" "the gap's popularity is popularity's own run"
jq -e '.gap as $g | ($g.ease_ndcg_20 > 0.3) and ($g.ease_lambda > 0) and
	((($g.recovered - (.ndcg["20"] - $g.popularity_ndcg_20) / ($g.ease_ndcg_20 - $g.popularity_ndcg_20)) | fabs) < 1e-3) and
	$g.recovered > 0.2 and $g.recovered < 1' <<<"$gap" >/dev/null || fail "the share of the gap: $gap"
checks=$((checks + 1))
# ... and under strong generalisation: held-out users are folded in and
# join a community they were never clustered into.
run 0 "$BINGE" eval --data "$ML" --model community --param communities=20 --param smoothing=10 \
	--param factors=16 --param iters=6 --protocol strong --seed 42 --json
comm=$(jq -r '.ndcg["20"]' <<<"$out")
eq "$(jq -r .protocol <<<"$out")" "strong" "community under the strong protocol"
run 0 "$BINGE" eval --data "$ML" --model popularity --protocol strong --seed 42 --json
pop_ndcg=$(jq -r '.ndcg["20"]' <<<"$out")
awk -v c="$comm" -v p="$pop_ndcg" 'BEGIN { exit !(c > p + 0.03) }' || fail "strong: community NDCG@20 $comm, popularity $pop_ndcg"
checks=$((checks + 1))
pass
