#!/usr/bin/env bash
# Installs the Debian packages binge needs to build, run and test, skipping
# those already present. Idempotent; works as root or through sudo; never
# prompts (CI runs with no stdin).
#
#   scripts/setup.sh          build + test dependencies
#   scripts/setup.sh fuzz     also clang's libFuzzer runtime
#   scripts/setup.sh bench    also wrk and nginx for the HTTP benchmark
set -euo pipefail

packages=(
  build-essential cmake pkg-config   # toolchain
  libsqlite3-dev                     # embedded store
  libpq-dev                          # PostgreSQL store
  postgresql-15 postgresql-client-15 # throwaway servers for the PostgreSQL tests
  libjansson-dev                     # JSON output
  libxml2-dev                        # NFO files beside the media (Kodi/Jellyfin)
  libvips-dev                        # artwork resized for the browser
  libjpeg62-turbo-dev libwebp-dev    # its fast path: plain JPEG in, WebP out
  libmicrohttpd-dev                  # HTTP server
  libsodium-dev                      # password hashing, tokens
  curl                               # integration tests talk HTTP
  ffmpeg                             # ffprobe for library scans; demo and test media
  chromium                           # the web player's end-to-end test
  libopenblas-dev liblapacke-dev     # recommendation models (dense algebra)
  libcmocka-dev                      # unit tests
  jq sqlite3                          # integration tests read --json output and dump databases
  python3                            # test helpers, the layer check (tests/lint), demo PGS subtitles
  python3-yaml                       # the build embeds docs/openapi.yaml as JSON (scripts/openapi_c.py)
  python3-prometheus-client          # the metrics test parses GET /metrics with the real parser
  systemd                            # systemd-analyze scores the unit make install puts in place
)
case "${1:-}" in
fuzz) packages+=(clang libclang-rt-14-dev) ;;
bench) packages+=(wrk nginx-light python3-numpy imagemagick bc) ;;
esac

# Node.js and npm drive the browser test (playwright-core from npm); the
# machine image may bring its own, so only ask Debian when there is none.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
echo "setup: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
# Another apt (unattended upgrades, a second make) may hold the dpkg lock:
# wait for it rather than fail.
lock_wait=(-o DPkg::Lock::Timeout=600)
"${sudo[@]}" apt-get "${lock_wait[@]}" update -qq
"${sudo[@]}" apt-get "${lock_wait[@]}" install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

# The web player's browser-side dependency (hls.js, pinned in
# web/package-lock.json), which binge serves itself: no CDN.
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$here/web/node_modules/hls.js/package.json" ]; then
  (cd "$here/web" && npm ci --no-audit --no-fund --loglevel=error)
fi
