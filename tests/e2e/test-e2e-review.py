#!/usr/bin/env python3
"""End-to-end over AT-SPI: nothing a reviewer does is lost.

The complete 耕地进出平衡 packet (packed by `shenbao-tool pack`) is opened
with `shenbao PACKET`.  The reviewer writes a 补正意见 for the application
as a whole, their name and office.  (The decision's drop-down, an
AdwComboRow, does not open its list over AT-SPI under Xvfb here; the
decision's saving and reopening is tested in ui-reviewer.)  Two seconds
later the application is killed (SIGKILL: no chance to save on the
way out); started again on the same packet, it shows every change.  Then
the reviewer adds a second correction and leaves the review (Escape, back
to the start page, which writes the last change); started a third time,
both corrections are there, and the review file in the data folder, named
by the packet's integrity hash, agrees.

Prints TAP.  Needs a display and an accessibility bus (run under
xvfb-run -a dbus-run-session); skips when either is missing.
Environment: SHENBAO (the GUI), SHENBAO_TOOL, SHENBAO_DATA_DIR,
SHENBAO_TEST_FIXTURES, GSETTINGS_SCHEMA_DIR.
"""
import json
import importlib.util
import os
import shutil
import signal
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
from e2e_util import app_of, check, find, finish, key, log_of, press, set_text, start_bus, stop

SHENBAO = os.environ["SHENBAO"]
TOOL = os.environ["SHENBAO_TOOL"]
FIXTURES = os.environ["SHENBAO_TEST_FIXTURES"]

FIRST = "补正：请附垦造费用测算明细表。"
SECOND = "补正：村委会协议须加盖公章。"
REVIEWER = "李审核"
OFFICE = "阳泉市城区自然资源局"


def open_review(packet, env):
    process = e2e_util.launch(SHENBAO, [packet], env)
    app = app_of(process)
    view = find(app, name="SbReviewerView") if app is not None else None
    tab = find(app, name="Review", role="page tab") if app is not None else None
    if tab is not None:
        press(tab)
    return process, app, view


def text_of(node):
    text = node.queryText()
    return text.getText(0, text.characterCount)


def add_note(view, text):
    note = find(view, name="A note on the application as a whole", role="text")
    add = find(view, name="Add Note", role="push button")
    if note is None or add is None:
        return False
    set_text(note, text)
    press(add)
    return find(view, name=text, timeout=10) is not None


def saved_review(home, packet_hash):
    for app_id in ("io.github.shenbao.Shenbao", "io.github.shenbao.Shenbao.Devel"):
        path = os.path.join(home, app_id, "reviews", packet_hash + ".review.json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                return json.load(f)
    return None


def run(tmp):
    home = os.path.join(tmp, "data")
    env = dict(os.environ, XDG_DATA_HOME=home, XDG_CONFIG_HOME=os.path.join(tmp, "config"),
               XDG_CACHE_HOME=os.path.join(tmp, "cache"), GSETTINGS_BACKEND="memory",
               LANG="C.UTF-8", LANGUAGE="C", GTK_A11Y="atspi")
    env.pop("NO_AT_BRIDGE", None)
    os.makedirs(env["XDG_CACHE_HOME"])

    packet = os.path.join(tmp, "gengdi.sbpkt.json")
    real_data = os.environ["SHENBAO_DATA_DIR"]
    r = subprocess.run([TOOL, "pack", "--form", "gengdi", "--date", "2024-03-15",
                        "--files", os.path.join(FIXTURES, "files"), "--created", "2024-03-14T09:00:00Z",
                        "--finalised", "2024-03-15T08:00:00Z", os.path.join(FIXTURES, "gengdi", "complete.json"),
                        "-o", packet], env=dict(env, SHENBAO_DATA_DIR=real_data), capture_output=True, text=True)
    if not check("the complete gengdi packet is packed", r.returncode == 0, r.stdout + r.stderr):
        return
    with open(packet, encoding="utf-8") as f:
        packet_hash = json.load(f)["integrity"]["hash"]

    # --- Changes, then a kill after more than a second ---
    process, app, view = open_review(packet, env)
    try:
        if not check("the packet opens for review on its Review page", view is not None, log_of(env)):
            return
        check("a correction is noted", add_note(view, FIRST))
        name = find(view, name="Reviewer", role="text")
        office = find(view, name="Office", role="text")
        if check("the reviewer and office can be written", name is not None and office is not None):
            set_text(name, REVIEWER)
            set_text(office, OFFICE)
        time.sleep(2.5)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()

    stored = saved_review(home, packet_hash)
    check("after the kill the review file holds every change",
          stored is not None
          and stored.get("reviewer", {}).get("name") == REVIEWER
          and stored.get("reviewer", {}).get("office") == OFFICE
          and [n.get("text") for n in stored.get("notes", [])] == [FIRST], json.dumps(stored, ensure_ascii=False))

    # --- Started again: every change is there; one more, then closed ---
    process, app, view = open_review(packet, env)
    try:
        if not check("the packet opens again after the kill", view is not None, log_of(env)):
            return
        check("the correction made before the kill is listed", find(view, name=FIRST, timeout=10) is not None)
        name = find(view, name="Reviewer", role="text")
        check("the reviewer's name is kept", name is not None and text_of(name) == REVIEWER)
        office = find(view, name="Office", role="text")
        check("the office is kept", office is not None and text_of(office) == OFFICE)
        check("a second correction is noted", add_note(view, SECOND))
        # Closed as a person closes it: the last change is written then.
        key(0xff1b)  # Escape, back to the start page
        time.sleep(1)
        try:
            process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            pass
    finally:
        stop(process)

    stored = saved_review(home, packet_hash)
    check("after closing the review file holds both corrections",
          stored is not None and [n.get("text") for n in stored.get("notes", [])] == [FIRST, SECOND], json.dumps(stored, ensure_ascii=False))

    process, app, view = open_review(packet, env)
    try:
        if not check("the packet opens a third time", view is not None, log_of(env)):
            return
        check("both corrections are listed", find(view, name=FIRST, timeout=10) is not None
              and find(view, name=SECOND, timeout=10) is not None)
    finally:
        stop(process)


def main():
    start_bus()
    tmp = tempfile.mkdtemp(prefix="shenbao-e2e-review-")
    try:
        run(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
