#!/usr/bin/env python3
"""Benchmark: the longest the window does not answer while it opens a 100 MB packet.

Makes a 耕地 packet of about 100 MB (the fixture's answers with ZIPs of
random bytes as its vector data, packed by shenbao-tool) and its PDF
(rendered by shenbao-tool), then runs bench-main-loop on them, which
prints, for opening each of them and for saving the 审核意见, the longest
turn of the main loop and the whole time as the window does it now (in a
worker) beside the same on the main thread (as before).  Figures only.

  xvfb-run -a dbus-run-session -- tests/bench/bench-main-loop.py [--build DIR] [--megabytes N] [--peer DIR]

It opens an ordinary packet too: the complete 科技类 fixture
(tests/fixtures/kejipeixun/complete.json, packed with the fixture files
as a draft, as the large one is).
--peer DIR runs the bench-main-loop of another build (an earlier commit's,
e.g. `git worktree add _peer main` built in _peer/_build) on the same
files right after, so that both are of the same run.  Where the time
goes, and the figures before and after the reviewer's pages were built
as they are shown, are in bench-main-loop.c's header comment.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import ROOT, find_tool  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build")
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--applicant-only", action="store_true",
                        help="only the applicant's rows: autosaving on a slow disk and finishing")
    parser.add_argument("--peer", help="another build folder whose bench-main-loop runs on the same files")
    args = parser.parse_args()
    tool = find_tool(args.build, "bench-main-loop")
    build = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(tool))))
    bench = os.path.join(build, "tests", "bench", "bench-main-loop")
    if not os.access(bench, os.X_OK):
        sys.exit("bench-main-loop: %s is not built (the gui option)" % bench)
    fixtures = os.path.join(ROOT, "tests", "fixtures")
    env = dict(os.environ, SHENBAO_DATA_DIR=os.path.join(ROOT, "data"), SHENBAO_TEST_FIXTURES=fixtures,
               SHENBAO_PDF_FONT_DIR=os.path.join(build, "app", "pdf", "fonts"),
               GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"))

    with tempfile.TemporaryDirectory() as tmp:
        # Random bytes (as scans are: they do not compress), in files of
        # 15 MiB, under the 20 MiB a file may have; base64 makes 4 of 3.
        zips = []
        remaining = args.megabytes * 1024 * 1024 * 3 // 4
        while remaining > 0:
            size = min(remaining, 15 * 1024 * 1024)
            zip_path = os.path.join(tmp, "vector-%d.zip" % len(zips))
            with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_STORED) as z:
                z.writestr("parcels.shp", os.urandom(size))
            zips.append(zip_path)
            remaining -= size
        with open(os.path.join(fixtures, "gengdi", "complete.json")) as f:
            answers = json.load(f)
        answers.pop("out_vector_file", None)
        answers_path = os.path.join(tmp, "answers.json")
        with open(answers_path, "w") as f:
            json.dump(answers, f, ensure_ascii=False)
        packet = os.path.join(tmp, "large.sbpkt.json")
        pdf = os.path.join(tmp, "large.pdf")
        subprocess.run([tool, "pack", "--form", "gengdi", "--draft", "--files", os.path.join(fixtures, "files"),
                        ] + sum([["--attach", "out_vector_file=" + z] for z in zips], []) + [answers_path, "-o", packet],
                       check=True, env=env, stdout=subprocess.DEVNULL)
        subprocess.run([tool, "render", packet, "-o", pdf], check=True, env=env, stdout=subprocess.DEVNULL)
        ordinary = os.path.join(tmp, "kejipeixun.sbpkt.json")
        subprocess.run([tool, "pack", "--form", "kejipeixun", "--draft", "--files", os.path.join(fixtures, "files"),
                        os.path.join(fixtures, "kejipeixun", "complete.json"), "-o", ordinary],
                       check=True, env=env, stdout=subprocess.DEVNULL)
        print("packet %.0f MB, its PDF %.0f MB; the 科技类 packet %.0f kB" % (
            os.path.getsize(packet) / 1e6, os.path.getsize(pdf) / 1e6, os.path.getsize(ordinary) / 1e3))
        sys.stdout.flush()
        returncode = subprocess.run([bench] + (["--applicant-only"] if args.applicant_only else []) + [packet, pdf, ordinary] + zips, env=env).returncode
        if args.peer:
            peer = os.path.join(os.path.abspath(args.peer), "tests", "bench", "bench-main-loop")
            print("\npeer %s:" % peer)
            sys.stdout.flush()
            # An earlier bench-main-loop may take the two files only.
            returncode |= subprocess.run([peer, packet, pdf], env=env).returncode
            print("peer, the 科技类 packet (as both files):")
            sys.stdout.flush()
            returncode |= subprocess.run([peer, ordinary, ordinary], env=env).returncode
        return returncode


if __name__ == "__main__":
    sys.exit(main())
