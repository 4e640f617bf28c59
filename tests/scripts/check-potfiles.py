#!/usr/bin/env python3
"""Fails when a source file with translatable strings is missing from
po/POTFILES.in, or when POTFILES.in names a file that does not exist.

Usage: check-potfiles.py SOURCE_ROOT   (prints TAP)
"""
import os
import re
import sys

TRANSLATABLE = re.compile(r'(\b_\(\s*"|\bN_\(\s*"|\bC_\(\s*"|translatable="yes")')
SUFFIXES = (".c", ".ui", ".in", ".xml")


def main():
    root = sys.argv[1]
    with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
        listed = [line.strip() for line in f if line.strip() and not line.startswith("#")]

    found = []
    for top in ("app", "data"):
        for directory, _, files in os.walk(os.path.join(root, top)):
            for name in files:
                if not name.endswith(SUFFIXES):
                    continue
                path = os.path.join(directory, name)
                relative = os.path.relpath(path, root)
                with open(path, encoding="utf-8", errors="replace") as f:
                    if TRANSLATABLE.search(f.read()):
                        found.append(relative)

    problems = []
    for relative in sorted(found):
        if relative not in listed:
            problems.append("%s has translatable strings but is not in po/POTFILES.in" % relative)
    for relative in listed:
        if not os.path.exists(os.path.join(root, relative)):
            problems.append("po/POTFILES.in names %s, which does not exist" % relative)
    if listed != sorted(listed):
        problems.append("po/POTFILES.in is not sorted")

    print("1..1")
    if problems:
        print("not ok 1 - POTFILES.in is complete")
        for problem in problems:
            print("# " + problem)
        return 1
    print("ok 1 - POTFILES.in is complete (%d files)" % len(listed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
