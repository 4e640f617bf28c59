#!/usr/bin/env python3
"""Paste, import and export of a 1,000-row roster, beside peers on the
same files in the same run: Python's csv module reading the CSV and the
TSV (reading only, no checking), and LibreOffice converting the CSV to
XLSX and the XLSX to CSV (`soffice --headless --convert-to`, when
installed; its start-up is counted, as a person waiting for it would).
Prints figures; no assertions.

Usage: bench-table.py --build BUILD [--rows N]
"""
import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))


def timed(function, runs):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", required=True)
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()

    env = dict(os.environ, SHENBAO_DATA_DIR=os.path.join(SOURCE, "data"),
               SHENBAO_TEST_FIXTURES=os.path.join(SOURCE, "tests", "fixtures"))
    with tempfile.TemporaryDirectory() as tmp:
        print("== Shenbao (in process, tests/bench/bench-table.c)")
        sys.stdout.flush()
        subprocess.run([os.path.join(args.build, "tests", "bench", "bench-table"), tmp, str(args.rows)], env=env, check=True)

        print("== peers on the same files")

        def read_csv(path, delimiter):
            with open(path, encoding="utf-8-sig", newline="") as f:
                return sum(1 for _ in csv.reader(f, delimiter=delimiter))

        median, low = timed(lambda: read_csv(os.path.join(tmp, "staff.tsv"), "\t"), 15)
        print("%-52s median %8.1f ms   min %8.1f ms" % ("Python csv: TSV read (no checks)", median, low))
        median, low = timed(lambda: read_csv(os.path.join(tmp, "staff.csv"), ","), 15)
        print("%-52s median %8.1f ms   min %8.1f ms" % ("Python csv: CSV read (no checks)", median, low))

        soffice = shutil.which("soffice")
        if soffice is None:
            print("LibreOffice: not installed (apt-get install libreoffice-calc-nogui for its figures)")
            return 0
        profile = "-env:UserInstallation=file://%s/profile" % tmp
        out = os.path.join(tmp, "lo")
        os.makedirs(out)
        # One run to set up the profile, not counted.
        subprocess.run([soffice, profile, "--headless", "--convert-to", "xlsx", "--outdir", out,
                        os.path.join(tmp, "staff.csv")], capture_output=True, check=True)
        median, low = timed(lambda: subprocess.run([soffice, profile, "--headless", "--convert-to", "xlsx", "--outdir", out,
                                                    os.path.join(tmp, "staff.csv")], capture_output=True, check=True), 3)
        print("%-52s median %8.1f ms   min %8.1f ms" % ("LibreOffice: CSV to XLSX (process)", median, low))
        median, low = timed(lambda: subprocess.run([soffice, profile, "--headless", "--convert-to", "csv", "--outdir", out,
                                                    os.path.join(tmp, "staff.xlsx")], capture_output=True, check=True), 3)
        print("%-52s median %8.1f ms   min %8.1f ms" % ("LibreOffice: XLSX to CSV (process)", median, low))
    return 0


if __name__ == "__main__":
    sys.exit(main())
