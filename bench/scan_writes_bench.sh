#!/usr/bin/env bash
# Scan benchmark for names and database writes, without FFmpeg's cost: N
# files under episode names (100 per show), with stand-ins for ffprobe
# (prints what the real one printed for the clip, once) and ffmpeg (copies
# the still the real one made of it, once, to each of its outputs) first
# in PATH, so the first scan measures what binge does per file rather than
# process start-up (bench/scan_bench.sh measures that).
# Then an unchanged re-scan, every show folder renamed (a move inside the
# library), and the tree moved to another library.
#
#   bench/scan_writes_bench.sh BINGE [FILES] [POSTGRES_URL]
set -euo pipefail
binge=$(realpath "$1")
files=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BINGE_DB="${3:-$work/bench.db}"
engine=SQLite
[ -n "${3:-}" ] && engine=PostgreSQL

. "$(dirname "$0")/scan_tree.sh"
scan_clip "$work"
mkdir "$work/bin"
ffprobe -v error -print_format json=c=1 -show_format -show_streams -show_chapters \
	"file:$work/clip.mp4" >"$work/probe.json"
printf '#!/bin/sh\nexec cat %s\n' "$work/probe.json" >"$work/bin/ffprobe"
ffmpeg -v error -i "$work/clip.mp4" -frames:v 1 "$work/still.jpg"
# every output of a batch of stills (media/still.h) gets the still
printf '#!/bin/sh\nfor a; do case "$a" in *.jpg) cp %s "$a" ;; esac; done\n' "$work/still.jpg" >"$work/bin/ffmpeg"
chmod +x "$work/bin/ffprobe" "$work/bin/ffmpeg"
export PATH="$work/bin:$PATH"

scan_tree "$work" "$files"
"$binge" library add "$work/lib" >/dev/null
now() { date +%s.%N; }
t0=$(now)
"$binge" scan --json >"$work/scan1.json"
t1=$(now)
"$binge" scan --json >"$work/scan2.json"
t2=$(now)
for d in "$work/lib/"*; do mv "$d" "$d (renamed)"; done
t3=$(now)
"$binge" scan --json >"$work/scan3.json"
t4=$(now)
mkdir "$work/lib2"
"$binge" library add "$work/lib2" >/dev/null
mv "$work/lib/"* "$work/lib2/"
t5=$(now)
"$binge" scan --json >"$work/scan4.json"
t6=$(now)
added=$(jq '[.libraries[].added] | add' "$work/scan1.json")
[ "$added" = "$files" ] || { echo "scan_writes_bench: the first scan added $added of $files" >&2; exit 1; }
echo "scan benchmark (names and writes, ffprobe and ffmpeg stood in for): $files files, $engine"
awk -v n="$files" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$t4" -v f="$t5" -v g="$t6" 'BEGIN {
	printf "first scan:       %7.2f s  %8.0f files/s\n", b - a, n / (b - a);
	printf "re-scan:          %7.2f s  %8.0f files/s (unchanged)\n", c - b, n / (c - b);
	printf "folders renamed:  %7.2f s  %8.0f files/s (moved inside the library)\n", e - d, n / (e - d);
	printf "another library:  %7.2f s  %8.0f files/s (forgotten in one, added to the other)\n", g - f, n / (g - f) }'
