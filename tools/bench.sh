#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench.sh BUILD_DIR
#
# Runs every benchmark executable built under BUILD_DIR/benchmarks (api/bench-client,
# ui/bench-startup, ui/bench-views, ...) one after the other and prints what each reports.
# Benchmarks report figures and ratios; a slow run never fails this script. It fails only
# when there is no benchmark at all or when a benchmark crashes or exits with an error.
# GUI benchmarks need a display: ./run bench starts this inside a private Xvfb session.
set -uo pipefail

build=${1:?usage: bench.sh BUILD_DIR}
build=$(cd "$build" && pwd) || exit 2
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The same environment as the tests: the build tree's schema, translations and simulator.
export GSETTINGS_SCHEMA_DIR="$build/data"
export GSETTINGS_BACKEND=memory
export MFM_LOCALEDIR="$build/po"
export MFM_SIMULATOR="$build/src/sim/mfm-simulator"
export MFM_SOURCE_ROOT="$top" MFM_BUILD_ROOT="$build"

mapfile -t benches < <(find "$build/benchmarks" -type f -perm -u+x -name 'bench-*' \
                         ! -name '*.p' ! -path '*.p/*' 2>/dev/null | sort)
if [ "${#benches[@]}" -eq 0 ]; then
  echo "No benchmarks in $build/benchmarks: build with -Dtests=true first."
  exit 1
fi

failed=()
for bench in "${benches[@]}"; do
  name=${bench#"$build/benchmarks/"}
  printf '\n=== %s ===\n' "$name"
  start=$(date +%s%N)
  "$bench"
  rc=$?
  elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ "$rc" -eq 0 ]; then
    printf -- '--- %s finished in %d ms\n' "$name" "$elapsed"
  else
    printf -- '--- %s exited with status %d after %d ms\n' "$name" "$rc" "$elapsed"
    failed+=("$name")
  fi
done

printf '\n%d benchmarks run' "${#benches[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  printf '; these did not finish: %s\n' "${failed[*]}"
  exit 1
fi
printf '\n'
