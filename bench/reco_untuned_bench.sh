#!/usr/bin/env bash
# Recommendation models on splits they were never tuned on. binge's values
# are those `binge eval` chose on seed 42's validation (docs/
# recommendations.md), frozen and applied untuned to MovieLens 100K holdout
# splits with other seeds. The references are measured in the same run and
# tuned on each split's own validation files: the paper's EASE
# (bench/reference/ease.py, lambda chosen on validation by binge, whose EASE
# equals it) and the published iALS of Hu, Koren and Volinsky 2008
# (bench/reference/ials.py, alpha and lambda chosen on validation). Prints
# Recall@20 per split, then the means and binge's best over the best
# reference (the issue asks for at least 1.02).
#
#   bench/reco_untuned_bench.sh BINGE [ML100K_DIR] [SEEDS]
set -euo pipefail
binge=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
data=${2:-$root/../shared/data/ml-100k}/u.data
seeds=${3:-1 2 3 4 5 6 7 8 9 10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OPENBLAS_NUM_THREADS=1 # the references solve small systems; threads only contend
# without the horizon (chosen without it) and with it (chosen with it)
plain=(--param reg=0.03 --param alpha=0.1 --param nu=0.75 --param seeds=8)
dated=(--param reg=0.025 --param alpha=0.14 --param nu=0.75 --param seeds=8 --horizon 7)
recall() { "$binge" eval --data "$data" "$@" --json | jq -r '.recall["20"]'; }
echo "binge frozen from seed 42's validation. iALS, 8 starts: reg 0.03, alpha 0.1, nu 0.75; blend"
echo "with EASE lambda 300 at weight 0.9. With the 7-day horizon: reg 0.025, alpha 0.14, nu 0.75;"
echo "blend weight 0.8. binge's best, as validation ranks them: iALS, 8 starts, 7 days."
echo "References tuned on each split's own validation files."
printf "  %-6s %9s %9s %9s %9s | %9s %9s %6s\n" split "iALS x8" blend \
	"iALS+7d" "blend+7d" "ref iALS" "ref EASE" ratio
for seed in $seeds; do
	dir="$work/$seed"
	lambda=$("$binge" eval --data "$data" --model ease --seed "$seed" --save-split "$dir" --json | jq -r .params.lambda)
	ref_ease=$(/usr/bin/python3 "$root/bench/reference/ease.py" "$dir" "$lambda" | jq -r .recall_20)
	ref_ials=$(/usr/bin/python3 "$root/bench/reference/ials.py" "$dir" | jq -r .recall_20)
	i8=$(recall --model ials "${plain[@]}" --seed "$seed")
	b=$(recall --model blend "${plain[@]}" --param lambda=300 --param weight=0.9 --seed "$seed")
	ih=$(recall --model ials "${dated[@]}" --seed "$seed")
	bh=$(recall --model blend "${dated[@]}" --param lambda=300 --param weight=0.8 --seed "$seed")
	line=$(awk -v s="$seed" -v a="$i8" -v b="$b" -v c="$ih" -v d="$bh" -v r="$ref_ials" -v e="$ref_ease" \
		'BEGIN { best = r > e ? r : e; printf "%s %.4f %.4f %.4f %.4f %.4f %.4f %.3f", s, a, b, c, d, r, e, c / best }')
	echo "$line" >>"$work/rows"
	printf "  %-6s %9s %9s %9s %9s | %9s %9s %6s\n" $line
done
awk '{ for (i = 2; i <= 7; i++) s[i] += $i; n++; if ($8 >= 1.02) held++
	best = $6 > $7 ? $6 : $7; plain += $2 / best; blend += $3 / best }
	END { ref = s[6] > s[7] ? s[6] : s[7]
	      printf "  %-6s %9.4f %9.4f %9.4f %9.4f | %9.4f %9.4f %6.3f\n", "mean", s[2] / n, s[3] / n, s[4] / n, s[5] / n, s[6] / n, s[7] / n, s[4] / ref
	      printf "binge best (iALS x8, 7 days) / best reference: %.3f on the means; >= 1.02 on %d of %d splits\n", s[4] / ref, held, n
	      printf "from (user, item) pairs alone, as the references: iALS x8 %.3f, blend %.3f (means of per-split ratios)\n", plain / n, blend / n }' "$work/rows"
