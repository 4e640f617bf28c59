#!/usr/bin/env python3
"""End-to-end over AT-SPI: kill -9 during continuous typing loses at most
about the last second.

The complete 耕地进出平衡 application, as a draft made by `shenbao-tool
draft`, is put in the drafts folder of a home of its own, opened on its
second step from the start page, and the applicant's name is typed again,
one key every SHENBAO_TYPING_DELAY seconds without a pause, for
SHENBAO_TYPING_SECONDS (20 by default; the issue's figure is 60).  At a
random moment in the second half of the typing the application is killed
with SIGKILL (its process only), and the draft file on disk must hold
every key typed up to about a second before the kill.  Repeated
SHENBAO_TYPING_KILLS times (3 by default).

    SHENBAO_TYPING_SECONDS=60 xvfb-run -a dbus-run-session -- \\
        meson test -C _build e2e-typing --print-errorlogs

Prints TAP.  Needs a display and an accessibility bus (run under
xvfb-run -a dbus-run-session); skips when either is missing.
Environment: SHENBAO, SHENBAO_TOOL, SHENBAO_DATA_DIR, SHENBAO_TEST_FIXTURES,
GSETTINGS_SCHEMA_DIR.
"""
import json
import os
import random
import shutil
import string
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
from e2e_util import app_of, check, click, find, finish, log_of, name_of, press, role_of, set_text, start_bus, walk

SHENBAO = os.environ["SHENBAO"]
TOOL = os.environ["SHENBAO_TOOL"]
DATA = os.environ["SHENBAO_DATA_DIR"]
FIXTURES = os.environ["SHENBAO_TEST_FIXTURES"]

SECONDS = float(os.environ.get("SHENBAO_TYPING_SECONDS", "20"))
KILLS = int(os.environ.get("SHENBAO_TYPING_KILLS", "3"))
DELAY = float(os.environ.get("SHENBAO_TYPING_DELAY", "0.05"))

# What may be lost: the draft is written at the latest a second after the
# first change not yet on disk (the application's maximum wait), plus the
# time that write takes (a temporary file, fsync, rename) and the time a
# key takes from here to the application (AT-SPI, XTest, the X server, GTK
# on a machine shared with other tests).  Half a second covers the last two
# with room; the old debounce, restarted by every key, lost everything.
MAX_WAIT = 1.0
MARGIN = 0.5

FORM = "gengdi"
FIELD = "applicant_name"
STEP = "B2"
# Lower-case letters: one keysym each, no input method, no shift.
ALPHABET = string.ascii_lowercase


def field_label():
    with open(os.path.join(DATA, "forms", FORM + ".json"), encoding="utf-8") as f:
        form = json.load(f)
    field = [x for x in form["fields"] if x["id"] == FIELD][0]
    return field["label"]["zh_CN"]


def saved_text(path):
    """The field as the draft on disk has it (a kill never leaves a half
    file: the draft is renamed into place)."""
    try:
        with open(path, encoding="utf-8") as f:
            draft = json.load(f)
    except (OSError, ValueError):
        return None
    value = (draft.get("answers") or {}).get(FIELD)
    if not isinstance(value, str):
        value = (draft.get("raw") or {}).get(FIELD)
    return value if isinstance(value, str) else ""


def wait_for_saved(path, text, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        if saved_text(path) == text:
            return True
        time.sleep(0.1)
    return False


def draft_row(app):
    """The draft's row on the start page: the one whose subtitle says when
    it was last changed (its title is the name typed, which changes)."""
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


def type_and_kill(run, env, path, label, rng):
    """One run: open the draft, empty the field, type until a random moment,
    kill -9.  Returns (keys sent with their times, kill time) or None."""
    process = e2e_util.launch(SHENBAO, [], env)
    sent = []
    killed_at = None
    try:
        app = app_of(process)
        if not check("run %d: the application appears on the accessibility bus" % run, app is not None,
                     "exit status %s\n%s" % (process.poll(), log_of(env))):
            return None
        row = draft_row(app)
        if not check("run %d: the start page lists the draft" % run, row is not None):
            return None
        press(row)
        wizard = find(app, name="SbWizard")
        entry = find(wizard, name=label, role="text") if wizard is not None else None
        if not check("run %d: the draft opens with the name field" % run, entry is not None):
            return None
        set_text(entry, "")
        # The field starts empty on disk too, so that what the draft holds
        # afterwards was typed in this run.
        if not check("run %d: emptying the field is saved" % run, wait_for_saved(path, "")):
            return None
        click(entry)
        time.sleep(0.5)

        start = time.time()
        kill_at = start + rng.uniform(SECONDS / 2, SECONDS)
        i = 0
        while time.time() < kill_at:
            c = ALPHABET[i % len(ALPHABET)]
            pyatspi.Registry.generateKeyboardEvent(ord(c), None, pyatspi.KEY_SYM)
            sent.append(time.time())
            i += 1
            time.sleep(DELAY)
        process.kill()  # SIGKILL, to this application's process only
        killed_at = time.time()
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return sent, killed_at, start


def main():
    start_bus()
    tmp = tempfile.mkdtemp(prefix="shenbao-e2e-typing-")
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
    tool_env = dict(env, LANG="C.UTF-8")

    made = os.path.join(tmp, "made.json")
    r = subprocess.run([TOOL, "draft", "--form", FORM, "-o", made, os.path.join(FIXTURES, FORM, "complete.json")],
                       env=tool_env, capture_output=True, text=True)
    if not check("shenbao-tool draft makes the draft", r.returncode == 0, r.stderr):
        return
    with open(made, encoding="utf-8") as f:
        draft = json.load(f)
    # Reopened on the step of the field, as the application remembers it.
    draft["step"] = STEP
    # The folder of the build's application id (development builds end
    # in .Devel).
    folder = os.path.join(home, os.environ.get("SHENBAO_APP_ID", "io.github.shenbao.Shenbao"), "drafts")
    os.makedirs(folder)
    path = os.path.join(folder, draft["id"] + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(draft, f, ensure_ascii=False)

    label = field_label()
    seed = os.environ.get("SHENBAO_TYPING_SEED") or str(random.randrange(1 << 30))
    print("# seed %s (SHENBAO_TYPING_SEED repeats it), %g s of typing, a key every %g s"
          % (seed, SECONDS, DELAY))
    rng = random.Random(seed)
    for run in range(1, KILLS + 1):
        result = type_and_kill(run, env, path, label, rng)
        if result is None:
            return
        sent, killed_at, start = result
        typed = "".join(ALPHABET[i % len(ALPHABET)] for i in range(len(sent)))
        saved = saved_text(path) or ""
        # Every key sent this long before the kill must be on disk.
        must_have = sum(1 for t in sent if t <= killed_at - MAX_WAIT - MARGIN)
        lost = len(sent) - len(saved)
        lost_seconds = killed_at - sent[len(saved)] if len(saved) < len(sent) else 0.0
        detail = ("typed %d keys in %.1f s, killed; the draft holds %d: %d lost, the last %.2f s of typing"
                  % (len(sent), killed_at - start, len(saved), lost, lost_seconds))
        print("# run %d: %s" % (run, detail))
        check("run %d: the draft holds what was typed, in order" % run, typed.startswith(saved),
              "saved %r…" % saved[:80])
        check("run %d: at most the last %.1f s of typing is lost" % (run, MAX_WAIT + MARGIN),
              len(saved) >= must_have, detail + "; %d keys were typed before %.1f s ahead of the kill"
              % (must_have, MAX_WAIT + MARGIN))


if __name__ == "__main__":
    main()
