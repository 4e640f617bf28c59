#!/usr/bin/python3
"""What the installed Flatpak does in its sandbox (run by .ci/flatpak.sh).

usage: check-sandbox.py CHECKOUT HOST-BUILD OUTPUT-DIR

Run under a display and a session bus (xvfb-run -a dbus-run-session).
Checks, as TAP:
- the app's permissions name no file system (files come through portals);
- the font files in /app are the ones the manifest pins;
- shenbao-tool packs, renders and verifies a packet inside the sandbox;
- the PDF has the same bytes with the host's fonts visible to the sandbox's
  fontconfig and with them hidden, and the same bytes as the host build's
  rendering, and names the hashes of the faces it is typeset in (made at
  build time from the bundled font files, the same as the host build's);
- the app starts in zh_CN and its window looks as the host build's does
  (screenshots compared; boxes instead of Chinese would differ throughout);
- a file attached through the portal's file chooser (Ctrl+L, the path,
  Return) arrives in the draft with its SHA-256, and opening it goes
  through the OpenURI portal with the stored copy.
Needs XDG_CURRENT_DESKTOP=GNOME (the GTK portal backend) and AT-SPI.
The sandbox's home is a temporary folder, so no one's data is touched.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

APP = "io.github.shenbao.Shenbao"
checks = 0
failures = 0


def check(name, condition, detail=""):
    global checks, failures
    checks += 1
    print(f"{'ok' if condition else 'not ok'} {checks} - {name}", flush=True)
    if not condition:
        failures += 1
        for line in str(detail).splitlines()[:30]:
            print(f"# {line}")
    return condition


def sha256(path):
    with open(path, "rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()


def flatpak_run(env, args, timeout=300):
    return subprocess.run(["flatpak", "run"] + args, env=env, capture_output=True, text=True, timeout=timeout)


def without_files(value):
    """Answers without their lists of attached files (a draft needs none)."""
    if isinstance(value, dict):
        return {key: without_files(item) for key, item in value.items()
                if not (isinstance(item, list) and item and isinstance(item[0], dict) and "sha256" in item[0])}
    if isinstance(value, list):
        return [without_files(item) for item in value]
    return value


def window_id(name_part, deadline):
    """The id of the first top-level X window whose name contains name_part."""
    while time.time() < deadline:
        tree = subprocess.run(["xwininfo", "-root", "-children"], capture_output=True, text=True).stdout
        for line in tree.splitlines():
            if name_part in line and "0x" in line:
                return line.split()[0]
        time.sleep(1)
    return None


def screenshot(command, env, path, title):
    """Starts command, waits for its window, lets it settle, saves the screen."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        found = window_id(title, time.time() + 120)
        if found is None:
            return False, process
        # The first frame and the page's slide: a loaded machine needs a while.
        time.sleep(8)
        subprocess.run(["import", "-window", "root", path], check=True)
        return True, process
    finally:
        # The sandboxed app outlives "flatpak run" (and would hold a pipe).
        subprocess.run(["flatpak", "kill", APP], env=env, capture_output=True)
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


# The wizard's step with one single-file attachment field (zijin's A7),
# its label as the chooser's title, and the X keycodes pressed there.
ATTACH_FORM, ATTACH_STEP = "zijin", "A7"
ATTACH_FIELD = "sealed_application_file"
CONTROL_L, KEY_L, RETURN = 37, 46, 36


def accessible_apps():
    import pyatspi
    desktop = pyatspi.Registry.getDesktop(0)
    return [a for a in desktop if a is not None]


def portal_window(titles, deadline):
    """The top-level accessible titled one of @titles that belongs to
    xdg-desktop-portal-gtk (a chooser of the app's own would not)."""
    from e2e_util import name_of
    while time.time() < deadline:
        for application in accessible_apps():
            try:
                if name_of(application) != "xdg-desktop-portal-gtk":
                    continue
                for child in application:
                    if child is not None and name_of(child) in titles:
                        return child
            except Exception:
                continue
        time.sleep(0.3)
    return None


def sandboxed_app(deadline):
    """The sandboxed app on the accessibility bus (its process id is the
    sandbox's, so it is found by name)."""
    while time.time() < deadline:
        for application in accessible_apps():
            try:
                if "shenbao" in (application.name or "").lower():
                    return application
            except Exception:
                continue
        time.sleep(0.5)
    return None


def descriptor_in(value, name, digest):
    if isinstance(value, dict):
        if value.get("sha256") == digest and value.get("name") == name:
            return True
        return any(descriptor_in(item, name, digest) for item in value.values())
    if isinstance(value, list):
        return any(descriptor_in(item, name, digest) for item in value)
    return False


def attach_and_open(checkout, env, tool, work, home, answers, output):
    """Attaches a host file through the FileChooser portal in the sandboxed
    wizard, checks the autosaved draft, then presses Open on it and checks
    that the OpenURI portal was asked to open the stored copy."""
    sys.path.insert(0, os.path.join(checkout, "tests/e2e"))
    try:
        import pyatspi
        from e2e_util import find, keys, name_of, press, role_of, set_text, walk, walk_outside
    except ImportError as error:
        check("the portal checks can drive the app over AT-SPI", False, error)
        return
    form = json.load(open(os.path.join(checkout, "data/forms", ATTACH_FORM + ".json"), encoding="utf-8"))
    # The chooser is titled with the field's label, in the form's language.
    titles = next(set(f["label"].values()) for f in form["fields"] if f["id"] == ATTACH_FIELD)

    made = os.path.join(work, "made.sbdraft.json")
    r = flatpak_run(env, tool + ["draft", "--form", ATTACH_FORM, "-o", made, answers])
    if not check("shenbao-tool makes a draft in the sandbox", r.returncode == 0 and os.path.exists(made),
                 r.stdout + r.stderr):
        return
    draft = json.load(open(made, encoding="utf-8"))
    draft["step"] = ATTACH_STEP
    drafts = os.path.join(home, ".var/app", APP, "data", APP, "drafts")
    os.makedirs(drafts, exist_ok=True)
    draft_path = os.path.join(drafts, draft["id"] + ".json")
    with open(draft_path, "w", encoding="utf-8") as target:
        json.dump(draft, target, ensure_ascii=False)
    # A file only on the host: the sandbox sees it through the document portal.
    outside = os.path.join(work, "outside")
    os.mkdir(outside)
    attached = os.path.join(outside, "sealed-scan.pdf")
    shutil.copy(os.path.join(checkout, "tests/fixtures/files/scan.pdf"), attached)
    digest = sha256(attached)

    pyatspi.Registry.getDesktop(0).childCount  # the registry up before the app
    time.sleep(1)
    monitor_log = os.path.join(work, "openuri.log")
    monitor = subprocess.Popen(["dbus-monitor", "--session",
                                "type='method_call',interface='org.freedesktop.portal.OpenURI'",
                                "type='signal',interface='org.freedesktop.portal.Request'"],
                               stdout=open(monitor_log, "w"), stderr=subprocess.STDOUT)
    ui_env = dict(env, LANG="C.UTF-8", LANGUAGE="C", LC_ALL="C.UTF-8")
    ui_env.pop("NO_AT_BRIDGE", None)
    process = subprocess.Popen(["flatpak", "run", "--env=GSETTINGS_BACKEND=memory", "--env=GTK_A11Y=atspi", APP],
                               env=ui_env, stdout=open(os.path.join(work, "app.log"), "w"), stderr=subprocess.STDOUT)
    try:
        app = sandboxed_app(time.time() + 120)
        if not check("the sandboxed app appears on the accessibility bus", app is not None,
                     [name_of(a) for a in accessible_apps()]):
            return
        row = None
        end = time.time() + 60
        while row is None and time.time() < end:
            row = next((n for n in walk(app) if role_of(n) == "label" and "last changed" in name_of(n)), None)
            time.sleep(0.3)
        while row is not None and role_of(row) != "list item":
            row = row.parent
        if not check("the start page lists the draft", row is not None):
            return
        press(row)
        wizard = find(app, name="SbWizard", timeout=30)
        choose = find(wizard, name="Choose File…", role="push button", timeout=30) if wizard else None
        if not check("the draft opens on a step with an attachment field", choose is not None):
            return
        press(choose)
        chooser = portal_window(titles, time.time() + 60)
        if not check("Choose File… opens the portal's file chooser", chooser is not None,
                     [(name_of(a), [name_of(w) for w in a]) for a in accessible_apps()]):
            return
        box = chooser.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        pyatspi.Registry.generateMouseEvent(box.x + box.width // 2, box.y + 10, "abs")
        location = None
        for attempt in range(60):
            if attempt % 10 == 0:
                keys(CONTROL_L, KEY_L)
            time.sleep(0.2)
            location = next((n for n in walk_outside(chooser, ("table", "tree table", "list"))
                             if role_of(n) == "text" and n.getState().contains(pyatspi.STATE_FOCUSED)), None)
            if location is not None:
                break
        if not check("Ctrl+L gives the chooser's location entry", location is not None):
            return
        set_text(location, attached)
        time.sleep(0.5)
        keys(RETURN)
        time.sleep(1.5)
        subprocess.run(["import", "-window", "root", os.path.join(output, "screenshot-flatpak-attached.png")])
        saved = False
        end = time.time() + 60
        while not saved and time.time() < end:
            time.sleep(0.5)
            try:
                saved = descriptor_in(json.load(open(draft_path, encoding="utf-8")), "sealed-scan.pdf", digest)
            except (OSError, ValueError):
                pass
        check("the file attached through the portal is in the draft with its SHA-256", saved,
              "drafts: %s\nportal: %s\n%s" % (os.listdir(drafts), open(monitor_log, errors="replace").read()[-1500:],
                                               open(os.path.join(work, "app.log"), errors="replace").read()[-600:]))
        stored = os.path.join(drafts, "files", digest)
        check("the sandbox stored the attached file's bytes", os.path.exists(stored) and sha256(stored) == digest)

        open_button = find(wizard, name="Open sealed-scan.pdf", role="push button", timeout=20)
        if not check("the attached file offers Open", open_button is not None):
            return
        press(open_button)
        called = ""
        end = time.time() + 30
        while time.time() < end:
            time.sleep(0.5)
            called = open(monitor_log, errors="replace").read()
            if "interface=org.freedesktop.portal.OpenURI" in called and "inode:" in called:
                break
        # GIO hands the portal an open file (OpenFile, a file descriptor):
        # the descriptor's inode is the stored copy's.
        inode = "inode: %d" % os.stat(stored).st_ino if os.path.exists(stored) else "(no stored copy)"
        check("Open goes through the OpenURI portal with the stored copy",
              "member=OpenFile" in called and inode in called, called[-1500:] + "\nwanted " + inode)
    finally:
        subprocess.run(["flatpak", "kill", APP], env=env, capture_output=True)
        process.terminate()
        monitor.terminate()
        for child in (process, monitor):
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                child.kill()


def main():
    checkout, host_build, output = sys.argv[1:4]
    os.makedirs(output, exist_ok=True)
    print("TAP version 13")
    manifest = json.load(open(os.path.join(checkout, "flatpak", APP + ".json"), encoding="utf-8"))

    with tempfile.TemporaryDirectory(prefix="shenbao-flatpak-") as work:
        home = os.path.join(work, "home")
        os.mkdir(home)
        env = dict(os.environ, HOME=home, FLATPAK_USER_DIR=os.path.expanduser("~/.local/share/flatpak"))
        env.pop("SHENBAO_PDF_FONT_DIR", None)
        subprocess.run(["flatpak", "kill", APP], env=env, capture_output=True)

        permissions = subprocess.run(["flatpak", "info", "--show-permissions", APP], env=env,
                                     capture_output=True, text=True)
        check("the app is installed", permissions.returncode == 0, permissions.stderr)
        check("its permissions name no file system (portals only)",
              "filesystems=" not in permissions.stdout, permissions.stdout)

        pins = {os.path.basename(s["url"]): s["sha256"] for m in manifest["modules"] if m["name"] == "noto-sans-cjk"
                for s in m["sources"] if s["url"].endswith(".ttc")}
        r = flatpak_run(env, ["--command=sha256sum", APP] +
                        [f"/app/share/fonts/noto-cjk/{name}" for name in sorted(pins)])
        found = {os.path.basename(line.split()[1]): line.split()[0] for line in r.stdout.splitlines()}
        check("the bundled font files are the ones the manifest pins", found == pins, r.stdout + r.stderr)

        answers = os.path.join(work, "answers.json")
        with open(os.path.join(checkout, "tests/fixtures/zijin/complete.json"), encoding="utf-8") as source, \
                open(answers, "w", encoding="utf-8") as target:
            json.dump(without_files(json.load(source)), target, ensure_ascii=False)
        # The tests' folder, given for these runs only (the app itself has none).
        tool = ["--filesystem=" + work, "--command=shenbao-tool", APP]
        packet = os.path.join(work, "p.sbpkt.json")
        r = flatpak_run(env, tool + ["pack", "--form", "zijin", "--draft", "--date", "2024-03-15",
                                     "--created", "2024-03-14T09:00:00Z", answers, "-o", packet])
        check("shenbao-tool packs in the sandbox", r.returncode == 0 and os.path.exists(packet), r.stdout + r.stderr)

        shown = os.path.join(work, "host-fonts-shown.pdf")
        r = flatpak_run(env, tool + ["render", packet, "-o", shown])
        check("shenbao-tool renders in the sandbox", r.returncode == 0 and os.path.exists(shown), r.stdout + r.stderr)

        r = flatpak_run(env, tool + ["verify", "--json", shown])
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        fonts = [c for c in report.get("checks", []) if c["check"] == "fonts"]
        check("shenbao-tool verifies the PDF in the sandbox, its fonts the embedded Noto Sans CJK SC subsets",
              r.returncode == 0 and report.get("verified") is True and fonts and fonts[0]["ok"]
              and "NotoSansCJKsc-Regular" in fonts[0]["message"], r.stdout + r.stderr)

        # The sandbox's own fontconfig with no font at all: the host's fonts
        # (/run/host/fonts) and the bundled ones hidden from everything but
        # the PDF renderer, which reads its font files by path.
        empty_conf = os.path.join(work, "no-fonts.conf")
        with open(empty_conf, "w") as conf:
            conf.write('<?xml version="1.0"?>\n<fontconfig><cachedir>%s</cachedir></fontconfig>\n'
                       % os.path.join(work, "fc-cache"))
        hidden = os.path.join(work, "host-fonts-hidden.pdf")
        r = flatpak_run(env, ["--env=FONTCONFIG_FILE=" + empty_conf] + tool + ["render", packet, "-o", hidden])
        check("the PDF has the same bytes with the host's fonts hidden",
              r.returncode == 0 and os.path.exists(hidden) and sha256(hidden) == sha256(shown), r.stdout + r.stderr)

        host = os.path.join(work, "host-build.pdf")
        host_fonts = os.path.join(host_build, "app/pdf/fonts")
        host_env = dict(os.environ, SHENBAO_DATA_DIR=os.path.join(checkout, "data"), SHENBAO_PDF_FONT_DIR=host_fonts)
        r = subprocess.run([os.path.join(host_build, "app/tool/shenbao-tool"), "render", packet, "-o", host],
                           env=host_env, capture_output=True, text=True)
        check("the PDF has the same bytes as the host build's rendering of the packet",
              r.returncode == 0 and os.path.exists(host) and sha256(host) == sha256(shown), r.stdout + r.stderr)

        # The faces the PDF is typeset in are written at build time from
        # the pinned collections (app/pdf/fonts/meson.build): the app's
        # must be the host build's, and the PDF must name their hashes.
        faces = sorted(name for name in os.listdir(host_fonts) if name.endswith(".otf"))
        r = flatpak_run(env, ["--command=sha256sum", APP] + [f"/app/share/shenbao/pdf-fonts/{name}" for name in faces])
        app_faces = {os.path.basename(line.split()[1]): line.split()[0] for line in r.stdout.splitlines()}
        host_faces = {name: sha256(os.path.join(host_fonts, name)) for name in faces}
        info = subprocess.run(["pdfinfo", shown], capture_output=True, text=True).stdout
        check("the PDF names the hashes of the app's faces, made from the bundled fonts as the host build's are",
              faces and app_faces == host_faces
              and all(f"{name} sha256:{digest}" in info for name, digest in app_faces.items()),
              f"app: {app_faces}\nhost: {host_faces}\n{r.stderr}\n{info}")
        for name in ("host-fonts-shown.pdf", "host-build.pdf"):
            if os.path.exists(os.path.join(work, name)):
                shutil.copy(os.path.join(work, name), os.path.join(output, name))

        # The window, in Chinese, in the sandbox and from the host build.
        sandbox_png = os.path.join(output, "screenshot-flatpak-zh_CN.png")
        host_png = os.path.join(output, "screenshot-host-zh_CN.png")
        gui_env = dict(env, LANG="zh_CN.UTF-8", LANGUAGE="zh_CN", LC_ALL="zh_CN.UTF-8")
        ok, process = screenshot(["flatpak", "run", "--env=GSETTINGS_BACKEND=memory", APP], gui_env, sandbox_png,
                                 "申报")
        check("the app starts in the sandbox and shows its window in Chinese", ok)
        subprocess.run(["flatpak", "kill", APP], env=env, capture_output=True)
        host_gui_env = dict(gui_env, SHENBAO_DATA_DIR=os.path.join(checkout, "data"),
                            GSETTINGS_SCHEMA_DIR=os.path.join(host_build, "data"), GSETTINGS_BACKEND="memory",
                            XDG_DATA_HOME=os.path.join(home, ".local/share"),
                            XDG_CONFIG_HOME=os.path.join(home, ".config"),
                            SHENBAO_LOCALEDIR=os.path.join(host_build, "po"))
        host_ok, process = screenshot([os.path.join(host_build, "app/ui/shenbao")], host_gui_env, host_png, "申报")
        check("the host build shows the same window", host_ok)
        if ok and host_ok:
            r = subprocess.run(["compare", "-metric", "AE", "-fuzz", "15%", sandbox_png, host_png,
                                os.path.join(output, "screenshot-flatpak-difference.png")],
                               capture_output=True, text=True)
            try:
                differing = float(r.stderr.split()[0])
            except (IndexError, ValueError):
                differing = -1
            size = subprocess.run(["identify", "-format", "%w %h", sandbox_png], capture_output=True,
                                  text=True).stdout.split()
            total = int(size[0]) * int(size[1]) if len(size) == 2 else 0
            # Boxes for Chinese change every label and title; the same
            # glyphs leave at most a cursor blink or a shadow's edge.
            check("the sandboxed window looks as the host build's (Chinese glyphs, not boxes)",
                  0 <= differing <= total * 0.002,
                  f"{differing} of {total} pixels differ: {r.stderr}")

        attach_and_open(checkout, env, tool, work, home, answers, output)

    print(f"1..{checks}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
