#!/usr/bin/env bash
# Stills benchmark on files of real size: a first scan of 16 episodes (8
# copies of a 4K HEVC Main10 file, 8 of a 1080p H.264 one, both with
# 10-second GOPs) against a peer in the same run doing the same work the
# plain way: for each file, ffprobe, then one ffmpeg taking the frame at a
# tenth of the runtime exactly, two files at a time (one per core).
# binge batches stills 8 to an ffmpeg and decodes only the keyframe at or
# after the point (media/still.h).
#
#   bench/stills_bench.sh BINGE
set -euo pipefail
binge=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BINGE_DB="$work/bench.db" BINGE_STILLS="$work/stills"
ffmpeg -v error -f lavfi -i testsrc2=size=3840x2160:rate=24 -t 30 -c:v libx265 -preset ultrafast \
	-x265-params keyint=240:log-level=error -pix_fmt yuv420p10le "$work/hevc.mkv"
ffmpeg -v error -f lavfi -i testsrc2=size=1920x1080:rate=24 -t 60 -c:v libx264 -preset veryfast \
	-g 240 -pix_fmt yuv420p "$work/avc.mkv"
mkdir -p "$work/lib/Hevc/Season 01" "$work/lib/Avc/Season 01" "$work/peer"
for i in 1 2 3 4 5 6 7 8; do # hard links: distinct episodes, no copies
	ln "$work/hevc.mkv" "$work/lib/Hevc/Season 01/Hevc - S01E0$i.mkv"
	ln "$work/avc.mkv" "$work/lib/Avc/Season 01/Avc - S01E0$i.mkv"
done
now() { date +%s.%N; }

"$binge" library add "$work/lib" >/dev/null
t0=$(now)
"$binge" scan --json >"$work/scan.json"
t1=$(now)
made=$(jq .stills.made "$work/scan.json")
[ "$made" = 16 ] || { echo "stills_bench: binge made $made of 16 stills" >&2; exit 1; }

# The peer: probe, then an exact still, per file, two at a time.
peer_one() {
	local f=$1 out=$2 d
	d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f")
	ffmpeg -v error -nostdin -y -ss "$(awk -v d="$d" 'BEGIN { printf "%.3f", d / 10 }')" -i "file:$f" \
		-map 0:V:0 -frames:v 1 -vf "scale='min(1280,iw)':-2" -q:v 3 "$out"
}
export -f peer_one
t2=$(now)
find "$work/lib" -name '*.mkv' | sort | awk -v p="$work/peer" '{ printf "%s\n%s/%d.jpg\n", $0, p, NR }' |
	xargs -d '\n' -n 2 -P 2 bash -c 'peer_one "$0" "$1"'
t3=$(now)
[ "$(find "$work/peer" -name '*.jpg' | wc -l)" = 16 ] || { echo "stills_bench: the peer made too few stills" >&2; exit 1; }
echo "stills benchmark: 16 episodes (8 x 4K HEVC Main10, 8 x 1080p H.264, 10 s GOPs), probes and stills"
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
	printf "binge scan:                    %6.2f s\n", b - a;
	printf "peer (ffprobe + exact ffmpeg): %6.2f s\n", d - c;
	printf "binge / peer time:             %6.2f\n", (b - a) / (d - c) }'
