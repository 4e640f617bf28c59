#!/usr/bin/env python3
"""`shenbao-tool check` on the procedure fixtures, as a user would run it.

For each procedure under FIXTURES (a folder with complete.json,
complete.expected.json and rule-cases.json): the complete application, and
the complete application of each other path (every NAME.json beside a
NAME.expected.json, e.g. kejipeixun/change-content.json), must give exactly
the expected rule ids, and every rule case must fire (or not fire) its rule
through the command line too.  test-procedures checks the
same through the library; this proves the CLI reads answers the same way.
Usage: check-fixtures.py SHENBAO_TOOL FIXTURES   (prints TAP)
"""
import copy
import glob
import json
import os
import subprocess
import sys
import tempfile

tool, fixtures = sys.argv[1], sys.argv[2]


def pointer(path):
    return [part.replace("~1", "/").replace("~0", "~") for part in path.split("/")[1:]]


def apply_patch(document, patch):
    for op in patch:
        *parents, last = pointer(op["path"])
        target = document
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if isinstance(target, list):
            index = int(last)
            if op["op"] == "remove":
                del target[index]
            elif op["op"] == "add":
                target.insert(index, op["value"])
            else:
                target[index] = op["value"]
        elif op["op"] == "remove":
            del target[last]
        else:
            target[last] = op["value"]


def check(form, date, answers, tmp):
    path = os.path.join(tmp, "answers.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(answers, f, ensure_ascii=False)
    result = subprocess.run([tool, "check", "--form", form, "--date", date, "--json", path],
                            capture_output=True, text=True, timeout=60)
    if result.returncode not in (0, 1):
        raise RuntimeError("exit %d: %s" % (result.returncode, result.stderr.strip()))
    return {finding["rule"] for finding in json.loads(result.stdout)}


procedures = sorted(os.path.dirname(p) for p in glob.glob(os.path.join(fixtures, "*", "rule-cases.json")))
paths = {folder: sorted(os.path.basename(p)[:-len(".expected.json")]
                        for p in glob.glob(os.path.join(folder, "*.expected.json"))
                        if os.path.basename(p) != "complete.expected.json")
         for folder in procedures}
print("1..%d" % (2 * len(procedures) + sum(len(names) for names in paths.values())))
number = 0
with tempfile.TemporaryDirectory() as tmp:
    for folder in procedures:
        form = os.path.basename(folder)
        with open(os.path.join(folder, "complete.json"), encoding="utf-8") as f:
            base = json.load(f)
        with open(os.path.join(folder, "complete.expected.json"), encoding="utf-8") as f:
            expected = json.load(f)
        with open(os.path.join(folder, "rule-cases.json"), encoding="utf-8") as f:
            cases = json.load(f)

        number += 1
        try:
            found = check(form, expected["date"], base, tmp)
            wrong = found ^ set(expected["fires"])
            problem = "" if not wrong else "got %s, expected %s" % (sorted(found), sorted(expected["fires"]))
        except (RuntimeError, ValueError) as error:
            problem = str(error)
        print(("ok" if not problem else "not ok") + " %d %s complete application" % (number, form))
        if problem:
            print("# " + problem)

        for name in paths[folder]:
            number += 1
            with open(os.path.join(folder, name + ".json"), encoding="utf-8") as f:
                answers = json.load(f)
            with open(os.path.join(folder, name + ".expected.json"), encoding="utf-8") as f:
                path_expected = json.load(f)
            try:
                found = check(form, path_expected["date"], answers, tmp)
                wrong = found ^ set(path_expected["fires"])
                problem = "" if not wrong else "got %s, expected %s" % (sorted(found), sorted(path_expected["fires"]))
            except (RuntimeError, ValueError) as error:
                problem = str(error)
            print(("ok" if not problem else "not ok") + " %d %s path %s" % (number, form, name))
            if problem:
                print("# " + problem)

        number += 1
        problems = []
        for case in cases["cases"]:
            for side in ("fires", "holds"):
                if case.get(side) is None:
                    continue
                answers = copy.deepcopy(base)
                apply_patch(answers, case[side]["patch"])
                try:
                    fired = case["rule"] in check(form, case[side].get("date", cases["date"]), answers, tmp)
                except (RuntimeError, ValueError) as error:
                    problems.append("%s %s: %s" % (case["rule"], side, error))
                    continue
                if fired != (side == "fires"):
                    problems.append("%s %s: the rule %s" % (case["rule"], side, "fires" if fired else "does not fire"))
        print(("ok" if not problems else "not ok") + " %d %s rule cases through the CLI (%d cases)" % (number, form, len(cases["cases"])))
        for problem in problems:
            print("# " + problem)
