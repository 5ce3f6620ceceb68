#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-potfiles.sh [SOURCE_ROOT]
#
# Fails when a file with translatable strings is missing from po/POTFILES.in, when
# POTFILES.in lists a file that does not exist, or when it is not sorted. Files that have
# translatable markers on purpose but must not be translated go into po/POTFILES.skip.
set -euo pipefail

top=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
cd "$top"

potfiles=po/POTFILES.in
skipfiles=po/POTFILES.skip
export LC_ALL=C

if [ ! -f "$potfiles" ]; then
  echo "$potfiles does not exist" >&2
  exit 1
fi

# The file names a list holds: no comments, no blank lines, no surrounding spaces.
list_entries() {
  [ -f "$1" ] || return 0
  sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$1" | grep -v '^$' || true
}

# Every file under src/, resources/ and data/ that holds something xgettext would extract.
translatable_files() {
  local f
  # C: the gettext macros of <glib/gi18n.h> and the plural functions.
  find src resources -type f \( -name '*.c' -o -name '*.h' \) -print 2>/dev/null | sort |
    while IFS= read -r f; do
      if grep -qE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|Q_)[[:space:]]*\(|(^|[^A-Za-z0-9_])(g_d?n?gettext|ngettext|g_dpgettext2?)[[:space:]]*\(' "$f"; then
        echo "$f"
      fi
    done
  # GtkBuilder and menu files.
  find src resources data -type f -name '*.ui' -print 2>/dev/null | sort |
    while IFS= read -r f; do
      grep -q 'translatable="yes"' "$f" && echo "$f"
    done
  # Desktop files and metainfo: their names, summaries and descriptions are always
  # translatable. GSettings schemas: summaries and descriptions, unless marked otherwise.
  find data -type f \( -name '*.desktop.in' -o -name '*.desktop.in.in' \
                       -o -name '*.metainfo.xml.in' -o -name '*.metainfo.xml.in.in' \) \
       -print 2>/dev/null | sort
  find data -type f -name '*.gschema.xml' -print 2>/dev/null | sort |
    while IFS= read -r f; do
      grep -qE '<summary|<description|l10n=' "$f" && echo "$f"
    done
}

failed=0
listed=$(list_entries "$potfiles")
skipped=$(list_entries "$skipfiles")

while IFS= read -r f; do
  [ -n "$f" ] || continue
  if [ ! -f "$f" ]; then
    echo "$potfiles lists $f, which does not exist"
    failed=1
  fi
  if grep -qxF -- "$f" <<<"$skipped"; then
    echo "$f is in both $potfiles and $skipfiles"
    failed=1
  fi
done <<<"$listed"

duplicates=$(printf '%s\n' "$listed" | sort | uniq -d)
if [ -n "$duplicates" ]; then
  echo "$potfiles lists these more than once:"
  printf '  %s\n' $duplicates
  failed=1
fi

if ! printf '%s\n' "$listed" | sort -c 2>/dev/null; then
  echo "$potfiles is not sorted; it should read:"
  printf '%s\n' "$listed" | sort -u | sed 's/^/  /'
  failed=1
fi

checked=0
while IFS= read -r f; do
  [ -n "$f" ] || continue
  checked=$((checked + 1))
  if ! grep -qxF -- "$f" <<<"$listed" &&
     ! grep -qxF -- "$f" <<<"$skipped"; then
    echo "$f has translatable strings but is missing from $potfiles"
    failed=1
  fi
done < <(translatable_files)

if [ "$failed" -ne 0 ]; then
  exit 1
fi
echo "$potfiles lists all $checked files with translatable strings"
