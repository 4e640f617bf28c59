#!/usr/bin/env python3
"""Check: two builds of shenbao-tool say exactly the same about every packet.

For speed work on `validate` and `review`: the output of an earlier build
(--peer, say one of the commit before a change) and of this one must be
byte for byte the same, standard output, standard error and exit status,
for

  - a packet of every answers file in tests/fixtures/*/ (packed by this
    build with fixed times, so that both read the same bytes; the ones with
    rule findings included),
  - the benchmark's set (bench-validate-packets.py: 1,000 copies of the
    three complete applications, in one run),
  - the hostile corpus as the hostile suite reads it (tests/packets/: the
    stored files and the generated ones, with the engine test form
    installed, so that refusals and their messages are compared),

each read by `validate`, `validate --json` and `review --json`, one file
per run and all of them in one run.

Prints what differs and exits 1 if anything does.  Usage:
  tests/bench/compare-tool-output.py --peer OLD/shenbao-tool [--build DIR] [--count N]
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "packets"))
from bench_common import find_tool  # noqa: E402
import hostile_corpus  # noqa: E402

COMMANDS = [["validate"], ["validate", "--json"], ["review", "--json"]]


def pack_fixtures(tool, env, out_dir):
    fixtures = os.path.join(ROOT, "tests", "fixtures")
    packets = []
    for answers in sorted(glob.glob(os.path.join(fixtures, "*", "*.json"))):
        name = os.path.basename(answers)
        if name.endswith(".expected.json") or name == "rule-cases.json":
            continue
        form = os.path.basename(os.path.dirname(answers))
        if form in ("forms", "tables", "files"):
            continue
        expected_path = answers[:-len(".json")] + ".expected.json"
        date = "2024-03-15"
        if os.path.exists(expected_path):
            with open(expected_path, encoding="utf-8") as f:
                date = json.load(f).get("date", date)
        out = os.path.join(out_dir, "%s-%s.sbpkt.json" % (form, name[:-len(".json")]))
        result = subprocess.run([tool, "pack", "--form", form, "--date", date,
                                 "--files", os.path.join(fixtures, "files"),
                                 "--created", "2024-01-02T03:04:05Z", "--finalised", "2024-01-02T03:04:06Z",
                                 answers, "-o", out], env=env, capture_output=True, text=True)
        if result.returncode == 0:
            packets.append(out)
        else:
            print("  (not packed: %s: %s)" % (os.path.relpath(answers, ROOT), result.stderr.strip()[:200]))
    return packets


def run(tool, args, files, env):
    result = subprocess.run([tool] + args + files, env=env, capture_output=True, timeout=600)
    return result.returncode, result.stdout, result.stderr


def compare(label, ours, peer, args, files, env):
    a, b = run(ours, args, files, env), run(peer, args, files, env)
    if a == b:
        return True
    what = [part for part, x, y in zip(("exit status", "stdout", "stderr"), a, b) if x != y]
    print("DIFFERS: %s %s (%s): %s" % (" ".join(args), label, len(files) == 1 and files[0] or "%d files" % len(files),
                                      ", ".join(what)))
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build")
    parser.add_argument("--peer", required=True)
    parser.add_argument("--count", type=int, default=1000)
    options = parser.parse_args()

    tool = os.path.abspath(find_tool(options.build, "compare-tool-output"))
    peer = os.path.abspath(options.peer)
    # The PDF fonts of the build (as `meson devenv` sets them): the hostile
    # corpus renders a packet PDF to make its hostile PDFs from.
    build_dir = os.path.dirname(os.path.dirname(os.path.dirname(tool)))
    os.environ.setdefault("SHENBAO_PDF_FONT_DIR", os.path.join(build_dir, "app", "pdf", "fonts"))
    env = dict(os.environ, SHENBAO_DATA_DIR=os.path.join(ROOT, "data"))
    same = True
    checked = 0

    with tempfile.TemporaryDirectory() as tmp:
        fixture_dir = os.path.join(tmp, "fixtures")
        os.mkdir(fixture_dir)
        fixtures = pack_fixtures(tool, env, fixture_dir)
        complete = [p for p in fixtures if p.endswith("-complete.sbpkt.json")]
        batch = []
        for i in range(options.count):
            source = complete[i % len(complete)]
            target = os.path.join(tmp, "%04d-%s" % (i, os.path.basename(source)))
            shutil.copyfile(source, target)
            batch.append(target)
        hostile_data = os.path.join(tmp, "hostile-data")
        hostile_corpus.make_data_dir(hostile_data)
        hostile_dir = os.path.join(tmp, "hostile")
        os.mkdir(hostile_dir)
        hostile = [path for _, path in hostile_corpus.stored() +
                   hostile_corpus.generated(tool, hostile_data, hostile_dir)]
        hostile_env = dict(os.environ, SHENBAO_DATA_DIR=hostile_data)

        for label, files, files_env in (("fixture", fixtures, env), ("hostile", hostile, hostile_env)):
            for args in COMMANDS:
                for f in files:
                    same = compare(label, tool, peer, args, [f], files_env) and same
                    checked += 1
                same = compare(label, tool, peer, args, files, files_env) and same
                checked += 1
        for args in COMMANDS:
            same = compare("benchmark set", tool, peer, args, batch, env) and same
            checked += 1

    print("%d fixture packets, %d hostile packets, the benchmark's %d: %d runs compared, %s" %
          (len(fixtures), len(hostile), len(batch), checked,
           "all the same" if same else "SOME DIFFER"))
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
