#!/usr/bin/env python3
"""End-to-end over AT-SPI, in Chinese (or English): a new user fills a procedure from
the start page to the finished packet, typing every answer.

For each procedure named on the command line (FORM, or FORM/FIXTURE to
type tests/fixtures/FORM/FIXTURE.json), the real `shenbao` starts
with an empty home in the zh_CN interface (in English with
--language=en on the command line, or E2E_LANGUAGE=en).  The test chooses the procedure
on the start page, presses 开始填写, and then, step by step, types every
answer of the procedure's complete application
(tests/fixtures/PROCEDURE/complete.json) the way a person would: text into
entries, a click on a radio or check button, the choice from a drop-down
list, rows added to tables through the row editor, files attached through
the file chooser (Ctrl+L and the file's path).  After each step it presses
下一步 and checks that the sidebar shows the step as complete.  On 核对填写内容
it explains every warning, finishes the application into a folder, and
checks the packet written: `shenbao-tool validate` verifies it, and every
answer typed is in it, exactly.  A screenshot of each step, as typed in, is
saved in the build folder (e2e-fill-FORM-step-NN.png, e2e-fill-en-FORM-… in
English).

Which fields exist, their types, choices and order come from the form
definition, as they do for the application: nothing here knows a
particular procedure.

Prints TAP.  Needs a display of at least 1280×1024 (xvfb-run's own) and
an accessibility bus (run under xvfb-run -a dbus-run-session); skips when
either is missing.  Environment: SHENBAO, SHENBAO_TOOL,
SHENBAO_DATA_DIR, SHENBAO_LOCALEDIR, SHENBAO_TEST_FIXTURES,
GSETTINGS_SCHEMA_DIR.  E2E_KEEP=1 keeps the temporary folder (the app's log, the
packet) for a look after a failure.
"""
import datetime
import decimal
import hashlib
import json
import os
import shutil
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

def screen_size():
    import gi
    gi.require_version("Gdk", "4.0")
    from gi.repository import Gdk
    display = Gdk.Display.open(os.environ["DISPLAY"])
    monitors = display.get_monitors() if display is not None else None
    if monitors is None or monitors.get_n_items() == 0:
        return 0, 0
    geometry = monitors.get_item(0).get_geometry()
    return geometry.width, geometry.height


WIDTH, HEIGHT = screen_size()
if WIDTH < 1280 or HEIGHT < 1024:
    print("1..0 # SKIP the screen is %dx%d; the test clicks in a window of 1200x980 "
          "(xvfb-run's default screen is large enough)" % (WIDTH, HEIGHT))
    sys.exit(0)

from e2e_util import (app_of, check, click, scroll_to_upper_half, find, finish, finish_application, key, keys, launch,
                      log_of, name_of, packet_checks, press, role_of, screenshot, set_text, start_bus, stop, walk,
                      walk_outside, window_named)

SHENBAO = os.environ["SHENBAO"]
TOOL = os.environ["SHENBAO_TOOL"]
DATA = os.environ["SHENBAO_DATA_DIR"]
FIXTURES = os.environ["SHENBAO_TEST_FIXTURES"]
EXPLANATION = "已与受理机关沟通，情况属实，特此说明。"

# The interface's language: zh_CN (the default) or en (--language=en, or
# E2E_LANGUAGE=en), and its words as the application says them in it.
LANGUAGE = next((a.partition("=")[2] for a in sys.argv[1:] if a.startswith("--language=")),
                os.environ.get("E2E_LANGUAGE", "zh_CN"))
# Screenshots of the English run are kept beside the Chinese ones.
SHOT_PREFIX = "e2e-fill-" if LANGUAGE == "zh_CN" else "e2e-fill-%s-" % LANGUAGE
WORDS = {
    "zh_CN": dict(START="开始填写", NEXT="下一步", CONTINUE="仍然继续", ADD_ROW="添加行", DONE="完成",
                  ATTACH="添加", CANCEL="取消", COMPLETE="已完成", CHECK_ANSWERS="核对填写内容",
                  EXPLAIN="说明", FINISH="完成申请…", SAVE_WHERE="选择申请的保存位置", SAVE_HERE="保存到此处",
                  FINISHED="申请已完成", YES="是", NO="否", CONFIRM="本人确认", STEPS="步骤", CHOOSE="请选择…",
                  ADD_FILES=("添加文件", "选择文件"), ROW_TITLE="%s · 第 %d 行",
                  LOCALE=dict(LANG="zh_CN.UTF-8", LANGUAGE="zh_CN")),
    "en": dict(START="Start Application", NEXT="Next", CONTINUE="Continue Anyway", ADD_ROW="Add Row",
               DONE="Done", ATTACH="Attach", CANCEL="Cancel", COMPLETE="Complete",
               CHECK_ANSWERS="Check Your Answers", EXPLAIN="Explanation", FINISH="Finish Application…",
               SAVE_WHERE="Where to Save the Application", SAVE_HERE="Save Here",
               FINISHED="Application Finished", YES="Yes", NO="No", CONFIRM="I confirm this", STEPS="Steps", CHOOSE="Choose…",
               ADD_FILES=("Add Files", "Choose File"), ROW_TITLE="%s · Row %d",
               LOCALE=dict(LANG="C.UTF-8", LANGUAGE="en")),
}[LANGUAGE]
START, NEXT, CONTINUE = WORDS["START"], WORDS["NEXT"], WORDS["CONTINUE"]
ADD_ROW, DONE, ATTACH, CANCEL = WORDS["ADD_ROW"], WORDS["DONE"], WORDS["ATTACH"], WORDS["CANCEL"]
COMPLETE, CHECK_ANSWERS, EXPLAIN = WORDS["COMPLETE"], WORDS["CHECK_ANSWERS"], WORDS["EXPLAIN"]
FINISH, SAVE_WHERE, SAVE_HERE, FINISHED = WORDS["FINISH"], WORDS["SAVE_WHERE"], WORDS["SAVE_HERE"], WORDS["FINISHED"]
YES, NO, CONFIRM, CHOOSE = WORDS["YES"], WORDS["NO"], WORDS["CONFIRM"], WORDS["CHOOSE"]


def zh(text):
    """A definition's text in the interface's language (the zh_CN text
    where the definition has no English)."""
    if not isinstance(text, dict):
        return text
    return text.get(LANGUAGE) or text.get("zh_CN")


def choice_label(choice):
    label = choice.get("label") or {}
    return label.get(LANGUAGE) or label.get("zh_CN") or choice["value"]


def list_is_open(combo):
    """Whether the drop-down's list shows: its items are on the bus only
    while its popover is open."""
    return any(role_of(n) == "list item" for n in walk(combo))


def is_pledge(field):
    return field["type"] == "boolean" and field.get("widget") == "check"


CONTROL_L, KEY_L = 37, 46
KEY_DOWN, KEY_RETURN, KEY_HOME = 0xff54, 0xff0d, 0xff50
# What not to walk into in a file chooser: its lists of places and files.
FILE_LISTS = ("table", "tree table", "list")


def title_of(row):
    """A field row's title: its first label."""
    for node in walk(row):
        if role_of(node) == "label":
            return name_of(node)
    return None


def field_rows(root):
    """The field rows under @root (a step page or a row editor): for each
    title, its rows in order (two fields may share a title, as 享有政治权利
    of the legal representative and of the principal).  Hidden rows are not
    on the bus, so this is what the user sees now.  The walk does not go
    into the rows: a table's cells are many."""
    rows = {}
    pending = [root]
    while pending:
        node = pending.pop()
        try:
            children = list(node)
        except Exception:
            continue
        if role_of(node) == "list" and name_of(node) == "GtkListBox":
            for row in children:
                if row is not None and role_of(row) == "list item":
                    rows.setdefault(title_of(row), []).append(row)
            continue
        pending.extend(reversed([c for c in children if c is not None and role_of(c) != "scroll bar"]))
    return rows


def row_editor(table, title, timeout=10, gone=False):
    """The editor of a table's row (a group named by its title) under
    @table; with @gone, waits up to five seconds for it to go and gives
    it only if it stays."""
    end = time.time() + (5 if gone else timeout)
    while True:
        # Not into the grid's cells, which grow with the rows.
        found = next((n for n in walk_outside(table, ("tree table",))
                      if name_of(n) == title and role_of(n) not in ("label", "push button")), None)
        if (found is None) == gone or time.time() >= end:
            return found
        time.sleep(0.1)


def buttons_of(row, role):
    """The check or radio buttons of a field row, by the text beside them."""
    found = {}
    for node in walk(row):
        if role_of(node) == role:
            for child in node:
                if role_of(child) == "label":
                    found[name_of(child)] = node
    return found


def is_checked(node):
    return node.getState().contains(pyatspi.STATE_CHECKED)


class Filler:
    def __init__(self, app, form, tmp):
        self.app = app
        self.form = form
        self.fields = {f["id"]: f for f in form["fields"]}
        self.files = os.path.join(tmp, "files")
        os.makedirs(self.files, exist_ok=True)
        self.problems = []

    def problem(self, text):
        self.problems.append(text)

    # --- one answer ---

    def fill(self, rows, field, value, where, occurrence=0):
        label = zh(field["label"])
        found = rows.get(label, [])
        row = found[occurrence] if occurrence < len(found) else None
        if row is None:
            self.problem("%s: no field %s (%s) on the page" % (where, label, field["id"]))
            return
        kind = field["type"]
        if kind == "table":
            self.fill_table(row, field, value, where)
        elif kind == "attachment":
            for item in value:
                self.attach(row, field, item, where)
        elif is_pledge(field):
            self.set_button(buttons_of(row, "check box").get(CONFIRM), bool(value), label, CONFIRM, where)
        elif kind == "boolean":
            text = YES if value else NO
            box = buttons_of(row, "check box").get(text) or buttons_of(row, "radio button").get(text)
            self.set_button(box, True, label, text, where)
        elif kind == "multichoice":
            boxes = buttons_of(row, "check box")
            for choice in field["choices"]:
                text = choice_label(choice)
                self.set_button(boxes.get(text), choice["value"] in value, label, text, where)
        elif kind == "choice":
            self.choose(row, field, value, where)
        else:
            self.type_text(row, field, value, where)

    def set_button(self, box, checked, label, text, where):
        if box is None:
            self.problem("%s: %s has no button %s" % (where, label, text))
            return
        # On a busy machine a click can take seconds to arrive, or be lost
        # while the page still scrolls: wait, then click once more.
        for attempt in range(2):
            if is_checked(box) == checked:
                break
            press(box)
            end = time.time() + 5
            while is_checked(box) != checked and time.time() < end:
                time.sleep(0.05)
        if is_checked(box) != checked:
            self.problem("%s: %s: %s is not %s" % (where, label, text, "checked" if checked else "unchecked"))

    def type_text(self, row, field, value, where):
        entry = None
        for node in walk(row):
            if role_of(node) == "text" and node.getState().contains(pyatspi.STATE_EDITABLE):
                entry = node
                break
        if entry is None:
            self.problem("%s: %s has no text entry" % (where, zh(field["label"])))
            return
        text = str(value)
        if field["type"] == "decimal" and field.get("input_unit") == "万元":
            text = format((decimal.Decimal(text) / 10000).normalize(), "f")
        set_text(entry, text)

    def choose(self, row, field, value, where):
        choice = next((c for c in field["choices"] if c["value"] == value), None)
        if choice is None:
            self.problem("%s: %r is not a choice of %s" % (where, value, field["id"]))
            return
        text = choice_label(choice)
        radios = buttons_of(row, "check box")
        radios.update(buttons_of(row, "radio button"))
        if text in radios:
            self.set_button(radios[text], True, zh(field["label"]), text, where)
            return
        combo = next((n for n in walk(row) if role_of(n) == "combo box"), None)
        toggle = find(combo, role="push button", timeout=0) if combo is not None else None
        if toggle is None:
            self.problem("%s: %s has neither buttons nor a list" % (where, zh(field["label"])))
            return
        # The list opens below the button: room for it on the screen.
        scroll_to_upper_half(toggle)
        # Open the list and choose with the keys, from the first choice (请选择…
        # is only the closed button's placeholder, not an item of the list).
        # Not with the mouse: the list scrolls to its selection as it opens,
        # so an item's place on the bus is not yet where it is drawn, and a
        # click lands on its neighbour.
        for attempt in range(2):
            click(toggle)
            end = time.time() + 8
            while not list_is_open(combo) and time.time() < end:
                time.sleep(0.2)
            time.sleep(0.3)
            key(KEY_HOME)
            time.sleep(0.05)
            for _ in range(field["choices"].index(choice)):
                key(KEY_DOWN)
                time.sleep(0.05)
            key(KEY_RETURN)
            if self.shows(combo, toggle, text):
                return
        self.problem("%s: %s does not take %s" % (where, zh(field["label"]), text))

    def shows(self, combo, toggle, text, timeout=3):
        """Whether the list has closed on @text.  The closed button keeps
        the label of an item behind its Choose… placeholder even while
        nothing is chosen, so an unchosen first choice looks the same here:
        the step's completeness, checked after the step, tells them apart."""
        end = time.time() + timeout
        while time.time() < end:
            shown = [name_of(n) for n in walk(toggle) if role_of(n) == "label" and name_of(n) != CHOOSE]
            if not list_is_open(combo) and shown == [text]:
                return True
            time.sleep(0.1)
        return False

    def attach(self, row, field, item, where):
        source = os.path.join(FIXTURES, "files")
        content = None
        for name in os.listdir(source):
            with open(os.path.join(source, name), "rb") as f:
                data = f.read()
            if hashlib.sha256(data).hexdigest() == item["sha256"]:
                content = data
        if content is None:
            self.problem("%s: no fixture file has the content of %s" % (where, item["name"]))
            return
        path = os.path.join(self.files, item["name"])
        with open(path, "wb") as f:
            f.write(content)
        button = None
        for _ in range(50):  # a dialog that has just opened may still be filling in
            button = next((n for n in walk(row) if role_of(n) == "push button"
                           and any(word in name_of(n) for word in WORDS["ADD_FILES"])), None)
            if button is not None:
                break
            time.sleep(0.1)
        if button is None:
            self.problem("%s: %s has no button to add a file" % (where, zh(field["label"])))
            return
        # On a busy machine the chooser can take the path before it is
        # ready for it; if the file has not arrived, cancel and try again.
        for attempt in range(2):
            chooser = self.choose_file(button, field, path, where)
            if chooser is None:
                return
            if find(row, name=item["name"], role="label", timeout=15) is not None:
                return
            if window_named(self.app, zh(field["label"]), timeout=0) is not None:
                cancel = next((n for n in walk_outside(chooser, FILE_LISTS)
                               if role_of(n) == "push button" and name_of(n) == CANCEL), None)
                if cancel is not None:
                    press(cancel)
                    time.sleep(0.5)
        self.problem("%s: %s was not attached to %s" % (where, item["name"], zh(field["label"])))

    def choose_file(self, button, field, path, where):
        """Press @button, and give the file chooser @path.  The chooser, or
        None when it did not come."""
        press(button)
        chooser = window_named(self.app, zh(field["label"]), timeout=10)
        if chooser is None:
            self.problem("%s: no file chooser for %s" % (where, zh(field["label"])))
            return None
        # Ctrl+L types a location, with the pointer on the chooser so that
        # it has the keyboard.
        extents = chooser.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        pyatspi.Registry.generateMouseEvent(extents.x + extents.width // 2, extents.y + 10, "abs")
        time.sleep(0.1)
        location = None
        for attempt in range(30):
            if attempt % 10 == 0:
                keys(CONTROL_L, KEY_L)
            time.sleep(0.1)
            location = next((n for n in walk_outside(chooser, FILE_LISTS) if role_of(n) == "text"
                             and n.getState().contains(pyatspi.STATE_FOCUSED)), None)
            if location is not None:
                break
        if location is None:
            self.problem("%s: the file chooser takes no location" % where)
            return None
        set_text(location, path)
        time.sleep(0.3)
        press(next(n for n in walk_outside(chooser, FILE_LISTS)
                   if role_of(n) == "push button" and name_of(n) == ATTACH))
        return chooser

    def fill_table(self, row, field, rows, where):
        add = next((n for n in walk(row) if role_of(n) == "push button" and name_of(n) == ADD_ROW), None)
        if add is None:
            self.problem("%s: table %s has no %s button" % (where, zh(field["label"]), ADD_ROW))
            return
        for number, values in enumerate(rows, 1):
            press(add)
            # The row's editor opens in the table's place, in the main window.
            title = WORDS["ROW_TITLE"] % (zh(field["label"]), number)
            editor = row_editor(row, title, timeout=10)
            if editor is None:
                self.problem("%s: no row editor %s" % (where, title))
                return
            # Wait until the editor has all its rows on the bus.
            count = -1
            for _ in range(50):
                now = len(field_rows(editor))
                if now > 0 and now == count:
                    break
                count = now
                time.sleep(0.1)
            self.fill_all(editor, field["columns"], values, "%s, %s" % (where, title))
            press(find(editor, name=DONE, role="push button"))
            if row_editor(row, title, timeout=0, gone=True) is not None:
                self.problem("%s: %s stays open after %s" % (where, title, DONE))
                return
            add = next((n for n in walk(row) if role_of(n) == "push button" and name_of(n) == ADD_ROW), None)

    def fill_all(self, root, fields, answers, where):
        rows = None
        seen = {}
        for field in fields:
            if field["id"] not in answers or field.get("system") or field.get("computed"):
                continue
            # An answer to a choice may show or hide the fields after it.
            if rows is None:
                rows = field_rows(root)
            label = zh(field["label"])
            self.fill(rows, field, answers[field["id"]], where, seen.get(label, 0))
            seen[label] = seen.get(label, 0) + 1
            if field["type"] in ("choice", "multichoice", "boolean"):
                rows = None


def step_pages(wizard):
    """The wizard's pages, in order: the parent of the step pages."""
    for node in walk(wizard):
        if name_of(node) == "GtkStackPage" and find(node, role="list", timeout=0) is not None:
            return list(node.parent)
    return []


def page_of_step(wizard, step):
    title = zh(step["title"])
    for page in step_pages(wizard):
        for node in walk(page):
            if role_of(node) == "label":
                if name_of(node) == title:
                    return page
                break
    return None


def sidebar_row(wizard, step):
    """The step's row in the sidebar, None for a step that does not apply
    (the sidebar numbers only the steps that do)."""
    suffix = ". " + zh(step["title"])
    sidebar = find(wizard, name=WORDS["STEPS"], role="list", timeout=0)
    for node in walk(sidebar):
        if role_of(node) == "label" and name_of(node).endswith(suffix):
            return node.parent.parent.parent
    return None


def step_status(wizard, step):
    row = sidebar_row(wizard, step)
    try:
        return row.description if row is not None else None
    except Exception:
        return None


def fill_procedure(form_id, fixture, tmp, env, tool_env, out):
    with open(os.path.join(DATA, "forms", form_id + ".json"), encoding="utf-8") as f:
        form = json.load(f)
    with open(os.path.join(FIXTURES, form_id, fixture + ".json"), encoding="utf-8") as f:
        answers = json.load(f)
    answers = adjust_for_today(form_id, answers)
    title = zh(form["title"])
    started = time.time()

    # Started in the folder of the files to attach, where the file chooser
    # opens: a short list.
    os.makedirs(os.path.join(tmp, "files"), exist_ok=True)
    process = launch(SHENBAO, [], env, cwd=os.path.join(tmp, "files"))
    try:
        app = app_of(process)
        if not check("%s: the application appears on the accessibility bus" % form_id, app is not None,
                     "exit status %s\n%s" % (process.poll(), log_of(env))):
            return None
        row = find(app, name=title, role="list item")
        if not check("%s: the start page lists %s" % (form_id, title), row is not None):
            return None
        press(row)
        # A lapsed regulation's guide offers it in its notice (仍然开始填写,
        # Start Application Anyway).
        start = find(app, contains=START, role="push button")
        if not check("%s: its guide offers %s" % (form_id, START), start is not None):
            return None
        press(start)
        wizard = find(app, name="SbWizard")
        if not check("%s: the wizard opens" % form_id, wizard is not None):
            return None
        filler = Filler(app, form, tmp)
        next_button = find(wizard, name=NEXT, role="push button")
        steps = []
        for number, step in enumerate(form["steps"], 1):
            page = page_of_step(wizard, step)
            if page is None or sidebar_row(wizard, step) is None:
                continue  # a step that does not apply to this application
            steps.append(step)
            fields = [filler.fields[i] for i in step["fields"]]
            before = len(filler.problems)
            step_started = time.time()
            filler.fill_all(page, fields, answers, "step %d" % number)
            print("# %s step %d typed in %.1f s" % (form_id, number, time.time() - step_started))
            check("%s: step %d, %s, typed in" % (form_id, number, zh(step["title"])),
                  len(filler.problems) == before, "\n".join(filler.problems[before:]))
            screenshot(SHOT_PREFIX + "%s-step-%02d.png" % (form_id, number))
            # A problem an answer of a later step solves (a consent for a
            # parcel, say) keeps the wizard here once: go on anyway.
            press(next_button)
            time.sleep(0.8)
            if name_of(next_button) == CONTINUE:
                press(next_button)
                time.sleep(0.8)
        # Read again for a while: the accessibility bus may not answer for a
        # row while the review page is being built (seen in English runs).
        deadline = time.time() + 10
        while True:
            statuses = {zh(step["title"]): step_status(wizard, step) for step in steps}
            if all(v == COMPLETE for v in statuses.values()) or time.time() > deadline:
                break
            time.sleep(0.5)
        check("%s: every step is complete" % form_id, all(v == COMPLETE for v in statuses.values()),
              json.dumps(statuses, ensure_ascii=False, indent=0))

        # 核对填写内容: every warning explained, then finish.
        if not check("%s: Next leads to %s" % (form_id, CHECK_ANSWERS),
                     find(wizard, name=CHECK_ANSWERS, timeout=10) is not None):
            return None
        if not finish_application(app, wizard, WORDS, form_id, EXPLANATION, shot=SHOT_PREFIX + form_id + "-"):
            return None
        print("# %s typed from start to finish in %.0f s" % (form_id, time.time() - started))
    finally:
        stop(process)

    # The packet has every answer typed, exactly.
    packets = [p for p in os.listdir(out) if p.endswith(".sbpkt.json")]
    packet_path = None
    for name in packets:
        with open(os.path.join(out, name), encoding="utf-8") as f:
            if json.load(f).get("form", {}).get("id") == form_id:
                packet_path = os.path.join(out, name)
    if not check("%s: a packet was written where chosen" % form_id, packet_path is not None, os.listdir(out)):
        return None
    r, report, checks = packet_checks(TOOL, packet_path, tool_env)
    until = form.get("regulation", {}).get("effective_until")
    if until and until < datetime.date.today().isoformat():
        # 科技类's regulation expired in 2025: the packet is sound, and
        # validate says the regulation was not in force on the day.
        check("%s: shenbao-tool validate finds the packet sound, made under a regulation no longer in force"
              % form_id, checks.get("in-force") is False and len(checks) > 1
              and all(ok for name, ok in checks.items() if name != "in-force"), r.stdout[-2000:] + r.stderr)
    else:
        check("%s: shenbao-tool validate verifies the packet" % form_id,
              r.returncode == 0 and report.get("verified") is True, r.stdout[-2000:] + r.stderr)
    with open(packet_path, encoding="utf-8") as f:
        written = json.load(f).get("answers", {})
    differences = compare(form, answers, written)
    check("%s: the packet holds every answer as typed" % form_id, not differences, "\n".join(differences))
    return packet_path


def adjust_for_today(form_id, answers):
    """The 科技类 fixture dates its lease from 2024; the lease is judged
    against the day of application (KJ-60), which is today."""
    if form_id == "kejipeixun" and answers.get("lease_end_date"):
        answers = dict(answers)
        answers["lease_end_date"] = (datetime.date.today() + datetime.timedelta(days=4 * 366)).isoformat()
    return answers


def comparable(field, value):
    if field["type"] == "attachment":
        return sorted((v["name"], v["sha256"], v["size"]) for v in value or [])
    if field["type"] == "table":
        columns = {c["id"]: c for c in field["columns"]}
        return [{k: comparable(columns[k], v) for k, v in row.items()
                 if k in columns and not columns[k].get("computed")} for row in value or []]
    if field["type"] == "decimal" and value is not None:
        return decimal.Decimal(str(value))
    if value == "":
        return None  # an empty answer is one left empty
    return value


def difference(path, expected, got):
    """Where @got first differs from @expected, or None."""
    if isinstance(expected, list) and isinstance(got, list) and len(expected) == len(got):
        for i, (e, g) in enumerate(zip(expected, got)):
            found = difference("%s[%d]" % (path, i), e, g)
            if found:
                return found
        return None
    if isinstance(expected, dict) and isinstance(got, dict):
        for k in sorted(set(expected) | set(got)):
            found = difference("%s.%s" % (path, k), expected.get(k), got.get(k))
            if found:
                return found
        return None
    if expected != got:
        return "%s: typed %s, packet has %s" % (path, json.dumps(expected, ensure_ascii=False, default=str),
                                               json.dumps(got, ensure_ascii=False, default=str))
    return None


def compare(form, typed, written):
    differences = []
    for field in form["fields"]:
        fid = field["id"]
        if field.get("system") or field.get("computed") or fid not in typed:
            continue
        found = difference(fid, comparable(field, typed[fid]), comparable(field, written.get(fid)))
        if found:
            differences.append(found)
    return differences


def main():
    forms = [a for a in sys.argv[1:] if not a.startswith("--")] or ["gengdi"]
    start_bus()
    tmp = tempfile.mkdtemp(prefix="shenbao-e2e-fill-")
    try:
        out = os.path.join(tmp, "out")
        os.makedirs(out)
        config = os.path.join(tmp, "config", "glib-2.0", "settings")
        os.makedirs(config)
        with open(os.path.join(config, "keyfile"), "w") as f:
            f.write("[io/github/shenbao/Shenbao]\nlast-folder='file://%s'\n"
                    "window-width=1200\nwindow-height=980\n" % out)
        env = dict(os.environ, XDG_DATA_HOME=os.path.join(tmp, "home"), XDG_CONFIG_HOME=os.path.join(tmp, "config"),
                   XDG_CACHE_HOME=os.path.join(tmp, "cache"), GSETTINGS_BACKEND="keyfile",
                   GTK_A11Y="atspi", **WORDS["LOCALE"])
        env.pop("NO_AT_BRIDGE", None)
        os.makedirs(env["XDG_CACHE_HOME"])
        tool_env = dict(env, LANG="C.UTF-8", LANGUAGE="C")
        for argument in forms:
            form_id, _, fixture = argument.partition("/")
            fill_procedure(form_id, fixture or "complete", os.path.join(tmp, form_id), env, tool_env, out)
    finally:
        if os.environ.get("E2E_KEEP"):
            print("# kept %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
