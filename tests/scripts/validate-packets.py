#!/usr/bin/python3
"""Packs every complete procedure application with shenbao-tool and checks
the packet against data/schemas/packet.schema.json (prints TAP)."""
import glob
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("1..0 # SKIP python3-jsonschema is not installed")
    sys.exit(0)

tool, schema_path, fixtures = sys.argv[1], sys.argv[2], sys.argv[3]
with open(schema_path, encoding="utf-8") as f:
    validator = jsonschema.Draft202012Validator(json.load(f))

cases = sorted(glob.glob(os.path.join(fixtures, "*", "complete.expected.json")))
print("1..%d" % len(cases))
failed = 0
with tempfile.TemporaryDirectory() as tmp:
    for number, expected_path in enumerate(cases, 1):
        form = os.path.basename(os.path.dirname(expected_path))
        with open(expected_path, encoding="utf-8") as f:
            expected = json.load(f)
        packet = os.path.join(tmp, form + ".sbpkt.json")
        arguments = [tool, "pack", "--form", form, "--date", expected["date"], "--files", os.path.join(fixtures, "files"),
                     "--created", "2024-01-02T03:04:05Z", "--finalised", "2024-01-02T03:04:06Z",
                     os.path.join(os.path.dirname(expected_path), "complete.json"), "-o", packet]
        justifications = expected.get("justifications")
        if justifications:
            path = os.path.join(tmp, form + "-justifications.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(justifications, f, ensure_ascii=False)
            arguments += ["--justifications", path]
        result = subprocess.run(arguments, capture_output=True, text=True)
        errors = []
        if result.returncode != 0:
            errors = ["shenbao-tool pack failed: " + result.stderr.strip()]
        else:
            with open(packet, encoding="utf-8") as f:
                errors = [e.message for e in validator.iter_errors(json.load(f))]
        if errors:
            failed += 1
            print("not ok %d - %s" % (number, form))
            for error in errors[:10]:
                print("# " + error[:300])
        else:
            print("ok %d - %s packs into a packet the schema accepts" % (number, form))
sys.exit(1 if failed else 0)
