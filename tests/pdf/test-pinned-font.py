#!/usr/bin/python3
"""The PDF is typeset only in its own font files, and a PDF typeset in
another font does not verify.

usage: test-pinned-font.py SHENBAO-TOOL ANSWERS FONT-DIR

ANSWERS is a complete application; its attached files are left out (the
packet is a draft), as this is about the pages' text.  FONT-DIR holds the
font files the build wrote (what it installs into its data folder).

Three renderings of one packet: with the build's font folder (the real
Noto Sans CJK), with an empty folder (render refuses and names the
font), and with a folder holding DejaVu fonts renamed "Noto Sans CJK SC"
and "Noto Sans Mono CJK SC" (what a host with a stranger's font would give:
boxes for every Chinese character).  The last must not verify, and verify
must say the fonts are why.  The system's own fonts are there all along:
the renderer must not look at them.

The build writes each face in two parts, its common characters and the
rest (app/pdf/fonts/meson.build says why): the parts share no character,
the hanzi of GB 2312 are all in the common one, and a packet with
characters beyond them (a name's 堃) prints them with ink from the rare
part, beside the common part's subset, and verifies.
"""

import codecs
import json
import os
import subprocess
import sys
import tempfile

from fontTools.ttLib import TTFont

DEJAVU = "/usr/share/fonts/truetype/dejavu"
HERE = os.path.dirname(os.path.abspath(__file__))
FACES = ("NotoSansCJKsc-Regular", "NotoSansCJKsc-Bold", "NotoSansMonoCJKsc-Regular")
# Beyond GB 2312: in names (堃, 喆), and in CJK Extension A (䶮).
RARE_TEXT = "李堃喆䶮"
checks = 0
failures = 0


def check(name, condition, detail=""):
    global checks, failures
    checks += 1
    if condition:
        print(f"ok {checks} - {name}")
    else:
        failures += 1
        print(f"not ok {checks} - {name}")
        for line in str(detail).splitlines()[:30]:
            print(f"# {line}")


def run(tool, args, font_dir=None):
    env = dict(os.environ)
    env.pop("SHENBAO_PDF_FONT_DIR", None)
    if font_dir is not None:
        env["SHENBAO_PDF_FONT_DIR"] = font_dir
    return subprocess.run([tool] + args, env=env, capture_output=True, text=True, timeout=300)


def renamed_font(source, family, target):
    """DejaVu under a Noto family name: same names asked for, other glyphs."""
    font = TTFont(source)
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
    font.save(target)


def without_files(value):
    """The answers without the attachment lists (lists of described files)."""
    if isinstance(value, dict):
        return {key: without_files(item) for key, item in value.items()
                if not (isinstance(item, list) and item and isinstance(item[0], dict) and "sha256" in item[0])}
    if isinstance(value, list):
        return [without_files(item) for item in value]
    return value


def pack_draft(tool, complete, tmp, name, **changes):
    """A draft zijin packet of the complete answers (without their files),
    with @changes to its answers; its path."""
    answers = os.path.join(tmp, name + ".json")
    with open(complete, encoding="utf-8") as source:
        values = without_files(json.load(source))
    values.update(changes)
    with open(answers, "w", encoding="utf-8") as target:
        json.dump(values, target, ensure_ascii=False)
    packet = os.path.join(tmp, name + ".sbpkt.json")
    r = run(tool, ["pack", "--form", "zijin", "--draft", "--date", "2024-03-15",
                   "--created", "2024-03-14T09:00:00Z", answers, "-o", packet])
    check(f"pack: a draft packet ({name})", r.returncode == 0, r.stdout + r.stderr)
    return packet


def gb2312_hanzi():
    hanzi = set()
    for row in range(0xB0, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                hanzi.add(ord(codecs.decode(bytes([row, cell]), "gb2312")))
            except UnicodeDecodeError:
                pass
    return hanzi


def check_parts(font_dir):
    """Each face's two parts: no character in both, GB 2312 in the common one."""
    hanzi = gb2312_hanzi()
    for face in FACES:
        rare_path = os.path.join(font_dir, face + "-Rare.otf")
        check(f"{face}: the build wrote its rare part", os.path.exists(rare_path), rare_path)
        if not os.path.exists(rare_path):
            continue
        common = set(TTFont(os.path.join(font_dir, face + ".otf"), lazy=True).getBestCmap())
        rare = set(TTFont(rare_path, lazy=True).getBestCmap())
        check(f"{face}: its common and rare parts share no character", not common & rare,
              sorted(common & rare)[:20])
        check(f"{face}: the common part has every hanzi of GB 2312 ({len(hanzi)})", hanzi <= common,
              sorted(hanzi - common)[:20])
        check(f"{face}: the rare part has {RARE_TEXT[1:]}", all(ord(c) in rare for c in RARE_TEXT[1:]))


def check_rare_characters(tool, complete, font_dir, tmp):
    """Characters of the rare part print, with ink, and the PDF verifies."""
    packet = pack_draft(tool, complete, tmp, "rare", contact_name=RARE_TEXT)
    pdf = os.path.join(tmp, "rare.pdf")
    r = run(tool, ["render", packet, "-o", pdf], font_dir=font_dir)
    check("render: a packet with rare characters", r.returncode == 0, r.stdout + r.stderr)
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    check(f"the PDF's text has {RARE_TEXT}", RARE_TEXT in text, text[:500])
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    regular = [line for line in fonts.splitlines() if "+NotoSansCJKsc-Regular " in line]
    check("the PDF embeds a subset of both parts of Noto Sans CJK SC Regular", len(regular) == 2, fonts)
    r = subprocess.run([sys.executable, os.path.join(HERE, "check-glyphs.py"), pdf], capture_output=True, text=True)
    check("every glyph of both parts has ink", r.returncode == 0, r.stdout + r.stderr)
    r = run(tool, ["verify", pdf], font_dir=font_dir)
    check("verify: the PDF with rare characters verifies", r.returncode == 0, r.stdout + r.stderr)


def main():
    tool, complete, font_dir = sys.argv[1:4]
    print("TAP version 13")
    with tempfile.TemporaryDirectory() as tmp:
        packet = pack_draft(tool, complete, tmp, "p")

        good = os.path.join(tmp, "good.pdf")
        r = run(tool, ["render", packet, "-o", good], font_dir=font_dir)
        check("render: with the build's font folder", r.returncode == 0, r.stdout + r.stderr)
        r = run(tool, ["verify", "--json", good], font_dir=font_dir)
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        fonts = [c for c in report.get("checks", []) if c["check"] == "fonts"]
        check("verify: the PDF verifies, its fonts among the checks",
              r.returncode == 0 and fonts and fonts[0]["ok"], r.stdout + r.stderr)
        check("verify: the fonts are the Noto Sans CJK SC subsets",
              fonts and "NotoSansCJKsc-Regular" in fonts[0]["message"], fonts)

        info = subprocess.run(["pdfinfo", good], capture_output=True, text=True).stdout
        check("the PDF's producer names the font files with their SHA-256",
              "NotoSansCJKsc-Regular.otf sha256:" in info, info)

        empty = os.path.join(tmp, "no-fonts")
        os.mkdir(empty)
        r = run(tool, ["render", packet, "-o", os.path.join(tmp, "none.pdf")], font_dir=empty)
        check("render: refuses without the font, and names it and the folder",
              r.returncode != 0 and "Noto Sans CJK SC" in r.stderr and empty in r.stderr
              and not os.path.exists(os.path.join(tmp, "none.pdf")), r.stdout + r.stderr)

        stranger = os.path.join(tmp, "stranger")
        os.mkdir(stranger)
        renamed_font(os.path.join(DEJAVU, "DejaVuSans.ttf"), "Noto Sans CJK SC",
                     os.path.join(stranger, "NotoSansCJKsc-Regular.otf"))
        renamed_font(os.path.join(DEJAVU, "DejaVuSans-Bold.ttf"), "Noto Sans CJK SC",
                     os.path.join(stranger, "NotoSansCJKsc-Bold.otf"))
        renamed_font(os.path.join(DEJAVU, "DejaVuSansMono.ttf"), "Noto Sans Mono CJK SC",
                     os.path.join(stranger, "NotoSansMonoCJKsc-Regular.otf"))
        # The rare parts too: the renderer asks for all six files.
        for face in FACES:
            os.link(os.path.join(stranger, face + ".otf"), os.path.join(stranger, face + "-Rare.otf"))
        boxes = os.path.join(tmp, "boxes.pdf")
        r = run(tool, ["render", packet, "-o", boxes], font_dir=stranger)
        check("render: a stranger's font under the same names is used (the PDF shows boxes)",
              r.returncode == 0, r.stdout + r.stderr)
        check("render: the PDF in a stranger's font differs from the real one",
              os.path.exists(boxes) and open(boxes, "rb").read() != open(good, "rb").read())

        r = run(tool, ["verify", "--json", boxes], font_dir=font_dir)
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        by_name = {c["check"]: c for c in report.get("checks", [])}
        check("verify: the PDF of boxes does NOT verify (exit 1)",
              r.returncode == 1 and report.get("verified") is False, r.stdout + r.stderr)
        check("verify: its pages are not what the packet renders to",
              "pages" in by_name and not by_name["pages"]["ok"], by_name)
        check("verify: the fonts check names the stranger's font and the packet's",
              "fonts" in by_name and not by_name["fonts"]["ok"]
              and "DejaVuSans" in by_name["fonts"]["message"]
              and "NotoSansCJKsc-Regular" in by_name["fonts"]["message"], by_name)

        check_parts(font_dir)
        check_rare_characters(tool, complete, font_dir, tmp)

    print(f"1..{checks}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
