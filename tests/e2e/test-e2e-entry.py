#!/usr/bin/env python3
"""End-to-end over AT-SPI: a screen reader reads every field and table
cell of a draft that holds what people really type (issue 15).

A draft of the complete 耕地进出平衡 application, made by `shenbao-tool
draft`, keeps text typed into number cells (约3亩, 四亩: these showed boxes,
and an AT-SPI read of such a cell aborted the application), emoji,
combining marks and bidi controls in text fields, full-width digits in the
phone number, and a 10,000-character text.  The application opens it from
the start page; on every step of the sidebar the whole accessible tree is
read as Orca reads it (name, description, text of every accessible that
has one).  The application must still be running at the end, every text
read must be what the draft holds (约3亩 as typed, never “约,3亩 亩”), and
the draft must reopen.

Prints TAP.  Needs a display and an accessibility bus (run under
xvfb-run -a dbus-run-session); skips when either is missing.
Environment: SHENBAO, SHENBAO_TOOL, SHENBAO_DATA_DIR, SHENBAO_TEST_FIXTURES,
GSETTINGS_SCHEMA_DIR, SHENBAO_APP_ID.
"""
import json
import importlib.util
import os
import re
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
from e2e_util import app_of, check, finish, log_of, name_of, press, role_of, start_bus, stop, walk

SHENBAO = os.environ["SHENBAO"]
TOOL = os.environ["SHENBAO_TOOL"]
FIXTURES = os.environ["SHENBAO_TEST_FIXTURES"]

FORM = "gengdi"
NAME = "绿源😀👨‍👩‍👧合作社 e\u0301\u0302 \u202e阳泉\u202c \u2067abc\u2069"
HOSTILE = {
    "applicant_name": NAME,
    "contact_phone": "１３９ 3532 168",
    "project_desc": "第一行\n" + "申" * 10000,
}
CELLS = [("out_parcels", 0, "area_mu", "约3亩"), ("out_parcels", 1, "area_mu", "四亩"),
         ("out_parcels", 2, "village", "\u202e村\u202c😀")]


def read_everything(app):
    """What a screen reader reads of every accessible: the number read,
    and the texts."""
    texts = []
    for node in walk(app):
        try:
            texts.append(node.name or "")
            texts.append(node.description or "")
        except Exception:
            continue
        try:
            text = node.queryText()
        except (NotImplementedError, Exception):
            continue
        try:
            texts.append(text.getText(0, text.characterCount))
        except Exception:
            continue
    return texts


def sidebar_rows(app):
    """The step rows of the sidebar ("1. 适用性判断"…), in order."""
    rows = []
    for node in walk(app):
        if role_of(node) == "label" and re.match(r"^\d+\. ", name_of(node)):
            row = node
            while row is not None and role_of(row) != "list item":
                row = row.parent
            if row is not None:
                rows.append(row)
    return rows


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


def main():
    start_bus()
    tmp = tempfile.mkdtemp(prefix="shenbao-e2e-entry-")
    try:
        run_all(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


def run_all(tmp):
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

    with open(os.path.join(FIXTURES, FORM, "complete.json"), encoding="utf-8") as f:
        answers = json.load(f)
    answers.update(HOSTILE)
    for table, row, column, text in CELLS:
        answers[table][row][column] = text
    typed = os.path.join(tmp, "typed.json")
    with open(typed, "w", encoding="utf-8") as f:
        json.dump(answers, f, ensure_ascii=False)
    made = os.path.join(tmp, "made.json")
    r = subprocess.run([TOOL, "draft", "--form", FORM, "-o", made, typed], env=env, capture_output=True, text=True)
    if not check("shenbao-tool draft keeps text typed into number cells", r.returncode == 0, r.stderr):
        return
    with open(made, encoding="utf-8") as f:
        draft = json.load(f)
    folder = os.path.join(home, os.environ.get("SHENBAO_APP_ID", "io.github.shenbao.Shenbao"), "drafts")
    os.makedirs(folder)
    path = os.path.join(folder, draft["id"] + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(draft, f, ensure_ascii=False)

    for run in (1, 2):
        process = e2e_util.launch(SHENBAO, [], env)
        try:
            app = app_of(process)
            if not check("run %d: the application appears on the accessibility bus" % run, app is not None,
                         log_of(env)):
                return
            row = draft_row(app)
            if not check("run %d: the start page lists the draft" % run, row is not None):
                return
            press(row)
            time.sleep(2)
            rows = sidebar_rows(app)
            check("run %d: the draft opens with its steps" % run, len(rows) >= 5, "%d step rows" % len(rows))
            everything = []
            for number in range(len(rows)):
                # The rows are read again: a step's page may rebuild them.
                current = sidebar_rows(app)
                if number >= len(current):
                    break
                press(current[number])
                time.sleep(1)
                everything += read_everything(app)
                if process.poll() is not None:
                    break
            alive = process.poll() is None
            check("run %d: every field and cell of every step is read over AT-SPI, and the application runs on"
                  % run, alive and len(everything) > 500,
                  "exit status %s, %d texts read\n%s" % (process.poll(), len(everything), log_of(env)))
            joined = "\n".join(everything)
            for table, row_index, column, text in CELLS:
                check("run %d: the cell %s[%d].%s reads as typed (%s)" % (run, table, row_index, column, text),
                      text in joined)
            check("run %d: no number is split into “约,3亩” or shown as “四,亩 亩”" % run,
                  "约,3" not in joined and "四,亩" not in joined and "亩 亩" not in joined)
            check("run %d: the name with emoji, combining marks and bidi controls reads as typed" % run,
                  NAME in joined)
            check("run %d: the phone number that does not read is kept as typed" % run,
                  HOSTILE["contact_phone"] in joined)
        finally:
            if process.poll() is None:
                stop(process)


if __name__ == "__main__":
    main()
