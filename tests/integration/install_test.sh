#!/usr/bin/env bash
# make install's layout: `cmake --install` of this build into a staging
# root (DESTDIR) puts the program, the web player with hls.js, a man page
# per command, the systemd unit and the example configuration in FHS
# places; each man page says what the command's --help says; the unit's
# hardening is measured by systemd-analyze security.
. "$(dirname "$0")/lib.sh"
build=$(dirname "$BINGE")
stage="$WORK/stage"
DESTDIR="$stage" cmake --install "$build" >"$WORK/install.log" 2>&1 || fail "cmake --install failed: $(tail -5 "$WORK/install.log")"
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
root="$stage$prefix"
for f in bin/binge share/binge/web/index.html share/binge/web/app.js share/binge/web/player.js \
	share/binge/web/node_modules/hls.js/dist/hls.min.js share/man/man1/binge.1 \
	share/man/man1/binge-serve.1 lib/systemd/system/binge.service; do
	[ -s "$root/$f" ] || fail "make install lacks $prefix/$f"
	checks=$((checks + 1))
done
conf=$(find "$stage" -path '*/binge/binge.conf' | head -1)
[ -n "$conf" ] || fail "no binge.conf installed"
checks=$((checks + 1))
# The example configuration is one binge serve accepts (flags win over it).
demo_setup
serve_start --config "$conf"
expect 200 GET /api/v1/health
serve_stop

# A man page per command, saying what --help says (the roff, unescaped).
commands=$(sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p' <<<"$("$BINGE" --help)")
for cmd in $commands; do
	page="$root/share/man/man1/binge-$cmd.1"
	[ -s "$page" ] || fail "no man page for binge $cmd"
	text=$(sed -n '/^\.nf$/,/^\.fi$/p' "$page" | sed '1d;$d' | sed -e 's/^\\&//' -e 's/\\e/\\/g')
	eq "$text" "$("$BINGE" "$cmd" --help)" "binge-$cmd(1) says what binge $cmd --help says"
done

# The unit: hardened, as systemd itself scores it (lower is safer; OK below 3).
unit="$root/lib/systemd/system/binge.service"
grep -q "^ExecStart=$prefix/bin/binge serve --config" "$unit" || fail "the unit starts $(grep ExecStart "$unit")"
checks=$((checks + 1))
score=$(systemd-analyze security --offline=yes "$unit" 2>&1 | sed -n 's/.*Overall exposure level for binge.service: \([0-9.]*\).*/\1/p')
[ -n "$score" ] && awk -v s="$score" 'BEGIN { exit !(s < 3.0) }' || fail "systemd-analyze security: exposure '$score'"
checks=$((checks + 1))
echo "install_test: systemd-analyze security exposure $score"
pass
