# atspi_driver.py
#
# Copyright 2026 The Failover Manager authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives a GTK 4 application through its accessibility tree, like a person would.

Used by the end-to-end test and by the screenshot tool. Needs /usr/bin/python3 with
python3-gi and gir1.2-atspi-2.0, an X display, a session bus with the AT-SPI bus, and
xdotool and imagemagick's import for the few things AT-SPI cannot do in GTK 4.8:
synthesized input and screenshots. PrivateA11yBus starts an accessibility bus of its own.

GTK 4.8 quirks this module works around:
- Text.get_text (obj, 0, -1) returns ''; the real character count is passed.
- There is no "showing" state on widgets, and a widget on a hidden stack page keeps its
  last extents; whether something is on screen is asked with a hit test instead
  (Component.get_accessible_at_point on its window).
- Widgets without a label are named after their type ("GtkLabel"); such names count as empty.
- SCREEN coordinates print a warning in the application; WINDOW coordinates are the same
  thing here because there is no window manager and every window sits at 0,0.
- Synthesized AT-SPI mouse events do nothing; xdotool does the clicking when needed.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

# GtkButton's activate() fires "clicked" about 250 ms later.
ACTION_SETTLE = 0.4
TYPE_NAME = re.compile(r"^(Gtk|Adw|Gdk|Mfm)[A-Z][A-Za-z]*$")
COORDS = Atspi.CoordType.WINDOW


class DriverError(Exception):
    pass


class Skip(Exception):
    """The environment cannot run the test; the message says why."""


# ---------------------------------------------------------------------------
# Environment

A11Y_CONFIG = "/usr/share/defaults/at-spi2/accessibility.conf"
A11Y_REGISTRY = "/usr/libexec/at-spi2-registryd"


class PrivateA11yBus:
    """An accessibility bus of our own, started like at-spi-bus-launcher starts one.

    The session's bus would do, but every GUI session on a machine whose bus daemon has no
    XDG_RUNTIME_DIR puts its accessibility socket at the same ~/.cache/at-spi/bus, so
    sessions running side by side take each other's bus away. A private bus makes the test
    independent of them. Must be started before the first Atspi call of this process: the
    driver reads AT_SPI_BUS_ADDRESS once.
    """

    def __init__(self, procs):
        if not os.environ.get("DISPLAY"):
            raise Skip("no DISPLAY: run under tools/test-session.sh (Xvfb)")
        for path in (A11Y_CONFIG, A11Y_REGISTRY):
            if not os.path.exists(path):
                raise Skip("no AT-SPI bus: %s is missing (install at-spi2-core)" % path)
        if not shutil.which("dbus-daemon"):
            raise Skip("no AT-SPI bus: dbus-daemon is not installed")
        self.dir = tempfile.mkdtemp(prefix="mfm-a11y-")
        self.address = "unix:path=%s" % os.path.join(self.dir, "bus")
        env = dict(os.environ, AT_SPI_BUS_ADDRESS=self.address)
        self.proc = procs.start("a11y-bus", ["dbus-daemon", "--config-file=" + A11Y_CONFIG,
                                             "--nofork", "--address=" + self.address],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not os.path.exists(os.path.join(self.dir, "bus")):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise Skip("no AT-SPI bus: dbus-daemon with %s did not start" % A11Y_CONFIG)
            time.sleep(0.05)
        # The registry is what applications announce themselves to and what lists them.
        self.registry = procs.start("a11y-registry", [A11Y_REGISTRY], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.environ["AT_SPI_BUS_ADDRESS"] = self.address

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def log(msg):
    print(msg, flush=True)


class Failure(Exception):
    pass


def check(condition, what):
    if not condition:
        raise Failure(what)


def app_environment(bus, home, lang="en", runtime_dir=False):
    """The application's environment: its accessibility tree on @bus, and a home of its own
    under @home (no draft, recent server or keyring item from another run)."""
    env = dict(os.environ)
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    env["AT_SPI_BUS_ADDRESS"] = bus
    env["LANGUAGE"] = lang
    env.setdefault("GSETTINGS_BACKEND", "memory")
    dirs = [("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")]
    if runtime_dir:
        dirs.append(("XDG_RUNTIME_DIR", "runtime"))
    for var, sub in dirs:
        path = os.path.join(home, sub)
        os.makedirs(path, mode=0o700, exist_ok=True)
        env[var] = path
    return env


def require_tools(*names):
    for name in names:
        if not shutil.which(name):
            raise Skip("%s is not installed" % name)


# ---------------------------------------------------------------------------
# Translations: msgid -> msgstr from a .po file, so tests follow the translation.

def _po_unquote(s):
    s = s.strip()
    if not (s.startswith('"') and s.endswith('"')):
        raise ValueError("bad po string: %r" % s)
    body = s[1:-1]
    out = []
    i = 0
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


class Translations:
    """A tiny .po reader: translated, non-fuzzy entries only; plural form 0 for plurals."""

    def __init__(self, po_path=None):
        self.catalog = {}
        self.path = po_path
        if po_path:
            self._load(po_path)

    def _load(self, path):
        entry = {}
        key = None
        fuzzy = False

        def flush():
            nonlocal entry, fuzzy
            msgid = entry.get("msgid")
            if msgid and not fuzzy:
                msgstr = entry.get("msgstr") or entry.get("msgstr[0]") or ""
                if msgstr:
                    self.catalog[(entry.get("msgctxt"), msgid)] = msgstr
            entry = {}
            fuzzy = False

        with open(path, encoding="utf-8") as f:
            for raw in f:
                line = raw.strip()
                if not line:
                    flush()
                    key = None
                    continue
                if line.startswith("#,") and "fuzzy" in line:
                    fuzzy = True
                    continue
                if line.startswith("#"):
                    continue
                m = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$", line)
                if m:
                    if m.group(1) in ("msgctxt", "msgid") and "msgid" in entry and \
                            any(k.startswith("msgstr") for k in entry):
                        flush()
                    key = m.group(1)
                    entry[key] = _po_unquote(m.group(2))
                elif line.startswith('"') and key:
                    entry[key] += _po_unquote(line)
            flush()

    def __call__(self, msgid, context=None):
        """The translation of @msgid, or @msgid itself while it is untranslated.

        A msgid the catalog lacks is looked up once more loosely (ignoring letter case and
        mnemonic underscores), so "Review and Save…" finds "_Review and save…": the test
        names what a person sees, not the exact source string of the day."""
        found = self.catalog.get((context, msgid))
        if found is None:
            found = self._loose().get((context, self._key(msgid)))
        return msgid if found is None else found

    def has(self, msgid, context=None):
        return (context, msgid) in self.catalog or \
            (context, self._key(msgid)) in self._loose()

    @staticmethod
    def _key(msgid):
        return strip_mnemonic(msgid).casefold()

    def _loose(self):
        if getattr(self, "_loose_index", None) is None:
            self._loose_index = {(ctx, self._key(mid)): v for (ctx, mid), v in self.catalog.items()}
        return self._loose_index

    def any_of(self, msgid):
        """Every translation of @msgid across contexts, plus @msgid itself."""
        found = [v for (ctx, mid), v in self.catalog.items() if mid == msgid]
        return found + [msgid]


def strip_mnemonic(label):
    # GTK drops the mnemonic underscore from accessible names; "__" stays a literal "_".
    return re.sub(r"_(.)", r"\1", label)


def label_pattern(T, *msgids):
    """Matches a widget named by any of @msgids as the interface shows it: translated,
    without mnemonic underscores, in any letter case (HIG header vs sentence case)."""
    shown = []
    for msgid in msgids:
        for text in (T(msgid), msgid):
            text = strip_mnemonic(text)
            if text not in shown:
                shown.append(text)
    # The untranslated msgid stays acceptable only while the msgid is untranslated.
    if any(T.has(m) for m in msgids if hasattr(T, "has")):
        shown = [strip_mnemonic(T(m)) for m in msgids if T.has(m)] or shown
    return re.compile("^(?:%s)$" % "|".join(re.escape(s) for s in shown), re.IGNORECASE)


# ---------------------------------------------------------------------------
# Processes

class Processes:
    """Every process the test started, each in its own process group, killed at the end."""

    def __init__(self):
        self.procs = []

    def start(self, name, argv, env=None, stdout=None, stderr=None, stdin=subprocess.DEVNULL):
        proc = subprocess.Popen(argv, env=env, stdout=stdout, stderr=stderr, stdin=stdin,
                                start_new_session=True)
        proc.mfm_name = name
        self.procs.append(proc)
        return proc

    def stop(self, proc, timeout=5.0):
        if proc.poll() is None:
            for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    proc.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        # Anything left in its group (a bus daemon, a keyring) goes too.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if proc in self.procs:
            self.procs.remove(proc)
        return proc.returncode

    def stop_all(self):
        for proc in reversed(list(self.procs)):
            self.stop(proc)


# ---------------------------------------------------------------------------
# Accessible helpers

def name_of(obj):
    try:
        name = obj.get_name() or ""
    except GLib.Error:
        return ""
    return "" if TYPE_NAME.match(name) else name


def role_of(obj):
    try:
        return obj.get_role_name()
    except GLib.Error:
        return ""


def text_of(obj):
    """The text of a label or entry (GTK 4.8 needs the real character count)."""
    try:
        if obj.get_text_iface() is None:
            return name_of(obj)
        n = Atspi.Text.get_character_count(obj)
        return Atspi.Text.get_text(obj, 0, n)
    except GLib.Error:
        return ""


def states_of(obj):
    try:
        return obj.get_state_set()
    except GLib.Error:
        return None


def has_state(obj, state):
    st = states_of(obj)
    return bool(st and st.contains(state))


def is_sensitive(obj):
    return has_state(obj, Atspi.StateType.SENSITIVE)


def is_selected(obj):
    return has_state(obj, Atspi.StateType.SELECTED)


def is_checked(obj):
    return has_state(obj, Atspi.StateType.CHECKED) or has_state(obj, Atspi.StateType.PRESSED)


def extents(obj):
    try:
        if obj.get_component_iface() is None:
            return None
        return obj.get_extents(COORDS)
    except GLib.Error:
        return None


def children(obj):
    try:
        n = obj.get_child_count()
    except GLib.Error:
        return []
    out = []
    for i in range(n):
        try:
            c = obj.get_child_at_index(i)
        except GLib.Error:
            c = None
        if c is not None:
            out.append(c)
    return out


def walk(root, prune_unallocated=False):
    """Depth first, in order. With @prune_unallocated, the subtrees of widgets that were
    never given a size (pages never shown) are skipped, which saves many bus round trips."""
    stack = [root]
    while stack:
        obj = stack.pop()
        yield obj
        if prune_unallocated and obj is not root:
            e = extents(obj)
            if e is not None and e.width == 0 and e.height == 0:
                continue
        stack.extend(reversed(children(obj)))


def toplevel_of(obj):
    """The window (frame, dialog…) that holds @obj."""
    cur = obj
    last = obj
    while cur is not None:
        if role_of(cur) == "application":
            return last
        last = cur
        try:
            cur = cur.get_parent()
        except GLib.Error:
            return None
    return last


def is_ancestor(ancestor, obj):
    cur = obj
    for _ in range(200):
        if cur is None:
            return False
        if cur == ancestor:
            return True
        try:
            cur = cur.get_parent()
        except GLib.Error:
            return False
    return False


def is_showing(obj):
    """Whether @obj is really on screen: a hit test at its centre lands on it or inside it."""
    e = extents(obj)
    if e is None or e.width <= 0 or e.height <= 0:
        return False
    top = toplevel_of(obj)
    if top is None or top == obj:
        return True
    # Several points: a centred label or an overlay may cover the exact centre.
    points = [(e.x + e.width // 2, e.y + e.height // 2), (e.x + 2, e.y + 2),
              (e.x + e.width - 3, e.y + e.height - 3)]
    for x, y in points:
        try:
            hit = Atspi.Component.get_accessible_at_point(top, x, y, COORDS)
        except GLib.Error:
            return True  # no hit testing: do not pretend to know
        if hit is not None and (is_ancestor(obj, hit) or is_ancestor(hit, obj)):
            # A hit on an ancestor that is a mere container of @obj is no proof; accept
            # only @obj, its descendants, or an ancestor of the same size.
            if is_ancestor(obj, hit):
                return True
            he = extents(hit)
            if he and he.width == e.width and he.height == e.height:
                return True
    return False


def action_names(obj):
    try:
        if obj.get_action_iface() is None:
            return []
        with warnings.catch_warnings():
            # Deprecated in favour of nothing equivalent (get_localized_name is translated).
            warnings.simplefilter("ignore", DeprecationWarning)
            return [Atspi.Action.get_action_name(obj, i) for i in range(obj.get_n_actions())]
    except GLib.Error:
        return []


def describe(obj):
    e = extents(obj)
    where = "" if e is None else " @%d,%d %dx%d" % (e.x, e.y, e.width, e.height)
    return "%s %r%s" % (role_of(obj), name_of(obj), where)


def dump(root, max_lines=400):
    lines = []

    def rec(obj, depth):
        if len(lines) >= max_lines:
            return
        text = ""
        if role_of(obj) in ("label", "text", "password text", "entry"):
            text = " text=%r" % text_of(obj)[:80]
        lines.append("  " * depth + describe(obj) + text)
        for c in children(obj):
            rec(c, depth + 1)

    rec(root, 0)
    return "\n".join(lines)


def name_variants(name):
    """The ways GTK 4.8 spells one name. A button with a mnemonic label is named
    "_Connect Connect" (the raw label, then the label's text); a row's switch is named
    "Remember password Remember password". Each variant is tried when matching."""
    variants = [name]
    words = name.split(" ")
    half = len(words) // 2
    if len(words) % 2 == 0 and half and \
            strip_mnemonic(" ".join(words[:half])) == " ".join(words[half:]):
        variants.append(" ".join(words[half:]))
    plain = strip_mnemonic(name)
    if plain not in variants:
        variants.append(plain)
    return variants


def _match_name(pattern, name):
    if pattern is None:
        return True
    if callable(pattern) and not isinstance(pattern, (str, re.Pattern)):
        return pattern(name)
    for variant in name_variants(name):
        if isinstance(pattern, re.Pattern):
            if pattern.search(variant) is not None:
                return True
        elif isinstance(pattern, (list, tuple, set)):
            if variant in pattern:
                return True
        elif variant == pattern:
            return True
    return False


def _match_role(roles, role):
    if roles is None:
        return True
    if isinstance(roles, str):
        return role == roles
    return role in roles


# ---------------------------------------------------------------------------

class App:
    """One running application, found on the AT-SPI bus by its name (the prgname)."""

    def __init__(self, name, proc=None, timeout=30.0, log=print):
        self.name = name
        self.proc = proc
        self.log = log
        self.root = None
        self.attach(timeout)

    # -- finding -----------------------------------------------------------

    def attach(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._check_alive()
            desktop = Atspi.get_desktop(0)
            for app in children(desktop):
                # An application that exited a moment ago may still be listed;
                # every call on it then raises, so such entries are skipped.
                try:
                    if app.get_name() != self.name:
                        continue
                    pid = app.get_process_id() if self.proc is not None else None
                except GLib.Error:
                    continue
                if pid is not None and pid != self.proc.pid and \
                        not self._is_descendant_pid(pid):
                    continue
                if children(app):
                    self.root = app
                    return app
            time.sleep(0.1)
        raise DriverError("the application %r did not appear on the accessibility bus within %.0f s"
                          % (self.name, timeout))

    def _is_descendant_pid(self, pid):
        # The application may run under a wrapper (dbus-run-session); accept its children.
        for _ in range(10):
            try:
                with open("/proc/%d/stat" % pid) as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                return False
            if ppid == self.proc.pid:
                return True
            if ppid <= 1:
                return False
            pid = ppid
        return False

    def _check_alive(self):
        if self.proc is not None and self.proc.poll() is not None:
            raise DriverError("the application exited with status %s" % self.proc.returncode)

    def windows(self):
        # A fresh child count: with a stale one the next GetChildAtIndex asks GTK 4.8 for an
        # index past its visible windows, and its root then answers with the last window
        # whatever its state: a NULL object path for a window being destroyed, a critical.
        try:
            self.root.clear_cache()
        except GLib.Error:
            pass
        return [w for w in children(self.root) if role_of(w) not in ("", "invalid")]

    def window_gone(self, frame):
        """Whether a window closed, asked of the window itself (see windows())."""
        try:
            frame.clear_cache()
            e = frame.get_extents(COORDS)
            st = frame.get_state_set()
        except GLib.Error:
            return True
        return st.contains(Atspi.StateType.DEFUNCT) or (e.width == 0 and e.height == 0) or \
            not st.contains(Atspi.StateType.VISIBLE)

    def wait_window_gone(self, frame, timeout=10.0, what="the window to close"):
        return self.wait_until(lambda: self.window_gone(frame), timeout, what)

    def window(self, title=None, timeout=10.0):
        """A top-level window by title (a string, regex or list); the newest one when None."""
        def look():
            wins = self.windows()
            if title is None:
                return wins[-1] if wins else None
            for w in reversed(wins):
                if _match_name(title, name_of(w)):
                    return w
            return None
        return self.wait_until(look, timeout, "a window titled %r" % (title,))

    def find_all(self, role=None, name=None, root=None, showing=True, pred=None):
        self._check_alive()
        roots = [root] if root is not None else self.windows()
        found = []
        for r in roots:
            for obj in walk(r, prune_unallocated=showing):
                if not _match_role(role, role_of(obj)):
                    continue
                if not _match_name(name, name_of(obj)):
                    continue
                if pred is not None and not pred(obj):
                    continue
                if showing and not is_showing(obj):
                    continue
                found.append(obj)
        return found

    def find(self, role=None, name=None, root=None, showing=True, pred=None):
        found = self.find_all(role, name, root, showing, pred)
        return found[0] if found else None

    def wait_until(self, fn, timeout=10.0, what="a condition", interval=0.1):
        deadline = time.monotonic() + timeout
        last_error = None
        while True:
            self._check_alive()
            try:
                value = fn()
                if value:
                    return value
            except GLib.Error as e:
                last_error = e
            if time.monotonic() >= deadline:
                break
            time.sleep(interval)
        raise DriverError("timed out after %.0f s waiting for %s%s" %
                          (timeout, what, "" if last_error is None else " (%s)" % last_error))

    def wait(self, role=None, name=None, root=None, timeout=20.0, showing=True, pred=None):
        try:
            return self.wait_until(lambda: self.find(role, name, root, showing, pred), timeout,
                                   "%s named %r" % (role or "anything", name))
        except DriverError as e:
            raise DriverError("%s\nvisible tree:\n%s" % (e, self.dump_showing(root))) from None

    def wait_gone(self, role=None, name=None, root=None, timeout=10.0):
        return self.wait_until(lambda: not self.find(role, name, root), timeout,
                               "%s %r to go away" % (role or "anything", name))

    def dump_showing(self, root=None, max_lines=300):
        roots = [root] if root is not None else self.windows()
        lines = []
        for r in roots:
            for obj in walk(r):
                if len(lines) >= max_lines:
                    break
                role = role_of(obj)
                if role in ("panel", "filler", "") and not name_of(obj):
                    continue
                if not is_showing(obj) and role != "frame":
                    continue
                text = ""
                if role in ("label", "text", "password text", "entry"):
                    text = " text=%r" % text_of(obj)[:80]
                lines.append("  " + describe(obj) + text)
        return "\n".join(lines)

    # -- acting ------------------------------------------------------------

    def click(self, obj, settle=ACTION_SETTLE):
        """Activates @obj through its Action interface ("click", "activate", or the first)."""
        self._check_alive()
        if not is_sensitive(obj):
            raise DriverError("cannot click %s: it is insensitive" % describe(obj))
        try:
            n = obj.get_n_actions() if obj.get_action_iface() is not None else 0
        except GLib.Error:
            n = 0
        if n == 0:
            return self.xclick(obj, settle)
        names = action_names(obj)
        index = 0
        for wanted in ("click", "activate", "press", "toggle"):
            if wanted in names:
                index = names.index(wanted)
                break
        if not obj.do_action(index):
            raise DriverError("the action %r of %s failed" % (names[index], describe(obj)))
        time.sleep(settle)
        return True

    def xclick(self, obj, settle=ACTION_SETTLE, button=1):
        """A real pointer click at the centre of @obj (xdotool)."""
        e = extents(obj)
        if e is None or e.width <= 0:
            raise DriverError("cannot click %s: it has no extents" % describe(obj))
        x, y = e.x + e.width // 2, e.y + e.height // 2
        # No --sync: it waits for a motion event, which never comes when the pointer is
        # already there (a second click on the same spot).
        subprocess.run(["xdotool", "mousemove", str(x), str(y)], check=True, timeout=10)
        time.sleep(0.05)
        subprocess.run(["xdotool", "click", str(button)], check=True, timeout=10)
        time.sleep(settle)
        return True

    def press(self, button_name, root=None, role=("push button", "toggle button"), timeout=20.0):
        """Waits for a sensitive, showing button and clicks it."""
        btn = self.wait(role, button_name, root, timeout, pred=is_sensitive)
        self.click(btn)
        return btn

    def set_text(self, obj, text):
        """Puts @text into an entry: through EditableText, else by typing with the keyboard."""
        self._check_alive()
        ok = False
        try:
            if obj.get_editable_text_iface() is not None:
                ok = Atspi.EditableText.set_text_contents(obj, text)
        except GLib.Error:
            ok = False
        if ok and text_of(obj) == text:
            return
        # The keyboard: focus with a click, select all, type.
        self.xclick(obj, settle=0.2)
        self.key("ctrl+a", "BackSpace")
        self.type_text(text)
        got = text_of(obj)
        if got != text and role_of(obj) != "password text":
            raise DriverError("typed %r into %s but it reads %r" % (text, describe(obj), got))

    def type_text(self, text):
        subprocess.run(["xdotool", "type", "--delay", "15", "--", text], check=True, timeout=60)
        time.sleep(0.2)

    def key(self, *keys, settle=0.3):
        """Key presses on the focused window (xdotool names: ctrl+s, Return, Escape)."""
        subprocess.run(["xdotool", "key", "--delay", "40"] + list(keys), check=True, timeout=20)
        time.sleep(settle)

    def select_row(self, row, settle=0.3):
        """Selects a table row: through its list's Selection interface, else with a click."""
        parent = row.get_parent()
        try:
            index = row.get_index_in_parent()
        except GLib.Error:
            index = -1
        if parent is not None and parent.get_selection_iface() is not None and index >= 0:
            try:
                if Atspi.Selection.select_child(parent, index):
                    time.sleep(settle)
                    if is_selected(row):
                        return
            except GLib.Error:
                pass
        self.xclick(row, settle)
        if not is_selected(row):
            raise DriverError("could not select %s" % describe(row))

    def focused(self, root):
        for obj in walk(root):
            if has_state(obj, Atspi.StateType.FOCUSED):
                return obj
        return None

    def choose(self, combo, wanted, search=True, tries=3):
        """Picks the item whose text is @wanted in a GtkDropDown (role combo box).

        Its popover is not reachable by pointer (AT-SPI reports popover coordinates relative
        to the popover, not the screen) and selecting through the Selection interface does
        not change the drop-down; so it is done like a keyboard user: open, (search), move
        the focus with the arrow keys to the wanted row, Return.
        """
        for attempt in range(tries):
            button = self.find(("push button", "toggle button"), None, root=combo, showing=False)
            if button is None:
                raise DriverError("no button inside %s" % describe(combo))
            self.click(button)
            if search:
                entry = self.wait_until(
                    lambda: self.find(("entry", "text"), None, root=combo, showing=False),
                    3, "the drop-down's search entry")
                if entry is not None:
                    self.set_text(entry, wanted)
                    time.sleep(0.3)
            for _ in range(60):
                focus = self.focused(combo)
                if focus is not None and role_of(focus) in ("list item", "table row", "filler"):
                    label = " ".join(text_of(o) for o in walk(focus) if role_of(o) == "label")
                    if wanted in label:
                        self.key("Return")
                        break
                    items = [c for c in children(focus.get_parent())]
                    labels = [" ".join(text_of(o) for o in walk(c) if role_of(o) == "label").strip()
                              for c in items]
                    here = focus.get_index_in_parent()
                    matching = [i for i, text in enumerate(labels) if wanted in text]
                    there = matching[0] if matching else len(labels)
                    self.key("Down" if there > here else "Up", settle=0.15)
                else:
                    # Focus in the search entry. A chooser that keeps the keyboard there
                    # highlights (selects) a row: Return takes it when it is the wanted one;
                    # otherwise Down moves the highlight (or steps into a drop-down's list).
                    chosen = [o for o in walk(combo)
                              if role_of(o) in ("list item", "table row") and is_selected(o)]
                    if chosen:
                        label = " ".join(text_of(o) for o in walk(chosen[0]) if role_of(o) == "label")
                        if wanted in label:
                            self.key("Return")
                            break
                    self.key("Down", settle=0.15)
            time.sleep(0.3)
            if wanted in self.combo_text(combo):
                return True
            self.key("Escape")
        raise DriverError("could not choose %r in %s (it shows %r)"
                          % (wanted, describe(combo), self.combo_text(combo)))

    def combo_text(self, combo):
        """The text a GtkDropDown (or a chooser button) shows for its selected item."""
        button = self.find(("push button", "toggle button"), None, root=combo, showing=False)
        texts = []
        for obj in walk(button if button is not None else combo):
            if role_of(obj) == "label":
                e = extents(obj)
                if e is not None and e.width > 0 and e.height > 0:
                    texts.append(text_of(obj))
        return " ".join(t for t in texts if t)

    def rows(self, table):
        """The data rows of a column view (tree table), with each row's cell texts."""
        out = []
        for obj in walk(table):
            if role_of(obj) == "table row" and role_of(obj.get_parent()) != "tree table":
                cells = []
                for cell in children(obj):
                    cells.append(" ".join(t for t in (text_of(o) for o in walk(cell)
                                                      if role_of(o) in ("label", "text"))
                                          if t))
                out.append((obj, cells))
        return out

    # -- seeing ------------------------------------------------------------

    def screenshot(self, path, window=None, settle=0.3):
        """The whole screen (the windows sit at 0,0), or cropped to @window."""
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        time.sleep(settle)  # the last change reaches the screen with the next frame
        subprocess.run(["import", "-window", "root", path], check=True, timeout=30)
        if window is not None:
            e = extents(window)
            if e is not None and e.width > 0 and e.height > 0:
                subprocess.run(["convert", path, "-crop", "%dx%d+%d+%d" %
                                (e.width, e.height, max(e.x, 0), max(e.y, 0)), "+repage", path],
                               check=True, timeout=30)
        return path


# ---------------------------------------------------------------------------

class Steps:
    """Prints each step with its timing; a failing step is reported with its time too."""

    def __init__(self, prefix="", out=sys.stdout):
        self.prefix = prefix
        self.out = out
        self.t0 = time.monotonic()
        self.timings = []

    def run(self, title, fn, *args, **kwargs):
        start = time.monotonic()
        print("%s%-52s ..." % (self.prefix, title), file=self.out, flush=True)
        try:
            result = fn(*args, **kwargs)
        except BaseException:
            print("%s%-52s FAILED after %.2f s" % (self.prefix, title, time.monotonic() - start),
                  file=self.out, flush=True)
            raise
        took = time.monotonic() - start
        self.timings.append((title, took))
        print("%s%-52s ok %.2f s" % (self.prefix, title, took), file=self.out, flush=True)
        return result

    def total(self):
        return time.monotonic() - self.t0
