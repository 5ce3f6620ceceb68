#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# fuzz.sh [SECS]
#
# Builds the libFuzzer target tests/fuzz/fuzz-wire with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer in build-fuzz/, then feeds it for SECS seconds (default 60),
# starting from the seeds in tests/fuzz/corpus/. New interesting inputs go to a corpus
# directory inside build-fuzz/; a crash stops the run and leaves its input in
# build-fuzz/fuzz-artifacts/. Copy every crasher into tests/fuzz/corpus/ once it is fixed:
# tests/api/test-fuzz-regressions replays that directory in the normal test suite.
set -euo pipefail

secs=${1:-60}
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$top/build-fuzz"

if ! command -v clang >/dev/null; then
  echo "fuzz.sh needs clang (Debian package clang) for libFuzzer." >&2
  exit 1
fi

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$top" \
    -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Ddevelopment=true -Dbuildtype=debugoptimized
fi
ninja -C "$build" tests/fuzz/fuzz-wire

corpus="$build/fuzz-corpus"
artifacts="$build/fuzz-artifacts"
mkdir -p "$corpus" "$artifacts"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# Criticals and warnings are fatal in the target itself; keep GLib quiet otherwise.
export G_DEBUG=gc-friendly

echo "Fuzzing the wire parser for $secs s (corpus: $corpus)"
"$build/tests/fuzz/fuzz-wire" \
  -max_total_time="$secs" \
  -max_len=65536 \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -artifact_prefix="$artifacts/" \
  -print_final_stats=1 \
  "$corpus" "$top/tests/fuzz/corpus"
