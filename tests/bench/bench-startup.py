#!/usr/bin/env python3
"""Benchmark: time from launch to the first window on screen.

Launches `shenbao` (from the build tree, with a fresh data folder) and,
in the same run for comparison, GNOME Text Editor (another GTK 4 and
libadwaita application), several times each, and reports the time until
the process's window is mapped and visible (polling xdotool search every
few milliseconds), which is when its first frame is shown.  Figures only.

  xvfb-run -a dbus-run-session -- tests/bench/bench-startup.py [--build DIR] [--runs N]
"""
import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def find_shenbao(build):
    candidates = [os.path.join(build, "app", "ui", "shenbao")] if build else \
        sorted(glob.glob(os.path.join(ROOT, "*", "app", "ui", "shenbao")), key=os.path.getmtime, reverse=True)
    for candidate in candidates:
        if os.access(candidate, os.X_OK):
            return candidate
    sys.exit("bench-startup: no shenbao found; build first or pass --build DIR")


def time_to_window(args, env):
    start = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # xdotool's own --sync waits half a second between looks: poll.
        while time.perf_counter() - start < 60:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(process.pid)],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            if found.returncode == 0 and found.stdout.strip():
                return (time.perf_counter() - start) * 1000
            time.sleep(0.005)
        raise RuntimeError("no window within a minute")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    if not os.environ.get("DISPLAY"):
        sys.exit("bench-startup: needs a display; run it under xvfb-run -a dbus-run-session")
    if shutil.which("xdotool") is None:
        sys.exit("bench-startup: xdotool is needed (apt-get install xdotool)")

    shenbao = find_shenbao(options.build)
    peers = [("shenbao", [shenbao], {"SHENBAO_DATA_DIR": os.path.join(ROOT, "data")})]
    if shutil.which("gnome-text-editor"):
        peers.append(("gnome-text-editor", ["gnome-text-editor", "--standalone", "--ignore-session"], {}))

    print("Launch to first window, median of %d runs (each run with fresh settings and data)" % options.runs)
    for name, args, extra in peers:
        times = []
        for _ in range(options.runs + 1):
            with tempfile.TemporaryDirectory() as home:
                env = dict(os.environ, XDG_DATA_HOME=os.path.join(home, "data"), XDG_CONFIG_HOME=os.path.join(home, "config"),
                           XDG_CACHE_HOME=os.path.join(home, "cache"), GSETTINGS_BACKEND="memory", **extra)
                times.append(time_to_window(args, env))
        # The first run warms the disk cache for both alike; it is left out.
        times = times[1:]
        print("  %-20s median %6.0f ms   min %6.0f ms   max %6.0f ms" %
              (name, statistics.median(times), min(times), max(times)))
    if len(peers) == 1:
        print("  (gnome-text-editor is not installed: no comparison)")


if __name__ == "__main__":
    main()
