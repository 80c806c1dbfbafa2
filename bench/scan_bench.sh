#!/usr/bin/env bash
# Library scan benchmark: a tree of N small generated video files (copies of
# one 1-second FFmpeg clip under episode names: 100 files per show), scanned
# from scratch (every file probed with ffprobe) and then re-scanned
# (nothing changed). Prints files per second for both.
#
#   bench/scan_bench.sh BINGE [FILES]
set -euo pipefail
binge=$(realpath "$1")
files=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BINGE_DB="$work/bench.db"
. "$(dirname "$0")/scan_tree.sh"
scan_clip "$work"
scan_tree "$work" "$files"
"$binge" library add "$work/lib" >/dev/null
t0=$(date +%s.%N)
"$binge" scan >"$work/scan1.out"
t1=$(date +%s.%N)
"$binge" scan >"$work/scan2.out"
t2=$(date +%s.%N)
# The whole tree moved into a second library: found by the probe cache.
mkdir "$work/lib2"
"$binge" library add "$work/lib2" >/dev/null
mv "$work/lib/"* "$work/lib2/"
t3=$(date +%s.%N)
"$binge" scan --json >"$work/scan3.json"
t4=$(date +%s.%N)
echo "scan benchmark: $files files ($(du -sh "$work/lib2" | cut -f1)), ffprobe per new file"
awk -v n="$files" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$t4" 'BEGIN {
	printf "first scan:  %7.1f s  %8.1f files/s\n", b - a, n / (b - a);
	printf "re-scan:     %7.1f s  %8.1f files/s (unchanged)\n", c - b, n / (c - b);
	printf "moved:       %7.1f s  %8.1f files/s (to another library: forgotten in one, added to the other)\n", e - d, n / (e - d) }'
tail -1 "$work/scan1.out"
tail -1 "$work/scan2.out"
jq -r '"moved: \([.libraries[] | .added] | add) added, \([.libraries[] | .deleted] | add) deleted, \([.libraries[] | .probes_cached] | add) from the probe cache"' "$work/scan3.json"
