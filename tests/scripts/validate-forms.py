#!/usr/bin/python3
"""Validates form definitions against data/schemas/form.schema.json (TAP).

Usage: validate-forms.py SCHEMA FILE-OR-FOLDER...  (a folder: its *.json)
The loader checks far more (expressions, references); this keeps the
published schema honest about the files we ship.
"""
import glob
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print("1..0 # SKIP python3-jsonschema is not installed")
    sys.exit(0)


def main():
    schema_path, paths = sys.argv[1], []
    for argument in sys.argv[2:]:
        if os.path.isdir(argument):
            paths += sorted(glob.glob(os.path.join(argument, "*.json")))
        else:
            paths.append(argument)
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    print("1..%d" % len(paths))
    failed = 0
    for number, path in enumerate(paths, 1):
        try:
            with open(path, encoding="utf-8") as f:
                document = json.load(f)
            errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        except (OSError, ValueError) as error:
            errors = [error]
        if errors:
            failed += 1
            print("not ok %d - %s" % (number, path))
            for error in errors[:20]:
                where = "/".join(str(p) for p in getattr(error, "absolute_path", []))
                print("# %s: %s" % (where or "$", getattr(error, "message", error)))
        else:
            print("ok %d - %s" % (number, path))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
