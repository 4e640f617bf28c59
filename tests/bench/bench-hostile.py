#!/usr/bin/env python3
"""Benchmark: what each hostile packet costs the reviewer's machine.

For every file of the hostile corpus (tests/packets/: the stored packets and
the large ones made at run time), runs `shenbao-tool validate` on it and, as
the peer from the same run, Python's json module reading the same bytes
(json.load: a widely used strict reader, which refuses or reads a file and
builds nothing else).  Prints the wall time and the peak resident memory of
each, and the tool's exit status.  Figures only; nothing is asserted.

Usage: tests/bench/bench-hostile.py [--build DIR]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import find_tool  # noqa: E402
sys.path.insert(0, os.path.join(ROOT, "tests", "packets"))
import hostile_corpus  # noqa: E402

PEER = "import json, sys\ntry:\n    json.load(open(sys.argv[1], 'rb'))\nexcept Exception as e:\n    sys.exit(1)\n"


def measure(command, env):
    """Wall seconds, peak RSS in MiB and exit status of one child."""
    start = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024.0, code


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build")
    args = parser.parse_args()
    tool = find_tool(args.build, "bench-hostile")

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = os.path.join(tmp, "data")
        hostile_corpus.make_data_dir(data_dir)
        out_dir = os.path.join(tmp, "corpus")
        os.mkdir(out_dir)
        listing = subprocess.run([sys.executable, hostile_corpus.__file__, tool, data_dir, out_dir],
                                 check=True, capture_output=True, text=True).stdout
        files = [tuple(line.split("\t", 1)) for line in listing.splitlines()]
        env = dict(os.environ, SHENBAO_DATA_DIR=data_dir)

        print("%-34s %10s | %9s %9s %5s | %9s %9s" % ("file", "size", "Shenbao", "memory", "exit",
                                                        "json.load", "memory"))
        worst_time = worst_memory = 0.0
        for name, path in files:
            size = os.path.getsize(path)
            t, m, code = measure([tool, "validate", path], env)
            pt, pm, _ = measure([sys.executable, "-c", PEER, path], env)
            worst_time, worst_memory = max(worst_time, t), max(worst_memory, m)
            print("%-34s %10s | %8.2fs %7.0f MiB %4d | %8.2fs %7.0f MiB" % (
                name[:34], "{:,}".format(size), t, m, code, pt, pm))
        print("slowest file: %.2f s; most memory: %.0f MiB (shenbao-tool %s)" % (worst_time, worst_memory, tool))


if __name__ == "__main__":
    main()
