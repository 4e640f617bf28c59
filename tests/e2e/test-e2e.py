#!/usr/bin/env python3
"""End-to-end over AT-SPI: the real `shenbao`, driven as a person would.

Applicant: the complete 耕地进出平衡 application, as a draft file made by
`shenbao-tool draft`, is opened with `shenbao DRAFT`; the test goes to
"Check and Finish", explains every warning, presses "Finish Application…",
accepts the folder dialog, sees "Application Finished", and checks the
packet written with `shenbao-tool validate`.

Reviewer: `shenbao PACKET` opens that packet for review; the test sees
that it verifies, goes to the Review page, writes a correction for the
application as a whole, saves the review file through the Save dialog, and
checks that the file names the packet and carries the correction.

Prints TAP.  Needs a display and an accessibility bus (run under
xvfb-run -a dbus-run-session); skips when either is missing.
Environment: SHENBAO (the GUI), SHENBAO_TOOL, SHENBAO_DATA_DIR,
SHENBAO_TEST_FIXTURES, GSETTINGS_SCHEMA_DIR.
"""
import glob
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
from e2e_util import (app_of, check, find, find_all, finish, log_of, press, role_of, set_text,
                      start_bus, stop, walk, window_named)

SHENBAO = os.environ["SHENBAO"]
TOOL = os.environ["SHENBAO_TOOL"]
FIXTURES = os.environ["SHENBAO_TEST_FIXTURES"]


def launch(args, env):
    return e2e_util.launch(SHENBAO, args, env)


def accept_import(app):
    """Opening a draft file asks first ("Import This Draft?"); nothing is
    imported until Import is pressed."""
    button = find(app, name="Import", role="push button", timeout=20)
    if button is None:
        return False
    press(button)
    return True


def finish_procedure(form, tmp, env, tool_env):
    """The applicant finishes @form's complete application from a draft made
    by shenbao-tool draft: Next to the review page, every warning explained,
    Finish, the folder dialog.  Returns the draft file."""
    draft = os.path.join(tmp, form + ".sbdraft.json")
    r = subprocess.run([TOOL, "draft", "--form", form, "-o", draft, os.path.join(FIXTURES, form, "complete.json")],
                       env=tool_env, capture_output=True, text=True)
    if not check("%s: shenbao-tool draft makes the draft to open" % form, r.returncode == 0, r.stderr):
        return None

    # --- The applicant ---
    process = launch([draft], env)
    try:
        app = app_of(process)
        if not check(form + ": the application appears on the accessibility bus", app is not None,
                     "exit status %s\n%s" % (process.poll(), log_of(env))):
            return None
        if not check(form + ": opening the draft asks to import it, and Import imports it", accept_import(app)):
            return None
        wizard = find(app, name="SbWizard")
        finish_row = find(wizard, contains="Check and Finish") if wizard is not None else None
        if not check(form + ": the draft opens in the wizard", finish_row is not None):
            return None
        # Next, step after step, to the review page ("check your answers").
        next_button = find(wizard, name="Next", role="push button")
        if not check(form + ": the wizard has a Next button", next_button is not None):
            return None
        for _ in range(15):
            if find(wizard, name="Check Your Answers", timeout=0.5) is not None:
                break
            press(next_button)
            time.sleep(0.5)
        finish_button = find(wizard, name="Finish Application…", role="push button")
        check(form + ": the review page offers Finish Application…", finish_button is not None)
        for entry in find_all(wizard, "Explanation", "text"):
            set_text(entry, "已与受理机关沟通，情况属实，特此说明。")
        time.sleep(0.5)
        if finish_button is None:
            return None
        check(form + ": every warning explained, finishing is possible",
              finish_button.getState().contains(pyatspi.STATE_SENSITIVE))
        press(finish_button)
        dialog = window_named(app, "Where to Save the Application")
        if not check(form + ": Finish asks where to save", dialog is not None):
            return None
        accept = find(dialog, name="Save Here", role="push button")
        if not check(form + ": the folder dialog has Save Here", accept is not None):
            return None
        press(accept)
        done = find(app, name="Application Finished", timeout=30)
        check(form + ": the result page says the application is finished", done is not None)
    finally:
        stop(process)
    return draft



def main():
    start_bus()
    tmp = tempfile.mkdtemp(prefix="shenbao-e2e-")
    try:
        run(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


def run(tmp):
    home = os.path.join(tmp, "home")
    out = os.path.join(tmp, "out")
    os.makedirs(out)
    config = os.path.join(tmp, "config", "glib-2.0", "settings")
    os.makedirs(config)
    # The folder dialog opens where the last application went.
    with open(os.path.join(config, "keyfile"), "w") as f:
        f.write("[io/github/shenbao/Shenbao]\nlast-folder='file://%s'\n" % out)
    env = dict(os.environ, XDG_DATA_HOME=home, XDG_CONFIG_HOME=os.path.join(tmp, "config"),
               XDG_CACHE_HOME=os.path.join(tmp, "cache"), GSETTINGS_BACKEND="keyfile",
               LANG="C.UTF-8", LANGUAGE="C", GTK_A11Y="atspi")
    env.pop("NO_AT_BRIDGE", None)
    os.makedirs(env["XDG_CACHE_HOME"])
    tool_env = dict(env, LANG="C.UTF-8")

    # The attached files of the fixture, as the draft's store keeps them.
    for app_id in ("io.github.shenbao.Shenbao", "io.github.shenbao.Shenbao.Devel"):
        store = os.path.join(home, app_id, "drafts", "files")
        os.makedirs(store)
        for path in glob.glob(os.path.join(FIXTURES, "files", "*")):
            import hashlib
            with open(path, "rb") as f:
                data = f.read()
            with open(os.path.join(store, hashlib.sha256(data).hexdigest()), "wb") as f:
                f.write(data)

    # --- The applicant, for each procedure whose complete application can be
    # finished today (科技类's regulation has expired, and its lease is
    # judged against today's date, so its fixture of 2024 cannot be). ---
    draft = None
    for form in ("gengdi", "zijin"):
        made = finish_procedure(form, tmp, env, tool_env)
        if form == "gengdi":
            draft = made
    if draft is None:
        return

    # --- Opening a draft file imports nothing unless the person says so ---
    drafts_before = sorted(glob.glob(os.path.join(home, "*", "drafts", "*.json")))
    process = launch([draft], env)
    try:
        app = app_of(process)
        cancel = find(app, name="Cancel", role="push button", timeout=20) if app is not None else None
        asked = find(app, name="Import This Draft?", timeout=0) is not None if app is not None else False
        if check("opening a draft file asks whether to import it", cancel is not None and asked):
            press(cancel)
            time.sleep(1)
            check("Cancel leaves the drafts as they were, and no wizard opens",
                  sorted(glob.glob(os.path.join(home, "*", "drafts", "*.json"))) == drafts_before and
                  find(app, name="SbWizard", timeout=0) is None)
    finally:
        stop(process)

    # --- A crash while typing loses nothing ---
    process = launch([draft], env)
    typed = "阳泉市城区绿源蔬菜种植专业合作社（崩溃测试）"
    try:
        app = app_of(process)
        if app is not None:
            accept_import(app)
        wizard = find(app, name="SbWizard") if app is not None else None
        entry = find(wizard, name="实施主体／实施单位名称（或姓名）", role="text") if wizard is not None else None
        if check("the applicant's name can be typed", entry is not None):
            set_text(entry, typed)
            time.sleep(2)
    finally:
        process.kill()
        process.wait()
    saved = ""
    for path in glob.glob(os.path.join(home, "*", "drafts", "*.json")):
        saved += open(path, encoding="utf-8").read()
    check("killed two seconds after typing, the draft on disk has what was typed", typed in saved)

    packets = sorted(glob.glob(os.path.join(out, "*.sbpkt.json")))
    pdfs = sorted(glob.glob(os.path.join(out, "*.pdf")))
    if not check("a packet and a PDF per procedure were written where chosen", len(packets) == 2 and len(pdfs) == 2,
                 os.listdir(out)):
        return
    reports = {}
    for packet, pdf in zip(packets, pdfs):
        name = os.path.basename(packet)
        r = subprocess.run([TOOL, "validate", "--json", packet], env=tool_env, capture_output=True, text=True)
        reports[packet] = json.loads(r.stdout) if r.stdout.strip() else {}
        check("shenbao-tool validate: %s verifies" % name,
              r.returncode == 0 and reports[packet].get("verified") is True, r.stdout + r.stderr)
        r = subprocess.run([TOOL, "verify", pdf], env=tool_env, capture_output=True, text=True)
        check("shenbao-tool verify: %s carries the packet it shows" % os.path.basename(pdf), r.returncode == 0,
              r.stdout + r.stderr)
    packet = [p for p in packets if os.path.basename(p).startswith("GD")][0]
    report = reports[packet]

    # --- The reviewer ---
    review_file = os.path.join(out, "review.sbreview.json")
    process = launch([packet], env)
    try:
        app = app_of(process)
        view = find(app, name="SbReviewerView") if app is not None else None
        if not check("the packet opens for review", view is not None and find(view, name="The Packet Verifies") is not None):
            return
        # The view switcher is in the header bar, outside the view.
        tab = find(app, name="Review", role="page tab")
        if not check("the Review page is reachable", tab is not None):
            return
        press(tab)
        note = find(view, name="A note on the application as a whole", role="text")
        if not check("the reviewer can write a correction", note is not None):
            return
        set_text(note, "补正：请附垦造费用测算明细表。")
        add_button = find(view, name="Add Note", role="push button")
        if not check("the correction can be added", add_button is not None):
            return
        press(add_button)
        check("the correction is listed", find(view, name="补正：请附垦造费用测算明细表。", timeout=10) is not None)
        save = None
        for button in find_all(view, "Save…", "push button"):
            save = button
        if not check("the review file can be saved", save is not None):
            return
        press(save)
        dialog = window_named(app, "Save")
        if not check("Save asks for a file name", dialog is not None):
            return
        name_entry = None
        for node in walk(dialog):
            if role_of(node) == "text" and node.getState().contains(pyatspi.STATE_EDITABLE):
                name_entry = node
                break
        if not check("the Save dialog has a name field", name_entry is not None):
            return
        set_text(name_entry, review_file)
        save_button = find(dialog, name="Save", role="push button")
        if not check("the Save dialog has a Save button", save_button is not None):
            return
        press(save_button)
        end = time.time() + 15
        while time.time() < end and not os.path.exists(review_file):
            time.sleep(0.3)
    finally:
        stop(process)

    ok = os.path.exists(review_file)
    text = open(review_file, encoding="utf-8").read() if ok else ""
    check("the review file names the packet and carries the correction",
          ok and report.get("integrity_hash", "-") in text and "请附垦造费用测算明细表" in text, text[:500])


if __name__ == "__main__":
    main()
