"""The hostile corpus: the packets stored in this folder, and the ones too
large to store, made here at run time.

Shared by tests/packets/run-hostile.py (each file refused, in bounded time
and memory, with no raw control character on the terminal) and
tests/bench/bench-hostile.py (time and peak memory per file).
"""
import json
import os
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures")
SOURCE_DATA = os.path.join(HERE, "..", "..", "data")
# The hostile PDFs are made with pikepdf, which Debian's Python has.
PDF_PYTHON = "/usr/bin/python3"
PDF_MAKER = """
import sys
sys.path.insert(0, sys.argv[1])
sys.dont_write_bytecode = True
from pdfa_fixtures import render
make = __import__("make-hostile-pdfs")
tool, fixtures, folder = sys.argv[2:5]
pdf, why = render(tool, fixtures, "zijin", False, folder)
if pdf is None:
    sys.exit(why)
for name, path, words in make.make_all(pdf, pdf[:-len(".pdf")] + ".sbpkt.json", folder):
    print("%s.pdf\t%s" % (name, path))
"""


def make_data_dir(data_dir):
    """A data folder with the engine test form the packets were made with,
    the procedures (the PDFs are of 资金申报) and the calendar."""
    shutil.copytree(os.path.join(FIXTURES, "forms"), os.path.join(data_dir, "forms"))
    shutil.copytree(os.path.join(SOURCE_DATA, "forms"), os.path.join(data_dir, "forms"), dirs_exist_ok=True)
    shutil.copytree(os.path.join(SOURCE_DATA, "calendar"), os.path.join(data_dir, "calendar"))


def hostile_pdfs(tool, data_dir, out_dir):
    """(name, path) of the hostile PDFs of tests/pdf/make-hostile-pdfs.py,
    made from a 资金申报 packet PDF; none without pikepdf."""
    check = subprocess.run([PDF_PYTHON, "-c", "import pikepdf"], capture_output=True)
    if check.returncode != 0:
        return []
    folder = os.path.join(out_dir, "pdfs")
    os.mkdir(folder)
    made = subprocess.run([PDF_PYTHON, "-c", PDF_MAKER, os.path.join(HERE, "..", "pdf"), tool, FIXTURES, folder],
                          env=dict(os.environ, SHENBAO_DATA_DIR=data_dir), capture_output=True, text=True,
                          timeout=600, check=True)
    return [tuple(line.split("\t", 1)) for line in made.stdout.splitlines()]

ANSWERS = {
    "name": "阳泉市城区启明科技培训中心", "area": "120.00", "teaching_area": "80.00",
    "kind": "新设立", "pledge": True, "end_time": "20:30",
    "staff": [{"staff_name": "张伟", "role": "教学"}],
}
STAMPS = ["--created", "2024-03-14T09:00:00Z", "--finalised", "2024-03-15T08:00:00Z"]


def stored():
    """(name, path) of every packet kept in this folder."""
    names = sorted(n for n in os.listdir(HERE) if n.endswith(".json") and n != "expected.json")
    return [(n, os.path.join(HERE, n)) for n in names]


def colliding_keys(count):
    """Keys that all share one GLib string hash (djb2: h * 33 + c): "Ez"
    and "FY" hash alike, so every string of such pairs does too."""
    bits = max(1, (count - 1).bit_length())
    for i in range(count):
        yield "".join("Ez" if (i >> b) & 1 else "FY" for b in range(bits))


def make_good_packet(tool, data_dir, out_dir):
    """A genuine final packet of the engine test form, made by the tool."""
    answers = os.path.join(out_dir, "answers.json")
    with open(answers, "w", encoding="utf-8") as f:
        json.dump(ANSWERS, f, ensure_ascii=False)
    packet = os.path.join(out_dir, "good.sbpkt.json")
    subprocess.run([tool, "pack", "--form", "enginetest", "--date", "2024-03-15", answers, "-o", packet] + STAMPS,
                   env=dict(os.environ, SHENBAO_DATA_DIR=data_dir), check=True, capture_output=True, timeout=120)
    return packet


def generated(tool, data_dir, out_dir):
    """(name, path) of the large hostile files, written into @out_dir."""
    good_path = make_good_packet(tool, data_dir, out_dir)
    with open(good_path, encoding="utf-8") as f:
        good_text = f.read()
    good = json.loads(good_text)
    head = '{"format":%d,"form":%s,' % (good["format"], json.dumps(good["form"]))
    files = []

    def write(name, data):
        path = os.path.join(out_dir, name)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        files.append((name, path))

    deep = 100000
    # Brackets a scanner that knows only "…" strings does not count: behind
    # a single-quoted string, and inside a comment.
    write("deep-behind-quote.sbpkt.json", head + "\"x\":'\"',\"answers\":" + "[" * deep + "]" * deep + "}")
    write("deep-behind-comment.sbpkt.json", "{/* \" */\"answers\":" + "[" * deep + "]" * deep + "}")
    write("deep-plain.sbpkt.json", "{\"answers\":" + "[" * deep + "]" * deep + "}")
    write("deep-objects.sbpkt.json", "{\"a\":" * deep + "1" + "}" * deep)

    # 2 MB of members whose keys collide under GLib's string hash.
    members = ",".join('"%s":1' % k for k in colliding_keys(65536))
    write("colliding-keys.sbpkt.json", head + '"answers":{' + members + "}}")

    # 45 MB of unknown answer members.
    unknown = ",".join('"u%d":1' % i for i in range(3500000))
    write("unknown-members.sbpkt.json", head + '"answers":{' + unknown + "}}")

    # 20 MB of tiny values in one array.
    write("many-values.sbpkt.json", head + '"answers":{"staff":[' + ",".join(["0"] * 10000000) + "]}}")

    # 100 MB in members that are short by nature.
    huge = "9" * (100 * 1024 * 1024)
    for member in ("created", "reference"):
        changed = dict(good)
        changed[member] = huge
        write("huge-%s.sbpkt.json" % member, json.dumps(changed, ensure_ascii=False))
    del huge

    # (Forged duplicates, NUL, lone surrogates, a BOM and trailing data are
    # small enough to be stored: forged-answers, nul-in-answer… here.)
    body = good_text.strip()
    write("json-then-pdf.sbpkt.json", body + "\n%PDF-1.7\n%%EOF\n")
    write("pdf-then-json.pdf", "%PDF-1.7\n" + body + "\n%%EOF\n")
    # Terminal escapes and a reversing mark in what a packet carries,
    # behind a valid hash: made by the tool itself from answers holding them.
    tricky = dict(ANSWERS, name="启明\x1b[8m verified \x1b]0;title\x07\u009b31m\u202egnp.exe",
                  staff=[{"staff_name": "张\x1b[2J伟", "role": "教学"}])
    tricky_answers = os.path.join(out_dir, "tricky-answers.json")
    with open(tricky_answers, "w", encoding="utf-8") as f:
        json.dump(tricky, f, ensure_ascii=False)
    tricky_packet = os.path.join(out_dir, "escapes-behind-hash.sbpkt.json")
    made = subprocess.run([tool, "pack", "--form", "enginetest", "--date", "2024-03-15", "--draft", tricky_answers,
                           "-o", tricky_packet] + STAMPS,
                          env=dict(os.environ, SHENBAO_DATA_DIR=data_dir), capture_output=True, timeout=120)
    if made.returncode == 0:
        files.append(("escapes-behind-hash.sbpkt.json", tricky_packet))
    else:
        # The answers were refused: the same text, put in by hand (the hash
        # no longer matches, and the report must still print it safely).
        write("escapes-behind-hash.sbpkt.json",
              body.replace(json.dumps(ANSWERS["name"], ensure_ascii=False)[1:-1],
                           json.dumps(tricky["name"], ensure_ascii=True)[1:-1], 1))
    return files + hostile_pdfs(tool, data_dir, out_dir)


if __name__ == "__main__":
    # hostile_corpus.py TOOL DATA_DIR OUT_DIR: writes the generated files
    # and prints "name<TAB>path" for every file of the corpus.  Run as its
    # own process by the benchmark, so that the memory the generation takes
    # is not counted as the tool's (a child inherits its parent's peak).
    # A DATA_DIR that does not exist yet is made with make_data_dir().
    import sys
    if not os.path.exists(sys.argv[2]):
        make_data_dir(sys.argv[2])
    for entry in stored() + generated(sys.argv[1], sys.argv[2], sys.argv[3]):
        print("%s\t%s" % entry)
