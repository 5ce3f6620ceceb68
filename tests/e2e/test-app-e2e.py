#!/usr/bin/python3
# test-app-e2e.py
#
# Copyright 2026 The Failover Manager authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""The application end to end, driven through its accessibility tree like a person.

Starts the real mfm-simulator (recording every call) and the real failover-manager, then:
connect as admin, select an ISC server, Add relationship…, fill in every field of the three
wizard steps, Add, open the review, type a save comment, Save. The simulator's record must
then hold exactly one AddDHCPFailoverRelationship carrying every value typed and the comment.
Then Manage scopes… on the new relationship must list exactly the primary's scopes, each with
its network (the name of its Range, asked for with GetRange), and checking an eligible scope,
Apply, review and Save must take the relationship out of Empty.

The flow runs in English and then in German (LANGUAGE=de); German labels are looked up in
po/de.po at run time, so the test follows the translation (untranslated labels stay English).
Every step is printed with its timing and leaves a screenshot in
$MFM_BUILD_ROOT/artifacts/e2e-<lang>/.

The test runs its own accessibility bus (dbus-daemon with at-spi2-core's configuration and
the registry), so sessions running side by side on one machine cannot take it away.

Exit status: 0 passed, 1 failed, 77 skipped (no display or no accessibility bus).
"""

import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import traceback
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import atspi_driver as drv  # noqa: E402

APP_NAME = "failover-manager"

# Every value differs from its default, so a value that did not travel from the form to the
# API cannot pass by accident.
FORM = {
    "port": 847,
    "peer_port": 848,
    "mclt": 1800,
    "max_response_delay": 45,
    "load_balance_max_seconds": 5,
    "max_unacked_updates": 12,
    "percentage": 60,
}
COMMENTS = {
    "en": "End-to-end test: add the relationship",
    "de": "Ende-zu-Ende-Test: Beziehung hinzufügen (Größe ÄÖÜ)",
}


def log(msg):
    print(msg, flush=True)


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


# ---------------------------------------------------------------------------
# The simulator, and a tiny JSON-RPC client used only as an independent oracle for which
# servers exist (the UI is what is under test, not this).

def start_simulator(procs, sim_path, record, logdir):
    sim_log = open(os.path.join(logdir, "simulator.log"), "w")
    proc = procs.start("simulator", [sim_path, "--port", "0", "--record", record],
                       stdout=subprocess.PIPE, stderr=sim_log)
    ready, _, _ = select.select([proc.stdout], [], [], 15)
    check(ready, "the simulator printed nothing within 15 s")
    first = proc.stdout.readline().decode("utf-8", "replace").strip()
    m = re.fullmatch(r"listening on (https?://127\.0\.0\.1:\d+)", first)
    check(m, "the simulator's first line is %r, not 'listening on http://127.0.0.1:PORT'" % first)

    # Keep draining its stdout so it never blocks on a full pipe.
    def drain():
        for line in proc.stdout:
            sim_log.write(line.decode("utf-8", "replace"))
            sim_log.flush()
    threading.Thread(target=drain, daemon=True).start()
    return proc, m.group(1)


def rpc(url, method, params, id_=1):
    body = json.dumps({"jsonrpc": "2.0", "method": method, "params": params, "id": id_})
    req = urllib.request.Request(url + "/mmws/json", data=body.encode("utf-8"),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=15) as resp:
        reply = json.loads(resp.read().decode("utf-8"))
    check("error" not in reply, "%s failed: %s" % (method, reply.get("error")))
    return reply["result"]


def isc_servers(url):
    """The ISC servers in state OK, from the simulator itself, sorted by name."""
    session = rpc(url, "Login", {"loginName": "admin", "password": "admin",
                                 "server": "127.0.0.1"})["session"]
    servers = []
    offset = 0
    while True:
        page = rpc(url, "GetDHCPServers", {"session": session, "offset": offset, "limit": 1000})
        servers += page["dhcpServers"]
        offset += len(page["dhcpServers"])
        if not page["dhcpServers"] or offset >= page.get("totalResults", 0):
            break
    relationships = rpc(url, "GetDHCPFailoverRelationships",
                        {"session": session})["dhcpFailoverRelationships"]
    try:
        rpc(url, "Logout", {"session": session})
    except Exception:  # noqa: BLE001 - best effort, as the app does
        pass
    return (sorted((s for s in servers if s.get("type") == "ISC" and s.get("state") == "OK"),
                   key=lambda s: s["name"]), relationships)


def server_scopes(url, server_ref):
    """One server's scopes as the documented API gives them: the filter for the list, GetRange
    for each network, GetDHCPAddressPools for the pools. Each as (ref, name, network,
    eligible): eligible when it has a pool and no pool names a failover peer."""
    session = rpc(url, "Login", {"loginName": "admin", "password": "admin",
                                 "server": "127.0.0.1"})["session"]
    page = rpc(url, "GetDHCPScopes", {"session": session, "offset": 0, "limit": 1000,
                                      "filter": "dhcpServerRef=%s" % server_ref})
    out = []
    for scope in page["dhcpScopes"]:
        check(scope.get("dhcpServerRef") == server_ref,
              "the filter let through a scope of %s" % scope.get("dhcpServerRef"))
        network = rpc(url, "GetRange", {"session": session,
                                        "rangeRef": scope["rangeRef"]})["range"]["name"]
        pools = rpc(url, "GetDHCPAddressPools", {"session": session,
                                                 "dhcpScopeRef": scope["ref"]})["dhcpAddressPools"]
        eligible = bool(pools) and not any(p.get("failoverPeer") or p.get("failoverRelationship")
                                           for p in pools)
        out.append((scope["ref"], scope["name"], network, eligible))
    try:
        rpc(url, "Logout", {"session": session})
    except Exception:  # noqa: BLE001 - best effort
        pass
    return out


def pick_pair(url, servers, relationships):
    """Two OK ISC servers that have no relationship with each other yet, the primary with a
    scope that can join a relationship."""
    paired = set()
    for r in relationships:
        paired.add(frozenset((r.get("primaryServerRef"), r.get("secondaryServerRef"))))
        paired.add(frozenset((r.get("primaryServer"), r.get("secondaryServer"))))
    for a in servers:
        scopes = server_scopes(url, a["ref"])
        if not any(eligible for _, _, _, eligible in scopes):
            continue
        for b in servers:
            if a is not b and frozenset((a["ref"], b["ref"])) not in paired and \
                    frozenset((a["name"], b["name"])) not in paired:
                return a, b, scopes
    raise Failure("the simulator's estate has no two unpaired ISC servers in state OK, the "
                  "primary with an eligible scope")


# ---------------------------------------------------------------------------

def app_environment(lang, bus, home):
    # The application must expose its accessibility tree, in a home of its own.
    return drv.app_environment(bus, home, lang, runtime_dir=True)


def start_app(procs, app_path, env, logdir, extra_args=()):
    """The application on a session bus of its own (so no other instance of the same
    application ID on the test bus can take the activation), with an unlocked keyring; the
    accessibility bus is the test's private one, passed in AT_SPI_BUS_ADDRESS."""
    app_log = open(os.path.join(logdir, "app.log"), "w")
    script = ('if command -v gnome-keyring-daemon >/dev/null; then '
              'eval "$(printf mfm-e2e | gnome-keyring-daemon --unlock --components=secrets '
              '--daemonize)"; export GNOME_KEYRING_CONTROL; fi; exec "$@"')
    # MFM_E2E_WRAPPER runs the application under a tool, e.g. "gdb -batch -ex run -ex bt
    # --args" for a backtrace of a crash, or "valgrind".
    wrapper = os.environ.get("MFM_E2E_WRAPPER", "").split()
    argv = ["dbus-run-session", "--", "/bin/sh", "-c", script, "sh"] + wrapper + \
        [app_path] + list(extra_args)
    return procs.start("app", argv, env=env, stdout=app_log, stderr=subprocess.STDOUT)


def stop_app(procs, proc):
    procs.stop(proc)


def check_log(path):
    """Criticals abort the application (G_DEBUG=fatal-criticals); warnings only print, so
    they are looked for here."""
    with open(path, encoding="utf-8", errors="replace") as f:
        bad = [line.rstrip() for line in f if re.search(r"-(WARNING|CRITICAL) \*\*", line)]
    check(not bad, "the application logged:\n  " + "\n  ".join(bad[:20]))


def tail(path, n=40):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-n:])
    except OSError:
        return ""


# ---------------------------------------------------------------------------

class Flow:
    def __init__(self, lang, T, app, out_dir, primary, partner, comment):
        self.lang = lang
        self.T = T
        self.app = app
        self.out = out_dir
        self.primary = primary
        self.partner = partner
        self.comment = comment
        self.shot_no = 0
        self.main = None
        self.wizard = None
        self.review = None
        self.name = ("e2e-%s-%s" % (lang, primary["name"].split(".")[0]))[:63]

    def L(self, *msgids):
        """A widget name as the interface shows it: translated, without mnemonic underscores,
        in either letter case; several msgids where the interface may use either."""
        return drv.label_pattern(self.T, *msgids)

    def shot(self, step):
        self.shot_no += 1
        path = os.path.join(self.out, "%02d-%s.png" % (self.shot_no, step))
        self.app.screenshot(path)

    def entry(self, label, root):
        return self.app.wait(("text", "password text", "entry"), self.L(label), root=root)

    def fill(self, label, value, root):
        obj = self.entry(label, root)
        self.app.set_text(obj, str(value))
        if drv.role_of(obj) != "password text":
            got = drv.text_of(obj)
            check(got == str(value), "the field %r reads %r after typing %r" %
                  (label, got, value))

    # -- the steps -------------------------------------------------------

    def connect_page(self, url):
        app = self.app
        self.main = app.window()
        server = self.entry("Server", self.main)
        self.shot("connect-page")
        app.set_text(server, url)
        self.fill("User name", "admin", self.main)
        self.fill("Password", "admin", self.main)
        self.shot("connect-filled")
        app.press(self.L("_Connect"), root=self.main)

    def servers_table(self):
        app = self.app
        row = app.wait_until(lambda: self.server_row(self.primary["name"]), 30,
                             "the servers table to list %s" % self.primary["name"])
        # The partner must be listed too (ISC servers only by default).
        check(self.server_row(self.partner["name"]) is not None,
              "the servers table does not list %s" % self.partner["name"])
        self.shot("servers")
        return row

    def server_row(self, name):
        # The table shows Micetro's names without the trailing dot of the FQDN.
        shown = name.rstrip(".")
        for table in self.app.find_all("tree table", None, root=self.main):
            for row, cells in self.app.rows(table):
                if cells and cells[0].rstrip(".") == shown:
                    return row
        return None

    def select_server(self, row):
        app = self.app
        app.select_row(row)
        # The pane title names the server; its Add relationship… button appears.
        app.wait("push button", self.L("_Add Relationship…", "Add relationship…"),
                 root=self.main, timeout=10, pred=drv.is_sensitive)
        self.shot("server-selected")

    def open_wizard(self):
        app = self.app
        before = len(app.windows())
        app.press(self.L("_Add Relationship…", "Add relationship…"), root=self.main)
        app.wait_until(lambda: len(app.windows()) > before, 10, "the wizard window")
        self.wizard = app.window(title=self.L("Add Relationship"), timeout=5)

    def initial_setup(self):
        app, w = self.app, self.wizard
        self.fill("Failover name", self.name, w)
        # The primary is shown read-only.
        check(self.find_text(w, self.primary["name"].rstrip(".")),
              "Initial setup does not show the primary server %s" % self.primary["name"])
        combo = app.wait("combo box", self.L("Partner server"), root=w)
        app.choose(combo, self.partner["name"].rstrip("."))
        self.fill("Port", FORM["port"], w)
        self.fill("Partner port", FORM["peer_port"], w)
        self.shot("wizard-initial-setup")
        app.press(self.L("_Next"), root=w)

    def options(self):
        w = self.wizard
        self.entry("Maximum client lead time", w)
        self.fill("Maximum client lead time", FORM["mclt"], w)
        self.fill("Max response delay", FORM["max_response_delay"], w)
        self.fill("Load balance max seconds", FORM["load_balance_max_seconds"], w)
        self.fill("Max unacked updates", FORM["max_unacked_updates"], w)
        self.fill("Percentage", FORM["percentage"], w)
        # 60 % of 256 buckets is 153.6: the primary answers 154 of them.
        self.app.wait_until(lambda: self.find_text(w, "154"), 5,
                            "the resulting split (154) next to Percentage")
        self.shot("wizard-options")
        self.app.press(self.L("_Next"), root=w)

    def summary(self):
        app, w = self.app, self.wizard
        app.wait("push button", self.L("_Add"), root=w, pred=drv.is_sensitive)
        # Every value typed is on the summary (which may scroll: labels, not hit tests).
        shown = [drv.text_of(o) for o in drv.walk(w, prune_unallocated=True)
                 if drv.role_of(o) == "label"]
        values = [self.name, self.primary["name"].rstrip("."), self.partner["name"].rstrip(".")]
        values += [str(v) for v in FORM.values()]
        for wanted in values:
            check(any(t == wanted or t.split(" ")[0] == wanted or t.startswith(wanted + " ")
                      for t in shown), "the summary does not show %r" % wanted)
        self.shot("wizard-summary")
        app.press(self.L("_Add"), root=w)
        app.wait_window_gone(self.wizard, 10, "the wizard to close")

    def pending(self):
        app = self.app
        button = app.wait("push button", self.L("_Review and Save…", "Review and save…"),
                          root=self.main, pred=drv.is_sensitive)
        # The staged relationship is in the table, marked as new, before anything is saved.
        app.wait_until(lambda: self.find_text(self.main, self.name), 10,
                       "the staged relationship %s in the table" % self.name)
        self.shot("pending")
        return button

    def open_review(self, button, by_keyboard):
        app = self.app
        before = len(app.windows())
        if by_keyboard:
            app.xclick(self.main_title_area(), settle=0.2)
            app.key("ctrl+s")
        else:
            app.click(button)
        app.wait_until(lambda: len(app.windows()) > before, 10,
                       "the review window (%s)" % ("Ctrl+S" if by_keyboard else "button"))
        self.review = app.window()
        self.fill("Save comment", self.comment, self.review)
        self.shot("review")

    def main_title_area(self):
        # Somewhere harmless in the main window to give it the keyboard focus: the header
        # bar's title (the server and user), whatever it is called.
        for obj in self.app.find_all("label", None, root=self.main):
            e = drv.extents(obj)
            if e is not None and e.y < 40 and e.width > 0 and drv.text_of(obj):
                return obj
        return self.main

    def save(self):
        app = self.app
        app.press(self.L("_Save"), root=self.review)
        app.wait_window_gone(self.review, 30, "the review window to close after saving")
        app.wait_gone("push button", self.L("_Review and Save…", "Review and save…"),
                      root=self.main, timeout=15)
        # The saved relationship comes back from the server after the refresh.
        app.wait_until(lambda: self.find_text(self.main, self.name), 15,
                       "the saved relationship %s in the table" % self.name)
        self.shot("saved")

    def relationship_row(self):
        for table in self.app.find_all("tree table", None, root=self.main):
            for row, cells in self.app.rows(table):
                if cells and cells[0] == self.name:
                    return row, cells
        return None

    def manage_scopes(self, scopes):
        """Manage scopes… from the relationship's row menu: exactly the primary's scopes, each
        with its network; check the first eligible one and Apply. Returns its ref."""
        app = self.app
        row, cells = app.wait_until(self.relationship_row, 10,
                                    "the relationship %s in the table" % self.name)
        check(self.T("Empty") in cells, "the new relationship is not Empty: %r" % cells)
        menu = app.wait(("toggle button", "push button"), self.L("Relationship actions"),
                        root=row, timeout=5)
        before = len(app.windows())
        app.click(menu)
        item = app.wait(("menu item", "push button", "check menu item"),
                        self.L("_Manage Scopes…"), timeout=10, showing=False)
        app.click(item)
        app.wait_until(lambda: len(app.windows()) > before, 10, "the Manage Scopes window")
        dialog = app.window(title=self.L("Manage Scopes"), timeout=5)
        wanted = next((s for s in scopes if s[3]), None)
        app.wait("check box", drv.label_pattern(drv.Translations(None), wanted[1]), root=dialog,
                 timeout=20, showing=False)
        labels = [drv.text_of(o) for o in drv.walk(dialog) if drv.role_of(o) == "label"]
        for _, name, network, _ in scopes:
            check(labels.count(name) == 1, "Manage Scopes shows %r %d times, not once (labels: "
                  "%r)" % (name, labels.count(name), labels))
            check(any(t == network or t.startswith(network + " ·") for t in labels),
                  "Manage Scopes does not show the network %s of %r" % (network, name))
        networks = [t.split(" ·")[0] for t in labels if re.fullmatch(
            r"\d+\.\d+\.\d+\.\d+/\d+( ·.*)?", t)]
        check(sorted(networks) == sorted(n for _, _, n, _ in scopes),
              "Manage Scopes lists the networks %r, the primary has %r" %
              (sorted(networks), sorted(n for _, _, n, _ in scopes)))
        self.shot("manage-scopes")
        box = app.wait("check box", drv.label_pattern(drv.Translations(None), wanted[1]),
                       root=dialog, timeout=5, showing=False)
        app.click(box)
        app.wait_until(lambda: drv.is_checked(box), 5, "the scope %r to be checked" % wanted[1])
        app.press(self.L("_Apply"), root=dialog)
        app.wait_window_gone(dialog, 10, "the Manage Scopes window to close")
        return wanted[0]

    def left_empty(self):
        """After saving, the relationship's state comes back from the server: no longer Empty."""
        def state():
            found = self.relationship_row()
            if found is None:
                return None
            _, cells = found
            return cells if self.T("Empty") not in cells and self.T("Normal") in cells else None
        cells = self.app.wait_until(state, 20, "the relationship %s to leave Empty" % self.name)
        self.shot("left-empty")
        return cells

    def find_text(self, root, wanted):
        for obj in drv.walk(root):
            if drv.role_of(obj) in ("label", "text") and wanted in drv.text_of(obj):
                if drv.is_showing(obj):
                    return obj
        return None


def verify_record(record, flow):
    with open(record, encoding="utf-8") as f:
        calls = [json.loads(line) for line in f if line.strip()]
    adds = [c for c in calls if c.get("method") == "AddDHCPFailoverRelationship"]
    check(len(adds) == 1, "the simulator received %d AddDHCPFailoverRelationship calls, not 1 "
          "(methods: %s)" % (len(adds), [c.get("method") for c in calls]))
    params = adds[0].get("params", {})
    rel = params.get("dhcpFailoverRelationship")
    check(isinstance(rel, dict), "AddDHCPFailoverRelationship has no dhcpFailoverRelationship "
          "object: %r" % params)

    def number(key, *alternatives):
        for k in (key,) + alternatives:
            if k in rel:
                try:
                    return int(rel[k])
                except (TypeError, ValueError):
                    raise Failure("%s is %r, not a number" % (k, rel[k]))
        raise Failure("dhcpFailoverRelationship has no %s: %r" % (key, rel))

    expected = {
        ("port",): FORM["port"],
        ("peerPort", "partnerPort"): FORM["peer_port"],
        ("mclt",): FORM["mclt"],
        ("maxResponseDelay",): FORM["max_response_delay"],
        ("loadBalanceMaxSeconds",): FORM["load_balance_max_seconds"],
        ("maxUnackedUpdates",): FORM["max_unacked_updates"],
        ("percentage",): FORM["percentage"],
    }
    for keys, value in expected.items():
        got = number(*keys)
        check(got == value, "%s is %r, typed %r" % (keys[0], got, value))
    check(rel.get("name") == flow.name, "name is %r, typed %r" % (rel.get("name"), flow.name))
    for role, server in (("primary", flow.primary), ("secondary", flow.partner)):
        by_ref = rel.get(role + "ServerRef")
        by_name = rel.get(role + "Server")
        check(by_ref is not None or by_name is not None, "no %s server in %r" % (role, rel))
        check(by_ref in (None, server["ref"]), "%sServerRef is %r, expected %r" %
              (role, by_ref, server["ref"]))
        check(by_name in (None, server["name"]), "%sServer is %r, expected %r" %
              (role, by_name, server["name"]))
    check(params.get("saveComment") == flow.comment, "saveComment is %r, typed %r" %
          (params.get("saveComment"), flow.comment))
    return rel


def verify_scopes_record(record, flow, scope_ref):
    with open(record, encoding="utf-8") as f:
        calls = [json.loads(line) for line in f if line.strip()]
    adds = [c for c in calls if c.get("method") == "AddDHCPScopesToDHCPFailoverRelationship"]
    check(len(adds) == 1, "the simulator received %d AddDHCPScopesToDHCPFailoverRelationship "
          "calls, not 1" % len(adds))
    params = adds[0].get("params", {})
    check(params.get("dhcpFailoverRelationshipName") == flow.name and
          params.get("dhcpScopeRefs") == [scope_ref] and
          params.get("dhcpServerRef") == flow.primary["ref"],
          "AddDHCPScopesToDHCPFailoverRelationship was sent with %r" % params)
    # The client asked for the primary's scopes the documented way.
    lists = [c.get("params", {}) for c in calls if c.get("method") == "GetDHCPScopes"]
    check(lists and all("dhcpServerRef" not in p for p in lists) and
          any(p.get("filter") == "dhcpServerRef=%s" % flow.primary["ref"] for p in lists),
          "GetDHCPScopes was not asked with the server filter: %r" % lists)
    check(any(c.get("method") == "GetRange" for c in calls), "no GetRange in the record")


# ---------------------------------------------------------------------------

def run_flow(lang, T, env_paths, bus):
    build_root, sim_path, app_path = env_paths
    out_dir = os.path.join(build_root, "artifacts", "e2e-%s" % lang)
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    home = tempfile.mkdtemp(prefix="mfm-e2e-%s-" % lang)
    record = os.path.join(out_dir, "record.jsonl")
    procs = drv.Processes()
    steps = drv.Steps(prefix="[%s] " % lang)
    app_proc = None
    try:
        sim, url = steps.run("start the simulator", start_simulator, procs, sim_path, record,
                             out_dir)
        servers, relationships = steps.run("ask the simulator for its ISC servers",
                                           isc_servers, url)
        primary, partner, scopes = steps.run("pick two servers", pick_pair, url, servers,
                                             relationships)
        log("[%s] primary %s (%s), partner %s (%s)" % (lang, primary["name"], primary["ref"],
                                                         partner["name"], partner["ref"]))
        app_proc = steps.run("start the application", start_app, procs, app_path,
                             app_environment(lang, bus, home), out_dir)
        app = steps.run("find it on the accessibility bus", drv.App, APP_NAME, app_proc, 30)
        flow = Flow(lang, T, app, out_dir, primary, partner, COMMENTS[lang])
        steps.run("connect page: server, admin, admin, Connect", flow.connect_page, url)
        row = steps.run("servers table", flow.servers_table)
        steps.run("select %s" % primary["name"], flow.select_server, row)
        steps.run("Add relationship…", flow.open_wizard)
        steps.run("wizard: Initial setup", flow.initial_setup)
        steps.run("wizard: Options", flow.options)
        steps.run("wizard: Summary, Add", flow.summary)
        button = steps.run("pending change shown", flow.pending)
        steps.run("open the review (%s)" % ("Ctrl+S" if lang == "en" else "Review and save…"),
                  flow.open_review, button, lang == "en")
        steps.run("Save", flow.save)
        rel = steps.run("the simulator's record", verify_record, record, flow)
        scope_ref = steps.run("Manage scopes…: the primary's scopes with their networks, "
                              "check one, Apply", flow.manage_scopes, scopes)
        button = steps.run("pending change shown", flow.pending)
        flow.comment = COMMENTS[lang] + " (scopes)"
        steps.run("open the review", flow.open_review, button, False)
        steps.run("Save", flow.save)
        steps.run("the relationship leaves Empty", flow.left_empty)
        steps.run("the simulator's record of the scopes", verify_scopes_record, record, flow,
                  scope_ref)
        steps.run("quit the application", stop_app, procs, app_proc)
        steps.run("no warning in the application's log", check_log,
                  os.path.join(out_dir, "app.log"))
        log("[%s] recorded: %s" % (lang, json.dumps(rel, sort_keys=True)))
        log("[%s] passed in %.1f s; screenshots in %s" % (lang, steps.total(), out_dir))
    except BaseException:
        try:
            subprocess.run(["import", "-window", "root", os.path.join(out_dir, "failure.png")],
                           timeout=30)
        except Exception:  # noqa: BLE001
            pass
        log("[%s] application log (tail):\n%s" % (lang, tail(os.path.join(out_dir, "app.log"))))
        log("[%s] simulator log (tail):\n%s" % (lang, tail(os.path.join(out_dir,
                                                                          "simulator.log"))))
        raise
    finally:
        procs.stop_all()
        shutil.rmtree(home, ignore_errors=True)


def main():
    infra = drv.Processes()
    try:
        drv.require_tools("xdotool", "import", "convert", "dbus-run-session")
        a11y = drv.PrivateA11yBus(infra)
    except drv.Skip as e:
        infra.stop_all()
        log("SKIP: %s" % e)
        return 77
    try:
        return run_all(a11y.address)
    finally:
        infra.stop_all()
        a11y.close()


def run_all(bus):
    build_root = os.environ.get("MFM_BUILD_ROOT")
    source_root = os.environ.get("MFM_SOURCE_ROOT", os.path.dirname(os.path.dirname(HERE)))
    if not build_root:
        log("FAIL: MFM_BUILD_ROOT is not set (run this through meson test)")
        return 1
    sim_path = os.environ.get("MFM_SIMULATOR",
                              os.path.join(build_root, "src", "sim", "mfm-simulator"))
    app_path = os.path.join(build_root, APP_NAME)
    for path in (sim_path, app_path):
        if not os.access(path, os.X_OK):
            log("FAIL: %s is not built" % path)
            return 1

    languages = [("en", drv.Translations(None)),
                 ("de", drv.Translations(os.path.join(source_root, "po", "de.po")))]
    if len(sys.argv) > 1:
        languages = [(lang, t) for lang, t in languages if lang in sys.argv[1:]]
    failed = []
    for lang, T in languages:
        if lang != "en":
            log("[%s] %d translated messages in %s" % (lang, len(T.catalog), T.path))
        try:
            run_flow(lang, T, (build_root, sim_path, app_path), bus)
        except (Failure, drv.DriverError) as e:
            log("[%s] FAILED: %s" % (lang, e))
            failed.append(lang)
        except Exception:  # noqa: BLE001
            log("[%s] FAILED with an error:\n%s" % (lang, traceback.format_exc()))
            failed.append(lang)
    if failed:
        log("FAIL: %s" % ", ".join(failed))
        return 1
    log("PASS: %s" % ", ".join(lang for lang, _ in languages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
