#!/usr/bin/env python3
"""End-to-end over AT-SPI: every control has one clean spoken name.

A screen reader says a control's accessible name.  For each procedure in
data/forms/ the real `shenbao` starts with an empty home, in the zh_CN
interface and then in the English one (LANGUAGE=en), and the test walks
what a person walks: the start page (and its main menu), the procedure's
guide, every step of the wizard (pressing Next, and Continue Anyway when
a step has problems, so that the error summary, the messages and their
citation buttons are on the page too), a table's row editor, and the
check-your-answers page.  The reviewer's side is walked on a packet made
from the procedure's complete application (tests/fixtures/<id>/), page by
page.

On every page each window, button, toggle, menu button, check box, radio
button, drop-down, text input and menu item must have a name that:
  - is not empty,
  - is not a toolkit class name (GtkMenuButton, AdwEntryRow, SbWindow…),
  - has no underscore (a mnemonic's markup, "下一步(_N)"),
  - does not say the same text twice ("Next Next", "下一步(_N) 下一步(N)"),
and a closed drop-down says only its choice, or 请选择… while there is none.
A problem is reported once, with the page and the control's role.  Under
a grid or a list only the first rows and the last are looked at: the rows
between are made of the same widgets.

Prints TAP.  Needs a display and an accessibility bus (run under
xvfb-run -a dbus-run-session); skips when either is missing.
Environment: SHENBAO, SHENBAO_TOOL, SHENBAO_DATA_DIR, SHENBAO_LOCALEDIR,
SHENBAO_TEST_FIXTURES, GSETTINGS_SCHEMA_DIR; E2E_NAMES_LANGUAGES (default
"zh_CN en") and E2E_NAMES_FORMS (default: every procedure) narrow it.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    import pyatspi
except ImportError:
    print("1..0 # SKIP pyatspi is not installed")
    sys.exit(0)
if not os.environ.get("DISPLAY"):
    print("1..0 # SKIP no display (run under xvfb-run)")
    sys.exit(0)

from e2e_util import (app_of, check, find, finish, key, launch, log_of, name_of, press, role_of, start_bus,
                      stop, walk, walk_breadth, walk_sampled)

SHENBAO = os.environ["SHENBAO"]
TOOL = os.environ["SHENBAO_TOOL"]
DATA = os.environ["SHENBAO_DATA_DIR"]
FIXTURES = os.environ["SHENBAO_TEST_FIXTURES"]

# The roles a person operates, and so hears named.
CONTROLS = {
    "frame", "dialog", "alert", "window", "file chooser",
    "push button", "toggle button", "check box", "radio button", "combo box", "text", "password text",
    "entry", "spin button", "slider", "link", "menu item", "check menu item", "radio menu item", "page tab",
    "switch",
}
CLASS_NAME = re.compile(r"^(Gtk|Adw|Sb)[A-Z][A-Za-z]*$|\b(Gtk|Adw|Sb)[A-Z][a-z]+[A-Z][A-Za-z]*\b")
KEY_ESCAPE = 0xff1b  # closes a menu

WORDS = {
    "zh_CN": {"start": "开始填写", "next": "下一步", "continue": "仍然继续", "check": "核对填写内容",
              "add_row": "添加行", "cancel": "取消", "done": "完成", "menu": "主菜单", "verification": "核验", "application": "申请内容",
              "review": "审核"},
    "en": {"start": "Start Application", "next": "Next", "continue": "Continue Anyway",
           "check": "Check Your Answers", "add_row": "Add Row", "cancel": "Cancel", "done": "Done", "menu": "Main Menu",
           "verification": "Verification", "application": "Application", "review": "Review"},
}


def text_in(value, language):
    if isinstance(value, dict):
        return value.get("en" if language == "en" else "zh_CN") or value.get("zh_CN")
    return value


def name_problem(raw):
    """Why @raw is not a clean spoken name, or None."""
    name = raw.strip()
    if not name:
        return "no name"
    if CLASS_NAME.search(name):
        return "a class name"
    if "_" in name:
        return "an underscore"
    half = len(name) // 2
    if len(name) % 2 == 1 and name[half] == " " and name[:half] == name[half + 1:]:
        return "doubled text"
    # "下一步(_N) 下一步(N)": the same words twice, but for the mnemonic.
    words = name.split(" ")
    if len(words) >= 2 and len(words) % 2 == 0:
        first, second = " ".join(words[:len(words) // 2]), " ".join(words[len(words) // 2:])
        plain = lambda s: re.sub(r"\(_?\w\)|_", "", s)
        if plain(first) == plain(second):
            return "doubled text"
    return None


def dropdown_problem(combo):
    """A closed drop-down says one thing beside its name: its choice, or
    Choose… while there is none (not both, and not a choice not made)."""
    button = next((n for n in walk(combo) if role_of(n) in ("push button", "toggle button")), None)
    if button is None:
        return None
    said = [name_of(n) for n in walk(button) if role_of(n) == "label"]
    if len(said) > 1:
        return "the closed drop-down says %s" % " / ".join(repr(s) for s in said)
    return None


class Names:
    def __init__(self, language):
        self.language = language
        self.problems = {}

    def look(self, root, where):
        """Every control under @root; returns how many were looked at."""
        seen = 0
        for node in walk_sampled(root):
            role = role_of(node)
            if role not in CONTROLS:
                continue
            seen += 1
            try:
                raw = node.name or ""
            except Exception:
                continue
            why = name_problem(raw)
            if why is None and role == "combo box":
                why = dropdown_problem(node)
            if why is None:
                continue
            # A control is known by its role, its raw name and the label
            # beside it; reported once, where it was first met.
            context = ""
            for child in node:
                if child is not None and role_of(child) == "label":
                    context = child.name or ""
                    break
            where_key = (role, raw, context)
            if where_key not in self.problems:
                self.problems[where_key] = "%s: %s %r%s: %s" % (
                    where, role, raw, " (beside %r)" % context if context else "", why)
        return seen

    def report(self, what):
        return list(self.problems.values())


def wait_quiet(seconds=0.6):
    time.sleep(seconds)


def walk_menu(app, window, names, where, words):
    """Opens the main menu, looks at its items, closes it."""
    button = find(window, name=words["menu"], role="push button", timeout=3) \
        or find(window, name=words["menu"], role="toggle button", timeout=0)
    if button is None:
        return False
    press(button)
    wait_quiet(1)
    for child in app:
        if child is not None:
            names.look(child, where + ", main menu")
    key(KEY_ESCAPE)
    wait_quiet()
    return True


def walk_applicant(form, language, env, names, results):
    try:
        walk_applicant_pages(form, language, env, names, results)
    except Exception:
        check("%s, %s: the applicant's pages can be walked" % (language, form["id"]), False,
              "%s\n%s" % (traceback.format_exc(), log_of(env)))


def walk_applicant_pages(form, language, env, names, results):
    words = WORDS[language]
    title = text_in(form["title"], language)
    process = launch(SHENBAO, [], env)
    try:
        app = app_of(process)
        if not check("%s, %s: the application appears on the accessibility bus" % (language, form["id"]),
                     app is not None, log_of(env)):
            return
        window = None
        for _ in range(100):
            window = next((c for c in app if c is not None and role_of(c) == "frame"), None)
            if window is not None and find(window, name=title, role="list item", timeout=0) is not None:
                break
            time.sleep(0.1)
        names.look(app, "start page")
        results["menu"] = walk_menu(app, window, names, "start page", words)

        row = find(window, name=title, role="list item")
        if not check("%s, %s: the start page lists the procedure" % (language, form["id"]), row is not None):
            return
        press(row)
        start = find(window, contains=words["start"], role="push button")
        if not check("%s, %s: the guide offers %s" % (language, form["id"], words["start"]), start is not None):
            return
        names.look(app, "guide")
        press(start)
        wizard = find(window, name="SbWizard")
        if not check("%s, %s: the wizard opens" % (language, form["id"]), wizard is not None):
            return
        next_button = find(wizard, name=words["next"], role="push button")
        steps = 0
        table_done = False
        while next_button is not None and steps <= len(form["steps"]):
            wait_quiet()
            steps += 1
            names.look(app, "step %d" % steps)
            if not table_done:
                table_done = walk_row_editor(app, wizard, names, "step %d, row editor" % steps, words)
                # The window's accessibles may be made anew after a
                # dialog: find Next again.
                next_button = find(wizard, name=words["next"], role="push button", timeout=5) or next_button
            press(next_button)
            wait_quiet(1)
            # An empty step has problems: the summary, the messages and
            # their citation buttons are on the page now.
            if name_of(next_button) == words["continue"]:
                names.look(app, "step %d with its problems" % steps)
                press(next_button)
                wait_quiet(1)
            # On the check-your-answers page there is no Next.
            next_button = find(wizard, name=words["next"], role="push button", timeout=0) or \
                find(wizard, name=words["continue"], role="push button", timeout=0)
        results["steps"] = steps
        results["row_editor"] = table_done
        found = find(wizard, name=words["check"], timeout=10)
        results["review"] = found is not None
        if found is not None:
            wait_quiet(1)
            names.look(app, words["check"])
    finally:
        stop(process)


def walk_row_editor(app, wizard, names, where, words):
    """Opens the row editor of the first table, looks at it, and leaves
    it.  False when there is no table."""
    add = None
    for node in walk_sampled(wizard):
        if role_of(node) == "push button" and name_of(node) == words["add_row"]:
            try:
                if node.getState().contains(pyatspi.STATE_VISIBLE) and \
                        node.getState().contains(pyatspi.STATE_SENSITIVE):
                    add = node
                    break
            except Exception:
                continue
    if add is None:
        return False
    press(add)
    wait_quiet(1.5)
    names.look(app, where)
    # Left without a row: Cancel, or Done where there is no Cancel.  (Not
    # Escape: outside a dialog it would leave the wizard.)
    close = find(app, name=words["cancel"], role="push button", timeout=2) or \
        find(app, name=words["done"], role="push button", timeout=2)
    if close is not None:
        press(close)
    # GTK 4.8 crashes when asked for a window it is destroying: no look at
    # the windows while it goes.
    wait_quiet(1.5)
    return True


def walk_reviewer(form, language, env, tool_env, tmp, names, results):
    try:
        walk_reviewer_pages(form, language, env, tool_env, tmp, names, results)
    except Exception:
        check("%s, %s: the reviewer's pages can be walked" % (language, form["id"]), False,
              "%s\n%s" % (traceback.format_exc(), log_of(env)))


def walk_reviewer_pages(form, language, env, tool_env, tmp, names, results):
    words = WORDS[language]
    packet = os.path.join(tmp, form["id"] + ".sbpkt.json")
    r = subprocess.run([TOOL, "pack", "--form", form["id"], "--draft", "--files", os.path.join(FIXTURES, "files"),
                        os.path.join(FIXTURES, form["id"], "complete.json"), "-o", packet],
                       env=tool_env, capture_output=True, text=True)
    if not check("%s, %s: shenbao-tool pack makes a packet to review" % (language, form["id"]),
                 r.returncode == 0 and os.path.exists(packet), r.stdout + r.stderr):
        return
    process = launch(SHENBAO, [packet], env)
    try:
        app = app_of(process)
        view = find(app, name="SbReviewerView", timeout=30) if app is not None else None
        if not check("%s, %s: the packet opens for review" % (language, form["id"]), view is not None,
                     log_of(env)):
            return
        wait_quiet(1)
        pages = 0
        for page in ("verification", "application", "review"):
            tab = find(view, name=words[page], role="page tab", timeout=5, walker=walk_breadth) or \
                find(view, name=words[page], role="toggle button", timeout=0, walker=walk_breadth)
            if tab is None:
                continue
            press(tab)
            wait_quiet(1)
            pages += 1
        # The three pages are in the tree whichever one shows: one look
        # sees them all.
        names.look(app, "reviewer")
        results["reviewer_pages"] = pages
        window = next((c for c in app if c is not None and role_of(c) == "frame"), None)
        results["reviewer_menu"] = walk_menu(app, window, names, "reviewer", words)
    finally:
        stop(process)


def run_language(language, forms, tmp):
    home = os.path.join(tmp, language)
    config = os.path.join(home, "config", "glib-2.0", "settings")
    os.makedirs(config)
    with open(os.path.join(config, "keyfile"), "w") as f:
        f.write("[io/github/shenbao/Shenbao]\nwindow-width=1200\nwindow-height=980\n")
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(home, "data"), XDG_CONFIG_HOME=os.path.join(home, "config"),
               XDG_CACHE_HOME=os.path.join(home, "cache"), GSETTINGS_BACKEND="keyfile", GTK_A11Y="atspi")
    if language == "en":
        env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", LANGUAGE="en")
    else:
        env.update(LANG="zh_CN.UTF-8", LANGUAGE="zh_CN")
        env.pop("LC_ALL", None)
    env.pop("NO_AT_BRIDGE", None)
    os.makedirs(env["XDG_CACHE_HOME"])
    tool_env = dict(env, LANG="C.UTF-8", LANGUAGE="C")
    for form in forms:
        names = Names(language)
        results = {}
        walk_applicant(form, language, env, names, results)
        check("%s, %s: the main menu opens from the start page" % (language, form["id"]), results.get("menu"))
        check("%s, %s: Next walks every step to %s" % (language, form["id"], WORDS[language]["check"]),
              results.get("review") and results.get("steps", 0) >= 1, results)
        # A procedure whose tables all hang on an answer (科技类: on the
        # type of application) shows none in an empty application.
        if not results.get("row_editor"):
            print("# %s, %s: no table is shown in an empty application; no row editor walked"
                  % (language, form["id"]))
        walk_reviewer(form, language, env, tool_env, home, names, results)
        check("%s, %s: the reviewer's three pages were walked" % (language, form["id"]),
              results.get("reviewer_pages") == 3, results)
        problems = names.report(form["id"])
        check("%s, %s: every window, button, toggle, menu and input has one clean name (%d problems)"
              % (language, form["id"], len(problems)), not problems, "\n".join(problems))


def main():
    languages = os.environ.get("E2E_NAMES_LANGUAGES", "zh_CN en").split()
    wanted = os.environ.get("E2E_NAMES_FORMS", "").split()
    forms = []
    for name in sorted(os.listdir(os.path.join(DATA, "forms"))):
        if not name.endswith(".json"):
            continue
        form_id = name[:-5]
        if wanted and form_id not in wanted:
            continue
        if not os.path.exists(os.path.join(FIXTURES, form_id, "complete.json")):
            continue
        with open(os.path.join(DATA, "forms", name), encoding="utf-8") as f:
            forms.append(json.load(f))
    start_bus()
    tmp = tempfile.mkdtemp(prefix="shenbao-e2e-names-")
    try:
        for language in languages:
            run_language(language, forms, tmp)
    finally:
        if os.environ.get("E2E_KEEP"):
            print("# kept %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
