#!/usr/bin/env bash
# EASE at catalogue scale against the paper's NumPy closed form
# (bench/reference/ease.py), in the same run on the same split: a generated
# implicit file (USERS profiles choosing among ITEMS titles with Zipf-like
# popularity, 20-200 titles each, seed 1), `binge eval --model ease` with a
# fixed lambda saving its split, then the reference on that split. Prints
# each one's fit time, peak resident memory (GNU time) and Recall@20 /
# NDCG@20, and binge's ratios. One BLAS thread for neither: both use the
# machine's cores.
#
#   bench/ease_scale_bench.sh BINGE [ITEMS USERS LAMBDA]
set -euo pipefail
binge=$(realpath "$1")
items=${2:-20108}
users=${3:-50000}
lambda=${4:-500}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$items" "$users" "$work/data.csv" <<'PY'
import sys
import numpy as np
items, users, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = np.random.default_rng(1)
weights = 1.0 / np.arange(1, items + 1) ** 0.8
weights /= weights.sum()
with open(out, "w") as f:
    for u in range(users):
        k = int(rng.integers(20, 201))
        chosen = np.unique(rng.choice(items, size=k, p=weights))
        f.write("".join(f"{u},{i}\n" for i in chosen))
PY
rows=$(wc -l <"$work/data.csv")
/usr/bin/time -f "%M" -o "$work/binge.mem" "$binge" eval --data "$work/data.csv" --format csv \
	--model ease --param lambda="$lambda" --seed 42 --save-split "$work" --json >"$work/binge.json"
/usr/bin/time -f "%M" -o "$work/ref.mem" /usr/bin/python3 "$root/bench/reference/ease.py" \
	"$work" "$lambda" >"$work/ref.json"
b_items=$(jq .items "$work/binge.json")
echo "EASE at scale: $users profiles x $b_items titles seen ($rows rows), lambda $lambda, holdout seed 42"
printf '%-22s %10s %12s %10s %10s\n' "" "fit s" "peak MB" "Recall@20" "NDCG@20"
printf '%-22s %10.1f %12.0f %10.4f %10.4f\n' "binge (C, LAPACK)" "$(jq .fit_seconds "$work/binge.json")" \
	"$(($(cat "$work/binge.mem") / 1024))" "$(jq '.recall["20"]' "$work/binge.json")" \
	"$(jq '.ndcg["20"]' "$work/binge.json")"
printf '%-22s %10.1f %12.0f %10.4f %10.4f\n' "reference (NumPy)" "$(jq .fit_seconds "$work/ref.json")" \
	"$(($(cat "$work/ref.mem") / 1024))" "$(jq .recall_20 "$work/ref.json")" "$(jq .ndcg_20 "$work/ref.json")"
awk -v bt="$(jq .fit_seconds "$work/binge.json")" -v rt="$(jq .fit_seconds "$work/ref.json")" \
	-v bm="$(cat "$work/binge.mem")" -v rm="$(cat "$work/ref.mem")" \
	'BEGIN {printf "binge / reference: time %.2f, memory %.2f\n", bt / rt, bm / rm}'
