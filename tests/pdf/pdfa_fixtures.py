"""Shared by the PDF/A tests: render the fixture packets, run the checker."""
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.path.join(HERE, "check-pdfa.py")
# Every procedure with a complete application in fixtures/<id>/.
FORMS = tuple(sorted(os.path.basename(os.path.dirname(p))
                     for p in glob.glob(os.path.join(HERE, "..", "fixtures", "*", "complete.expected.json"))))


def render(tool, fixtures, form, draft, folder):
    """Packs FIXTURES/FORM/complete.json (final or draft) and renders it.
    Returns (pdf path, None) or (None, why not)."""
    with open(os.path.join(fixtures, form, "complete.expected.json"), encoding="utf-8") as f:
        date = json.load(f)["date"]
    kind = "draft" if draft else "final"
    packet = os.path.join(folder, "%s.%s.sbpkt.json" % (form, kind))
    pdf = os.path.join(folder, "%s.%s.pdf" % (form, kind))
    command = [tool, "pack", "--form", form, "--date", date, "--files", os.path.join(fixtures, "files"),
               "--created", "2024-01-02T03:04:05Z", os.path.join(fixtures, form, "complete.json"), "-o", packet]
    command += ["--draft"] if draft else ["--finalised", "2024-01-02T03:04:06Z"]
    r = subprocess.run(command, capture_output=True, text=True)
    if r.returncode == 0:
        r = subprocess.run([tool, "render", packet, "-o", pdf], capture_output=True, text=True)
    if r.returncode != 0:
        return None, "could not pack and render: " + r.stderr.strip()
    return pdf, None


def check(pdf):
    """Runs the checker: (exit status, {clause: status}, output)."""
    r = subprocess.run([sys.executable, CHECKER, pdf], capture_output=True, text=True)
    statuses = {}
    for line in r.stdout.splitlines():
        m = re.match(r"(PASS|FAIL|NOT APPLICABLE)\s+(\S+) ", line)
        if m:
            statuses[m.group(2)] = m.group(1)
    return r.returncode, statuses, r.stdout + r.stderr
