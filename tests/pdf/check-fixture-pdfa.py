#!/usr/bin/python3
"""The complete application of each procedure, final and draft, renders as a
PDF that passes every clause of check-pdfa.py (TAP).

Usage: check-fixture-pdfa.py SHENBAO_TOOL FIXTURES
"""
import importlib.util
import sys
import tempfile

if importlib.util.find_spec("pikepdf") is None:  # the checker needs it
    print("1..0 # SKIP python3-pikepdf is not installed")
    sys.exit(0)

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from pdfa_fixtures import FORMS, check, render


def main():
    tool, fixtures = sys.argv[1], sys.argv[2]
    cases = [(form, draft) for form in FORMS for draft in (False, True)]
    print("1..%d" % len(cases))
    with tempfile.TemporaryDirectory() as folder:
        for number, (form, draft) in enumerate(cases, 1):
            kind = "draft" if draft else "final"
            pdf, problem = render(tool, fixtures, form, draft, folder)
            if pdf is None:
                print("not ok %d %s %s: %s" % (number, form, kind, problem))
                continue
            status, statuses, output = check(pdf)
            failed = sorted(c for c, s in statuses.items() if s == "FAIL")
            passed = sum(1 for s in statuses.values() if s == "PASS")
            # Our PDFs use nothing the checker cannot verify (simple fonts,
            # JPEG2000, ...): a "not checked" would need a new check first.
            unchecked = output.count("    not checked: ")
            good = status == 0 and not failed and passed >= 20 and not unchecked
            print("%s %d %s %s: PDF/A-3b checker, %d clauses pass, failing: %s, %d things not checked"
                  % ("ok" if good else "not ok", number, form, kind, passed, ", ".join(failed) or "none", unchecked))
            for line in output.splitlines():
                print("# " + line)


if __name__ == "__main__":
    main()
