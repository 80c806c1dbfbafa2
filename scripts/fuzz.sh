#!/usr/bin/env bash
# Runs a libFuzzer binary for a bounded time over a working copy of its
# corpus (tests/fuzz/corpus/NAME, plus the seed article for import_wiki).
# New interesting inputs stay in tests/fuzz/corpus-work/NAME; a crash is
# copied into tests/fuzz/regressions/NAME, which the normal test run
# replays forever.
#
#   scripts/fuzz.sh FUZZER_BINARY SECONDS   (the binary is NAME_fuzz)
set -euo pipefail
fuzzer=$1
seconds=${2:-120}
root=$(cd "$(dirname "$0")/.." && pwd)
name=$(basename "$fuzzer" _fuzz)
work="$root/tests/fuzz/corpus-work/$name"
artifacts=$(mktemp -d)
trap 'rm -rf "$artifacts"' EXIT
mkdir -p "$work"
cp -n "$root/tests/fuzz/corpus/$name"/* "$work"/ 2>/dev/null || true
[ "$name" = import_wiki ] && cp -n "$root"/../shared/seeds/*.txt "$work"/ 2>/dev/null || true

status=0
"$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$artifacts/" -print_final_stats=1 "$work" || status=$?
for f in "$artifacts"/*; do
	[ -e "$f" ] || continue
	cp "$f" "$root/tests/fuzz/regressions/$name/$(basename "$f")"
	echo "fuzz: kept $(basename "$f") in tests/fuzz/regressions/$name/ as a regression input" >&2
done
exit "$status"
