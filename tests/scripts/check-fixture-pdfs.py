#!/usr/bin/env python3
"""Every answer of each procedure's complete application is on its PDF.

For each procedure under FIXTURES: pack the complete application, render it
with shenbao-tool, and look for every answer in the text of the PDF
(pdftotext -raw keeps each table cell together): texts, choices, numbers,
dates, times and file names, in top-level fields and every table cell.
White space and thousands separators are ignored (text wraps in cells);
yes/no answers are shown as 是/否 and are too common to look for.

The summary page's 不适用的部分 names the parts the application leaves
out with a reason: each reason there is one of the definition's
not_applicable texts or the sentence made from a condition (依所填…).

Every page of each PDF is also kept as screenshot-pdf-<form>-<page>.png
(pdftoppm -r 60) in the folder the test runs in (the build folder under
meson test), for a person to look at; the number of pages is printed.
Usage: check-fixture-pdfs.py SHENBAO_TOOL FIXTURES   (prints TAP)
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

tool, fixtures = sys.argv[1], sys.argv[2]
definitions = os.environ.get("SHENBAO_DATA_DIR", os.path.join(os.path.dirname(fixtures), os.pardir, "data"))


def squash(text):
    return re.sub(r"[\s,]", "", text)


def answers_of(value):
    """The printable answers in a value (recursing into tables)."""
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, (int, float)):
        return [str(value)]
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        found = []
        for item in value:
            if isinstance(item, dict) and "sha256" in item and "name" in item:
                found.append(item["name"])
            elif isinstance(item, dict):
                for cell in item.values():
                    found.extend(answers_of(cell))
            else:
                found.extend(answers_of(item))
        return found
    return []


def declared_reasons(form):
    """The not_applicable texts of the definition's steps and fields."""
    with open(os.path.join(definitions, "forms", form + ".json"), encoding="utf-8") as f:
        definition = json.load(f)
    return {squash(part["not_applicable"]["zh_CN"]) for part in definition["steps"] + definition["fields"]
            if "not_applicable" in part}


def check_not_applicable(form, text, problems):
    """text is squashed; the section runs from its heading to the first section."""
    start = text.find("不适用的部分")
    if start < 0:
        return
    end = text.find("一、", start)
    section = text[start + len("不适用的部分"):end if end >= 0 else len(text)]
    declared = declared_reasons(form)
    # Each line is "PART：REASON。"; the running header and footer of a page break may sit between lines.
    reasons = [line.split("：", 1)[1] for line in re.findall(r"[^。]*：[^：。]*", section) if "：" in line]
    unknown = [r for r in reasons if r not in declared and not r.startswith("依所填")]
    if not reasons:
        problems.append("不适用的部分 lists nothing")
    for reason in unknown:
        problems.append("不适用的部分 gives a reason the definition does not: “%s”" % reason)
    print("# %s: %d parts not applicable, %d with the definition's reason" %
          (form, len(reasons), sum(r in declared for r in reasons)))


cases = sorted(glob.glob(os.path.join(fixtures, "*", "complete.expected.json")))
print("1..%d" % len(cases))
with tempfile.TemporaryDirectory() as tmp:
    for number, expected_path in enumerate(cases, 1):
        form = os.path.basename(os.path.dirname(expected_path))
        with open(expected_path, encoding="utf-8") as f:
            expected = json.load(f)
        with open(os.path.join(os.path.dirname(expected_path), "complete.json"), encoding="utf-8") as f:
            answers = json.load(f)
        packet = os.path.join(tmp, form + ".sbpkt.json")
        pdf = os.path.join(tmp, form + ".pdf")
        problems = []
        r = subprocess.run([tool, "pack", "--form", form, "--date", expected["date"], "--files", os.path.join(fixtures, "files"),
                            "--created", "2024-01-02T03:04:05Z", "--finalised", "2024-01-02T03:04:06Z",
                            os.path.join(os.path.dirname(expected_path), "complete.json"), "-o", packet],
                           capture_output=True, text=True)
        if r.returncode == 0:
            r = subprocess.run([tool, "render", packet, "-o", pdf], capture_output=True, text=True)
        if r.returncode != 0:
            problems.append("could not pack and render: " + r.stderr.strip())
        else:
            text = squash(subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True).stdout)
            looked = 0
            for field, value in answers.items():
                for answer in answers_of(value):
                    looked += 1
                    if squash(answer) not in text:
                        problems.append("%s: “%s” is not on the PDF" % (field, answer))
            if looked < 100:
                problems.append("only %d answers looked for" % looked)
            check_not_applicable(form, text, problems)
            info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
            pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
            print("# %s: %s pages" % (form, pages.group(1) if pages else "?"))
            for old in glob.glob("screenshot-pdf-%s-*.png" % form):
                os.unlink(old)
            r = subprocess.run(["pdftoppm", "-r", "60", "-png", pdf, "screenshot-pdf-" + form], capture_output=True, text=True)
            if r.returncode != 0:
                problems.append("pdftoppm failed: " + r.stderr.strip())
        print(("ok" if not problems else "not ok") + " %d %s: every answer of the complete application is on its PDF"
              % (number, form))
        for problem in problems[:20]:
            print("# " + problem)
