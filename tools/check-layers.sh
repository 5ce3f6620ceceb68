#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-layers.sh SOURCE_ROOT [FAILOVER_MANAGER_EXECUTABLE]
#
# The arrows between the folders of src/ point one way only:
#   ui → session → api → core,  session → sim (the demo only),  sim → api → core,
#   sim/live → sim.
# A file may include headers of its own folder and of the folders its arrows reach, and no
# others. On top of that: no file under src/ui calls the client or includes its headers, the
# wire's or the simulator's; no dialog includes the window's actions; only the demo includes
# the simulator; and the application does not contain the live-dhcpd library.
set -euo pipefail

top=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
exe=${2:-}
# Meson passes the executable relative to the build directory, the test's working directory.
if [ -n "$exe" ] && [ -e "$exe" ]; then
  exe=$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")
fi
cd "$top"
export LC_ALL=C

failed=0
fail() {
  echo "$*"
  failed=1
}

# The folder that owns each header under src/, e.g. "mfm-client.h api".
declare -A owner
while IFS= read -r header; do
  folder=${header#src/}
  folder=${folder%/*}
  owner[${header##*/}]=$folder
done < <(find src -name '*.h' | sort)

# The folders a folder may include from (its own is always allowed).
allowed_for() {
  case $1 in
    core) echo "core" ;;
    api) echo "core api" ;;
    sim) echo "core api sim" ;;
    sim/live) echo "core api sim sim/live" ;;
    session) echo "core api sim session" ;;
    ui | ui/*) echo "core api session ui ${1}" ;;
    *) echo "" ;;
  esac
}

# The top folder of a source file: core, api, sim, sim/live, session or ui.
area_of() {
  local dir=${1#src/}
  dir=${dir%/*}
  case $dir in
    sim/live*) echo "sim/live" ;;
    ui*) echo "ui" ;;
    *) echo "${dir%%/*}" ;;
  esac
}

while IFS= read -r file; do
  area=$(area_of "$file")
  # The simulator's executable sits above both of its libraries.
  [ "$file" = src/sim/mfm-simulator-main.c ] && area=sim/live
  allowed=$(allowed_for "$area")
  [ -n "$allowed" ] || continue
  while IFS= read -r header; do
    folder=${owner[$header]:-}
    [ -n "$folder" ] || continue
    case $folder in
      ui/*) folder_area=ui ;;
      *) folder_area=$folder ;;
    esac
    ok=0
    for a in $allowed; do
      [ "$a" = "$folder_area" ] && ok=1
    done
    if [ "$area" = session ] && [ "$folder_area" = sim ] && [ "${file##*/}" != mfm-demo.c ]; then
      ok=0
    fi
    [ "$ok" -eq 1 ] || fail "$file includes $header from src/$folder, against the arrows"
  done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file" | sed 's|.*/||')
done < <(find src -path src/main.c -prune -o \( -name '*.c' -o -name '*.h' \) -print | sort)

# System libraries by layer: GTK only in ui, HTTP and JSON only in api and sim.
while IFS= read -r file; do
  area=$(area_of "$file")
  case $area in
    core | api | sim | sim/live | session)
      if grep -Eq '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(gtk|adwaita|gdk)' "$file"; then
        fail "$file includes GTK, but only src/ui may"
      fi
      ;;
  esac
  case $area in
    core | session | ui)
      if grep -Eq '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(libsoup|json-glib)' "$file"; then
        fail "$file includes libsoup or json-glib, but only src/api and src/sim may"
      fi
      ;;
  esac
done < <(find src -name '*.c' -o -name '*.h' | sort)

# src/ui asks the session; it never calls the client, reads the wire or runs the simulator.
while IFS= read -r file; do
  for header in mfm-client.h mfm-client-private.h mfm-simulator.h; do
    if grep -Eq "^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]*/)?$header\"" "$file"; then
      fail "$file includes $header, but src/ui goes through the session"
    fi
  done
  if grep -Eq '^[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]*/)?mfm-(wire|sim-)[^"]*\.h"' "$file"; then
    fail "$file includes a wire or simulator header, but src/ui goes through the session"
  fi
  if grep -Eq '\bmfm_client_[a-z_]+[[:space:]]*\(' "$file"; then
    fail "$file calls the client, but src/ui goes through the session"
  fi
done < <(find src/ui -name '*.c' -o -name '*.h' | sort)

# Only the window's own files include its actions; dialogs never open each other.
while IFS= read -r file; do
  case ${file##*/} in
    mfm-window.c | mfm-window-actions.c | mfm-window-private.h) continue ;;
  esac
  if grep -Eq '^[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]*/)?(mfm-window-private|mfm-window-actions|mfm-changes-actions)\.h"' "$file"; then
    fail "$file includes the window's actions; only the window opens dialogs"
  fi
done < <(find src/ui -name '*.c' -o -name '*.h' | sort)

# The application is built without the live-dhcpd library.
if [ -n "$exe" ]; then
  if [ ! -x "$exe" ]; then
    fail "$exe is not an executable"
  elif nm "$exe" | grep -c 'mfm_sim_live_' >/dev/null; then
    fail "$exe contains the live-dhcpd library (mfm_sim_live_ symbols)"
  fi
fi

exit "$failed"
