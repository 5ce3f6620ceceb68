#!/usr/bin/python3
# screenshots.py
#
# Copyright 2026 The Failover Manager authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Takes the README screenshots: python3 tools/screenshots.py BUILD_DIR

Run it through `./run screenshots`, which provides an X display (Xvfb), a session bus and a
keyring. The application is driven through its accessibility tree (tests/e2e/atspi_driver.py)
on the built-in demo, in English and then in German, at 1200×800, and each window is cropped
out of the screen. Writes data/screenshots/<name>.png and data/screenshots/de/<name>.png:
connect, servers, relationships, wizard-initial-setup, wizard-options, wizard-summary,
review, remove.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tests", "e2e"))

import atspi_driver as drv  # noqa: E402

APP_NAME = "failover-manager"
# MFM_SCREENSHOTS_SIZE (e.g. 800x700) and MFM_SCREENSHOTS_DIR take them at another size into
# another folder, to look at a narrow window without touching the README's.
WIDTH, HEIGHT = (int(v) for v in os.environ.get("MFM_SCREENSHOTS_SIZE", "1200x800").split("x"))
OUT_DIR = os.environ.get("MFM_SCREENSHOTS_DIR", os.path.join(TOP, "data", "screenshots"))
# With MFM_SCREENSHOTS_DIR, also the relationship details window's two pages (not in the README).
EXTRA = "MFM_SCREENSHOTS_DIR" in os.environ
NAMES = ["connect", "servers", "relationships", "wizard-initial-setup", "wizard-options",
         "wizard-summary", "review", "remove"]


def log(msg):
    print(msg, flush=True)


class Shooter:
    def __init__(self, build_dir, lang, T, out_dir, bus):
        self.build_dir = build_dir
        self.lang = lang
        self.T = T
        self.out_dir = out_dir
        self.bus = bus
        self.procs = drv.Processes()
        self.home = tempfile.mkdtemp(prefix="mfm-shots-%s-" % lang)
        self.app = None
        self.main = None
        self.taken = []

    def L(self, *msgids):
        return drv.label_pattern(self.T, *msgids)

    # -- the application -------------------------------------------------

    def environment(self):
        env = dict(os.environ)
        env.pop("GTK_A11Y", None)
        env.pop("NO_AT_BRIDGE", None)
        env["AT_SPI_BUS_ADDRESS"] = self.bus
        env["LANGUAGE"] = self.lang
        env["LC_ALL"] = "C.UTF-8"
        env["GSETTINGS_SCHEMA_DIR"] = os.path.join(self.build_dir, "data")
        env["MFM_LOCALEDIR"] = os.path.join(self.build_dir, "po")
        env["GDK_DEBUG"] = "no-portals"
        for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_CACHE_HOME", "cache")):
            path = os.path.join(self.home, sub)
            os.makedirs(path, mode=0o700, exist_ok=True)
            env[var] = path
        # The window size through the application's own settings: a keyfile backend whose
        # file says 1200×800 before the application starts.
        env["GSETTINGS_BACKEND"] = "keyfile"
        keyfile = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings", "keyfile")
        os.makedirs(os.path.dirname(keyfile), exist_ok=True)
        with open(keyfile, "w") as f:
            f.write("[io/github/mfm/FailoverManager]\nwindow-width=%d\nwindow-height=%d\n"
                    "window-maximized=false\n" % (WIDTH, HEIGHT))
        return env

    def start(self, *args):
        self.stop()
        app_path = os.path.join(self.build_dir, APP_NAME)
        self.log_path = os.path.join(self.home, "app-%s.log" % self.lang)
        proc = self.procs.start("app", [app_path] + list(args), env=self.environment(),
                                stdout=open(self.log_path, "a"), stderr=subprocess.STDOUT)
        self.app = drv.App(APP_NAME, proc, timeout=30)
        self.main = self.app.window()
        self.ensure_size(self.main)
        return self.app

    def stop(self):
        self.procs.stop_all()
        self.app = None
        self.main = None

    def ensure_size(self, frame):
        """The main window at 1200×800 (resized with xdotool if the setting did not apply)."""
        def size():
            e = drv.extents(frame)
            return (e.width, e.height) if e else (0, 0)
        self.app.wait_until(lambda: size()[0] > 0, 10, "the window to be laid out")
        if size() != (WIDTH, HEIGHT):
            wid = self.x_window(drv.name_of(frame))
            if wid:
                subprocess.run(["xdotool", "windowsize", "--sync", wid, str(WIDTH), str(HEIGHT)],
                               timeout=10)
                time.sleep(0.5)
        log("[%s] window %dx%d" % (self.lang, *size()))

    def x_window(self, title):
        try:
            out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name",
                                  "^%s$" % re.escape(title)], capture_output=True, text=True,
                                 timeout=10).stdout.split()
        except (OSError, subprocess.SubprocessError):
            return None
        return out[-1] if out else None

    # -- pictures ---------------------------------------------------------

    def shot(self, name, frame):
        """@frame cut out of the screen: its X window geometry, else its AT-SPI extents."""
        # The pointer off every window, so no tooltip or hover highlight is in the picture.
        subprocess.run(["xdotool", "mousemove", "1279", "899"], timeout=10)
        time.sleep(0.8)  # transitions (stack slides, revealers, tooltips fading) end
        path = os.path.join(self.out_dir, name + ".png")
        raw = path + ".full.png"
        subprocess.run(["import", "-window", "root", raw], check=True, timeout=30)
        geometry = None
        wid = self.x_window(drv.name_of(frame))
        if wid:
            out = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid],
                                 capture_output=True, text=True, timeout=10).stdout
            g = dict(line.split("=", 1) for line in out.split() if "=" in line)
            if int(g.get("WIDTH", 0)) > 0:
                geometry = (int(g["WIDTH"]), int(g["HEIGHT"]), int(g["X"]), int(g["Y"]))
        if geometry is None:
            e = drv.extents(frame)
            geometry = (e.width, e.height, max(e.x, 0), max(e.y, 0))
        subprocess.run(["convert", raw, "-crop", "%dx%d+%d+%d" % geometry, "+repage", path],
                       check=True, timeout=30)
        os.unlink(raw)
        self.taken.append(path)
        log("[%s] %-22s %dx%d" % (self.lang, name, geometry[0], geometry[1]))

    # -- the screens ------------------------------------------------------

    def connect_page(self):
        self.start()
        self.app.wait(("text",), self.L("Server"), root=self.main)
        self.app.wait("push button", self.L("_Connect"), root=self.main)
        self.shot("connect", self.main)

    def demo(self):
        self.start("--demo")
        app = self.app
        table = app.wait_until(lambda: self.servers_table(), 30, "the servers table")
        rows = app.wait_until(lambda: app.rows(table), 10, "server rows")
        # A server that has relationships: its pane is the interesting one.
        chosen = None
        for row, cells in rows:
            if len(cells) >= 5 and re.search(r"[1-9]", cells[-1] or ""):
                chosen = row
                break
        app.select_row(chosen or rows[0][0])
        app.wait("push button", self.L("_Add Relationship…", "Add relationship…"),
                 root=self.main, pred=drv.is_sensitive)
        self.primary_name = (app.rows(table) and
                             [c[0] for r, c in app.rows(table) if drv.is_selected(r)] or [""])[0]
        self.shot("servers", self.main)

        self.remove_dialog()
        if EXTRA:
            self.details_window()

        switch = app.wait(("toggle button", "push button", "radio button", "page tab"),
                          self.L("All relationships", "All Relationships"), root=self.main)
        app.click(switch)
        app.wait_until(lambda: self.relationships_table(), 10, "the all relationships table")
        self.shot("relationships", self.main)
        switch = app.wait(("toggle button", "push button", "radio button", "page tab"),
                          self.L("Servers"), root=self.main)
        app.click(switch)

        self.wizard()
        self.review()

    def servers_table(self):
        for table in self.app.find_all("tree table", self.L("DHCP servers"), root=self.main):
            return table
        return None

    def relationships_table(self):
        tables = [t for t in self.app.find_all("tree table", None, root=self.main)
                  if not self.L("DHCP servers").match(drv.name_of(t))]
        for t in tables:
            if self.app.rows(t):
                return t
        return None

    def details_window(self):
        app = self.app
        before = len(app.windows())
        self.pane_row_menu_item(self.L("Relationship _Details…", "Relationship Details…"))
        app.wait_until(lambda: len(app.windows()) > before, 10, "the details window")
        w = app.window()
        self.shot("details", w)
        app.press(self.L("Kea"), root=w, role=("page tab", "toggle button", "push button"))
        app.wait("push button", self.L("_Copy"), root=w, timeout=20)
        self.shot("details-kea", w)
        app.key("Escape")
        app.wait_window_gone(w, 10, "the details window to close")

    def pane_row_menu_item(self, label):
        """Opens the first row's menu in the server's pane and clicks @label in it."""
        app = self.app
        pane = None
        for t in app.find_all("tree table", None, root=self.main):
            if not self.L("DHCP servers").match(drv.name_of(t)) and app.rows(t):
                pane = t
                break
        if pane is None:
            raise drv.DriverError("the selected server shows no relationship")
        row = app.rows(pane)[0][0]
        menu = None
        for obj in drv.walk(row):
            if drv.role_of(obj) in ("push button", "toggle button") and obj != row:
                menu = obj
        if menu is None:
            raise drv.DriverError("the relationship row has no menu button")
        app.click(menu)
        item = app.wait_until(
            lambda: app.find(("menu item", "push button", "check menu item"),
                             label, root=self.main, showing=False),
            5, "the menu item")
        app.click(item)

    def remove_dialog(self):
        app = self.app
        pane = None
        for t in app.find_all("tree table", None, root=self.main):
            if not self.L("DHCP servers").match(drv.name_of(t)) and app.rows(t):
                pane = t
                break
        if pane is None:
            raise drv.DriverError("the selected server shows no relationship to remove")
        row = app.rows(pane)[0][0]
        menu = None
        for obj in drv.walk(row):
            if drv.role_of(obj) in ("push button", "toggle button") and obj != row:
                menu = obj
        if menu is None:
            raise drv.DriverError("the relationship row has no menu button")
        before = len(app.windows())
        app.click(menu)
        item = app.wait_until(
            lambda: app.find(("menu item", "push button", "check menu item"),
                             self.L("_Remove…", "Remove…"), root=self.main, showing=False),
            5, "the Remove… menu item")
        app.click(item)
        app.wait_until(lambda: len(app.windows()) > before, 10, "the remove dialog")
        dialog = app.window()
        app.wait("push button", self.L("_Remove"), root=dialog)
        self.shot("remove", dialog)
        app.press(self.L("_Cancel"), root=dialog)
        app.wait_window_gone(dialog, 10, "the remove dialog to close")

    def wizard(self):
        app = self.app
        before = len(app.windows())
        app.press(self.L("_Add Relationship…", "Add relationship…"), root=self.main)
        app.wait_until(lambda: len(app.windows()) > before, 10, "the wizard")
        w = app.window()
        combo = app.wait("combo box", self.L("Partner server"), root=w)
        partner = self.pick_partner(combo)
        if partner:
            app.choose(combo, partner)
        # "dhcp-ams-01.corp.example.net" and "dhcp-fra-01…" make "ams-fra-failover".
        sites = [re.sub(r"^dhcp-|-\d+$", "", n.split(".")[0])
                 for n in (self.primary_name, partner or "") if n]
        name = app.wait("text", self.L("Failover name"), root=w)
        app.set_text(name, "-".join(sites + ["failover"]) if len(sites) == 2 else "new-failover")
        self.shot("wizard-initial-setup", w)
        app.press(self.L("_Next"), root=w)
        app.wait("text", self.L("Maximum client lead time"), root=w)
        self.shot("wizard-options", w)
        app.press(self.L("_Next"), root=w)
        app.wait("push button", self.L("_Add"), root=w, pred=drv.is_sensitive)
        self.shot("wizard-summary", w)
        app.press(self.L("_Add"), root=w)
        app.wait_window_gone(w, 10, "the wizard to close")

    def pick_partner(self, combo):
        """An ISC server other than the primary, as the drop-down lists them."""
        app = self.app
        button = app.find(("push button", "toggle button"), None, root=combo, showing=False)
        app.click(button)
        lists = app.wait_until(
            lambda: [lst for lst in app.find_all("list", None, root=combo, showing=False)
                     if drv.children(lst)], 5, "the partner list")
        names = []
        for item in drv.children(lists[0]):
            # The first label is the name; the chooser's rows also show address and state.
            labels = [drv.text_of(o).strip() for o in drv.walk(item) if drv.role_of(o) == "label"]
            labels = [t for t in labels if t]
            if labels:
                names.append(labels[0])
        app.key("Escape")
        for n in names:
            if self.primary_name not in n and "01" in n:
                return n
        return names[1] if len(names) > 1 else (names[0] if names else None)

    def review(self):
        app = self.app
        before = len(app.windows())
        app.press(self.L("_Review and Save…", "Review and save…"), root=self.main)
        app.wait_until(lambda: len(app.windows()) > before, 10, "the review window")
        r = app.window()
        comment = app.wait("text", self.L("Save comment"), root=r)
        app.set_text(comment, {"de": "Neues Failover für den Standort Amsterdam"}.get(
            self.lang, "New failover for the Amsterdam site"))
        self.shot("review", r)

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.home, ignore_errors=True)


def main():
    if len(sys.argv) != 2:
        print("usage: %s BUILD_DIR" % sys.argv[0], file=sys.stderr)
        return 2
    build_dir = os.path.abspath(sys.argv[1])
    if not os.access(os.path.join(build_dir, APP_NAME), os.X_OK):
        log("Build the application first: %s is missing" % os.path.join(build_dir, APP_NAME))
        return 1
    infra = drv.Processes()
    try:
        drv.require_tools("xdotool", "import", "convert")
        a11y = drv.PrivateA11yBus(infra)
    except drv.Skip as e:
        infra.stop_all()
        log("Cannot take screenshots: %s" % e)
        return 1
    try:
        return take_all(build_dir, a11y.address)
    finally:
        infra.stop_all()
        a11y.close()


def take_all(build_dir, bus):
    failed = []
    for lang, T, out in (("en", drv.Translations(None), OUT_DIR),
                         ("de", drv.Translations(os.path.join(TOP, "po", "de.po")),
                          os.path.join(OUT_DIR, "de"))):
        os.makedirs(out, exist_ok=True)
        shooter = Shooter(build_dir, lang, T, out, bus)
        try:
            for step in (shooter.connect_page, shooter.demo):
                try:
                    step()
                except (drv.DriverError, subprocess.SubprocessError, OSError) as e:
                    log("[%s] %s failed: %s" % (lang, step.__name__, e))
                    failed.append("%s/%s" % (lang, step.__name__))
                    if shooter.app is not None:
                        log(shooter.app.dump_showing())
        finally:
            shooter.cleanup()
        missing = [n for n in NAMES if os.path.join(out, n + ".png") not in shooter.taken]
        if missing:
            log("[%s] not taken: %s" % (lang, ", ".join(missing)))
    if failed:
        log("Failed: %s" % ", ".join(failed))
        return 1
    log("Screenshots written to %s" % OUT_DIR)
    return 0


if __name__ == "__main__":
    sys.exit(main())
