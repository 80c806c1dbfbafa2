#!/usr/bin/env bash
# binge eval end to end, tuning included, on files shaped like the public
# ones the issue names, generated here (no download): an explicit file of
# ml-latest-small's shape (610 users, 9,742 titles, about 100,000 half-star
# ratings, a header) and an implicit one of Last.fm hetrec-2k's shape
# (1,892 users, 17,632 artists, about 90,000 rows with play counts, 30
# planted tastes so that models have something to find). Prints
# wall time and peak resident memory (GNU time) of:
#   - iALS tuned on the explicit file (--positive '>=3.5');
#   - EASE tuned on the implicit file (lambda through the users' kernel);
#   - popularity, EASE and the community model tuned on MovieLens 100K
#     (BINGE_ML100K, else ../shared/data/ml-100k, if there) and on the implicit file, with the share of
#     the NDCG@20 gap between popularity and EASE that communities recover.
#
#   bench/eval_scale_bench.sh BINGE
set -euo pipefail
binge=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$work" <<'PY'
import sys
import numpy as np
out = sys.argv[1]
rng = np.random.default_rng(5)
items, users = 9742, 610
w = 1.0 / np.arange(1, items + 1) ** 0.9
w /= w.sum()
ids = rng.permutation(np.arange(1, 200000))[:items]
with open(f"{out}/ratings.csv", "w") as f:
    f.write("userId,movieId,rating,timestamp\n")
    for u in range(1, users + 1):
        k = int(min(items - 1, rng.lognormal(4.7, 1.0) + 20))
        for i in np.unique(rng.choice(items, size=k, p=w)):
            f.write(f"{u},{ids[i]},{rng.integers(1, 11) / 2:.1f},{964982703 + int(rng.integers(0, 10**8))}\n")
items, users = 17632, 1892
w = 1.0 / np.arange(1, items + 1) ** 0.8
w /= w.sum()
# 30 planted tastes: each draws 30 of its 50 artists from its own 600
tastes = [rng.permutation(items)[:600] for _ in range(30)]
tw = 1.0 / np.arange(1, 601) ** 0.8
tw /= tw.sum()
with open(f"{out}/user_artists.dat", "w") as f:
    f.write("userID\tartistID\tweight\n")
    for u in range(2, users + 2):
        own = tastes[u % 30][rng.choice(600, size=30, p=tw)]
        picks = np.unique(np.concatenate([own, rng.choice(items, size=20, p=w)]))
        for i in picks:
            f.write(f"{u}\t{i + 1}\t{int(rng.lognormal(5, 1.5)) + 1}\n")
PY
timed() { # NAME ARGS...: runs binge eval, prints its line and keeps its JSON in $work/NAME.json
	local name=$1
	shift
	local t0 t1
	t0=$(date +%s.%N)
	/usr/bin/time -f %M -o "$work/$name.mem" "$binge" eval "$@" --json >"$work/$name.json"
	t1=$(date +%s.%N)
	printf '%-34s %8.1f s %8d MB  Recall@20 %.4f  NDCG@20 %.4f  %s\n' "$name" \
		"$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$(($(cat "$work/$name.mem") / 1024))" \
		"$(jq '.recall["20"]' "$work/$name.json")" "$(jq '.ndcg["20"]' "$work/$name.json")" \
		"$(jq -c .params "$work/$name.json")"
}
gap() { # POP EASE COMMUNITY: the share of popularity's NDCG@20 gap to EASE that communities close
	awk -v p="$(jq '.ndcg["20"]' "$work/$1.json")" -v e="$(jq '.ndcg["20"]' "$work/$2.json")" \
		-v c="$(jq '.ndcg["20"]' "$work/$3.json")" 'BEGIN {
		if (e - p < 0.01) printf "EASE is no better than popularity here (NDCG@20 gap %.4f): no share to report\n", e - p
		else printf "community recovers %.0f%% of the NDCG@20 gap from popularity to EASE\n", 100 * (c - p) / (e - p) }'
}
echo "eval at scale ($(nproc) cores), holdout seed 42, tuned on three validation splits"
timed "ml-latest-small shape: iALS" --data "$work/ratings.csv" --model ials --positive '>=3.5' --seed 42
timed "hetrec-lastfm shape: EASE" --data "$work/user_artists.dat" --model ease --seed 42
timed "hetrec-lastfm shape: popularity" --data "$work/user_artists.dat" --model popularity --seed 42
timed "hetrec-lastfm shape: community" --data "$work/user_artists.dat" --model community --seed 42
gap "hetrec-lastfm shape: popularity" "hetrec-lastfm shape: EASE" "hetrec-lastfm shape: community"
ml=${BINGE_ML100K:-$(cd "$(dirname "$0")/.." && pwd)/../shared/data/ml-100k}
if [ -f "$ml/u.data" ]; then
	timed "ML-100K: popularity" --data "$ml/u.data" --model popularity --seed 42
	timed "ML-100K: EASE" --data "$ml/u.data" --model ease --seed 42
	timed "ML-100K: community" --data "$ml/u.data" --model community --seed 42
	gap "ML-100K: popularity" "ML-100K: EASE" "ML-100K: community"
fi
