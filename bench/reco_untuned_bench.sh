#!/usr/bin/env bash
# Recommendation models on splits they were never tuned on: the values
# `binge eval` chose on seed 42's validation (docs/recommendations.md) are
# frozen and applied, without any tuning, to MovieLens 100K holdout splits
# with other seeds and to strong generalisation (held-out users). Prints
# Recall@20 of iALS from 8 starts, iALS from one start, EASE and
# popularity per split, and the mean over the holdout seeds.
#
#   bench/reco_untuned_bench.sh BINGE [ML100K_DIR] [SEEDS]
set -euo pipefail
binge=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
data=${2:-$root/../shared/data/ml-100k}/u.data
seeds=${3:-1 2 3 4 5 6 7 8 9 10}
ials=(--model ials --param reg=0.03 --param alpha=0.1 --param nu=0.75)
recall() { "$binge" eval --data "$data" "$@" --json | jq -r '.recall["20"]'; }
echo "frozen values from seed 42's validation: iALS reg 0.03, alpha 0.1, nu 0.75; EASE lambda 300"
printf "  %-16s %12s %12s %10s %10s\n" split "iALS 8 starts" "iALS 1 start" EASE popularity
for protocol in holdout strong; do
	for seed in $seeds; do
		a=$(recall "${ials[@]}" --param seeds=8 --protocol "$protocol" --seed "$seed")
		b=$(recall "${ials[@]}" --protocol "$protocol" --seed "$seed")
		e=$(recall --model ease --param lambda=300 --protocol "$protocol" --seed "$seed")
		p=$(recall --model popularity --protocol "$protocol" --seed "$seed")
		printf "  %-16s %12s %12s %10s %10s\n" "$protocol $seed" "$a" "$b" "$e" "$p"
		echo "$protocol $a $b $e $p" >>"${TMPDIR:-/tmp}/untuned.$$"
	done
done
awk '{ n[$1]++; for (i = 2; i <= 5; i++) s[$1, i] += $i }
	END { for (p in n) printf "  %-16s %12.4f %12.4f %10.4f %10.4f   (mean of %d; iALS 8 starts / EASE %.3f)\n",
		"mean " p, s[p, 2] / n[p], s[p, 3] / n[p], s[p, 4] / n[p], s[p, 5] / n[p], n[p], s[p, 2] / s[p, 4] }' \
	"${TMPDIR:-/tmp}/untuned.$$"
rm -f "${TMPDIR:-/tmp}/untuned.$$"
