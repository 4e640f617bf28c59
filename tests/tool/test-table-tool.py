#!/usr/bin/env python3
"""shenbao-tool table export|import|template on real files, and hostile
files under a memory limit.  Prints TAP.

The procedures' forms (SHENBAO_DATA_DIR) and the spreadsheets in
tests/fixtures/tables/ (made by LibreOffice; see its README.md).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

TOOL = os.environ["SHENBAO_TOOL"]
FIXTURES = os.environ["SHENBAO_TEST_FIXTURES"]
TABLES = os.path.join(FIXTURES, "tables")
COMPLETE = os.path.join(FIXTURES, "kejipeixun", "complete.json")
# The address space the tool may use, as tests/packets/run-hostile.py,
# and the resident memory a hostile file may cost it.
ADDRESS_SPACE = 2000000000
MAX_RSS_KB = 400 * 1024

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


# Under the sanitizers the tool reserves terabytes of shadow memory: no
# address-space limit can hold it, and its resident memory is not the
# tool's own.  The refusals are still checked there; the bounds only in
# the normal build.
SANITIZED = os.environ.get("SHENBAO_SANITIZED") == "1"


def run(args, chinese=False, limited=False):
    env = dict(os.environ)
    if chinese:
        env.pop("LC_ALL", None)
        env.update(LANG="zh_CN.UTF-8", LANGUAGE="zh_CN")
    command = [TOOL] + args
    if limited and not SANITIZED:
        command = ["prlimit", "--as=%d" % ADDRESS_SPACE, "--"] + command
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


def run_measured(args):
    """Runs the tool under the address-space limit: its exit code, its
    stderr and its peak resident memory in KB (prlimit execs the tool, so
    wait4 measures the tool itself)."""
    command = ["prlimit", "--as=%d" % ADDRESS_SPACE, "--", TOOL] + args
    if SANITIZED:
        command = [TOOL] + args
    pid = os.fork()
    if pid == 0:
        out = os.open(os.devnull, os.O_WRONLY)
        err = os.open(os.path.join(tmp_dir, "stderr"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(out, 1)
        os.dup2(err, 2)
        os.execvp(command[0], command)
    _, status, usage = os.wait4(pid, 0)
    with open(os.path.join(tmp_dir, "stderr"), encoding="utf-8", errors="replace") as f:
        err = f.read()
    return os.waitstatus_to_exitcode(status), err, usage.ru_maxrss


def staff(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if data.get("kind") == "shenbao-draft":
        data = data["answers"]
    return data.get("staff")


def fresh(tmp, name="answers.json"):
    path = os.path.join(tmp, name)
    shutil.copy(COMPLETE, path)
    return path


def billion_laughs(path):
    entities = '<!ENTITY lol "lol">' + "".join(
        '<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10) for i in range(1, 10))
    shared = ('<?xml version="1.0"?><!DOCTYPE sst [%s]>'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>' % entities)
    with zipfile.ZipFile(os.path.join(TABLES, "features.xlsx")) as source, zipfile.ZipFile(path, "w") as z:
        for item in source.infolist():
            data = source.read(item.filename)
            z.writestr(item, shared if item.filename == "xl/sharedStrings.xml" else data)


def zip_bomb(path):
    """A workbook whose sheet unpacks to 1 GB of spaces: a few MB on disk."""
    with zipfile.ZipFile(os.path.join(TABLES, "features.xlsx")) as source, \
         zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet2.xml":
                z.writestr(item.filename, source.read(item.filename))
        with z.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            block = b" " * (1 << 20)
            for _ in range(1024):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")


def ods_bomb(path):
    """An ODS whose content.xml unpacks to 1 GB of spaces, and one whose
    single cell of text is repeated across a million rows: a few MB and a
    few hundred bytes on disk."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        with z.open("content.xml", "w", force_zip64=True) as content:
            content.write(b'<?xml version="1.0"?><office:document-content>')
            block = b" " * (1 << 20)
            for _ in range(1024):
                content.write(block)
            content.write(b"</office:document-content>")


def ods_repeats(path):
    cell = '<table:table-cell table:number-columns-repeated="200" office:value-type="string"><text:p>%s</text:p></table:table-cell>'
    content = ('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               '<table:table><table:table-row table:number-rows-repeated="9000">%s</table:table-row>'
               '</table:table></office:spreadsheet></office:body></office:document-content>' % (cell % ("长" * 2000)))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)


def big_csv(path, size):
    line = ("张三,140302199001011002,教学,专职,2023-06-01,2026-05-31,研究生,教师资格证,,,否,否,是,是\r\n").encode("utf-8")
    with open(path, "wb") as f:
        f.write("姓名,身份证件号码\r\n".encode("utf-8"))
        block = line * (1 << 20 // len(line) + 1)
        written = 0
        while written < size:
            f.write(block)
            written += len(block)


def main():
    global tmp_dir
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = tmp

        # Export, as XLSX and CSV, and a template.
        answers = fresh(tmp)
        for ext in ("xlsx", "csv"):
            out = os.path.join(tmp, "staff." + ext)
            r = run(["table", "export", "--form", "kejipeixun", "--table", "staff", answers, out])
            check("export %s" % ext, r.returncode == 0 and "25 rows" in r.stdout and os.path.getsize(out) > 0,
                  r.stdout + r.stderr)
        with open(os.path.join(tmp, "staff.csv"), "rb") as f:
            head = f.read(64)
        check("CSV export starts with a byte order mark and the header", head.startswith(b"\xef\xbb\xbf") and
              "姓名".encode() in head, repr(head))
        with zipfile.ZipFile(os.path.join(tmp, "staff.xlsx")) as z:
            sheet = z.read("xl/worksheets/sheet1.xml").decode()
        check("XLSX export has typed date cells and column widths", '<cols>' in sheet and ' s="' in sheet, sheet[:400])

        r = run(["table", "import", "--form", "kejipeixun", "--table", "staff", answers, os.path.join(tmp, "staff.xlsx")])
        with open(answers, encoding="utf-8") as f, open(COMPLETE, encoding="utf-8") as g:
            same = json.load(f) == json.load(g)
        check("export then import gives the same answers, attachments kept", r.returncode == 0 and same,
              r.stdout + r.stderr)

        template = os.path.join(tmp, "template.xlsx")
        r = run(["table", "template", "--form", "kejipeixun", "--table", "rooms", template])
        check("template written", r.returncode == 0 and os.path.exists(template), r.stderr)
        answers = fresh(tmp)
        r = run(["table", "import", "--form", "kejipeixun", "--table", "rooms", answers, template])
        check("a template imports as one row without problems", r.returncode == 0 and "1 rows to add" in r.stdout,
              r.stdout + r.stderr)

        # Files written by other programs, with problem rows.
        for name in ("staff-libreoffice.xlsx", "staff-libreoffice.ods", "staff-libreoffice.csv", "staff-gb18030.csv"):
            answers = fresh(tmp)
            r = run(["table", "import", "--form", "kejipeixun", "--table", "staff", answers, os.path.join(TABLES, name)])
            rows = staff(answers)
            check("%s: exit 1 with the problems listed" % name,
                  r.returncode == 1 and "Row 5, column D (专职／兼职): “全职”" in r.stdout
                  and "4 problem cells" in r.stdout, r.stdout + r.stderr)
            check("%s: all five rows imported, problem cells as text" % name,
                  len(rows) == 5 and rows[3]["employment"] == "全职" and rows[0]["contract_start"] == "2023-06-01"
                  and rows[4]["name"] == "周🙂", json.dumps(rows, ensure_ascii=False)[:400])

        answers = fresh(tmp)
        r = run(["table", "import", "--form", "kejipeixun", "--table", "staff", "--only-clean", answers,
                 os.path.join(TABLES, "staff-libreoffice.xlsx")])
        check("--only-clean imports the four clean rows", len(staff(answers)) == 4, r.stdout)

        answers = fresh(tmp)
        r = run(["table", "import", "--form", "kejipeixun", "--table", "staff", "--dry-run", answers,
                 os.path.join(TABLES, "staff-libreoffice.xlsx")])
        with open(answers, "rb") as f, open(COMPLETE, "rb") as g:
            check("--dry-run changes nothing", f.read() == g.read() and r.returncode == 1, r.stdout)

        r = run(["table", "import", "--form", "kejipeixun", "--table", "staff", "--dry-run", answers,
                 os.path.join(TABLES, "staff-libreoffice.xlsx")], chinese=True)
        check("the report in Chinese", "第 5 行 D 列（专职／兼职）：“全职”：“全职”不是可选的选项" in r.stdout, r.stdout)

        # A draft is updated in place and stays a draft.
        draft = os.path.join(tmp, "d.sbdraft.json")
        r = run(["draft", "--form", "kejipeixun", "-o", draft, COMPLETE])
        r = run(["table", "import", "--form", "kejipeixun", "--table", "staff", draft, os.path.join(TABLES, "features.xlsx")])
        with open(draft, encoding="utf-8") as f:
            data = json.load(f)
        check("a draft is updated in place", r.returncode == 0 and data.get("kind") == "shenbao-draft"
              and len(data["answers"]["staff"]) == 2 and data["answers"]["staff"][1]["role"] == "教研",
              r.stdout + r.stderr)

        # Usage errors.
        answers = fresh(tmp)
        r = run(["table", "import", "--form", "kejipeixun", "--table", "nosuch", answers, os.path.join(TABLES, "features.xlsx")])
        check("an unknown table exits 2 and names the tables", r.returncode == 2 and "staff" in r.stderr, r.stderr)
        r = run(["table", "export", "--form", "kejipeixun", "--table", "staff", answers, os.path.join(tmp, "x.ods")])
        check("an unknown extension exits 2", r.returncode == 2 and ".xlsx" in r.stderr, r.stderr)
        r = run(["table"])
        check("table without a subcommand exits 2", r.returncode == 2, r.stderr)

        # Hostile files: refused with a clear message, bounded memory,
        # nothing stored.
        hostile = {}
        path = os.path.join(tmp, "huge.csv")
        big_csv(path, 200 * 1024 * 1024)
        hostile["a 200 MB CSV"] = (path, "larger than 32 MB")
        path = os.path.join(tmp, "bomb.xlsx")
        zip_bomb(path)
        hostile["an XLSX zip bomb"] = (path, "unpacks to more than 64 MB")
        path = os.path.join(tmp, "bomb.ods")
        ods_bomb(path)
        hostile["an ODS zip bomb"] = (path, "unpacks to more than 64 MB")
        path = os.path.join(tmp, "repeats.ods")
        ods_repeats(path)
        hostile["an ODS cell of 2,000 characters repeated 200 × 9,000 times"] = (path, "more than 64 MB of text")
        path = os.path.join(tmp, "laughs.xlsx")
        billion_laughs(path)
        hostile["XML entity expansion"] = (path, "declares a document type")
        path = os.path.join(tmp, "wide.csv")
        with open(path, "w") as f:
            f.write("," * 1000000 + "\n")
        hostile["a 1,000,000-column line"] = (path, "more than 256 columns")
        path = os.path.join(tmp, "invalid.csv")
        with open(path, "wb") as f:
            f.write("姓名,身份证件号码\n张三,".encode() + b"\xff\xfe\xc0\x80" + "\n李四,1\n".encode())
        hostile["invalid UTF-8"] = (path, "not valid UTF-8 (line 2")
        path = os.path.join(tmp, "renamed.csv")
        shutil.copy("/bin/sh" if os.path.exists("/bin/sh") else TOOL, path)
        hostile["a program renamed .csv"] = (path, "not a text file")

        for label, (path, message) in hostile.items():
            answers = fresh(tmp)
            code, err, rss = run_measured(["table", "import", "--form", "kejipeixun", "--table", "staff", answers, path])
            with open(answers, "rb") as f, open(COMPLETE, "rb") as g:
                unchanged = f.read() == g.read()
            check("%s: refused with exit 2 and a clear message" % label,
                  code == 2 and message in err and "nothing was imported" in err, err)
            check("%s: nothing stored" % label, unchanged)
            if not SANITIZED:
                check("%s: memory bounded (%d MB)" % (label, rss // 1024), rss < MAX_RSS_KB)

    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok and detail:
            for line in str(detail).splitlines()[:20]:
                print("# " + line)
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
