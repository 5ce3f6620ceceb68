#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-install.sh BUILD_ROOT
#
# Installs the build into a temporary DESTDIR and checks that everything a desktop needs
# lands where it looks for it, under the configured application ID.
set -euo pipefail

build=${1:-${MFM_BUILD_ROOT:?}}
dest=$(mktemp -d -t mfm-install.XXXXXX)
trap 'rm -rf "$dest"' EXIT

if ! meson install -C "$build" --destdir "$dest" --no-rebuild >"$dest.log" 2>&1; then
  cat "$dest.log"
  rm -f "$dest.log"
  echo "meson install failed"
  exit 1
fi
rm -f "$dest.log"

# Where this build installs to, and under which ID.
eval "$(meson introspect "$build" --buildoptions | /usr/bin/python3 -c '
import json, os, sys
opts = {o["name"]: o["value"] for o in json.load(sys.stdin)}
prefix = opts["prefix"]
for name in ("bindir", "datadir", "localedir"):
    print("%s=%s" % (name, os.path.join(prefix, opts[name])))
')"
app_id=$(sed -n 's/^#define APP_ID "\(.*\)"$/\1/p' "$build/config.h")
app_base_id=$(sed -n 's/^#define APP_BASE_ID "\(.*\)"$/\1/p' "$build/config.h")
[ -n "$app_id" ] && [ -n "$app_base_id" ] || { echo "no APP_ID in $build/config.h"; exit 1; }

failed=0
expect() {
  local test=$1 path=$2
  if [ "$test" "$dest$path" ]; then
    echo "installed: $path"
  else
    echo "MISSING: $path"
    failed=1
  fi
}

expect -x "$bindir/failover-manager"
expect -x "$bindir/mfm-simulator"
desktop="$datadir/applications/$app_id.desktop"
metainfo="$datadir/metainfo/$app_id.metainfo.xml"
expect -f "$desktop"
expect -f "$metainfo"
expect -f "$datadir/glib-2.0/schemas/$app_base_id.gschema.xml"
expect -f "$datadir/icons/hicolor/scalable/apps/$app_id.svg"
expect -f "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
for lang in $(sed -e 's/#.*//' "${MFM_SOURCE_ROOT:-$(dirname "$0")/../..}/po/LINGUAS"); do
  expect -f "$localedir/$lang/LC_MESSAGES/failover-manager.mo"
done

# The names that tie the files together: a desktop file whose icon or executable is not
# installed shows a broken launcher, and software centres find the app by its launchable.
if [ -f "$dest$desktop" ]; then
  icon=$(sed -n 's/^Icon=//p' "$dest$desktop")
  if [ "$icon" != "$app_id" ]; then
    echo "the desktop file names icon \"$icon\", but the installed icon is $app_id"
    failed=1
  fi
  exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$dest$desktop")
  if [ ! -x "$dest$bindir/$exec_name" ]; then
    echo "the desktop file runs \"$exec_name\", which is not installed in $bindir"
    failed=1
  fi
fi
if [ -f "$dest$metainfo" ]; then
  id=$(xmllint --xpath 'string(/component/id)' "$dest$metainfo")
  launchable=$(xmllint --xpath 'string(/component/launchable)' "$dest$metainfo")
  if [ "$id" != "$app_id" ] || [ "$launchable" != "$app_id.desktop" ]; then
    echo "metainfo id \"$id\" and launchable \"$launchable\" do not match $app_id"
    failed=1
  fi
fi

exit "$failed"
