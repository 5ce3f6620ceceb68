#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-icons.sh ICON.svg SYMBOLIC.svg
#
# The application icon and its symbolic variant are well-formed SVG with the sizes the
# GNOME icon guidelines ask for, and the symbolic one uses fills only, so that GTK can
# recolour it for light and dark styles.
set -euo pipefail

icon=$1
symbolic=$2
failed=0

svg_attr() {
  xmllint --xpath "string(/*[local-name()='svg']/@$2)" "$1"
}

for f in "$icon" "$symbolic"; do
  if ! xmllint --noout "$f"; then
    echo "$f is not well-formed XML"
    failed=1
    continue
  fi
  root=$(xmllint --xpath "local-name(/*)" "$f")
  if [ "$root" != svg ]; then
    echo "$f: the root element is <$root>, not <svg>"
    failed=1
  fi
done
[ "$failed" -eq 0 ] || exit 1

check_size() {
  local f=$1 size=$2 viewbox
  viewbox=$(svg_attr "$f" viewBox)
  if [ "$viewbox" != "0 0 $size $size" ]; then
    echo "$f: viewBox is \"$viewbox\", expected \"0 0 $size $size\""
    failed=1
  fi
  if [ "$(svg_attr "$f" width)" != "$size" ] || [ "$(svg_attr "$f" height)" != "$size" ]; then
    echo "$f: width and height should both be $size"
    failed=1
  fi
}
check_size "$icon" 128
check_size "$symbolic" 16

# Shapes that draw something: a file with none would be an empty icon.
shapes=$(xmllint --xpath "count(//*[local-name()='path' or local-name()='rect' or local-name()='circle'])" "$icon")
if [ "${shapes%.*}" -lt 4 ]; then
  echo "$icon draws only $shapes shapes"
  failed=1
fi
strokes=$(xmllint --xpath "count(//*[@stroke and @stroke!='none'])" "$symbolic")
if [ "$strokes" != 0 ]; then
  echo "$symbolic has $strokes stroked shapes; symbolic icons must use fills only"
  failed=1
fi
# One colour only: GTK replaces it with the foreground colour.
colours=$(grep -oiE '#[0-9a-f]{6}\b|#[0-9a-f]{3}\b' "$symbolic" | tr 'A-F' 'a-f' | sort -u | wc -l)
if [ "$colours" -gt 1 ]; then
  echo "$symbolic uses $colours colours; a symbolic icon has one"
  failed=1
fi

[ "$failed" -eq 0 ] && echo "both icons are well-formed SVG of the right size"
exit "$failed"
