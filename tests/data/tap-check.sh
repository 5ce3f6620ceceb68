#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tap-check.sh DESCRIPTION COMMAND [ARGS...]
#
# Runs one checking command and reports it as a single TAP test, its output as diagnostics.
# Exit status 77, or a command that is not installed, is a skip with the reason given.
set -uo pipefail

description=$1
shift

if ! command -v "$1" >/dev/null 2>&1; then
  echo "1..0 # SKIP $1 is not installed"
  exit 0
fi

output=$("$@" 2>&1)
rc=$?

if [ "$rc" -eq 77 ]; then
  reason=$(printf '%s\n' "$output" | tail -n 1)
  echo "1..0 # SKIP ${reason:-the check cannot run here}"
  exit 0
fi

echo "1..1"
[ -n "$output" ] && printf '%s\n' "$output" | sed 's/^/# /'
if [ "$rc" -eq 0 ]; then
  echo "ok 1 - $description"
else
  echo "not ok 1 - $description (exit status $rc)"
fi
exit 0
