#!/usr/bin/python3
"""No forged packet PDF is called verified (TAP).

The complete application of each procedure, final and draft, renders to a
PDF that `shenbao-tool verify`, `validate` and `review` call verified, and so does a
copy qpdf rewrote (the comparison is of what the PDF holds, not of how it
is written).  Every hostile PDF make-hostile-pdfs.py makes from the zijin
one is NOT verified by any of them, exits 1 or 2, and is told with the words
that name what is wrong, all under an address-space limit of 2 GB (a
decompression bomb decoded whole would need gigabytes).  The timeout only
stops a hang; nothing here is timed.

Usage: test-hostile-pdfs.py SHENBAO_TOOL FIXTURES
"""
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

if importlib.util.find_spec("pikepdf") is None:
    print("1..0 # SKIP python3-pikepdf is not installed")
    sys.exit(0)

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from pdfa_fixtures import FORMS, render

HERE = os.path.dirname(os.path.abspath(__file__))

LIMIT = ["prlimit", "--as=2000000000", "--"]
number = 0


def check(description, ok, details=""):
    global number
    number += 1
    print("%s %d - %s" % ("ok" if ok else "not ok", number, description))
    if not ok:
        for line in details.strip().splitlines()[-25:]:
            print("# " + line)


def run(tool, *args, chinese=False):
    """Runs the tool under the memory limit; the result also carries its
    time and peak memory (wait4 gives the child's own), which the test
    prints as figures and never asserts."""
    env = dict(os.environ)
    if chinese:
        # As a Chinese desktop runs it, with the catalogue built beside the
        # tool (SHENBAO_LOCALEDIR, from meson).
        env.pop("LC_ALL", None)
        env.update(LANG="zh_CN.UTF-8", LANGUAGE="zh_CN")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        child = subprocess.Popen(LIMIT + [tool] + list(args), stdout=out, stderr=err, env=env)
        # Only a hang guard: a run this long has failed anyway.
        guard = threading.Timer(600, child.kill)
        guard.start()
        _, status, usage = os.wait4(child.pid, 0)
        guard.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        r = subprocess.CompletedProcess(args, child.returncode, out.read().decode("utf-8", "replace"),
                                        err.read().decode("utf-8", "replace"))
    r.figures = "%.2f s, %d MB peak" % (time.monotonic() - start, usage.ru_maxrss // 1024)
    return r


def review_verdicts(r):
    """The review --json entries ("verified" true/false, or "error")."""
    try:
        return json.loads(r.stdout)
    except ValueError:
        return []


def main():
    tool, fixtures = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as folder:
        goods = []
        for form in FORMS:
            for draft in (False, True):
                pdf, problem = render(tool, fixtures, form, draft, folder)
                goods.append(("%s %s" % (form, "draft" if draft else "final"), pdf, problem))
        rewritten = os.path.join(folder, "rewritten.pdf")
        if goods[-2][1] is not None and shutil.which("qpdf"):
            subprocess.run(["qpdf", goods[-2][1], rewritten], check=True)
            goods.append(("zijin final, rewritten by qpdf", rewritten, None))

        zijin = os.path.join(folder, "zijin.final.pdf")
        packet = os.path.join(folder, "zijin.final.sbpkt.json")
        out = os.path.join(folder, "hostile")
        os.mkdir(out)
        # In a process of its own: this one stays small, so that the peak
        # memory wait4 reports for each run (at least this process's size at
        # the fork) is the tool's.
        cases = []
        made_errors = "the zijin PDF was not made"
        if os.path.exists(zijin):
            made = subprocess.run([sys.executable, os.path.join(HERE, "make-hostile-pdfs.py"), zijin, packet, out],
                                  capture_output=True, text=True)
            made_errors = made.stderr
            for line in made.stdout.splitlines():
                name, *words = line.split("\t")
                cases.append((name, os.path.join(out, name + ".pdf"), words))

        # The reviewer reads the reasons in Chinese on a Chinese desktop.
        chinese = {"page-2-replaced": "第 2 页与嵌入的申请包生成的页面不同",
                   "desktop-file-embedded": "只允许嵌入申请包",
                   "incremental-update": "追加了增量更新",
                   "packet-bomb": "嵌入的申请包解码后超过其声明的"}
        have_zh = "zh_CN.utf8" in subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
        print("1..%d" % (3 * len(goods) + 3 * len(cases) + 1 + (len(chinese) if have_zh else 0)))
        check("make-hostile-pdfs.py made every case", len(cases) >= 17, "%d cases\n%s" % (len(cases), made_errors))

        for name, pdf, problem in goods:
            if pdf is None:
                for command in ("verify", "validate", "review"):
                    check("%s: %s verifies" % (command, name), False, problem)
                continue
            r = run(tool, "verify", pdf)
            print("# verify %s: %s" % (name, r.figures))
            check("verify: %s verifies, every PDF check ok" % name,
                  r.returncode == 0 and r.stdout.rstrip().endswith("\nverified") and "FAILED" not in r.stdout,
                  r.stdout + r.stderr)
            r = run(tool, "validate", pdf)
            check("validate: %s verifies, every PDF check ok" % name,
                  r.returncode == 0 and r.stdout.rstrip().endswith("\nverified") and "FAILED" not in r.stdout,
                  r.stdout + r.stderr)
            r = run(tool, "review", "--json", pdf)
            verdicts = review_verdicts(r)
            check("review: %s verifies" % name,
                  len(verdicts) == 1 and verdicts[0].get("verified") is True
                  and all(c["ok"] for c in verdicts[0].get("checks", [])), r.stdout + r.stderr)

        for name, pdf, words in cases:
            r = run(tool, "verify", pdf)
            print("# verify %s: %s" % (name, r.figures))
            text = r.stdout + r.stderr
            missing = [w for w in words if w not in text]
            check("verify: %s is not verified (exit %d) and the reason names it" % (name, r.returncode),
                  r.returncode in (1, 2) and "\nverified" not in "\n" + r.stdout and not missing,
                  "missing: %s\n%s" % (missing, text))

            r = run(tool, "validate", pdf)
            text = r.stdout + r.stderr
            missing = [w for w in words if w not in text]
            check("validate: %s is not verified (exit %d) and the reason names it" % (name, r.returncode),
                  r.returncode in (1, 2) and "\nverified" not in "\n" + r.stdout and not missing,
                  "missing: %s\n%s" % (missing, text))

            r = run(tool, "review", "--json", pdf)
            verdicts = review_verdicts(r)
            text = json.dumps(verdicts, ensure_ascii=False) + r.stderr
            missing = [w for w in words if w not in text]
            check("review: %s is not verified (exit %d) and the reason names it" % (name, r.returncode),
                  r.returncode in (1, 2) and len(verdicts) == 1 and verdicts[0].get("verified") is not True
                  and not missing, "missing: %s\n%s" % (missing, r.stdout[-3000:] + r.stderr))

            if have_zh and name in chinese:
                r = run(tool, "verify", pdf, chinese=True)
                check("verify: %s is told in Chinese under zh_CN" % name,
                      r.returncode in (1, 2) and chinese[name] in r.stdout + r.stderr, r.stdout + r.stderr)


main()
