#!/usr/bin/env python3
"""Prints the procedures the end-to-end fill test types in, one a line, for
tests/meson.build: every FORMS/<id>.json with a FIXTURES/<id>/complete.json,
as "<id>", or "<id>/small" when FIXTURES/<id>/small.json is there."""
import glob
import os
import sys

forms, fixtures = sys.argv[1:3]
for path in sorted(glob.glob(os.path.join(forms, "*.json"))):
    form = os.path.splitext(os.path.basename(path))[0]
    if not os.path.exists(os.path.join(fixtures, form, "complete.json")):
        continue
    print(form + "/small" if os.path.exists(os.path.join(fixtures, form, "small.json")) else form)
