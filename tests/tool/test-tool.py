#!/usr/bin/env python3
"""shenbao-tool on the engine test form: commands, output and exit codes.

Prints TAP.  Runs the real executable ($SHENBAO_TOOL) with a data folder
holding only the engine test form, so it does not depend on the procedures.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

TOOL = os.environ["SHENBAO_TOOL"]
FIXTURES = os.environ["SHENBAO_TEST_FIXTURES"]

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(args, data_dir, stdin=None):
    env = dict(os.environ, SHENBAO_DATA_DIR=data_dir)
    return subprocess.run([TOOL] + args, capture_output=True, text=True, env=env, input=stdin, timeout=60)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = os.path.join(tmp, "data")
        shutil.copytree(os.path.join(FIXTURES, "forms"), os.path.join(data_dir, "forms"))
        answers = {
            "name": "阳泉市城区启明科技培训中心", "area": "120.00", "teaching_area": "80.00",
            "kind": "新设立", "pledge": True, "end_time": "20:30",
            "staff": [{"staff_name": "张伟", "role": "教学"}],
        }
        good = os.path.join(tmp, "good.json")
        with open(good, "w") as f:
            json.dump(answers, f, ensure_ascii=False)
        bad = os.path.join(tmp, "bad.json")
        with open(bad, "w") as f:
            json.dump(dict(answers, area="99.99"), f, ensure_ascii=False)
        boundary = os.path.join(tmp, "boundary.json")
        with open(boundary, "w") as f:
            json.dump(dict(answers, area="100.00", teaching_area="66.66"), f, ensure_ascii=False)

        r = run(["--help"], data_dir)
        check("help", r.returncode == 0 and "check" in r.stdout, r.stderr)
        r = run(["frobnicate"], data_dir)
        check("unknown command exits 2", r.returncode == 2, r.stderr)

        r = run(["forms", "--json"], data_dir)
        forms = json.loads(r.stdout) if r.returncode == 0 else []
        check("forms --json lists the form", any(f["id"] == "enginetest" and f["version"] == "1.0" for f in forms), r.stdout + r.stderr)
        r = run(["forms"], data_dir)
        check("forms prints the regulation", r.returncode == 0 and "测试〔2023〕1号" in r.stdout, r.stdout + r.stderr)

        r = run(["check", "--form", "enginetest", "--date", "2024-03-15", "--json", good], data_dir)
        findings = json.loads(r.stdout) if r.stdout.strip() else None
        check("check: valid answers exit 0", r.returncode == 0, r.stdout + r.stderr)
        check("check --json is an array of findings with rule, severity, field, message",
              isinstance(findings, list) and all({"rule", "severity", "field", "message"} <= set(x) for x in findings)
              and [x["rule"] for x in findings] == ["ET-08"], r.stdout)

        r = run(["check", "--form", "enginetest", "--date", "2024-03-15", "--json", bad], data_dir)
        findings = json.loads(r.stdout) if r.stdout.strip() else []
        rules = {x["rule"]: x for x in findings}
        check("check: an error exits 1", r.returncode == 1, r.stdout + r.stderr)
        check("check: ET-01 fires at 99.99 with its message",
              "ET-01" in rules and rules["ET-01"]["field"] == "area" and "99.99" in rules["ET-01"]["message"], r.stdout)
        r = run(["check", "--form", "enginetest", "--date", "2024-03-15", "--json", boundary], data_dir)
        rules = {x["rule"]: x for x in json.loads(r.stdout)} if r.stdout.strip() else {}
        check("check: ET-02 fires at 66.66 of 100.00 and gives the exact bound",
              r.returncode == 1 and "ET-02" in rules and "66.67" in rules["ET-02"]["message"], r.stdout)

        r = run(["check", "--form", "enginetest", "--date", "2025-05-22", good], data_dir)
        check("check: human output cites the clause",
              r.returncode == 0 and "ET-06" in r.stdout and "依据 《测试办法》第四条" in r.stdout, r.stdout + r.stderr)

        for name, content in [("truncated", '{"name": "x",'), ("array", "[1, 2]"), ("deep", "[" * 100000 + "]" * 100000),
                              ("latin1", None)]:
            path = os.path.join(tmp, name + ".json")
            if content is None:
                with open(path, "wb") as f:
                    f.write(b'{"name": "\xe9"}')
            else:
                with open(path, "w") as f:
                    f.write(content)
            r = run(["check", "--form", "enginetest", "--date", "2024-03-15", path], data_dir)
            check("check: %s input exits 2 with a message" % name,
                  r.returncode == 2 and path in r.stderr, r.stderr[:300])

        r = run(["check", "--form", "enginetest", os.path.join(tmp, "missing.json")], data_dir)
        check("check: missing file exits 2", r.returncode == 2 and "missing.json" in r.stderr, r.stderr)
        r = run(["check", "--form", "nothing", good], data_dir)
        check("check: unknown form exits 2", r.returncode == 2 and "nothing" in r.stderr, r.stderr)
        r = run(["check", "--form", "enginetest", "--date", "2024-02-30", good], data_dir)
        check("check: bad date exits 2", r.returncode == 2 and "2024-02-30" in r.stderr, r.stderr)
        r = run(["check", good], data_dir)
        check("check: missing --form exits 2", r.returncode == 2, r.stderr)

        # Packets: pack, validate, render, verify.
        files = os.path.join(FIXTURES, "files")
        with_file = os.path.join(tmp, "with-file.json")
        with open(with_file, "w") as f:
            json.dump(dict(answers, charter_file=[{"name": "章程.pdf", "media_type": "application/pdf", "size": 193,
                      "sha256": "e5a636ac00ea3c175d3193c5d05df60ded156dd466043c70d254507ec277e4c2"}]), f, ensure_ascii=False)
        stamps = ["--created", "2024-03-14T09:00:00Z", "--finalised", "2024-03-15T08:00:00Z"]
        packet = os.path.join(tmp, "a.sbpkt.json")
        r = run(["pack", "--form", "enginetest", "--date", "2024-03-15", "--files", files, with_file, "-o", packet] + stamps, data_dir)
        check("pack: a valid application makes a final packet", r.returncode == 0 and os.path.exists(packet), r.stdout + r.stderr)
        again = os.path.join(tmp, "b.sbpkt.json")
        run(["pack", "--form", "enginetest", "--date", "2024-03-15", "--files", files, with_file, "-o", again] + stamps, data_dir)
        check("pack: the same input gives the same bytes",
              os.path.exists(again) and open(packet, "rb").read() == open(again, "rb").read())

        r = run(["pack", "--form", "enginetest", "--date", "2024-03-15", bad, "-o", os.path.join(tmp, "c.json")] + stamps, data_dir)
        check("pack: refuses a final packet while an error fires (exit 1)", r.returncode == 1 and "ET-01" in r.stderr, r.stderr)
        r = run(["pack", "--form", "enginetest", "--date", "2024-03-15", "--draft", bad, "-o", os.path.join(tmp, "d.json")] + stamps, data_dir)
        check("pack --draft: keeps a draft with errors", r.returncode == 0 and "draft" in r.stdout, r.stderr)
        r = run(["pack", "--form", "enginetest", "--date", "2024-03-15", with_file, "-o", os.path.join(tmp, "e.json")] + stamps, data_dir)
        check("pack: a described file without its bytes exits 2", r.returncode == 2 and "章程.pdf" in r.stderr, r.stderr)

        r = run(["validate", "--json", packet], data_dir)
        report = json.loads(r.stdout) if r.returncode in (0, 1) and r.stdout.strip() else {}
        check("validate: a fresh packet verifies", r.returncode == 0 and report.get("verified") is True, r.stdout + r.stderr)

        tampered = os.path.join(tmp, "tampered.json")
        with open(packet, encoding="utf-8") as f:
            text = f.read()
        with open(tampered, "w", encoding="utf-8") as f:
            f.write(text.replace('"area":"120.00"', '"area":"121.00"'))
        r = run(["validate", "--json", tampered], data_dir)
        report = json.loads(r.stdout) if r.stdout.strip() else {}
        integrity = [c for c in report.get("checks", []) if c["check"] == "integrity"]
        check("validate: a changed answer is caught by the integrity hash",
              r.returncode == 1 and integrity and not integrity[0]["ok"], r.stdout)

        for name, content in [("not-json", "{"), ("future", '{"format": 99}'), ("array", "[]")]:
            path = os.path.join(tmp, name + ".sbpkt.json")
            with open(path, "w") as f:
                f.write(content)
            r = run(["validate", path], data_dir)
            check("validate: %s exits 2 with a message" % name, r.returncode == 2 and r.stderr.strip(), r.stderr)

        pdf = os.path.join(tmp, "a.pdf")
        r = run(["render", packet, "-o", pdf], data_dir)
        check("render: writes the PDF", r.returncode == 0 and os.path.exists(pdf), r.stdout + r.stderr)
        pdf2 = os.path.join(tmp, "a2.pdf")
        run(["render", packet, "-o", pdf2], data_dir)
        check("render: the same packet gives the same bytes",
              os.path.exists(pdf2) and open(pdf, "rb").read() == open(pdf2, "rb").read())
        r = run(["verify", pdf], data_dir)
        check("verify: the PDF verifies and its cover shows the packet", r.returncode == 0 and "verified" in r.stdout,
              r.stdout + r.stderr)
        r = run(["validate", pdf], data_dir)
        check("validate: reads the packet inside a PDF", r.returncode == 0, r.stdout + r.stderr)
        r = run(["render", tampered, "-o", os.path.join(tmp, "t.pdf")], data_dir)
        check("render: refuses a packet that does not verify", r.returncode == 1, r.stdout + r.stderr)

        # Several packets at once: each reported, the worst exit status.
        r = run(["validate", "--json", packet, tampered], data_dir)
        batch = json.loads(r.stdout) if r.stdout.strip() else []
        check("validate: several packets give an array and exit 1 when one fails",
              r.returncode == 1 and [b.get("verified") for b in batch] == [True, False], r.stdout + r.stderr)

        # review: for an office, with deadlines from the day of receipt.
        # 2024-03-18 (Monday) + 5 working days = 2024-03-25.
        shutil.copytree(os.path.join(FIXTURES, "..", "..", "data", "calendar"), os.path.join(data_dir, "calendar"))
        r = run(["review", "--received", "2024-03-18", "--today", "2024-03-20", packet], data_dir)
        check("review: a good packet exits 0 with its deadline counted in working days",
              r.returncode == 0 and "due 2024-03-25, 3 working days left" in r.stdout and "verified" in r.stdout,
              r.stdout + r.stderr)
        garbage = os.path.join(tmp, "garbage.sbpkt.json")
        with open(garbage, "w") as f:
            f.write("not a packet")
        r = run(["review", "--json", "--received", "2024-03-18", "--today", "2024-04-01", packet, tampered, pdf, garbage],
                data_dir)
        reviews = json.loads(r.stdout) if r.stdout.strip() else []
        check("review --json: every file reported, the unreadable one named, exit 2",
              r.returncode == 2 and len(reviews) == 4
              and reviews[0]["verified"] and not reviews[1]["verified"] and reviews[2]["from_pdf"]
              and "garbage.sbpkt.json" in reviews[3].get("error", ""), r.stdout + r.stderr)
        check("review --json: an overdue deadline has a negative remainder",
              len(reviews) > 0 and reviews[0]["deadlines"][0]["due"] == "2024-03-25"
              and reviews[0]["deadlines"][0]["remaining"] < 0, r.stdout)
        r = run(["review", packet, tampered], data_dir)
        check("review: a packet that does not verify makes the exit status 1",
              r.returncode == 1 and "NOT VERIFIED" in r.stdout, r.stdout + r.stderr)

        # The hostile corpus: a clear message, never a crash.
        corpus = os.path.join(FIXTURES, "..", "packets")
        crashed = []
        for name in sorted(os.listdir(corpus)):
            if not name.endswith(".sbpkt.json"):
                continue
            r = run(["review", os.path.join(corpus, name)], data_dir)
            if r.returncode not in (0, 1, 2) or (r.returncode == 2 and not r.stderr.strip()):
                crashed.append("%s: exit %d %s" % (name, r.returncode, r.stderr.strip()[:200]))
        check("review: every packet of the hostile corpus gets a status and a message", not crashed, "\n".join(crashed))

    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            for line in detail.splitlines()[:20]:
                print("# " + line)
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
