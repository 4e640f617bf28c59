#!/usr/bin/env python3
"""End-to-end over AT-SPI: a 科技类 institution imports its staff roster
from a spreadsheet written by another program and finishes the
application.

The applicant's 科技类 application is a draft (the complete application
of tests/fixtures/kejipeixun/complete.json) whose staff table holds only
each person's name, ID number and scanned files: the rest of the roster
is kept in a spreadsheet.  The real `shenbao` starts with that draft on
its start page; the test opens it on the staff step, presses Import…,
gives the file chooser the roster of 25 people as LibreOffice saved it
(tests/fixtures/tables/staff-roster-libreoffice.xlsx, see the README
there), reads the import report (25 rows, no problems, the rows it
replaces), imports all rows, sees the table hold 25 rows, goes to
"Check and Finish", explains every warning, finishes the application,
and checks the packet: `shenbao-tool validate` finds it sound, and its
staff rows are the spreadsheet's, each with the files that were attached
to that person before the import.

Typing the other ten steps, as e2e-fill does, would take this test past
its time; the steps are the draft's.

Prints TAP.  Needs a display and an accessibility bus (run under
xvfb-run -a dbus-run-session); skips when either is missing.
Environment: SHENBAO, SHENBAO_TOOL, SHENBAO_DATA_DIR,
SHENBAO_TEST_FIXTURES, GSETTINGS_SCHEMA_DIR, SHENBAO_APP_ID.
E2E_KEEP=1 keeps the temporary folder.
"""
import datetime
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    import pyatspi
except ImportError:
    print("1..0 # SKIP pyatspi is not installed")
    sys.exit(0)
if not os.environ.get("DISPLAY"):
    print("1..0 # SKIP no display (run under xvfb-run)")
    sys.exit(0)

import e2e_util
from e2e_util import (app_of, check, find, finish, finish_application, keys, log_of, name_of, packet_checks, press,
                      role_of, screenshot, set_text, start_bus, walk, walk_outside, window_named)

SHENBAO = os.environ["SHENBAO"]
TOOL = os.environ["SHENBAO_TOOL"]
DATA = os.environ["SHENBAO_DATA_DIR"]
FIXTURES = os.environ["SHENBAO_TEST_FIXTURES"]
ROSTER = os.path.join(FIXTURES, "tables", "staff-roster-libreoffice.xlsx")

FORM = "kejipeixun"
TABLE = "staff"
STEP = "C4"
# Kept in the draft before the import: who the person is, and the scans.
KEPT = ("name", "id_no")
# Not walked into: the grid's cells and a file chooser's lists.
LISTS = ("tree table", "table", "list")
GRIDS = ("tree table", "table")
CONTROL_L, KEY_L = 37, 46
WORDS = dict(EXPLAIN="Explanation", FINISH="Finish Application…", SAVE_WHERE="Where to Save the Application",
             SAVE_HERE="Save Here", FINISHED="Application Finished")


def button(root, name=None, prefix=None, timeout=15):
    """The push button under @root named @name (or starting with
    @prefix), outside the grid and lists."""
    end = time.time() + timeout
    while True:
        for node in walk_outside(root, LISTS):
            if role_of(node) != "push button":
                continue
            text = name_of(node)
            if (name is not None and text == name) or (prefix is not None and text.startswith(prefix)):
                return node
        if time.time() >= end:
            return None
        time.sleep(0.1)


def find_outside(root, name, role=None, timeout=15):
    """Like find(), but not into the grids and lists, whose cells are
    thousands over the bus on a 科技类 application's pages."""
    end = time.time() + timeout
    while True:
        for node in walk_outside(root, GRIDS):
            if name_of(node) == name and (role is None or role_of(node) == role):
                return node
        if time.time() >= end:
            return None
        time.sleep(0.2)


def labels_under(root):
    return [name_of(n) for n in walk_outside(root, LISTS) if role_of(n) == "label"]


def draft_row(app):
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


def table_item(wizard, labels):
    """The list item of the step holding the table named one of @labels."""
    end = time.time() + 20
    table = None
    while table is None and time.time() < end:
        table = next((n for n in walk(wizard) if role_of(n) == "tree table" and name_of(n) in labels), None)
        if table is None:
            time.sleep(0.2)
    while table is not None and role_of(table) != "list item":
        table = table.parent
    return table


def choose_file(app, title, path):
    """Gives the file chooser titled @title the file @path (Ctrl+L, the
    path, its accept button).  True when it was given."""
    chooser = window_named(app, title, timeout=15)
    if chooser is None:
        return False
    extents = chooser.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    pyatspi.Registry.generateMouseEvent(extents.x + extents.width // 2, extents.y + 10, "abs")
    time.sleep(0.1)
    location = None
    for attempt in range(30):
        if attempt % 10 == 0:
            keys(CONTROL_L, KEY_L)
        time.sleep(0.1)
        location = next((n for n in walk_outside(chooser, LISTS) if role_of(n) == "text"
                         and n.getState().contains(pyatspi.STATE_FOCUSED)), None)
        if location is not None:
            break
    if location is None:
        return False
    set_text(location, path)
    time.sleep(0.3)
    accept = button(chooser, name="Import", timeout=5)
    if accept is None:
        return False
    press(accept)
    return True


def comparable_rows(columns, rows):
    """The rows as the packet should hold them: typed columns, and each
    attachment by its name and content."""
    kinds = {c["id"]: c for c in columns}
    result = []
    for row in rows or []:
        item = {}
        for key, value in row.items():
            column = kinds.get(key)
            if column is None or column.get("computed"):
                continue
            if column["type"] == "attachment":
                value = sorted((v["name"], v["sha256"], v["size"]) for v in value or [])
            item[key] = value
        result.append(item)
    return result


def make_draft(home, env):
    """The draft on the start page, its scanned files in the file store;
    the draft's path, and the staff rows the packet must end with."""
    with open(os.path.join(FIXTURES, FORM, "complete.json"), encoding="utf-8") as f:
        answers = json.load(f)
    # The lease is judged against today (KJ-60).
    answers["lease_end_date"] = (datetime.date.today() + datetime.timedelta(days=4 * 366)).isoformat()
    expected = answers[TABLE]
    answers[TABLE] = [{k: v for k, v in row.items() if k in KEPT or k.endswith("_file")} for row in expected]
    source = os.path.join(home, "answers.json")
    with open(source, "w", encoding="utf-8") as f:
        json.dump(answers, f, ensure_ascii=False)
    made = os.path.join(home, "made.json")
    r = subprocess.run([TOOL, "draft", "--form", FORM, "-o", made, source], env=env, capture_output=True, text=True)
    if not check("shenbao-tool draft makes the draft", r.returncode == 0, r.stderr):
        return None, None
    with open(made, encoding="utf-8") as f:
        draft = json.load(f)
    draft["step"] = STEP
    folder = os.path.join(home, os.environ.get("SHENBAO_APP_ID", "io.github.shenbao.Shenbao"), "drafts")
    files = os.path.join(folder, "files")
    os.makedirs(files)
    # The scans the rows' descriptors name, stored by content as the
    # application stores what is attached.
    for name in os.listdir(os.path.join(FIXTURES, "files")):
        with open(os.path.join(FIXTURES, "files", name), "rb") as f:
            data = f.read()
        with open(os.path.join(files, hashlib.sha256(data).hexdigest()), "wb") as f:
            f.write(data)
    path = os.path.join(folder, draft["id"] + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(draft, f, ensure_ascii=False)
    return path, expected


def run(env, tool_env, out, columns, labels, expected):
    started = time.time()
    process = e2e_util.launch(SHENBAO, [], env)
    try:
        app = app_of(process)
        if not check("the application appears on the accessibility bus", app is not None,
                     "exit status %s\n%s" % (process.poll(), log_of(env))):
            return False
        row = draft_row(app)
        if not check("the start page lists the 科技类 draft", row is not None):
            return False
        press(row)
        wizard = find(app, name="SbWizard", timeout=20)
        item = table_item(wizard, labels) if wizard is not None else None
        if not check("the draft opens on the staff step", item is not None):
            return False

        import_button = button(item, name="Import…")
        if not check("the staff table offers Import…", import_button is not None):
            return False
        press(import_button)
        if not check("Import… opens a file chooser that takes the roster written by LibreOffice",
                     choose_file(app, "Import a Table", ROSTER), log_of(env)):
            return False

        # The report, before anything changes.
        all_button = button(item, prefix="Import All", timeout=30)
        if not check("the import report offers to import all rows", all_button is not None,
                     "\n".join(labels_under(item))):
            return False
        end = time.time() + 10
        while not name_of(all_button).startswith("Import All 25") and time.time() < end:
            time.sleep(0.1)
        report = "\n".join(labels_under(item))
        clean = find(item, name="Every cell reads as its column expects.", role="label", timeout=0)
        check("the report counts the 25 rows, finds no problem, and says it replaces the table's 25 rows",
              name_of(all_button) == "Import All 25 Rows" and clean is not None
              and "25 rows to add, 25 of them without problems; 0 problem cells." in report
              and "replaces the table’s 25 rows" in report,
              name_of(all_button) + "\n" + report)
        screenshot("e2e-import-report.png")
        press(all_button)
        count = find(item, name="25 rows", role="label", timeout=15)
        check("the table holds the 25 rows imported", count is not None, "\n".join(labels_under(item)))
        time.sleep(0.5)
        screenshot("e2e-import-imported.png")

        # Next through the steps after it to Check Your Answers, then
        # every warning explained.  Checking 25 rows and laying out a step
        # can keep a loaded machine from answering for a while: a press
        # that gets no answer is tried again.
        print("# imported after %.0f s" % (time.time() - started), flush=True)
        next_button = find_outside(wizard, "Next", "push button")
        heading = None
        for _ in range(20):
            if next_button is None:
                break
            try:
                press(next_button)
            except Exception as error:
                print("# pressing Next: %s" % str(error)[:80], flush=True)
            time.sleep(0.8)
            heading = find_outside(wizard, "Check Your Answers", timeout=1)
            if heading is not None:
                break
        reached = heading is not None
        if not check("Next leads to Check Your Answers", reached):
            screenshot("e2e-import-check-answers.png")
            return False
        print("# Check Your Answers after %.0f s" % (time.time() - started), flush=True)
        if not finish_application(app, wizard, WORDS, "the imported application", "已与受理机关沟通，情况属实，特此说明。",
                                  walker=lambda root: walk_outside(root, GRIDS), shot="e2e-import-"):
            return False
        print("# from the start page to the finished application in %.0f s" % (time.time() - started))
    finally:
        e2e_util.stop(process)

    packets = [os.path.join(out, p) for p in os.listdir(out) if p.endswith(".sbpkt.json")]
    if not check("a packet was written where chosen", len(packets) == 1, os.listdir(out)):
        return False
    r, report, checks = packet_checks(TOOL, packets[0], tool_env)
    # 科技类's regulation lapsed in 2025: sound, but not in force today.
    check("shenbao-tool validate finds the packet sound",
          len(checks) > 1 and all(ok for name, ok in checks.items() if name != "in-force"),
          r.stdout[-2000:] + r.stderr)
    with open(packets[0], encoding="utf-8") as f:
        written = json.load(f).get("answers", {}).get(TABLE)
    got, want = comparable_rows(columns, written), comparable_rows(columns, expected)
    differences = ["row %d: %s" % (i + 1, json.dumps({k: (w.get(k), g.get(k)) for k in set(w) | set(g)
                                                       if w.get(k) != g.get(k)}, ensure_ascii=False))
                   for i, (w, g) in enumerate(zip(want, got)) if w != g]
    check("the packet's 25 staff rows are the spreadsheet's, each with the files attached to that person",
          len(got) == len(want) == 25 and not differences,
          "%d rows, want %d\n%s" % (len(got), len(want), "\n".join(differences[:10])))
    return True


def main():
    with open(os.path.join(DATA, "forms", FORM + ".json"), encoding="utf-8") as f:
        form = json.load(f)
    field = next(x for x in form["fields"] if x["id"] == TABLE)
    labels = [field["label"]["zh_CN"], field["label"]["en"]]
    start_bus()
    tmp = tempfile.mkdtemp(prefix="shenbao-e2e-import-")
    try:
        home = os.path.join(tmp, "home")
        out = os.path.join(tmp, "out")
        os.makedirs(out)
        config = os.path.join(tmp, "config", "glib-2.0", "settings")
        os.makedirs(config)
        with open(os.path.join(config, "keyfile"), "w") as f:
            f.write("[io/github/shenbao/Shenbao]\nlast-folder='file://%s'\nwindow-width=1200\nwindow-height=980\n" % out)
        env = dict(os.environ, XDG_DATA_HOME=home, XDG_CONFIG_HOME=os.path.join(tmp, "config"),
                   XDG_CACHE_HOME=os.path.join(tmp, "cache"), GSETTINGS_BACKEND="keyfile",
                   LANG="C.UTF-8", LANGUAGE="C", GTK_A11Y="atspi")
        env.pop("NO_AT_BRIDGE", None)
        os.makedirs(env["XDG_CACHE_HOME"])
        os.makedirs(home)
        tool_env = dict(env)
        path, expected = make_draft(home, tool_env)
        if path is not None:
            run(env, tool_env, out, field["columns"], labels, expected)
    finally:
        if os.environ.get("E2E_KEEP"):
            print("# kept %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
