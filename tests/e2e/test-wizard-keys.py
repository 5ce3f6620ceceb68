#!/usr/bin/python3
# test-wizard-keys.py
#
# Copyright 2026 The Failover Manager authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""The partner server chooser as a keyboard user meets it, with real key presses (xdotool)
on the real application (--demo), read back through the accessibility tree:

- Tab from the failover name reaches the chooser; Enter opens it and the letters typed next
  land in its search;
- the search matches in the middle of a name ("fra-0" finds dhcp-fra-01 and -02), Down moves
  the highlight, Enter takes it: the server chosen is one that matches what was typed;
- a letter typed on the closed chooser opens it and starts the search with that letter;
- when nothing matches, the chooser says so and Enter chooses nothing.
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


def search_entry(app, combo):
    return app.wait_until(lambda: app.find(("text", "entry"), None, root=combo, showing=False),
                          5, "the chooser's search")


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
    home = tempfile.mkdtemp(prefix="mfm-wizard-keys-")
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
        ams = [r for r, cells in rows if cells and cells[0].startswith("dhcp-ams-01")]
        check(ams, "the demo lists dhcp-ams-01")
        app.select_row(ams[0])
        before = len(app.windows())
        app.press(drv.label_pattern(T, "_Add Relationship…", "Add relationship…"), root=main_window)
        app.wait_until(lambda: len(app.windows()) > before, 10, "the wizard")
        wizard = app.window(title=drv.label_pattern(T, "Add Relationship"))
        combo = app.wait("combo box", drv.label_pattern(T, "Partner server"), root=wizard)
        name = app.wait("text", drv.label_pattern(T, "Failover name"), root=wizard)
        # Typed into by the keyboard, so the focus is in it.
        app.set_text(name, "ams-fra-keys")

        log("Tab to the chooser, Enter, type: the letters reach the search")
        app.key("Tab")
        app.key("Return", settle=0.6)
        entry = search_entry(app, combo)
        app.type_text("fra-0")
        got = drv.text_of(entry)
        check(got == "fra-0", "typed “fra-0” after opening with Enter, the search reads %r" % got)

        log("Down, Enter: the second match is chosen, and it matches what was typed")
        app.key("Down")
        app.key("Return", settle=0.6)
        chosen = app.combo_text(combo)
        check("dhcp-fra-02" in chosen, "Down and Enter after “fra-0” chose %r" % chosen)

        log("a letter on the closed chooser opens it and starts the search")
        app.type_text("nyc")
        entry = search_entry(app, combo)
        got = drv.text_of(entry)
        check(got == "nyc", "typing “nyc” on the closed chooser gave the search %r" % got)
        app.key("Escape", settle=0.5)
        check("dhcp-fra-02" in app.combo_text(combo), "Escape kept the choice")

        log("nothing matches: a sentence, and Enter chooses nothing")
        app.type_text("zzz")
        app.wait("label", re.compile(r"No ISC server matches .zzz.\."), root=combo, showing=False,
                 timeout=5)
        app.key("Down")
        app.key("Return", settle=0.5)
        app.key("Escape", settle=0.5)
        check("dhcp-fra-02" in app.combo_text(combo), "Enter on no match changed the choice to %r"
              % app.combo_text(combo))

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
