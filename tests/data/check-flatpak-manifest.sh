#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-flatpak-manifest.sh SOURCE_ROOT
#
# The Flatpak manifest is valid JSON with what a build on the GNOME runtime needs, agrees
# with meson.build on the application ID and the executable, and, where flatpak-builder is
# installed, flatpak-builder itself accepts it.
set -euo pipefail

top=${1:-${MFM_SOURCE_ROOT:?}}
manifest="$top/flatpak/io.github.mfm.FailoverManager.json"

/usr/bin/python3 - "$manifest" "$top/meson.build" <<'PY'
import json, re, sys

manifest_path, meson_path = sys.argv[1:3]
errors = []
try:
    with open(manifest_path) as f:
        m = json.load(f)
except (OSError, ValueError) as e:
    print("cannot read %s: %s" % (manifest_path, e))
    sys.exit(1)

meson = open(meson_path).read()
base_id = re.search(r"app_base_id = '([^']+)'", meson).group(1)

def want(key, value):
    if m.get(key) != value:
        errors.append("%s is %r, expected %r" % (key, m.get(key), value))

want("app-id", base_id)
want("runtime", "org.gnome.Platform")
want("sdk", "org.gnome.Sdk")
want("command", "failover-manager")
if not re.fullmatch(r"\d+", str(m.get("runtime-version", ""))):
    errors.append("runtime-version should name a stable GNOME release, not %r"
                  % m.get("runtime-version"))
if "executable('failover-manager'" not in meson:
    errors.append("meson.build builds no failover-manager executable")

finish = m.get("finish-args", [])
for arg in ("--share=network", "--share=ipc", "--socket=fallback-x11",
            "--socket=wayland", "--device=dri"):
    if arg not in finish:
        errors.append("finish-args lacks %s" % arg)
for arg in finish:
    # The Secret Service is reached through the portal; broad access would undo the sandbox.
    if arg.startswith(("--filesystem=host", "--filesystem=home", "--talk-name=org.freedesktop.secrets",
                       "--socket=x11", "--device=all")):
        errors.append("finish-args should not have %s" % arg)

modules = [x for x in m.get("modules", []) if isinstance(x, dict) and x.get("name") == "failover-manager"]
if len(modules) != 1:
    errors.append("there should be exactly one module named failover-manager")
else:
    mod = modules[0]
    if mod.get("buildsystem") != "meson":
        errors.append("the failover-manager module should use the meson build system")
    if mod.get("builddir") is not True:
        errors.append("the failover-manager module should build in a separate build directory")
    if "-Dtests=false" not in mod.get("config-opts", []):
        errors.append("config-opts should turn the tests off (-Dtests=false)")
    if "-Ddevelopment=true" in mod.get("config-opts", []):
        errors.append("the manifest builds the release ID; -Ddevelopment=true contradicts it")
    sources = mod.get("sources", [])
    if not any(s.get("type") == "dir" and s.get("path") == ".." for s in sources):
        errors.append("the module should build the source tree (a dir source with path \"..\")")

if errors:
    print("\n".join(errors))
    sys.exit(1)
print("%s: %s on %s//%s" % (manifest_path.rsplit("/", 1)[-1], m["app-id"], m["runtime"],
                            m["runtime-version"]))
PY

if command -v flatpak-builder >/dev/null; then
  # --show-manifest parses it as flatpak-builder would; run it where its state directory
  # does no harm.
  tmp=$(mktemp -d -t mfm-flatpak.XXXXXX)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && flatpak-builder --show-manifest "$manifest" >/dev/null)
  echo "flatpak-builder --show-manifest accepts it"
else
  echo "flatpak-builder is not installed: only the JSON was checked"
fi
