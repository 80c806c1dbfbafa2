#!/usr/bin/env bash
# Runs a libFuzzer binary for a bounded time over a working copy of the
# corpus (tests/fuzz/corpus plus the seed article). New interesting inputs
# stay in tests/fuzz/corpus-work/; a crash is copied into
# tests/fuzz/regressions/, where the normal test run replays it forever.
#
#   scripts/fuzz.sh FUZZER SECONDS
set -euo pipefail
fuzzer=$1
seconds=${2:-120}
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/tests/fuzz/corpus-work"
artifacts=$(mktemp -d)
trap 'rm -rf "$artifacts"' EXIT
mkdir -p "$work"
cp -n "$root"/tests/fuzz/corpus/* "$work"/ 2>/dev/null || true
cp -n "$root"/../shared/seeds/*.txt "$work"/ 2>/dev/null || true

status=0
"$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$artifacts/" -print_final_stats=1 "$work" || status=$?
for f in "$artifacts"/*; do
	[ -e "$f" ] || continue
	name="$(basename "$f")"
	cp "$f" "$root/tests/fuzz/regressions/$name"
	echo "fuzz: kept $name in tests/fuzz/regressions/ as a regression input" >&2
done
exit "$status"
