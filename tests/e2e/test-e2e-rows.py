#!/usr/bin/env python3
"""End-to-end over AT-SPI: editing table rows while a screen reader lists
the application's windows does not crash it.

GTK 4.8 aborts when an accessibility client asks for the windows while
one is being destroyed (g_variant_new_object_path with a NULL path), and
a screen reader such as Orca asks all the time.  Rows used to be edited in
a window of their own; they are now edited inside the main window.

The complete 耕地进出平衡 application, as a draft made by `shenbao-tool
draft`, is opened on the step of its parcels table.  A second process
lists the application's windows (and their names, roles and children) in
a loop, as fast as it can, while this one works the table through its
buttons, SHENBAO_ROWS_CYCLES times (60 by default): a row added (a
parcel number typed, Done), that row edited and cancelled, and a new row
cancelled.  The application must be alive at the end, the lister must
have listed the windows throughout, and the draft on disk must hold the
rows added and none of the cancelled ones.

If a row opens in a window of its own (the old way), the test works that
window instead (Done only; Escape for Cancel), to show the crash.

Prints TAP.  Needs a display and an accessibility bus (run under
xvfb-run -a dbus-run-session); skips when either is missing.
Environment: SHENBAO, SHENBAO_TOOL, SHENBAO_TEST_FIXTURES,
GSETTINGS_SCHEMA_DIR, SHENBAO_APP_ID, SHENBAO_DATA_DIR.
"""
import json
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

if importlib.util.find_spec("pyatspi") is None:
    print("1..0 # SKIP pyatspi is not installed")
    sys.exit(0)
if not os.environ.get("DISPLAY"):
    print("1..0 # SKIP no display (run under xvfb-run)")
    sys.exit(0)

import e2e_util
from e2e_util import (app_of, check, find, finish, key, log_of, name_of, press, role_of, set_text, start_bus, walk,
                      walk_outside)

SHENBAO = os.environ["SHENBAO"]
TOOL = os.environ["SHENBAO_TOOL"]
FIXTURES = os.environ["SHENBAO_TEST_FIXTURES"]
CYCLES = int(os.environ.get("SHENBAO_ROWS_CYCLES", "60"))

FORM = "gengdi"
TABLE = "out_parcels"
STEP = "B3"
KEY_ESCAPE = 0xff1b
# Not walked into: the grid's cells, which grow with every row added.
GRID = ("tree table",)

# The lister: another client, in its own process (pyatspi is not made for
# threads), listing the windows of the process given until told to stop.
LISTER = r"""
import os, signal, sys, time
import pyatspi
pid = int(sys.argv[1])
parent = os.getppid()
listed = 0
errors = 0


def gone(process_id):
    try:
        os.kill(process_id, 0)
        return False
    except ProcessLookupError:
        return True


def stop(signum, frame):
    # The final count, whatever multiple of 50 was printed last.
    print(listed, errors, flush=True)
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
while True:
    # A test killed (by a timeout, say) before it stops the lister, or an
    # application that went: nothing is left to list.
    if os.getppid() != parent or gone(pid):
        stop(None, None)
    try:
        for app in pyatspi.Registry.getDesktop(0):
            if app is None or app.get_process_id() != pid:
                continue
            for window in app:
                if window is not None:
                    window.name, window.getRoleName(), window.childCount
            listed += 1
    except Exception:
        errors += 1
        time.sleep(0.01)
    if listed % 50 == 0:
        print(listed, errors, flush=True)
"""


def table_labels():
    """The table's name in both languages: which one the interface shows
    for the definition's texts depends on the locale's handling there."""
    with open(os.path.join(os.environ["SHENBAO_DATA_DIR"], "forms", FORM + ".json"), encoding="utf-8") as f:
        form = json.load(f)
    field = [x for x in form["fields"] if x["id"] == TABLE][0]
    return [field["label"]["zh_CN"], field["label"]["en"]]


LABELS = table_labels()


def titles(number):
    """What a row's editor may be called: 'NAME · Row N' (or the Chinese)."""
    return set(["%s · Row %d" % (label, number) for label in LABELS] +
               ["%s · 第 %d 行" % (label, number) for label in LABELS])


def draft_row(app):
    """The draft's row on the start page (its subtitle says when it was
    last changed)."""
    end = time.time() + 30
    while time.time() < end:
        for node in walk(app):
            if role_of(node) == "label" and "last changed" in name_of(node):
                row = node
                while row is not None and role_of(row) != "list item":
                    row = row.parent
                if row is not None:
                    return row
        time.sleep(0.2)
    return None


def saved_rows(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f).get("answers", {}).get(TABLE) or []
    except (OSError, ValueError):
        return None


def table_item(wizard):
    """The table's row in the step's list: the list item holding the
    table named TABLE_LABEL."""
    end = time.time() + 20
    table = None
    while table is None and time.time() < end:
        table = next((n for n in walk(wizard) if role_of(n) in GRID and name_of(n) in LABELS), None)
        if table is None:
            time.sleep(0.2)
    while table is not None and role_of(table) != "list item":
        table = table.parent
    return table


def button(root, name, timeout=15):
    """The push button @name under @root, outside the grid."""
    end = time.time() + timeout
    while True:
        found = next((n for n in walk_outside(root, GRID) if role_of(n) == "push button" and name_of(n) == name), None)
        if found is not None or time.time() >= end:
            return found
        time.sleep(0.1)


class Rows:
    """Opens and closes a row's editor, in the main window or (the old
    way) in a window of its own."""

    def __init__(self, app, item):
        self.app = app
        self.item = item
        self.add = button(item, "Add Row")
        self.edit = button(item, "Edit")
        self.old_way = False

    def editor(self, title, timeout=10):
        end = time.time() + timeout
        while True:
            for node in walk_outside(self.item, GRID):
                if name_of(node) in title and role_of(node) not in ("label", "push button"):
                    return node
            # The old way added the row at once, so the numbers drift:
            # any row's window will do.
            for window in self.app:
                if window is not None and any(name_of(window).startswith(label + " · ") for label in LABELS):
                    self.old_way = True
                    return window
            if time.time() >= end:
                return None
            time.sleep(0.05)

    def gone(self, title, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            if self.old_way:
                # The old way: no look at the windows here; the lister does.
                time.sleep(0.3)
                return True
            if not any(name_of(n) in title and role_of(n) not in ("label", "push button")
                       for n in walk_outside(self.item, GRID)):
                return True
            time.sleep(0.05)
        return False

    def close(self, editor, title, button):
        if self.old_way:
            if button == "Done":
                press(find(editor, name="Done", role="push button", timeout=5))
            else:
                key(KEY_ESCAPE)
            return self.gone(title)
        for attempt in range(2):
            node = find(editor, name=button, role="push button", timeout=5)
            if node is None:
                return False
            press(node)
            # Done on a row with a problem stays open once.
            if self.gone(title, timeout=3):
                return True
        return False


def run(env, path):
    process = e2e_util.launch(SHENBAO, [], env)
    lister = None
    try:
        app = app_of(process)
        if not check("the application appears on the accessibility bus", app is not None,
                     "exit status %s\n%s" % (process.poll(), log_of(env))):
            return
        row = draft_row(app)
        if not check("the start page lists the draft", row is not None):
            return
        press(row)
        wizard = find(app, name="SbWizard", timeout=20)
        item = table_item(wizard) if wizard is not None else None
        if not check("the draft opens on the step of the parcels table", item is not None):
            return
        rows = Rows(app, item)
        if not check("the table has Add Row and Edit", rows.add is not None and rows.edit is not None):
            return
        before = len(saved_rows(path) or [])

        lister = subprocess.Popen([sys.executable, "-c", LISTER, str(process.pid)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        time.sleep(1)
        added = 0
        done = 0
        problem = None
        for cycle in range(CYCLES):
            if process.poll() is not None:
                problem = "the application ended during cycle %d (exit status %s)" % (cycle + 1, process.poll())
                break
            kind = cycle % 3
            number = before + added + 1
            if kind == 1:
                # Edit the row just added (Done selects it), then cancel.
                number -= 1
                press(rows.edit)
            else:
                press(rows.add)
            title = titles(number)
            editor = rows.editor(title)
            if editor is None:
                problem = "cycle %d: no editor for row %d" % (cycle + 1, number)
                break
            if kind == 0:
                entry = find(editor, role="text", timeout=5)
                if entry is not None:
                    set_text(entry, "ZC-%03d" % (cycle + 1))
                if not rows.close(editor, title, "Done"):
                    problem = "cycle %d: row %d stays open after Done" % (cycle + 1, number)
                    break
                added += 1
            elif not rows.close(editor, title, "Cancel"):
                problem = "cycle %d: row %d stays open after Cancel" % (cycle + 1, number)
                break
            done += 1
            if done % 30 == 0:
                print("# %d cycles, %d rows added" % (done, added), flush=True)

        alive = process.poll() is None
        check("the application is alive after %d cycles of add, edit and cancel while its windows are listed"
              % CYCLES, alive and problem is None,
              "%s\n%s" % (problem or "exit status %s" % process.poll(), log_of(env)))
        lister.terminate()
        output = lister.communicate(timeout=10)[0].split()
        listings = int(output[-2]) if len(output) >= 2 else 0
        print("# the lister listed the windows %d times during %d cycles (rows edited %s)"
              % (listings, done, "in windows of their own" if rows.old_way else "inside the main window"))
        # A listing waits for the application to answer over the bus, so on
        # a loaded machine there may be fewer listings than cycles; a tenth
        # of them still lists the windows all through the cycles.
        check("the windows were listed throughout", listings >= done // 10,
              "%d listings, %s errors" % (listings, output[-1] if output else "?"))
        if not alive:
            return
        check("rows are edited inside the main window", not rows.old_way)

        # The draft is saved within about a second of the last change.
        end = time.time() + 10
        saved = saved_rows(path)
        while time.time() < end and (saved is None or len(saved) != before + added):
            time.sleep(0.2)
            saved = saved_rows(path)
        numbers = [r.get("parcel_no") for r in saved or []][before:]
        check("the draft holds the %d rows added, none of the cancelled" % added,
              numbers == ["ZC-%03d" % (c + 1) for c in range(done) if c % 3 == 0],
              "%d rows before, %d now: %s" % (before, len(saved or []), numbers[:10]))
    finally:
        if lister is not None and lister.poll() is None:
            lister.kill()
            lister.wait()
        e2e_util.stop(process)


def main():
    start_bus()
    tmp = tempfile.mkdtemp(prefix="shenbao-e2e-rows-")
    try:
        home = os.path.join(tmp, "home")
        config = os.path.join(tmp, "config", "glib-2.0", "settings")
        os.makedirs(config)
        with open(os.path.join(config, "keyfile"), "w") as f:
            f.write("[io/github/shenbao/Shenbao]\nwindow-width=1200\nwindow-height=980\n")
        env = dict(os.environ, XDG_DATA_HOME=home, XDG_CONFIG_HOME=os.path.join(tmp, "config"),
                   XDG_CACHE_HOME=os.path.join(tmp, "cache"), GSETTINGS_BACKEND="keyfile",
                   LANG="C.UTF-8", LANGUAGE="C", GTK_A11Y="atspi")
        env.pop("NO_AT_BRIDGE", None)
        os.makedirs(env["XDG_CACHE_HOME"])

        made = os.path.join(tmp, "made.json")
        r = subprocess.run([TOOL, "draft", "--form", FORM, "-o", made, os.path.join(FIXTURES, FORM, "complete.json")],
                           env=env, capture_output=True, text=True)
        if not check("shenbao-tool draft makes the draft", r.returncode == 0, r.stderr):
            return
        with open(made, encoding="utf-8") as f:
            draft = json.load(f)
        draft["step"] = STEP
        folder = os.path.join(home, os.environ.get("SHENBAO_APP_ID", "io.github.shenbao.Shenbao"), "drafts")
        os.makedirs(folder)
        path = os.path.join(folder, draft["id"] + ".json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(draft, f, ensure_ascii=False)
        run(env, path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        finish()


if __name__ == "__main__":
    main()
