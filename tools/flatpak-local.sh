#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# flatpak-local.sh [--rebuild-runtime]
#
# Builds flatpak/io.github.mfm.FailoverManager.json offline, installs it and starts it under
# Xvfb. The GNOME runtime cannot be downloaded everywhere, so this makes a runtime (and SDK)
# out of this machine's own /usr, points a copy of the manifest at it and runs the real
# flatpak-builder: meson build and install, strip, appstream-compose and export. This
# catches packaging mistakes (a missing icon, a bad desktop file, files outside /app); it
# does not prove the app builds against the versions in the GNOME SDK.
#
# Everything goes under build-flatpak/ in the source tree, including a private flatpak
# installation (FLATPAK_USER_DIR): nothing is installed for the user running it.
# The screenshot of the running app is written to artifacts/flatpak.png.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

app_id=io.github.mfm.FailoverManager
runtime_id=io.github.mfm.HostSdk
manifest="$top/flatpak/$app_id.json"
work="$top/build-flatpak"
arch=$(uname -m)

rebuild_runtime=0
for arg in "$@"; do
  case "$arg" in
    --rebuild-runtime) rebuild_runtime=1 ;;
    -h|--help) sed -n '3,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
fail() { printf 'flatpak: FAILED: %s\n' "$*" >&2; exit 1; }

for tool in flatpak flatpak-builder ostree eu-strip appstream-compose bwrap \
            Xvfb dbus-run-session import xdotool /usr/bin/python3; do
  command -v "$tool" >/dev/null || fail "$tool is missing (./run flatpak installs it)"
done

mkdir -p "$work" "$top/artifacts"
export FLATPAK_USER_DIR="$work/flatpak-user"
mkdir -p "$FLATPAK_USER_DIR"

# 1. A runtime made of the host's /usr. Hard links when the build tree shares the file
#    system with /usr (seconds, no extra space); a copy otherwise.
make_runtime() {
  local dir="$work/runtime" repo="$work/runtime-repo" d
  say "Making the $runtime_id runtime from this machine's /usr"
  rm -rf "$dir" "$repo"
  mkdir -p "$dir/usr/lib" "$dir/usr/share" "$dir/usr/etc"

  local link=(cp -al)
  if [ "$(stat -c %d /usr)" != "$(stat -c %d "$work")" ]; then
    link=(cp -a)
  fi

  for d in bin sbin libexec include lib64; do
    [ -d "/usr/$d" ] && "${link[@]}" "/usr/$d" "$dir/usr/$d"
  done
  # /usr/lib and /usr/share without what neither a build nor the app needs.
  for d in /usr/lib/*; do
    case "${d##*/}" in
      debug|jvm|google-cloud-sdk|node_modules|postgresql|llvm-*) continue ;;
    esac
    "${link[@]}" "$d" "$dir/usr/lib/"
  done
  for d in /usr/share/*; do
    case "${d##*/}" in
      doc|man|info|locale|fpcsrc|package-lists|vim|java|cmake-*) continue ;;
    esac
    "${link[@]}" "$d" "$dir/usr/share/"
  done
  # The runtime's /usr/etc becomes /etc in the sandbox.
  for d in fonts ld.so.conf ld.so.conf.d alternatives ssl ca-certificates.conf xdg \
           gtk-3.0 gtk-4.0 mime.types; do
    [ -e "/etc/$d" ] && cp -a "/etc/$d" "$dir/usr/etc/"
  done

  cat >"$dir/metadata" <<META
[Runtime]
name=$runtime_id
runtime=$runtime_id/$arch/master
sdk=$runtime_id/$arch/master
META

  ostree init --repo="$repo" --mode=bare-user-only
  flatpak build-export --runtime --files=usr --no-update-summary "$repo" "$dir" master >/dev/null
  flatpak build-update-repo "$repo" >/dev/null
  rm -rf "$dir"

  flatpak --user remote-delete --force host-runtime 2>/dev/null || true
  flatpak --user remote-add --no-gpg-verify host-runtime "file://$repo"
  flatpak --user install -y --noninteractive host-runtime "$runtime_id//master" >/dev/null
}

if [ "$rebuild_runtime" = 1 ] || ! flatpak --user info "$runtime_id//master" >/dev/null 2>&1; then
  time_start=$SECONDS
  make_runtime
  say "Runtime ready in $((SECONDS - time_start)) s"
else
  say "Using the installed $runtime_id runtime (--rebuild-runtime makes it again)"
fi

# 2. A copy of the manifest that uses the host runtime and the source tree by absolute path,
#    skipping every build directory in it.
local_manifest="$work/$app_id.json"
/usr/bin/python3 - "$manifest" "$local_manifest" "$top" "$runtime_id" <<'PY'
import json, os, sys
src, dst, top, runtime = sys.argv[1:5]
with open(src) as f:
    m = json.load(f)
m["runtime"] = runtime
m["sdk"] = runtime
m["runtime-version"] = "master"
skip = sorted(set(n for n in os.listdir(top)
                  if n.startswith(("build", "_build", ".flatpak-builder", "flatpak-build"))
                  or n in (".git", "artifacts")))
for module in m["modules"]:
    if isinstance(module, dict) and module.get("name") == "failover-manager":
        for source in module["sources"]:
            if source.get("type") == "dir":
                source["path"] = top
                source["skip"] = sorted(set(source.get("skip", [])) | set(skip))
with open(dst, "w") as f:
    json.dump(m, f, indent=2)
PY

# 3. The real flatpak-builder run.
say "Building $app_id with flatpak-builder"
cd "$work"
time_start=$SECONDS
flatpak-builder --user --disable-rofiles-fuse --force-clean --disable-updates \
  --state-dir="$work/state" --repo="$work/app-repo" \
  "$work/app" "$local_manifest" >"$work/flatpak-builder.log" 2>&1 ||
  { tail -n 40 "$work/flatpak-builder.log" >&2; fail "flatpak-builder failed (log: $work/flatpak-builder.log)"; }
say "Built in $((SECONDS - time_start)) s"

# What a GNOME Software or Flathub user would miss if it were not there. flatpak-builder
# moves translations into the .Locale extension and, in older versions, the metainfo to
# share/appdata; either place will do.
files="$work/app/files"
have() {
  local f
  for f in "$@"; do
    [ -e "$files/$f" ] && return 0
  done
  fail "the Flatpak has no /app/$1"
}
have "bin/failover-manager"
have "share/applications/$app_id.desktop"
have "share/metainfo/$app_id.metainfo.xml" "share/appdata/$app_id.appdata.xml"
have "share/icons/hicolor/scalable/apps/$app_id.svg"
have "share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
have "share/glib-2.0/schemas/gschemas.compiled"
for lang in $(sed -e 's/#.*//' "$top/po/LINGUAS"); do
  have "share/locale/$lang/LC_MESSAGES/failover-manager.mo" \
       "share/runtime/locale/$lang/share/$lang/LC_MESSAGES/failover-manager.mo"
done
compose="$work/app/files/share/app-info/xmls/$app_id.xml.gz"
[ -e "$compose" ] || fail "appstream-compose wrote no $compose"

# 4. Install it from the local repository.
say "Installing $app_id"
flatpak --user remote-delete --force app-local 2>/dev/null || true
flatpak --user remote-add --no-gpg-verify app-local "file://$work/app-repo"
flatpak --user install -y --noninteractive --reinstall app-local "$app_id//master" >/dev/null

# 5. Run it in a private session under Xvfb, wait for its window and take a screenshot.
say "Starting $app_id under Xvfb"
shot="$top/artifacts/flatpak.png"
rm -f "$shot"
export MFM_FLATPAK_APP_ID="$app_id" MFM_FLATPAK_SHOT="$shot" MFM_FLATPAK_LOG="$work/run.log"
dbus-run-session -- "$top/tools/test-session.sh" bash -c '
  set -u
  flatpak run --branch=master "$MFM_FLATPAK_APP_ID" --demo >"$MFM_FLATPAK_LOG" 2>&1 &
  app=$!
  started=$(date +%s%N)
  window=
  for _ in $(seq 1 300); do
    window=$(xdotool search --onlyvisible --name "." 2>/dev/null | head -n 1)
    [ -n "$window" ] && break
    kill -0 "$app" 2>/dev/null || break
    sleep 0.1
  done
  if [ -n "$window" ]; then
    echo "window shown after $(( ($(date +%s%N) - started) / 1000000 )) ms"
    # Connected, the title names the server and the user ("URL — user"); give the demo that
    # long to connect, then a moment to draw its rows.
    for _ in $(seq 1 200); do
      connected=$(xdotool search --onlyvisible --name " — " 2>/dev/null | head -n 1)
      [ -n "$connected" ] && break
      sleep 0.1
    done
    if [ -n "$connected" ]; then
      window=$connected
      echo "demo connected after $(( ($(date +%s%N) - started) / 1000000 )) ms"
    else
      echo "the demo did not connect within 20 s; the screenshot shows the window as it is"
    fi
    sleep 3   # past the page transition
    eval "$(xdotool getwindowgeometry --shell "$window")"
    # No window manager: the window sits where GTK put it; keep just the window.
    import -window root -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage "$MFM_FLATPAK_SHOT"
  fi
  flatpak kill "$MFM_FLATPAK_APP_ID" 2>/dev/null || true
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  [ -n "$window" ]
' 2>"$work/session.log" ||
  { tail -n 20 "$work/run.log" "$work/session.log" >&2; fail "the app showed no window (log: $work/run.log)"; }

[ -s "$shot" ] || fail "no screenshot was taken"
# A window that drew something has far more than a handful of colours.
colours=$(convert "$shot" -format %k info:)
[ "$colours" -gt 16 ] || fail "the screenshot is nearly blank ($colours colours)"
say "Screenshot: artifacts/flatpak.png ($colours colours)"
echo "flatpak: OK"
