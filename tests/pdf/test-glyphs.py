#!/usr/bin/python3
"""Every glyph our PDFs embed draws (check-glyphs.py), in the packet PDF of
each procedure's complete application, final and draft, and in the
reviewer's 一次性告知单 and 审核意见, whose 如 (一次性告知如下) cairo 1.16's
CFF subsetter once wrote empty.  TAP.

usage: test-glyphs.py SHENBAO_TOOL FIXTURES TEST_PDF

TEST_PDF is tests/test-pdf: its review tests write the two review
documents into SHENBAO_TEST_KEEP_PDFS (the tool writes neither).
"""
import importlib.util
import os
import subprocess
import sys
import tempfile

if importlib.util.find_spec("pikepdf") is None:
    print("1..0 # SKIP python3-pikepdf is not installed")
    sys.exit(0)

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from pdfa_fixtures import FORMS, render  # noqa: E402

spec = importlib.util.spec_from_file_location("check_glyphs", os.path.join(HERE, "check-glyphs.py"))
check_glyphs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_glyphs)

checks = 0
failures = 0


def check(name, condition, detail=""):
    global checks, failures
    checks += 1
    print("%s %d - %s" % ("ok" if condition else "not ok", checks, name))
    if not condition:
        failures += 1
    for line in str(detail).splitlines()[:40]:
        print("# " + line)


def shows(path, character):
    """Whether a font of the PDF at PATH maps a glyph to CHARACTER."""
    import pikepdf
    with pikepdf.open(path) as pdf:
        return any(character in check_glyphs.to_unicode(obj).values() for obj in pdf.objects
                   if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"
                   and obj.get("/Subtype") == "/Type0")


def check_pdf(name, path):
    problems, drawn = check_glyphs.check_pdf(path)
    check("%s: all %d glyphs draw (or are blanks)" % (name, drawn), drawn > 0 and not problems,
          "\n".join(problems) or ("no embedded glyphs" if drawn == 0 else ""))


def main():
    tool, fixtures, test_pdf = sys.argv[1:4]
    print("TAP version 13")
    with tempfile.TemporaryDirectory() as folder:
        for form in FORMS:
            for draft in (False, True):
                kind = "draft" if draft else "final"
                pdf, problem = render(tool, fixtures, form, draft, folder)
                if pdf is None:
                    check("%s %s: rendered" % (form, kind), False, problem)
                else:
                    check_pdf("%s %s packet" % (form, kind), pdf)

        env = dict(os.environ, SHENBAO_TEST_KEEP_PDFS=folder)
        r = subprocess.run([test_pdf, "-p", "/pdf/review-notice", "-p", "/pdf/review-notice-recorded",
                            "-p", "/pdf/review-opinion"],
                           env=env, capture_output=True, text=True, timeout=300)
        check("test-pdf writes the notice and the opinion", r.returncode == 0, r.stdout + r.stderr)
        # The draft notice, the notice as the register recorded it, the opinion.
        for name in ("notice.pdf", "notice-recorded.pdf", "opinion.pdf"):
            path = os.path.join(folder, name)
            if not os.path.exists(path):
                check(name + ": written", False)
                continue
            if name in ("notice.pdf", "notice-recorded.pdf"):
                # The character that was lost; without it this check proves nothing.
                check(name + ": shows 如 (一次性告知如下)", shows(path, "如"))
            check_pdf(name, path)

    print("1..%d" % checks)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
