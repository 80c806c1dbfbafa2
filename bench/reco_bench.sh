#!/usr/bin/env bash
# Recommendation benchmark: binge's EASE against the paper's own NumPy
# closed form (bench/reference/ease.py run by Debian's /usr/bin/python3 with python3-numpy) on the very
# same split of MovieLens 100K (protocol holdout, seed 42, lambda chosen by
# binge on validation), measured in the same run. Prints both models'
# Recall@20, NDCG@20 and training time; the issue asks binge to match the
# reference within 0.002 and train faster. Also binge's other models, its
# best as validation ranks them (iALS from 8 starts, ranking the catalogue
# as of each viewer's time, --horizon 7) and the published iALS of Hu,
# Koren and Volinsky 2008 in NumPy (bench/reference/ials.py, tuned on the
# same validation files).
#
#   bench/reco_bench.sh BINGE [ML100K_DIR]
set -euo pipefail
binge=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
data=${2:-$root/../shared/data/ml-100k}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$binge" eval --data "$data/u.data" --model popularity --seed 42 --json >"$work/pop.json"
"$binge" eval --data "$data/u.data" --model itemknn --seed 42 --json >"$work/knn.json"
"$binge" eval --data "$data/u.data" --model ials --seed 42 --json >"$work/ials.json"
"$binge" eval --data "$data/u.data" --model ials --param seeds=8 --seed 42 --json >"$work/ials8.json"
"$binge" eval --data "$data/u.data" --model blend --seed 42 --json >"$work/blend.json"
"$binge" eval --data "$data/u.data" --model ials --param seeds=8 --seed 42 --horizon 7 --json >"$work/best.json"
"$binge" eval --data "$data/u.data" --model ease --seed 42 --json --save-split "$work" >"$work/ease.json"
lambda=$(jq -r .params.lambda "$work/ease.json")
/usr/bin/python3 "$root/bench/reference/ease.py" "$work" "$lambda" >"$work/ref.json"
OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$root/bench/reference/ials.py" "$work" >"$work/ref_ials.json"
echo "recommendation benchmark: MovieLens 100K, holdout 80/20 seed 42, lambda $lambda (chosen on validation)"
echo "  iALS: $(jq -c .params "$work/ials.json"); 8 starts: $(jq -c .params "$work/ials8.json")"
printf "  %-28s %9s %9s %10s\n" model Recall@20 NDCG@20 "fit (s)"
row() { printf "  %-28s %9.4f %9.4f %10.3f\n" "$1" "$2" "$3" "$4"; }
row "binge popularity" "$(jq -r '.recall["20"]' "$work/pop.json")" "$(jq -r '.ndcg["20"]' "$work/pop.json")" "$(jq -r .fit_seconds "$work/pop.json")"
row "binge item-kNN" "$(jq -r '.recall["20"]' "$work/knn.json")" "$(jq -r '.ndcg["20"]' "$work/knn.json")" "$(jq -r .fit_seconds "$work/knn.json")"
row "binge EASE (C, LAPACK)" "$(jq -r '.recall["20"]' "$work/ease.json")" "$(jq -r '.ndcg["20"]' "$work/ease.json")" "$(jq -r .fit_seconds "$work/ease.json")"
row "binge iALS" "$(jq -r '.recall["20"]' "$work/ials.json")" "$(jq -r '.ndcg["20"]' "$work/ials.json")" "$(jq -r .fit_seconds "$work/ials.json")"
row "binge iALS, 8 starts" "$(jq -r '.recall["20"]' "$work/ials8.json")" "$(jq -r '.ndcg["20"]' "$work/ials8.json")" "$(jq -r .fit_seconds "$work/ials8.json")"
row "binge blend iALS+EASE" "$(jq -r '.recall["20"]' "$work/blend.json")" "$(jq -r '.ndcg["20"]' "$work/blend.json")" "$(jq -r .fit_seconds "$work/blend.json")"
row "binge iALS x8, 7-day horizon" "$(jq -r '.recall["20"]' "$work/best.json")" "$(jq -r '.ndcg["20"]' "$work/best.json")" "$(jq -r .fit_seconds "$work/best.json")"
row "reference iALS (NumPy, Hu 2008)" "$(jq -r .recall_20 "$work/ref_ials.json")" "$(jq -r .ndcg_20 "$work/ref_ials.json")" "$(jq -r .fit_seconds "$work/ref_ials.json")"
row "reference EASE (NumPy)" "$(jq -r .recall_20 "$work/ref.json")" "$(jq -r .ndcg_20 "$work/ref.json")" "$(jq -r .fit_seconds "$work/ref.json")"
jq -rn --slurpfile b "$work/ease.json" --slurpfile r "$work/ref.json" \
	'"difference binge - reference: Recall@20 \(($b[0].recall["20"] - $r[0].recall_20) * 10000 | round / 10000), NDCG@20 \(($b[0].ndcg["20"] - $r[0].ndcg_20) * 10000 | round / 10000); fit time ratio binge/reference \(($b[0].fit_seconds / $r[0].fit_seconds) * 100 | round / 100)"'
echo "  iALS x8, 7 days: $(jq -c .params "$work/best.json"); reference iALS: alpha $(jq -r .alpha "$work/ref_ials.json"), lambda $(jq -r .lambda "$work/ref_ials.json")"
jq -rn --slurpfile b "$work/best.json" --slurpfile r "$work/ref_ials.json" --slurpfile e "$work/ref.json" \
	'"binge best / best reference measured here: \(($b[0].recall["20"] / ([$r[0].recall_20, $e[0].recall_20] | max)) * 1000 | round / 1000); / the issue'"'"'s best reference (iALS 0.401): \(($b[0].recall["20"] / 0.401) * 1000 | round / 1000)"'
