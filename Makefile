# binge - the two commands a fresh Debian 12 machine needs are `make run` and
# `make test`; both install missing packages first (scripts/setup.sh).
#
#   make run     set up, build, import the seed article, demo accounts and
#                licence windows, then serve the API on $(LISTEN)
#   make test    set up, build with ASan+UBSan, run every test through ctest
#   make release the packager's build (Release, GCC's default flags) with
#                warnings as errors, as CI compiles it after make test
#   make bench   release build, then the benchmarks in bench/ (SQLite vs PostgreSQL)
#   make fuzz    build the libFuzzer harness with clang and run it (FUZZ_SECONDS)
#   make install the packager's build into PREFIX (default /usr/local), DESTDIR
#   make deb     a Debian package (binge_VERSION_ARCH.deb), checked with dpkg-deb
#   make format  clang-format the sources;  make lint  clang-tidy + cppcheck

SEEDS        ?= ../shared/seeds
DB           ?= binge-data/binge.db
PREFIX       ?= /usr/local
LISTEN       ?= 127.0.0.1:8080
FUZZ_SECONDS ?= 120
JOBS         ?= $(shell nproc)
# Tests wait on servers, PostgreSQL and the browser as much as they compute:
# twice as many as cores keeps both busy (measured in docs/internals/testing.md).
TEST_JOBS    ?= $(shell echo $$(( $$(nproc) * 2 )))

.PHONY: all setup build run test release bench fuzz format lint clean install deb

all: build

setup:
	@scripts/setup.sh

build: setup
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
	@cmake --build build -j$(JOBS)

run: build
	BINGE_DB=$(DB) scripts/demo.sh ./build/binge $(SEEDS) $(LISTEN)

test: setup
	@cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DBINGE_SANITIZE=ON >/dev/null
	@cmake --build build-test -j$(JOBS)
	cd build-test && ctest --output-on-failure -j$(TEST_JOBS)

release: setup
	@cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DBINGE_WERROR=ON -DBUILD_TESTING=OFF >/dev/null
	@cmake --build build-release -j$(JOBS)

bench: build
	@scripts/setup.sh bench
	bench/run.sh

fuzz:
	@scripts/setup.sh fuzz
	@CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBINGE_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
	@cmake --build build-fuzz -j$(JOBS) --target import_wiki_fuzz title_json_fuzz media_name_fuzz event_fuzz interactions_fuzz bundle_fuzz review_fuzz buzz_fuzz signed_url_fuzz playback_fuzz nfo_fuzz ini_fuzz jpeg_plain_fuzz
	scripts/fuzz.sh build-fuzz/tests/fuzz/import_wiki_fuzz $(FUZZ_SECONDS)
	scripts/fuzz.sh build-fuzz/tests/fuzz/title_json_fuzz $(FUZZ_SECONDS)
	scripts/fuzz.sh build-fuzz/tests/fuzz/media_name_fuzz $(FUZZ_SECONDS)
	scripts/fuzz.sh build-fuzz/tests/fuzz/event_fuzz $(FUZZ_SECONDS)
	scripts/fuzz.sh build-fuzz/tests/fuzz/interactions_fuzz $(FUZZ_SECONDS)
	scripts/fuzz.sh build-fuzz/tests/fuzz/bundle_fuzz $(FUZZ_SECONDS)
	scripts/fuzz.sh build-fuzz/tests/fuzz/review_fuzz $(FUZZ_SECONDS)
	scripts/fuzz.sh build-fuzz/tests/fuzz/buzz_fuzz $(FUZZ_SECONDS)
	scripts/fuzz.sh build-fuzz/tests/fuzz/signed_url_fuzz $(FUZZ_SECONDS)
	scripts/fuzz.sh build-fuzz/tests/fuzz/playback_fuzz $(FUZZ_SECONDS)
	scripts/fuzz.sh build-fuzz/tests/fuzz/nfo_fuzz $(FUZZ_SECONDS)
	scripts/fuzz.sh build-fuzz/tests/fuzz/ini_fuzz $(FUZZ_SECONDS)
	scripts/fuzz.sh build-fuzz/tests/fuzz/jpeg_plain_fuzz $(FUZZ_SECONDS)

# make install [PREFIX=/usr/local] [DESTDIR=]: the packager's build, installed
# in FHS places (bin, share/binge/web, man pages, the systemd unit, etc/binge).
install: setup
	@cmake -S . -B build-install -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
	  -DCMAKE_INSTALL_PREFIX=$(PREFIX) -DBINGE_WEB_DIR=$(PREFIX)/share/binge/web >/dev/null
	@cmake --build build-install -j$(JOBS)
	DESTDIR=$(DESTDIR) cmake --install build-install

# make deb: a Debian package of the same, checked with dpkg-deb.
deb: setup
	scripts/deb.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

lint: build
	clang-format --dry-run -Werror $$(git ls-files '*.c' '*.h')
	clang-tidy -p build --quiet $$(git ls-files 'src/*.c')
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --suppress=missingIncludeSystem -Isrc $$(git ls-files 'src/*.c')

clean:
	rm -rf build build-test build-fuzz build-release build-install build-deb
