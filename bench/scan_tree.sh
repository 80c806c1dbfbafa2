# bench/scan_tree.sh - what the scan benchmarks share, sourced: a one-second
# H.264/AAC clip, and a library tree of copies of it under episode names.

# scan_clip WORK: WORK/clip.mp4, with a keyframe every quarter second, so
# that, as in a real episode, one follows the point a still is taken at
# (a tenth of the runtime; media/still.h).
scan_clip() {
	ffmpeg -v error -f lavfi -i testsrc=duration=1:size=160x120:rate=24 -f lavfi -i sine=duration=1 \
		-c:v libx264 -pix_fmt yuv420p -g 6 -c:a aac -shortest "$1/clip.mp4"
}

# scan_tree WORK FILES: WORK/lib with FILES copies of WORK/clip.mp4, 100 per show.
scan_tree() {
	local i show ep dir
	for ((i = 0; i < $2; i++)); do
		show=$((i / 100)) ep=$((i % 100 + 1))
		dir="$1/lib/Show $show/Season 01"
		[ "$ep" = 1 ] && mkdir -p "$dir"
		cp "$1/clip.mp4" "$dir/Show $show - S01E$(printf %02d "$ep").mp4"
	done
}
