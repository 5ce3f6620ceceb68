#!/usr/bin/python3
# test-api-log-keys.py
#
# Copyright 2026 The Failover Manager authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""The API log as a keyboard user meets it, with real key presses (xdotool) on the real
application (--demo), read back through the accessibility tree:

- Ctrl+Shift+L opens it, a window (a frame) named by its title; Ctrl+F puts the focus in its
  filter;
- what is typed filters the requests by method as typed, in any case;
- when nothing matches, it says so; Escape clears the filter, and Escape again closes it;
- the Add Relationship assistant is a dialog to a screen reader, named by its title.
"""

import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import atspi_driver as drv  # noqa: E402
from atspi_driver import Failure, check, log  # noqa: E402


def main():
    build_root = os.environ.get("MFM_BUILD_ROOT")
    if not build_root:
        log("SKIP: MFM_BUILD_ROOT is not set (run through meson test)")
        return 77
    app_path = os.path.join(build_root, "failover-manager")
    try:
        drv.require_tools("xdotool")
    except drv.Skip as e:
        log("SKIP: %s" % e)
        return 77

    infra = drv.Processes()
    procs = drv.Processes()
    home = tempfile.mkdtemp(prefix="mfm-api-log-keys-")
    try:
        try:
            a11y = drv.PrivateA11yBus(infra)
        except drv.Skip as e:
            log("SKIP: %s" % e)
            return 77

        env = drv.app_environment(a11y.address, home)
        app_log = os.path.join(home, "app.log")
        proc = procs.start("app", [app_path, "--demo"], env=env,
                           stdout=open(app_log, "w"), stderr=subprocess.STDOUT)
        app = drv.App("failover-manager", proc, timeout=30, log=log)
        T = drv.Translations(None)
        main_window = app.window()
        table = app.wait_until(lambda: app.find("tree table", drv.label_pattern(T, "DHCP servers"),
                                                root=main_window), 30, "the servers table")
        rows = app.wait_until(lambda: app.rows(table), 10, "server rows")

        log("the assistant is a dialog named by its title")
        ams = [r for r, cells in rows if cells and cells[0].startswith("dhcp-ams-01")]
        check(ams, "the demo lists dhcp-ams-01")
        app.select_row(ams[0])
        before = len(app.windows())
        app.press(drv.label_pattern(T, "_Add Relationship…", "Add relationship…"), root=main_window)
        app.wait_until(lambda: len(app.windows()) > before, 10, "the assistant")
        wizard = app.window(title=drv.label_pattern(T, "Add Relationship"))
        log("  the assistant: %s “%s”" % (drv.role_of(wizard), drv.name_of(wizard)))
        check(drv.role_of(wizard) == "dialog", "the assistant's role is %r" % drv.role_of(wizard))
        app.key("Escape", settle=0.6)
        app.wait_window_gone(wizard, 10, "the assistant to close")

        log("Ctrl+Shift+L opens the API log; Ctrl+F reaches its filter")
        app.key("ctrl+shift+l", settle=0.8)
        log_window = app.window(title=drv.label_pattern(T, "API Log"))
        check(drv.role_of(log_window) == "frame", "the API log's role is %r" % drv.role_of(log_window))
        requests = app.wait("tree table", drv.label_pattern(T, "Requests"), root=log_window)
        everything = app.wait_until(lambda: app.rows(requests), 10, "logged requests")
        check(len(everything) > 2, "the demo's start logs requests (%d rows)" % len(everything))
        app.key("ctrl+f")
        focused = app.wait_until(lambda: app.focused(log_window), 5, "a focused control")
        entry = app.wait(("text", "entry"), drv.label_pattern(T, "Filter requests"), root=log_window)
        check(drv.is_ancestor(entry, focused) or focused == entry,
              "after Ctrl+F the focus is on %s" % drv.describe(focused))

        log("typing filters by method, in any case")
        methods = [cells[1] for _, cells in everything if len(cells) > 1]
        check("Login" in methods, "the log lists the Login (methods: %r)" % methods)
        app.type_text("LOGIN")
        def only_login():
            shown = app.rows(requests)
            return shown if shown and all(cells[1] == "Login" for _, cells in shown) else None
        try:
            shown = app.wait_until(only_login, 10, "only the Login request")
        except drv.DriverError:
            log("  shown: %r; the filter reads %r" % ([c for _, c in app.rows(requests)][:8], drv.text_of(entry)))
            raise
        check(len(shown) < len(everything), "the filter left %d of %d rows" % (len(shown), len(everything)))

        log("nothing matches: it says so")
        app.type_text("zzz")
        app.wait("label", drv.label_pattern(T, "No request matches"), root=log_window, timeout=5)

        log("Escape clears the filter, Escape again closes the window")
        app.key("Escape", settle=0.6)
        check(drv.text_of(entry) == "", "after Escape the filter reads %r" % drv.text_of(entry))
        app.wait_until(lambda: len(app.rows(requests)) >= len(everything), 10, "every request again")
        check(not app.window_gone(log_window), "the first Escape closed the API log")
        app.key("Escape", settle=0.6)
        app.wait_window_gone(log_window, 10, "the API log to close")

        with open(app_log, encoding="utf-8", errors="replace") as f:
            bad = [line.rstrip() for line in f if re.search(r"-(WARNING|CRITICAL) \*\*", line)]
        check(not bad, "the application logged:\n  " + "\n  ".join(bad[:20]))
        log("ok")
        return 0
    except (Failure, drv.DriverError) as e:
        log("FAILED: %s" % e)
        try:
            with open(os.path.join(home, "app.log"), encoding="utf-8", errors="replace") as f:
                log(f.read()[-3000:])
        except OSError:
            pass
        return 1
    finally:
        procs.stop_all()
        infra.stop_all()


if __name__ == "__main__":
    sys.exit(main())
