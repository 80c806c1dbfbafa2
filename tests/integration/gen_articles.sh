#!/usr/bin/env bash
# gen_articles.sh N PREFIX DIR: writes N articles to DIR, copies of the seed
# article under other titles ("PREFIX 1" ...), so they share every person.
set -euo pipefail
n=$1 prefix=$2 dir=$3
seed="${BINGE_SEEDS:?}/000_f2570689c6d03885.txt"
mkdir -p "$dir"
for i in $(seq 1 "$n"); do
	sed "1s/.*/= $prefix $i (TV series) =/" "$seed" >"$dir/$prefix-$i.txt"
done
