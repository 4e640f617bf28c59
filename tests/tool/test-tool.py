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


def run(args, data_dir, stdin=None, chinese=False):
    env = dict(os.environ, SHENBAO_DATA_DIR=data_dir)
    if chinese:
        # As a Chinese desktop runs it, with the catalogue built beside the
        # tool (SHENBAO_LOCALEDIR, from meson).
        env.pop("LC_ALL", None)
        env.update(LANG="zh_CN.UTF-8", LANGUAGE="zh_CN")
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
        r = run(["verify", "--json", pdf], data_dir)
        try:
            verdict = json.loads(r.stdout)
        except ValueError:
            verdict = {}
        pages = [c for c in verdict.get("checks", []) if c["check"] == "pages"]
        check("verify --json: one JSON document, the pages among its checks",
              r.returncode == 0 and verdict.get("verified") is True and len(pages) == 1 and all(c["ok"] for c in pages),
              r.stdout + r.stderr)
        r = run(["validate", pdf], data_dir)
        check("validate: reads the packet inside a PDF", r.returncode == 0, r.stdout + r.stderr)
        if not shutil.which("qpdf"):
            check("verify: qpdf (the command) is installed, to put another packet into a PDF", False)
        else:
            # Another sound packet put inside: each verifies, but the pages show the first.
            other = os.path.join(tmp, "other.sbpkt.json")
            run(["pack", "--form", "enginetest", "--date", "2024-03-16", "--files", files, with_file, "-o", other,
                 "--created", "2024-03-15T09:00:00Z", "--finalised", "2024-03-16T08:00:00Z"], data_dir)
            swapped = os.path.join(tmp, "swapped.pdf")
            subprocess.run(["qpdf", pdf, "--add-attachment", other, "--key=packet.json", "--filename=packet.json",
                            "--mimetype=application/json", "--replace", "--", swapped], check=True)
            r = run(["verify", swapped], data_dir)
            check("verify: a PDF whose pages show another packet than it carries is NOT VERIFIED, exit 1",
                  r.returncode == 1 and "FAILED pages" in r.stdout and r.stdout.rstrip().endswith("NOT VERIFIED")
                  and "\nverified" not in r.stdout, r.stdout + r.stderr)
            r = run(["verify", "--json", swapped], data_dir)
            verdict = json.loads(r.stdout) if r.stdout.strip() else {}
            check("verify --json: the swapped packet is reported, verified false",
                  r.returncode == 1 and verdict.get("verified") is False
                  and [c["ok"] for c in verdict.get("checks", []) if c["check"] == "pages"] == [False],
                  r.stdout + r.stderr)
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
              r.returncode == 0 and "due 2024-03-25, 3 working days left" in r.stdout
              and "verified: every check passed" in r.stdout, r.stdout + r.stderr)
        check("review: prints the file, reference, form, applicant, dates and every rule with its citation",
              packet in r.stdout and json.load(open(packet, encoding="utf-8"))["reference"] in r.stdout
              and "enginetest 1.0" in r.stdout
              and "applicant  (not given)" in r.stdout and "submitted  2024-03-15" in r.stdout
              and "received 2024-03-18" in r.stdout and "NOTICE  ET-08" in r.stdout and "依据 《测试办法》" in r.stdout,
              r.stdout + r.stderr)
        r = run(["review", "--received", "2024-03-18", "--today", "2024-03-20", tampered], data_dir)
        check("review: a changed answer is reported as altered, prominently, exit 1",
              r.returncode == 1 and "FAILED  integrity" in r.stdout and "altered" in r.stdout
              and "*** NOT VERIFIED: integrity" in r.stdout, r.stdout + r.stderr)

        garbage = os.path.join(tmp, "garbage.sbpkt.json")
        with open(garbage, "w") as f:
            f.write("not a packet")
        r = run(["review", "--json", "--received", "2024-03-18", "--today", "2024-04-01", packet, tampered, pdf, garbage],
                data_dir)
        reviews = json.loads(r.stdout) if r.stdout.strip() else []
        check("review --json: every file reported, the unreadable one named, exit 2",
              r.returncode == 2 and len(reviews) == 4
              and reviews[0]["verified"] and not reviews[1]["verified"] and reviews[2]["from_pdf"]
              and "garbage.sbpkt.json" in reviews[3].get("error", "") and "garbage.sbpkt.json" in r.stderr,
              r.stdout + r.stderr)
        fields = {"file", "reference", "form", "version", "title", "status", "integrity_hash", "applicant", "submitted",
                  "received", "verified", "checks", "counts", "findings", "differences", "deadlines", "ok"}
        check("review --json: each packet has the fields a script needs",
              len(reviews) == 4 and all(fields <= set(x) for x in reviews[:3])
              and reviews[0]["file"] == packet and reviews[0]["submitted"] == "2024-03-15"
              and reviews[0]["received"] == "2024-03-18" and reviews[0]["applicant"] == ""
              and reviews[0]["counts"] == {"errors": 0, "warnings": 0, "notices": 1}
              and [(x["rule"], x["severity"]) for x in reviews[0]["findings"]] == [("ET-08", "info")]
              and reviews[0]["findings"][0]["citation"].startswith("《测试办法》") and reviews[0]["ok"] is True
              and reviews[1]["ok"] is False, r.stdout)
        check("review --json: an overdue deadline has a negative remainder",
              len(reviews) > 0 and reviews[0]["deadlines"][0]["due"] == "2024-03-25"
              and reviews[0]["deadlines"][0]["remaining"] < 0, r.stdout)
        pages = [c for c in reviews[2]["checks"] if c["check"] == "pages"] if len(reviews) > 2 else []
        check("review: a PDF packet is read, verified and its pages compared with the packet",
              len(pages) == 1 and pages[0]["ok"] and reviews[2]["verified"] and reviews[2]["reference"] == reviews[0]["reference"],
              r.stdout)
        r = run(["review", packet, tampered], data_dir)
        check("review: a packet that does not verify makes the exit status 1",
              r.returncode == 1 and "NOT VERIFIED" in r.stdout
              and "2 files reviewed: 1 verified without errors, 1 failed" in r.stdout, r.stdout + r.stderr)
        r = run(["review", "--received", "2024-02-30", packet], data_dir)
        check("review: a bad --received date exits 2", r.returncode == 2 and "2024-02-30" in r.stderr, r.stderr)
        r = run(["review", tmp], data_dir)
        check("review: a folder is not read, exit 2 with its name", r.returncode == 2 and "not a regular file" in r.stderr,
              r.stderr)

        # The stored results against today's, both ways: the packet claims a
        # rule that does not fire and leaves out one that does.
        with open(packet, encoding="utf-8") as f:
            stored = json.load(f)
        stored["validation"] = [x for x in stored["validation"] if x["rule"] != "ET-08"] + [
            {"rule": "ET-01", "severity": "error", "technical": False, "field": "area", "row": None,
             "message": "claimed \x1b[2J", "message_en": "claimed"}]
        claims = os.path.join(tmp, "claims.sbpkt.json")
        with open(claims, "w", encoding="utf-8") as f:
            json.dump(stored, f, ensure_ascii=False)
        r = run(["review", "--json", claims], data_dir)
        claimed = json.loads(r.stdout)[0] if r.stdout.strip() else {}
        differences = sorted((x["rule"], x["fires_now"]) for x in claimed.get("differences", []))
        check("review --json: differences between stored and computed results, both ways",
              r.returncode == 1 and differences == [("ET-01", False), ("ET-08", True)], r.stdout + r.stderr)
        r = run(["review", claims], data_dir)
        check("review: differences listed in words, and the packet's text cannot drive the terminal",
              r.returncode == 1 and "ET-01 area: in the packet, does not fire now" in r.stdout
              and "ET-08: fires now, the packet does not say so" in r.stdout
              and "\x1b" not in r.stdout, r.stdout)

        # A draft with an error and a justified warning, both about one table
        # row: a foreign teacher without a work permit (SB-REQUIRED, ET-03).
        # It verifies, but the error makes the exit status 1.
        foreign = os.path.join(tmp, "foreign.json")
        with open(foreign, "w") as f:
            json.dump(dict(answers, staff=[{"staff_name": "张伟", "role": "教学"},
                                           {"staff_name": "John Smith", "role": "教学", "is_foreign": True}]),
                      f, ensure_ascii=False)
        justified = os.path.join(tmp, "justified.sbpkt.json")
        r = run(["pack", "--form", "enginetest", "--date", "2024-03-15", "--draft", foreign, "-o", justified,
                 "--justify", "ET-03=许可证正在办理，入职前补交"] + stamps, data_dir)
        r = run(["review", "--received", "2024-03-18", "--today", "2024-03-18", justified], data_dir)
        check("review: errors and warnings on their row, the warning with the applicant's justification, exit 1",
              r.returncode == 1 and "verified: every check passed" in r.stdout
              and "ERROR   SB-REQUIRED staff[].permit_file (row 2):" in r.stdout
              and "WARNING ET-03 staff[].permit_file (row 2): 外籍人员请上传工作许可。" in r.stdout
              and "依据 《测试办法》第三条" in r.stdout
              and "申请人说明：许可证正在办理，入职前补交" in r.stdout, r.stdout + r.stderr)
        r = run(["review", "--json", "--received", "2024-03-18", "--today", "2024-03-18", justified], data_dir)
        drafted = json.loads(r.stdout)[0] if r.stdout.strip() else {}
        warned = [x for x in drafted.get("findings", []) if x["rule"] == "ET-03"]
        check("review --json: the warning carries its row and the justification; verified but not ok",
              r.returncode == 1 and drafted.get("verified") is True and drafted.get("ok") is False
              and drafted.get("counts", {}).get("errors") == 1 and len(warned) == 1 and warned[0]["row"] == 1
              and warned[0]["justification"] == "许可证正在办理，入职前补交", r.stdout + r.stderr)

        # The procedures' own deadlines with the real forms and calendar,
        # counted by hand from data/calendar/2024.json:
        # gengdi, 7 working days 报备 from Friday 2024-04-26: 04-28 (a Sunday
        # worked for 劳动节) 1, 04-29 2, 04-30 3, 05-01..05 off, 05-06 4,
        # 05-07 5, 05-08 6, 05-09 7.  On 2024-04-30 four remain (05-06..09);
        # on 2024-05-13 it is 3 overdue (05-10, Saturday 05-11 worked, 05-13).
        real_data = os.path.join(FIXTURES, "..", "..", "data")
        procedures = os.path.join(FIXTURES, "..", "fixtures")
        gengdi = os.path.join(tmp, "gengdi.sbpkt.json")
        r = run(["pack", "--form", "gengdi", "--date", "2024-03-15", "--files", files, "--created", "2024-03-14T09:00:00Z",
                 "--finalised", "2024-03-15T08:00:00Z", os.path.join(procedures, "gengdi", "complete.json"), "-o", gengdi],
                real_data)
        check("review: packs the complete gengdi application", r.returncode == 0, r.stdout + r.stderr)
        r = run(["review", "--received", "2024-04-26", "--today", "2024-04-30", gengdi], real_data)
        check("review: gengdi 总体方案报备, 7 working days across 劳动节, due 2024-05-09 with 4 left",
              r.returncode == 0 and "applicant  阳泉市城区绿源蔬菜种植专业合作社 · " in r.stdout and "总体方案报备 (7 working days from 2024-04-26): due 2024-05-09, 4 working days left"
              in r.stdout and "依据 《耕地转换办法》第四条 第(四)款" in r.stdout, r.stdout + r.stderr)
        r = run(["review", "--json", "--received", "2024-04-26", "--today", "2024-05-13", gengdi], real_data)
        deadlines = json.loads(r.stdout)[0]["deadlines"] if r.stdout.strip() else []
        check("review --json: gengdi deadline overdue by 3 working days on 2024-05-13",
              [(d["id"], d["working_days"], d["from"], d["due"], d["remaining"]) for d in deadlines]
              == [("filing", 7, "2024-04-26", "2024-05-09", -3)], r.stdout + r.stderr)
        # kejipeixun: 5 and 20 working days from Friday 2024-09-13: 09-14
        # (Saturday worked for 中秋) 1, 09-15..17 off, 09-18..20 2-4, 09-23 5;
        # then 09-24..27 6-9, 09-29 (Sunday worked for 国庆) 10, 09-30 11,
        # 10-01..07 off, 10-08..11 12-15, 10-12 (Saturday worked) 16,
        # 10-14..17 17-20.
        if os.path.exists(os.path.join(real_data, "forms", "kejipeixun.json")):
            keji = os.path.join(tmp, "kejipeixun.sbpkt.json")
            run(["pack", "--form", "kejipeixun", "--date", "2024-03-15", "--files", files, "--created",
                 "2024-03-14T09:00:00Z", "--finalised", "2024-03-15T08:00:00Z",
                 os.path.join(procedures, "kejipeixun", "complete.json"), "-o", keji], real_data)
            r = run(["review", "--json", "--received", "2024-09-13", "--today", "2024-09-20", keji], real_data)
            deadlines = json.loads(r.stdout)[0]["deadlines"] if r.returncode == 0 and r.stdout.strip() else []
            check("review --json: kejipeixun 一次性告知 due 2024-09-23, 审核意见 due 2024-10-17",
                  [(d["id"], d["working_days"], d["due"], d["remaining"]) for d in deadlines]
                  == [("notice", 5, "2024-09-23", 1), ("opinion", 20, "2024-10-17", 16)], r.stdout + r.stderr)

        # The hostile corpus: exit 1 or 2 with the expected message, never a
        # crash, never a GLib critical.
        corpus = os.path.join(FIXTURES, "..", "packets")
        with open(os.path.join(corpus, "expected.json"), encoding="utf-8") as f:
            expected = json.load(f)
        hostile = [os.path.join(corpus, name) for name in sorted(expected)]
        # Generated: deep nesting, truncations of a real packet, a broken PDF.
        deep = os.path.join(tmp, "deep.sbpkt.json")
        with open(deep, "w") as f:
            f.write('{"format": 1, "answers": ' + "[" * 100000 + "]" * 100000 + "}")
        hostile.append(deep)
        with open(packet, "rb") as f:
            whole = f.read()
        for cut in range(1, len(whole), max(1, len(whole) // 8)):
            path = os.path.join(tmp, "cut-%d.sbpkt.json" % cut)
            with open(path, "wb") as f:
                f.write(whole[:cut])
            hostile.append(path)
        with open(pdf, "rb") as f:
            pdf_bytes = f.read()
        for name, content in [("broken.pdf", pdf_bytes[:len(pdf_bytes) // 2]), ("header-only.pdf", b"%PDF-1.7\n")]:
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(content)
            hostile.append(path)
        bad = []
        for path in hostile:
            r = run(["review", "--received", "2024-03-18", "--today", "2024-03-20", path], data_dir)
            phrase = expected.get(os.path.basename(path), "")
            said = r.stderr if r.returncode == 2 else r.stdout
            if r.returncode not in (1, 2) or phrase not in said or not said.strip() \
                    or "CRITICAL" in r.stderr or "Traceback" in r.stderr:
                bad.append("%s: exit %d, wanted “%s”: %s" % (os.path.basename(path), r.returncode, phrase,
                                                             (r.stderr or r.stdout).strip()[:200]))
        check("review: every hostile packet exits 1 or 2 with its message", not bad, "\n".join(bad))
        r = run(["review", "--json"] + hostile, data_dir)
        try:
            batch = json.loads(r.stdout)
        except ValueError:
            batch = []
        check("review --json: the whole hostile corpus in one run, one entry each, exit 2",
              r.returncode == 2 and len(batch) == len(hostile)
              and all(("error" in x) != ("verified" in x) for x in batch)
              and not any(x.get("ok") for x in batch), r.stderr[-500:])
        listing = set(os.listdir(tmp))
        run(["review", "--json"] + hostile + [packet, pdf], data_dir)
        check("review: writes nothing", set(os.listdir(tmp)) == listing)

        # Under zh_CN the reason a packet is refused is Chinese (the tool's own
        # words stay English); under C.UTF-8, as above, it is English.
        chinese_cases = [
            (os.path.join(corpus, "array.sbpkt.json"), "not a packet: the file holds no JSON object",
             "不是申请包：文件中没有 JSON 对象"),
            (os.path.join(corpus, "unknown-member.sbpkt.json"), "$: unknown member “extra”", "$：未知的成员“extra”"),
            (os.path.join(corpus, "future-format.sbpkt.json"), "this version of Shenbao reads format 1",
             "此版本的申报助手只能读取第 1 版格式"),
            (os.path.join(files, "scan.pdf"), "the PDF carries no embedded file", "该 PDF 中没有嵌入的文件"),
            (tmp, "not a regular file", "不是普通文件"),
        ]
        if "zh_CN.utf8" in subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split():
            for path, english, chinese in chinese_cases:
                name = os.path.basename(path)
                r = run(["validate", path], data_dir)
                check("validate: %s refused in English under C.UTF-8" % name,
                      r.returncode == 2 and english in r.stderr and chinese not in r.stderr, r.stderr)
                r = run(["validate", path], data_dir, chinese=True)
                check("validate: %s refused in Chinese under zh_CN" % name,
                      r.returncode == 2 and chinese in r.stderr and english not in r.stderr, r.stderr)
        else:
            print("# zh_CN.UTF-8 is not installed: the Chinese messages are not checked")

        # draft: answers from elsewhere as a draft to finish in the application.
        draft_file = os.path.join(tmp, "x.sbdraft.json")
        r = run(["draft", "--form", "enginetest", "-o", draft_file, good], data_dir)
        draft_json = json.load(open(draft_file, encoding="utf-8")) if os.path.exists(draft_file) else {}
        check("draft: writes a draft of the form with the answers",
              r.returncode == 0 and draft_json.get("kind") == "shenbao-draft"
              and draft_json.get("answers", {}).get("name") == answers["name"], r.stdout + r.stderr)
        r = run(["draft", "--form", "no-such-form", "-o", draft_file, good], data_dir)
        check("draft: an unknown form exits 2", r.returncode == 2 and "no-such-form" in r.stderr, r.stderr)

        # diff: a resubmission beside the earlier packet.
        resubmitted_answers = dict(answers, area="130.00", teaching_area="90.00",
                                   staff=answers["staff"] + [{"staff_name": "李娜", "role": "教研"}],
                                   charter_file=[{"name": "章程.pdf", "media_type": "application/pdf", "size": 193,
                                                  "sha256": "e5a636ac00ea3c175d3193c5d05df60ded156dd466043c70d254507ec277e4c2"}])
        resubmitted_json = os.path.join(tmp, "resubmitted.json")
        with open(resubmitted_json, "w") as f:
            json.dump(resubmitted_answers, f, ensure_ascii=False)
        resubmitted = os.path.join(tmp, "resubmitted.sbpkt.json")
        run(["pack", "--form", "enginetest", "--date", "2024-03-20", "--files", files, resubmitted_json, "-o", resubmitted,
             "--created", "2024-03-19T09:00:00Z", "--finalised", "2024-03-20T08:00:00Z"], data_dir)
        r = run(["diff", packet, again], data_dir)
        check("diff: the same application twice has no change (exit 0)", r.returncode == 0 and "0 changes" in r.stdout,
              r.stdout + r.stderr)
        r = run(["diff", "--json", packet, resubmitted], data_dir)
        changes = json.loads(r.stdout) if r.stdout.strip() else []
        kinds = sorted((c["kind"], c["field"], c.get("row", -1), c["after"]) for c in changes)
        check("diff: an answer changed and a row added are listed (exit 1)",
              r.returncode == 1 and ("changed", "area", -1, "130.00 m²") in kinds
              and any(k[0] == "row-added" and k[1] == "staff" and k[2] == 1 and "李娜" in k[3] for k in kinds),
              r.stdout + r.stderr)
        r = run(["diff", packet, os.path.join(tmp, "garbage.sbpkt.json")], data_dir)
        check("diff: an unreadable packet exits 2 naming it", r.returncode == 2 and "garbage.sbpkt.json" in r.stderr, r.stderr)

        # Escape sequences (ESC[8m hides the lines after it, OSC sets the
        # window title, U+009B is CSI in one byte pair) and bidi overrides in
        # answers that verify, and in names the reader refuses: no output
        # of validate, verify, diff or review carries one raw, text or JSON.
        hostile_answers = dict(answers,
                               name="启明\x1b[8m隐藏\x1b]0;verified\x07中心\u202e心中",
                               note="第一行\x9b2J\u2066x\u2069\n  ok     integrity    forged\u2028\x1b[0m",
                               staff=[{"staff_name": "张\u202e伟\x1b[31m", "role": "教学"}])
        hostile_json = os.path.join(tmp, "hostile-answers.json")
        with open(hostile_json, "w") as f:
            json.dump(hostile_answers, f, ensure_ascii=False)
        escaped = os.path.join(tmp, "escaped.sbpkt.json")
        r = run(["pack", "--form", "enginetest", "--date", "2024-03-15", hostile_json, "-o", escaped] + stamps, data_dir)
        escaped_pdf = os.path.join(tmp, "escaped.pdf")
        r2 = run(["render", escaped, "-o", escaped_pdf], data_dir)
        check("terminal: a packet with escapes and bidi controls in its answers packs, verifies and renders",
              r.returncode == 0 and r2.returncode == 0, r.stdout + r.stderr + r2.stdout + r2.stderr)

        # Issue 15: a draft keeps what was typed in number fields (约3亩,
        # 四千); its PDF shows it as typed, never split inside a character.
        typed = dict(answers, area="约120平方米", fees=[{"fee_name": "编程入门", "amount": "四千"},
                                                       {"fee_name": "机器人", "amount": "约3亩"}])
        typed_json = os.path.join(tmp, "typed-answers.json")
        with open(typed_json, "w") as f:
            json.dump(typed, f, ensure_ascii=False)
        typed_packet = os.path.join(tmp, "typed.sbpkt.json")
        r = run(["pack", "--form", "enginetest", "--date", "2024-03-15", "--draft", typed_json, "-o", typed_packet] + stamps,
                data_dir)
        typed_pdf = os.path.join(tmp, "typed.pdf")
        r2 = run(["render", typed_packet, "-o", typed_pdf], data_dir)
        check("render: a draft with text typed in number fields renders",
              r.returncode == 0 and r2.returncode == 0 and os.path.exists(typed_pdf), r.stdout + r.stderr + r2.stdout + r2.stderr)

        def raw_controls(text):
            return sorted({"U+%04X" % ord(c) for c in text
                           if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) < 0xa0
                           or c in "\u061c\u200e\u200f\u2028\u2029" or 0x202a <= ord(c) <= 0x202e
                           or 0x2066 <= ord(c) <= 0x2069})

        escape_name = os.path.join(corpus, "escape-name.sbpkt.json")
        bidi_name = os.path.join(corpus, "bidi-name.sbpkt.json")
        escape_answer = os.path.join(corpus, "escape-answer.sbpkt.json")
        runs = [["validate", escaped], ["validate", "--json", escaped], ["validate", escaped, escape_name, bidi_name],
                ["validate", "--json", escaped, escape_name, bidi_name, escape_answer],
                ["verify", escaped_pdf], ["verify", "--json", escaped_pdf],
                ["diff", packet, escaped], ["diff", "--json", packet, escaped], ["diff", escaped, escape_name],
                ["review", "--received", "2024-03-18", escaped, escaped_pdf, escape_name, bidi_name, escape_answer],
                ["review", "--json", "--received", "2024-03-18", escaped, escaped_pdf, escape_name, bidi_name,
                 escape_answer]]
        dirty = []
        outputs = {}
        for args in runs:
            r = run(args, data_dir)
            outputs[" ".join(args[:2])] = r
            found = raw_controls(r.stdout + r.stderr)
            if found or not (r.stdout + r.stderr).strip() or "CRITICAL" in r.stderr:
                dirty.append("%s: %s\n%s" % (" ".join(os.path.basename(a) for a in args), ", ".join(found),
                                              (r.stdout + r.stderr)[:300]))
        check("terminal: validate, verify, diff and review print no control or bidi character raw", not dirty,
              "\n".join(dirty))

        r = outputs["diff " + packet]
        check("terminal: diff shows the escapes and overrides written out",
              "⟨U+001B⟩[8m" in r.stdout and "⟨U+202E⟩" in r.stdout and "⟨U+009B⟩" in r.stdout
              and "⟨U+000A⟩" in r.stdout, r.stdout)
        r = outputs["diff --json"]
        changes = json.loads(r.stdout) if r.stdout.strip() else []
        check("terminal: diff --json keeps the exact values (escaped in the JSON text)",
              any(c["field"] == "name" and c["after"] == hostile_answers["name"] for c in changes)
              and "\\u202e" in r.stdout and "\\u009b" in r.stdout, r.stdout)
        r = outputs["review --received"]
        check("terminal: review reports the refused names with their characters written out",
              "章程⟨U+001B⟩[8m.pdf" in r.stdout and "invoice⟨U+202E⟩fdp.exe" in r.stdout
              and "is in the packet but does not fire now" in r.stdout and "verified\x07" not in r.stdout
              and "forged" not in r.stdout, r.stdout)
        check("terminal: the stored message of a packet is never printed",
              all("\x1b[2J" not in x.stdout and "[2J" not in x.stdout for x in outputs.values()))

        # One place prints: every line of the tool goes through sb_tool_out()
        # or sb_tool_err(), which reveal what a packet could use to steer the
        # terminal; a printf elsewhere would bypass them.
        source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "app", "tool")
        bypass = []
        for name in sorted(os.listdir(source)):
            if not name.endswith(".c") or name in ("sb-tool-common.c", "sb-tool.c"):
                continue
            with open(os.path.join(source, name), encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    stripped = line.replace("g_strdup_printf", "").replace("g_string_append_printf", "") \
                                   .replace("g_string_printf", "").replace("sb_text_set_printf", "")
                    if any(call in stripped for call in ("printf (", "puts (", "fwrite (", "g_print (", "putchar (")):
                        bypass.append("%s:%d: %s" % (name, number, line.strip()))
        check("terminal: no command prints around sb_tool_out()/sb_tool_err()", not bypass, "\n".join(bypass))

    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            for line in detail.splitlines()[:20]:
                print("# " + line)
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
