#!/usr/bin/python3
# test-connect-keys.py
#
# Copyright 2026 The Failover Manager authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""The first window as a keyboard user meets it, with real key presses (xdotool) on the real
application against the real simulator, read back through the accessibility tree:

- a new window takes the keyboard in the server field: what is typed at once, without Tab,
  lands there; Tab, the user name, Tab, the password and Enter connect;
- with the server and the user name already filled in (--server, --user), the keyboard starts
  in the password field: the password and Enter connect;
- the application logs no warning, up to its end by Ctrl+Q (GTK 4.8 warns when a text field
  lost the focus without being told, as it was when the form turned insensitive under it while
  connecting).
"""

import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import atspi_driver as drv  # noqa: E402
from atspi_driver import Failure, check, log  # noqa: E402


def start_simulator(procs, sim_path, logdir):
    sim_log = open(os.path.join(logdir, "simulator.log"), "w")
    proc = procs.start("simulator", [sim_path, "--port", "0"],
                       stdout=subprocess.PIPE, stderr=sim_log)
    ready, _, _ = select.select([proc.stdout], [], [], 15)
    check(ready, "the simulator printed nothing within 15 s")
    first = proc.stdout.readline().decode("utf-8", "replace").strip()
    m = re.fullmatch(r"listening on (https?://127\.0\.0\.1:\d+)", first)
    check(m, "the simulator's first line is %r" % first)

    def drain():
        for line in proc.stdout:
            sim_log.write(line.decode("utf-8", "replace"))
            sim_log.flush()
    threading.Thread(target=drain, daemon=True).start()
    return m.group(1)


def field(app, T, label, root):
    return app.wait(("text", "password text", "entry"), drv.label_pattern(T, label), root=root)


def connected(app, T, window):
    """Waits for the servers table, which the window shows once logged in."""
    app.wait_until(lambda: app.find("tree table", drv.label_pattern(T, "DHCP servers"),
                                    root=window), 30, "the servers table (logged in)")


def activate(window):
    """What a window manager does for a new window: it gets the keyboard. There is no window
    manager here, so X gives the keyboard to the window under the pointer; the pointer only
    moves there, nothing is clicked."""
    e = drv.extents(window)
    check(e is not None and e.width > 0, "the window has no extents")
    subprocess.run(["xdotool", "mousemove", str(e.x + e.width // 2), str(e.y + 8)],
                   check=True, timeout=10)


def check_log(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        bad = [line.rstrip() for line in f if re.search(r"-(WARNING|CRITICAL) \*\*", line)]
    check(not bad, "the application logged:\n  " + "\n  ".join(bad[:20]))


def quit_app(app, proc):
    """Ctrl+Q, and the application ends by itself: its widgets are finalized, so GTK's
    warnings at exit reach the log."""
    app.key("ctrl+q")
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        raise Failure("the application did not quit within 20 s of Ctrl+Q")


def main():
    build_root = os.environ.get("MFM_BUILD_ROOT")
    if not build_root:
        log("SKIP: MFM_BUILD_ROOT is not set (run through meson test)")
        return 77
    app_path = os.path.join(build_root, "failover-manager")
    sim_path = os.path.join(build_root, "src", "sim", "mfm-simulator")
    try:
        drv.require_tools("xdotool")
    except drv.Skip as e:
        log("SKIP: %s" % e)
        return 77

    infra = drv.Processes()
    procs = drv.Processes()
    home = tempfile.mkdtemp(prefix="mfm-connect-keys-")
    app_log = None
    try:
        try:
            a11y = drv.PrivateA11yBus(infra)
        except drv.Skip as e:
            log("SKIP: %s" % e)
            return 77
        url = start_simulator(infra, sim_path, home)
        env = drv.app_environment(a11y.address, home)
        T = drv.Translations(None)

        log("a new window: typed at once, the address lands in the server field")
        app_log = os.path.join(home, "app-empty.log")
        proc = procs.start("app", [app_path], env=env,
                           stdout=open(app_log, "w"), stderr=subprocess.STDOUT)
        app = drv.App("failover-manager", proc, timeout=30, log=log)
        window = app.window()
        activate(window)
        server = field(app, T, "Server", window)
        user = field(app, T, "User name", window)
        check(drv.text_of(server) == "", "the server field of a new window reads %r"
              % drv.text_of(server))
        # GTK 4.8 does not tell AT-SPI which widget has the focus before it changes once: what
        # is typed tells.
        app.type_text(url)
        app.wait_until(lambda: drv.text_of(server) == url, 10,
                       "the typed address in the server field")
        check(drv.text_of(user) == "", "the user name field reads %r" % drv.text_of(user))

        log("Tab, the user name, Tab, the password, Enter: connected")
        app.key("Tab")
        app.type_text("admin")
        app.wait_until(lambda: drv.text_of(user) == "admin", 10, "the user name in its field")
        app.key("Tab")
        app.type_text("admin")
        app.key("Return")
        connected(app, T, window)
        quit_app(app, proc)
        check_log(app_log)

        log("server and user name filled in: the keyboard starts in the password field")
        app_log = os.path.join(home, "app-filled.log")
        proc = procs.start("app", [app_path, "--server", url, "--user", "admin"], env=env,
                           stdout=open(app_log, "w"), stderr=subprocess.STDOUT)
        app = drv.App("failover-manager", proc, timeout=30, log=log)
        window = app.window()
        activate(window)
        server = field(app, T, "Server", window)
        user = field(app, T, "User name", window)
        field(app, T, "Password", window)
        # Typed anywhere else, the password would spoil the address or the user name, or
        # stay out of the form: only in the password field does it log in.
        app.type_text("admin")
        app.key("Return")
        connected(app, T, window)
        check(drv.text_of(server) == url and drv.text_of(user) == "admin",
              "the form reads %r, %r" % (drv.text_of(server), drv.text_of(user)))
        quit_app(app, proc)
        check_log(app_log)

        log("ok")
        return 0
    except (Failure, drv.DriverError) as e:
        log("FAILED: %s" % e)
        if app_log is not None:
            try:
                with open(app_log, encoding="utf-8", errors="replace") as f:
                    log(f.read()[-3000:])
            except OSError:
                pass
        return 1
    finally:
        procs.stop_all()
        infra.stop_all()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
