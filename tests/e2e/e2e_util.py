"""What the end-to-end tests share: TAP results, launching `shenbao` with
its own home, and finding and working accessibles over AT-SPI."""
import json
import os
import subprocess
import sys
import time

import pyatspi

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))
    return bool(condition)


def finish():
    print("1..%d" % len(results))
    for number, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", number, name))
        if not ok:
            for line in str(detail).splitlines()[:20]:
                print("# " + line)
    sys.exit(0 if all(ok for _, ok, _ in results) else 1)


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        children = list(node)
    except Exception:
        return
    for child in children:
        yield from walk(child, depth + 1)


def walk_outside(node, roles):
    """Like walk(), but not into accessibles of @roles (a file chooser's
    list of files, say, which can be long)."""
    yield node
    if role_of(node) in roles:
        return
    try:
        children = list(node)
    except Exception:
        return
    for child in children:
        if child is not None:
            yield from walk_outside(child, roles)


# Roles whose children repeat one pattern: a grid's rows, a list's items.
REPEATING = ("table", "tree table", "list", "list box", "tree")


def walk_sampled(node, rows=3, depth=0):
    """Like walk(), but under a grid or list only its first @rows children
    and its last: the rows in between are made from the same widgets, and
    walking every cell of a complete application's tables over the bus
    takes most of a minute."""
    if node is None or depth > 60:
        return
    yield node
    try:
        children = list(node)
    except Exception:
        return
    if role_of(node) in REPEATING and len(children) > rows + 1:
        children = children[:rows] + children[-1:]
    for child in children:
        yield from walk_sampled(child, rows, depth + 1)


def walk_breadth(root):
    """Every accessible under @root, nearest first: finds a control near
    the top (a page's tabs) without walking the pages' contents first."""
    queue = [root]
    while queue:
        node = queue.pop(0)
        if node is None:
            continue
        yield node
        try:
            queue.extend(list(node))
        except Exception:
            continue


def name_of(node):
    """The accessible name as a person reads it.  GTK 4.8 names a button
    with a mnemonic "_Next Next" (the markup, then the text): keep the text,
    and drop a Chinese mnemonic's "(_N)"."""
    try:
        name = (node.name or "").replace("_", "")
    except Exception:
        return ""
    half = len(name) // 2
    if len(name) % 2 == 1 and name[half] == " " and name[:half] == name[half + 1:]:
        name = name[:half]
    # A mnemonic is a letter: "第六条第(6)款" and "Article 6(6)" keep theirs.
    if len(name) > 3 and name.endswith(")") and name[-3] == "(" and is_letter(name[-2]):
        name = name[:-3]
    elif len(name) > 4 and name.endswith(")…") and name[-4] == "(" and is_letter(name[-3]):
        name = name[:-4] + "…"
    return name


def is_letter(c):
    return c.isascii() and c.isalpha()


def role_of(node):
    try:
        return node.getRoleName()
    except Exception:
        return ""


def find(root, name=None, role=None, contains=None, timeout=15, walker=walk):
    """The first accessible under @root matching, waiting for it to appear.
    GTK 4.8 marks every widget visible and none showing, so callers narrow
    @root to the page they are on (the wizard, the reviewer's view, a
    dialog) rather than rely on states."""
    end = time.time() + timeout
    while True:
        for node in walker(root):
            text = name_of(node)
            if name is not None and text != name:
                continue
            if contains is not None and contains not in text:
                continue
            if role is not None and role_of(node) != role:
                continue
            return node
        if time.time() >= end:
            return None
        time.sleep(0.1)


def find_all(root, name, role):
    return [n for n in walk(root) if name_of(n) == name and role_of(n) == role]


def key(keysym):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)


def extents_of(node):
    return node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)


def scroll_into_view(node):
    """Turn the mouse wheel over @node's scrolled pane until it shows.  (GTK
    4.8 does not take the focus over AT-SPI, which would scroll it there,
    and gives a radio button no action: it is clicked.)"""
    pane = node.parent
    while pane is not None and role_of(pane) != "scroll pane":
        pane = pane.parent
    if pane is None:
        return
    for _ in range(200):
        box, view = extents_of(node), extents_of(pane)
        if box.y >= view.y and box.y + box.height <= view.y + view.height:
            return
        button = "b5c" if box.y + box.height > view.y + view.height else "b4c"
        # At the pane's left edge, not over a table that scrolls by itself.
        pyatspi.Registry.generateMouseEvent(view.x + 6, view.y + view.height // 2, button)
        time.sleep(0.05)


def scroll_to_upper_half(node):
    """Turn the mouse wheel until @node is in the upper half of its scrolled
    pane (or the pane scrolls no further): a drop-down's list then opens
    below it, on the screen."""
    scroll_into_view(node)
    pane = node.parent
    while pane is not None and role_of(pane) != "scroll pane":
        pane = pane.parent
    if pane is None:
        return
    last = None
    for _ in range(100):
        box, view = extents_of(node), extents_of(pane)
        if box.y <= view.y + view.height // 2 or box.y == last:
            return
        last = box.y
        pyatspi.Registry.generateMouseEvent(view.x + 6, view.y + view.height // 2, "b5c")
        time.sleep(0.05)


def click(node):
    """A click of the mouse in the middle of @node, scrolled into view."""
    scroll_into_view(node)
    extents = extents_of(node)
    pyatspi.Registry.generateMouseEvent(extents.x + extents.width // 2, extents.y + extents.height // 2, "b1c")


def press(node):
    """Its first action (click, activate); a list row has none, so it is
    clicked with the mouse, as a person would do."""
    try:
        action = node.queryAction()
        if action.nActions > 0:
            action.doAction(0)
            return
    except NotImplementedError:
        pass
    click(node)


def set_text(node, text):
    node.queryEditableText().setTextContents(text)


def app_of(process, timeout=45):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for application in desktop:
            try:
                if application is not None and application.get_process_id() == process.pid:
                    return application
            except Exception:
                continue
        time.sleep(0.3)
    return None


def launch(shenbao, args, env, cwd=None):
    log = open(os.path.join(env["XDG_CACHE_HOME"], "shenbao.log"), "ab")
    return subprocess.Popen([shenbao] + args, env=env, stdout=log, stderr=log, cwd=cwd)


def log_of(env):
    path = os.path.join(env["XDG_CACHE_HOME"], "shenbao.log")
    return open(path, errors="replace").read()[-3000:] if os.path.exists(path) else ""


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def window_named(app, title, timeout=15):
    end = time.time() + timeout
    while True:
        for child in app:
            if child is not None and name_of(child) == title:
                return child
        if time.time() >= end:
            return None
        time.sleep(0.1)
    return None


def start_bus():
    """Start the accessibility bus and registry before the application, so
    that it finds them when it starts (it does not look again later)."""
    pyatspi.Registry.getDesktop(0).childCount
    time.sleep(1)


def keys(*keycodes):
    """Press the keys with these X keycodes together (modifiers first)."""
    for code in keycodes[:-1]:
        pyatspi.Registry.generateKeyboardEvent(code, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(keycodes[-1], None, pyatspi.KEY_PRESSRELEASE)
    for code in reversed(keycodes[:-1]):
        pyatspi.Registry.generateKeyboardEvent(code, None, pyatspi.KEY_RELEASE)


def screenshot(name):
    """The screen as the user sees it, for a person to look at, in the
    build folder (or the current one)."""
    path = os.path.join(os.environ.get("MESON_BUILD_ROOT", "."), name)
    subprocess.run(["import", "-window", "root", path], capture_output=True)
    print("# screenshot: %s" % path)


def finish_application(app, page, words, what, explanation, walker=walk, shot=None):
    """On Check Your Answers (@page): every warning explained with
    @explanation, Finish, Save Here, and the result page.  @words holds
    the interface's EXPLAIN, FINISH, SAVE_WHERE, SAVE_HERE and FINISHED;
    @what starts each check's text; @shot, a screenshot's name prefix."""
    for node in [n for n in walker(page) if role_of(n) == "text" and name_of(n) == words["EXPLAIN"]]:
        set_text(node, explanation)
    time.sleep(0.5)
    if shot:
        screenshot(shot + "check-answers.png")
    finish_button = find(page, name=words["FINISH"], role="push button", walker=walker)
    if not check("%s: no errors, finishing is possible" % what,
                 finish_button is not None and finish_button.getState().contains(pyatspi.STATE_SENSITIVE)):
        return False
    press(finish_button)
    dialog = window_named(app, words["SAVE_WHERE"])
    if not check("%s: %s asks where to save" % (what, words["FINISH"]), dialog is not None):
        return False
    press(find(dialog, name=words["SAVE_HERE"], role="push button"))
    done = check("%s: the result page says %s" % (what, words["FINISHED"]),
                 find(app, name=words["FINISHED"], timeout=60) is not None)
    if shot:
        screenshot(shot + "finished.png")
    return done


def packet_checks(tool, path, env):
    """`shenbao-tool validate --json` on @path: its exit status, its report
    and each check's result by name."""
    r = subprocess.run([tool, "validate", "--json", path], env=env, capture_output=True, text=True)
    report = json.loads(r.stdout) if r.stdout.strip() else {}
    checks = {c.get("check"): c.get("ok") for c in report.get("checks", [])}
    return r, report, checks
