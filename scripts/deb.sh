#!/usr/bin/env bash
# make deb: builds binge as a packager would (Release, prefix /usr), stages
# `cmake --install` into a root, and wraps it as a Debian package whose
# dependencies are the packages of the libraries the binary links (plus
# ffmpeg, which it runs). The package enables and starts binge.service
# where systemd runs. Checked with dpkg-deb (contents and control).
#
#   scripts/deb.sh [OUTDIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root}
build="$root/build-deb"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
	-DCMAKE_INSTALL_PREFIX=/usr -DBINGE_WEB_DIR=/usr/share/binge/web >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
DESTDIR="$stage" cmake --install "$build" >/dev/null
version=$(sed -n 's/^project(binge VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
arch=$(dpkg --print-architecture)
# The package of each library the binary names (NEEDED), by the file it comes from.
needed=$(objdump -p "$stage/usr/bin/binge" | awk '/NEEDED/ {print $2}')
depends=$(ldd "$stage/usr/bin/binge" | awk -v want="$(tr '\n' ' ' <<<"$needed")" \
	'BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) keep[w[i]] = 1 } /=> \// && keep[$1] {print $3}' | while read -r lib; do
	dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || true
done | cut -d: -f1 | sort -u | grep -v '^libc6$' | paste -sd, | sed 's/,/, /g')
# Libraries binge opens with dlopen (core/dynlib.h: libvips, libpq, OpenBLAS,
# LAPACKE) have no NEEDED entry; CMake lists their sonames.
while read -r soname; do
	lib=$(ldconfig -p | awk -v so="$soname" '$1 == so && !found {found = $NF} END {print found}')
	[ -n "$lib" ] || { echo "deb: $soname is not installed" >&2; exit 1; }
	depends="$depends, $(dpkg -S "$(readlink -f "$lib")" | cut -d: -f1)"
done <"$build/dlopened.txt"
mkdir -p "$stage/DEBIAN"
cat >"$stage/DEBIAN/control" <<CONTROL
Package: binge
Version: $version
Architecture: $arch
Maintainer: binge developers <binge@localhost>
Depends: libc6, $depends, ffmpeg
Section: video
Priority: optional
Homepage: https://localhost/binge
Description: streaming-service engine: catalogue, availability, playback, discovery
 binge serves series and films to viewers' browsers: a catalogue from
 articles, media folders and NFO files; licence windows per territory and
 maturity ratings of several boards; accounts with profiles; a web player
 with adaptive HLS; viewing analytics and recommendations.
CONTROL
echo "/etc/binge/binge.conf" >"$stage/DEBIAN/conffiles"
cat >"$stage/DEBIAN/postinst" <<'SH'
#!/bin/sh
set -e
if [ "$1" = configure ] && [ -d /run/systemd/system ]; then
	systemctl daemon-reload
	systemctl enable --now binge.service
fi
SH
cat >"$stage/DEBIAN/prerm" <<'SH'
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then
	systemctl stop binge.service || true
fi
SH
cat >"$stage/DEBIAN/postrm" <<'SH'
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then
	systemctl daemon-reload || true
fi
SH
chmod 0755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/prerm" "$stage/DEBIAN/postrm"
deb="$out/binge_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$stage" "$deb" >/dev/null
info=$(dpkg-deb --info "$deb")
contents=$(dpkg-deb --contents "$deb")
grep -q "Package: binge" <<<"$info" || { echo "deb: no control" >&2; exit 1; }
for f in ./usr/bin/binge ./usr/share/binge/web/index.html ./usr/lib/systemd/system/binge.service \
	./etc/binge/binge.conf ./usr/share/man/man1/binge.1; do
	grep -q " $f\$" <<<"$contents" || { echo "deb: $f missing" >&2; exit 1; }
done
echo "$deb: $(stat -c %s "$deb") bytes, $(wc -l <<<"$contents") entries; Depends: libc6, $depends, ffmpeg"
