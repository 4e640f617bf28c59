#!/usr/bin/env python3
"""shenbao-tool register on SQLite, and on PostgreSQL when
SHENBAO_TEST_PG_URL / SHENBAO_TEST_PG_OWNER_URL are set (.ci/postgres.sh).

Prints TAP.  Real procedures (kejipeixun) and calendar, packets made with
`shenbao-tool pack` from the fixtures.
"""
import base64
import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile

TOOL = os.environ["SHENBAO_TOOL"]
FIXTURES = os.environ["SHENBAO_TEST_FIXTURES"]
DATA = os.environ["SHENBAO_DATA_DIR"]

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(args, url=None, chinese=False):
    env = dict(os.environ)
    env.pop("SHENBAO_REGISTER_URL", None)
    if url is not None:
        env["SHENBAO_REGISTER_URL"] = url
    if chinese:
        env.pop("LC_ALL", None)
        env.update(LANG="zh_CN.UTF-8", LANGUAGE="zh_CN")
    return subprocess.run([TOOL] + args, capture_output=True, text=True, env=env, timeout=120)


def pack(tmp, name, answers_change, created, finalised, date):
    with open(os.path.join(FIXTURES, "kejipeixun", "complete.json"), encoding="utf-8") as f:
        answers = json.load(f)
    answers.update(answers_change)
    answers_path = os.path.join(tmp, name + ".answers.json")
    with open(answers_path, "w", encoding="utf-8") as f:
        json.dump(answers, f, ensure_ascii=False)
    out = os.path.join(tmp, name + ".sbpkt.json")
    r = run(["pack", "--form", "kejipeixun", "--date", date, "--files", os.path.join(FIXTURES, "files"),
             "--created", created, "--finalised", finalised, answers_path, "-o", out])
    check("pack " + name, r.returncode == 0, r.stdout + r.stderr)
    return out


def reference(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)["reference"]


def reset_postgres(owner_url):
    # The tool's tests start from an empty register: the owner drops it.
    sql = ("SET client_min_messages = warning; DROP TABLE IF EXISTS notice_documents, inspections, notices, case_history, cases, schema_version CASCADE;"
           " DROP FUNCTION IF EXISTS shenbao_append_only ();")
    r = subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", owner_url, "-c", sql], capture_output=True, text=True)
    check("postgres: reset", r.returncode == 0, r.stderr)


def run_sql(url, sql):
    # As the application's role writes it (PostgreSQL) or the file (SQLite).
    if url.startswith("postgres"):
        r = subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql], capture_output=True, text=True)
        return r.returncode == 0, r.stderr
    import sqlite3
    try:
        with sqlite3.connect(url) as db:
            db.execute(sql)
        return True, ""
    except sqlite3.Error as e:
        return False, str(e)


def check_notice_pdf(label, url, ref, tmp):
    # The notice's PDF as the application stores it when it records or
    # signs the notice: show names it; notice-pdf writes the same bytes.
    out = os.path.join(tmp, label + "-notice.pdf")
    r = run(["register", "notice-pdf", ref, "-o", out], url)
    check(label + ": notice-pdf without a PDF in the register exits 1 and says so",
          r.returncode == 1 and "keeps no PDF" in r.stderr and not os.path.exists(out), r.stdout + r.stderr)
    pdf = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
    digest = hashlib.sha256(pdf).hexdigest()
    ok, err = run_sql(url, "INSERT INTO notice_documents (notice_id, sha256, size, pdf, by_name, at) "
                           "SELECT id, '%s', %d, '%s', '张三', '2025-04-02T02:00:00Z' FROM notices "
                           "WHERE number = '城审补〔2025〕7号'" % (digest, len(pdf), base64.b64encode(pdf).decode()))
    check(label + ": the application's role stores a notice's PDF", ok, err)
    r = run(["register", "show", ref], url)
    check(label + ": show says the register keeps the notice's PDF, its size and SHA-256",
          r.returncode == 0 and ("PDF as issued in the register: %d bytes, SHA-256 %s" % (len(pdf), digest)) in r.stdout,
          r.stdout + r.stderr)
    r = run(["register", "show", "--json", ref], url)
    shown = json.loads(r.stdout) if r.returncode == 0 else {}
    notice_pdf = (shown.get("notices") or [{}])[0].get("pdf") or {}
    check(label + ": show --json gives the PDF's size and SHA-256",
          notice_pdf.get("sha256") == digest and notice_pdf.get("size") == len(pdf), r.stdout + r.stderr)
    r = run(["register", "notice-pdf", ref, "-o", out], url)
    written = open(out, "rb").read() if os.path.exists(out) else b""
    check(label + ": notice-pdf writes the bytes the register keeps", r.returncode == 0 and written == pdf,
          r.stdout + r.stderr)
    r = run(["register", "notice-pdf", ref, "--number", "城审补〔2025〕99号", "-o", out], url)
    check(label + ": notice-pdf --number of no notice of the case exits 1", r.returncode == 1 and "no notice" in r.stderr,
          r.stdout + r.stderr)
    ok, err = run_sql(url, "UPDATE notice_documents SET pdf = 'JVBERg=='")
    check(label + ": the notice's PDF cannot be altered", not ok, err)


def exercise(label, url, owner_url, tmp):
    a = pack(tmp, label + "-a", {}, "2025-03-27T09:00:00Z", "2025-03-28T08:00:00Z", "2025-03-28")
    b = pack(tmp, label + "-b", {"org_name": "阳泉市城区星火科技培训中心有限公司"} if False else {},
             "2025-03-26T09:00:00Z", "2025-03-27T08:00:00Z", "2025-03-27")
    ref_a, ref_b = reference(a), reference(b)

    if owner_url is not None:
        r = run(["register", "migrate"], owner_url)
        check(label + ": migrate as the owner", r.returncode == 0 and "schema version 4" in r.stdout, r.stdout + r.stderr)

    # add: registered; again: found, nothing added.
    r = run(["register", "add", "--by", "李四", "--received", "2025-03-31", a, b], url)
    check(label + ": add registers two packets (exit 0)",
          r.returncode == 0 and r.stdout.count(": registered") == 2, r.stdout + r.stderr)
    r = run(["register", "add", "--by", "李四", "--received", "2025-03-31", a], url)
    check(label + ": the same packet again adds nothing",
          r.returncode == 0 and "already registered, nothing added" in r.stdout, r.stdout + r.stderr)

    # list: one line per case; on 2025-04-02 the notice (5 working days from
    # Mon 03-31: 04-01, 04-02, 04-03, 清明 04-04..06 off, 04-07, 04-08) has
    # 3 working days left.
    r = run(["register", "list", "--today", "2025-04-02"], url)
    lines = r.stdout.strip().splitlines()
    check(label + ": list prints one line per case with procedure, status and next deadline",
          r.returncode == 0 and len(lines) == 2 and all("kejipeixun" in l and "Received" in l for l in lines)
          and all("2025-04-08 notice (3 working days left)" in l for l in lines), r.stdout + r.stderr)
    r = run(["register", "list", "--today", "2025-04-02"], url, chinese=True)
    check(label + ": list in Chinese says 已收到", r.returncode == 0 and "已收到" in r.stdout, r.stdout + r.stderr)

    # The workflow: received → approved is refused with the reason (exit 1).
    r = run(["register", "transition", ref_a, "approved", "--by", "张三", "--why", "看过"], url)
    check(label + ": a transition the workflow does not allow is refused (exit 1)",
          r.returncode == 1 and "cannot become" in r.stderr, r.stdout + r.stderr)
    r = run(["register", "transition", ref_a, "已受理", "--by", "张三", "--why", "材料齐全", "--date", "2025-04-01"], url)
    check(label + ": 已受理 by its Chinese name", r.returncode == 0 and "Accepted" in r.stdout, r.stdout + r.stderr)
    r = run(["register", "transition", ref_a, "reviewing", "--by", "王五", "--why", "开始审核", "--version", "1"], url)
    check(label + ": a stale --version is refused: changed by 张三 at …; reload",
          r.returncode == 1 and "changed by 张三 at " in r.stderr and "; reload" in r.stderr, r.stdout + r.stderr)
    r = run(["register", "transition", ref_a, "reviewing", "--by", "王五"], url)
    check(label + ": a transition without --why is refused (exit 2)", r.returncode == 2 and "reason" in r.stderr,
          r.stdout + r.stderr)

    # filters
    r = run(["register", "list", "--status", "accepted"], url)
    check(label + ": list --status accepted", r.returncode == 0 and ref_a in r.stdout and ref_b not in r.stdout,
          r.stdout + r.stderr)
    r = run(["register", "list", "--overdue", "--today", "2025-04-10"], url)
    check(label + ": list --overdue on 2025-04-10 has the case still waiting for its notice",
          r.returncode == 0 and ref_b in r.stdout and "OVERDUE by 2 working days" in r.stdout and ref_a not in r.stdout,
          r.stdout + r.stderr)
    r = run(["register", "list", "--received-from", "2025-04-01"], url)
    check(label + ": list --received-from after both is empty", r.returncode == 0 and r.stdout.strip() == "",
          r.stdout + r.stderr)
    r = run(["register", "list", "--status", "收到了"], url)
    check(label + ": an unknown --status exits 2", r.returncode == 2 and "收到了" in r.stderr, r.stderr)

    # The one-time notice, then the corrected materials as a new round.
    r = run(["register", "notice", ref_b, "--number", "城审补〔2025〕7号", "--days", "10", "--office", "城区行政审批局",
             "--contact", "0353-2020000 张三", "--correction", "补交场地租赁合同", "--correction", "消防意见书页码不清",
             "--by", "张三", "--date", "2025-04-02"], url)
    check(label + ": notice records the one-time notice", r.returncode == 0, r.stdout + r.stderr)
    r = run(["register", "show", "--today", "2025-04-03", ref_b], url)
    check(label + ": while the notice waits, the next deadline is the applicant's 补正期限 (10 working days: 04-17)",
          r.returncode == 0 and "next        2025-04-17 applicant_corrections (the applicant's 补正期限" in r.stdout,
          r.stdout + r.stderr)
    corrected = pack(tmp, label + "-b2", {"planned_students": 90} if False else {}, "2025-04-08T09:00:00Z",
                     "2025-04-09T08:00:00Z", "2025-04-09")
    r = run(["register", "add", "--by", "李四", "--received", "2025-04-10", "--resubmission-of", ref_b, corrected], url)
    check(label + ": the corrected materials become round 2 of the case",
          r.returncode == 0 and "round 2" in r.stdout and "new round" in r.stdout, r.stdout + r.stderr)
    r = run(["register", "show", "--json", "--today", "2025-04-11", reference(corrected)], url)
    shown = json.loads(r.stdout) if r.returncode == 0 else {}
    check(label + ": round 2 is 补正材料已收到 and the notice clock starts again from 04-10 (due 04-17)",
          shown.get("status") == "corrections" and shown.get("round") == 2 and shown.get("next_deadline") == "2025-04-17",
          r.stdout + r.stderr)
    r = run(["register", "show", ref_b], url)
    check(label + ": show lists the notice with every correction and the history",
          r.returncode == 0 and "城审补〔2025〕7号" in r.stdout and "2. 消防意见书页码不清" in r.stdout
          and "received -> notice  [notice_sent]" in r.stdout, r.stdout + r.stderr)
    check_notice_pdf(label, url, ref_b, tmp)

    # A packet that does not verify is registered, flagged (exit 1).
    with open(a, encoding="utf-8") as f:
        text = f.read()
    tampered = os.path.join(tmp, label + "-tampered.sbpkt.json")
    with open(tampered, "w", encoding="utf-8") as f:
        f.write(text.replace("阳泉市城区启明科创培训中心有限公司", "阳泉市城区启明科创培训中心有限责任公司", 1))
    r = run(["register", "add", "--by", "李四", tampered], url)
    check(label + ": a changed copy of a registered packet is refused and does not join its case (exit 1)",
          r.returncode == 1 and "does not verify and claims the reference " + ref_a in r.stderr, r.stdout + r.stderr)
    c = pack(tmp, label + "-c", {}, "2025-03-25T09:00:00Z", "2025-03-26T08:00:00Z", "2025-03-26")
    with open(c, encoding="utf-8") as f:
        c_text = f.read()
    with open(c, "w", encoding="utf-8") as f:
        f.write(c_text.replace("阳泉市城区启明科创培训中心有限公司", "阳泉市城区启明科创培训中心有限责任公司", 1))
    r = run(["register", "add", "--by", "李四", c], url)
    check(label + ": a packet that does not verify is registered flagged NOT VERIFIED with the reason (exit 1)",
          r.returncode == 1 and "NOT VERIFIED: integrity" in r.stdout, r.stdout + r.stderr)
    r = run(["register", "list"], url)
    check(label + ": list marks it NOT VERIFIED",
          any(reference(c) in l and l.endswith("NOT VERIFIED") for l in r.stdout.splitlines()), r.stdout + r.stderr)
    r = run(["register", "add", "--by", "李四", os.path.join(tmp, "nothing.json")], url)
    check(label + ": a file that is not there is refused (exit 2)", r.returncode == 2 and "not registered" in r.stderr,
          r.stdout + r.stderr)

    # The register survives the packet file changing under it.
    with open(a, "w", encoding="utf-8") as f:
        f.write(text.replace('"2025-03-28"', '"2025-03-29"', 1))
    r = run(["register", "show", ref_a], url)
    check(label + ": show keeps the case when its packet file no longer verifies",
          r.returncode == 0 and "status      Accepted" in r.stdout
          and ("NO LONGER" in r.stdout or "REPLACED" in r.stdout), r.stdout + r.stderr)
    os.remove(a)
    r = run(["register", "show", ref_a], url)
    check(label + ": show keeps the case when its packet file is gone", r.returncode == 0 and "missing" in r.stdout,
          r.stdout + r.stderr)

    # export: CSV with a byte order mark, XLSX, and a case's history.
    out_csv = os.path.join(tmp, label + ".csv")
    r = run(["register", "export", "-o", out_csv, "--all-rounds"], url)
    raw = open(out_csv, "rb").read() if os.path.exists(out_csv) else b""
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")))) if raw else []
    check(label + ": export CSV is UTF-8 with a BOM, a header and one row per case and round",
          r.returncode == 0 and raw.startswith(b"\xef\xbb\xbf") and rows and rows[0][0] == "Reference"
          and len(rows) == 1 + 4 and any(row[0] == ref_a for row in rows), r.stdout + r.stderr)
    out_xlsx = os.path.join(tmp, label + ".xlsx")
    r = run(["register", "export", "-o", out_xlsx], url)
    strings = ""
    if os.path.exists(out_xlsx):
        with zipfile.ZipFile(out_xlsx) as z:
            strings = z.read("xl/sharedStrings.xml").decode("utf-8")
    check(label + ": export XLSX holds the references", r.returncode == 0 and ref_a in strings, r.stdout + r.stderr)
    out_history = os.path.join(tmp, label + "-history.csv")
    r = run(["register", "export", "--history", reference(corrected), "-o", out_history], url)
    history = open(out_history, encoding="utf-8-sig", newline="").read() if os.path.exists(out_history) else ""
    check(label + ": export --history has every round's changes with who and why",
          r.returncode == 0 and "张三" in history and "corrected materials received" in history
          and history.count("\r\n") >= 4, r.stdout + r.stderr)
    r = run(["register", "export", "-o", os.path.join(tmp, "x.ods")], url)
    check(label + ": export refuses another format (exit 2)", r.returncode == 2, r.stderr)

    # The on-site inspection ends with its result.
    for status, why in (("reviewing", "开始审核"), ("inspection", "开始实地核验")):
        r = run(["register", "transition", ref_a, status, "--by", "张三", "--why", why, "--date", "2025-04-02"], url)
        check(label + ": to " + status, r.returncode == 0, r.stdout + r.stderr)
    r = run(["register", "transition", ref_a, "reviewing", "--by", "张三", "--why", "核验完"], url)
    check(label + ": leaving 实地核验 without its result is refused (exit 1)",
          r.returncode == 1 and "核验不通过" in r.stderr, r.stdout + r.stderr)
    r = run(["register", "transition", ref_a, "reviewing", "--by", "张三", "--why", "核验完", "--inspection", "failed",
             "--inspector", "王五"], url)
    check(label + ": 核验不通过 without the 现场说明 is refused (exit 2)",
          r.returncode == 2 and "现场说明" in r.stderr, r.stdout + r.stderr)
    r = run(["register", "transition", ref_a, "reviewing", "--by", "张三", "--why", "核验完", "--inspection", "核验不通过",
             "--findings", "消防通道堵塞", "--inspected", "2025-04-03", "--inspector", "王五", "--date", "2025-04-07"], url)
    check(label + ": the inspection ends with its result", r.returncode == 0, r.stdout + r.stderr)
    r = run(["register", "show", ref_a], url)
    check(label + ": show has the result with the inspection's end in the history",
          r.returncode == 0 and "inspection -> inspection  [inspection_ended]" in r.stdout
          and "2025-04-03" in r.stdout and "王五" in r.stdout and "消防通道堵塞" in r.stdout, r.stdout + r.stderr)
    r = run(["register", "show", "--json", ref_a], url)
    shown = json.loads(r.stdout) if r.returncode == 0 else {}
    ended = [h for h in shown.get("history", []) if h.get("event") == "inspection_ended"]
    check(label + ": show --json has the result",
          len(ended) == 1 and ended[0].get("inspection", {}).get("result") == "failed"
          and ended[0]["inspection"].get("inspected") == "2025-04-03", r.stdout + r.stderr)
    out_history = os.path.join(tmp, label + "-inspected.csv")
    r = run(["register", "export", "--history", ref_a, "-o", out_history], url)
    rows = list(csv.reader(open(out_history, encoding="utf-8-sig", newline=""))) if os.path.exists(out_history) else []
    check(label + ": export --history has the result, its day, the inspector and the 现场说明",
          r.returncode == 0 and rows and "Inspection result" in rows[0]
          and any("消防通道堵塞" in row and "2025-04-03" in row and "王五" in row for row in rows[1:]),
          r.stdout + r.stderr)
    # Approving after 核验不通过 is done knowingly, as in the application.
    r = run(["register", "transition", ref_a, "approved", "--by", "张三", "--why", "整改后复核符合"], url)
    check(label + ": approving after 核验不通过 is refused without --despite-failed-inspection (exit 1)",
          r.returncode == 1 and "--despite-failed-inspection" in r.stderr and "消防通道堵塞" in r.stderr,
          r.stdout + r.stderr)
    r = run(["register", "transition", ref_a, "approved", "--by", "张三", "--why", "整改后复核符合",
             "--despite-failed-inspection"], url)
    r2 = run(["register", "show", "--json", ref_a], url)
    shown = json.loads(r2.stdout) if r2.returncode == 0 else {}
    approval = [h for h in shown.get("history", []) if h.get("to") == "approved"]
    check(label + ": with it the case is approved, the history saying it was despite the result",
          r.returncode == 0 and len(approval) == 1 and "整改后复核符合" in (approval[0].get("why") or "")
          and "核验不通过" in (approval[0].get("why") or ""), r.stdout + r.stderr + r2.stdout)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = os.path.join(tmp, "office", "register.sqlite")
        exercise("sqlite", sqlite, None, tmp)

        # The user's own register by default: $XDG_DATA_HOME/shenbao/register.sqlite.
        env_home = os.path.join(tmp, "home")
        env = dict(os.environ, XDG_DATA_HOME=env_home)
        env.pop("SHENBAO_REGISTER_URL", None)
        r = subprocess.run([TOOL, "register", "migrate"], capture_output=True, text=True, env=env, timeout=60)
        check("the default register is the user's SQLite file",
              r.returncode == 0 and os.path.exists(os.path.join(env_home, "shenbao", "register.sqlite")),
              r.stdout + r.stderr)
        r = run(["register", "list", "--register", "mysql://office/db"])
        check("an unknown URL scheme exits 2 saying what is accepted", r.returncode == 2 and "postgresql://" in r.stderr,
              r.stderr)

        url = os.environ.get("SHENBAO_TEST_PG_URL")
        owner = os.environ.get("SHENBAO_TEST_PG_OWNER_URL")
        if url and owner:
            reset_postgres(owner)
            r = run(["register", "list"], url)
            check("postgres: the application's role cannot create the schema, and says who can",
                  r.returncode == 2 and "register migrate" in r.stderr, r.stdout + r.stderr)
            pg_tmp = os.path.join(tmp, "pg")
            os.mkdir(pg_tmp)
            exercise("postgres", url, owner, pg_tmp)
        else:
            results.append(("postgres # SKIP SHENBAO_TEST_PG_URL is not set", True, ""))

    print("1..%d" % len(results))
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            failed += 1
            for line in str(detail).splitlines()[:40]:
                print("# " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
