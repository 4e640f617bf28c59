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
  (screenshots compared; boxes instead of Chinese would differ throughout).
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

    print(f"1..{checks}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
