#!/usr/bin/env python3
"""Benchmark: time from launch to the first window on screen.

Launches `shenbao` (from the build tree, with a fresh data folder) and,
in the same run for comparison, the bare reference (tests/bench/
bench-bare-window: one AdwApplicationWindow holding one GtkEntry, so the
ratio says what Shenbao adds on top of GTK and libadwaita on this machine)
and GNOME Text Editor (another GTK 4 and libadwaita application), taking
turns, several times each, and reports the time until the process's window
is mapped and visible (polling xdotool search every few milliseconds),
which is when its first frame is shown, with the ratios and the load
average.  Where the time goes: STARTUP_BREAKDOWN below (--breakdown).
Figures only.

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

STARTUP_BREAKDOWN = """Where shenbao's start-up goes (perf record --call-graph dwarf of one launch to its first
frame under Xvfb, about 370 ms of processor time; strace -f -c and -e openat for the I/O):
  GTK's renderer 61% (gsk_renderer_realize: the GL renderer on Mesa's llvmpipe,
    compiling its shaders; with a cold shader cache it also writes about 70
    cache files, which is why the runs share one warm cache), gtk_init and
    opening the display 8%, the dynamic linker 10% (about 40 libraries,
    relocation and symbol lookup);
  Shenbao's own part about 17%: sb_application_startup 12% (the application's
    CSS from its resource 3%, adw_init 2%, the templates), the window 5%
    (sb_window_init: the three form definitions loaded, their lists read
    and their expressions compiled, 3.5%, about 11 ms by strace -tt from
    the first definition opened to the last; the working-day calendar, seven
    small JSON files, under 1 ms; the start page's rows);
  fonts: fontconfig reads its configuration and caches (about 80 files under
    /etc/fonts, /usr/share/fontconfig and /var/cache/fontconfig), no font is
    scanned; no wizard page is built before a procedure is chosen (strace
    shows no draft or page read beyond listing the drafts folder).
  So the bare window (the same renderer, linker and display) is the floor:
  what Shenbao adds is its definitions, CSS and start page.

2026-12-04 (load 1.5 on 2 cores, before the changes below): shenbao 323 ms,
the bare window 192 ms, gnome-text-editor 333 ms.  The bare window alone
is 0.58x gnome-text-editor here, so "at most 0.5x gnome-text-editor" is
below what GTK 4.8 and libadwaita themselves take on this machine (GL on
llvmpipe under Xvfb); what can go is what Shenbao adds, 131 ms.  Main
thread samples (perf record -F 2000 --call-graph dwarf, shenbao against
the bare window, the same phases): the window's set-up 69 samples against
none (of it the three definitions read and compiled 34, the window's
template 11, the register page 10), the dynamic linker 74 against 27,
start-up (gtk_init, adw_init, the application's CSS) 182 against 168.
  The libraries: a program that does nothing, linked as shenbao is, starts
  in 34.5 ms against 16.5 ms linked with GTK and libadwaita alone (median
  of 40 runs; libpoppler-glib with NSS, lcms2 and OpenJPEG 9.6 ms, libpq
  with Kerberos, LDAP and OpenSSL 6.4 ms, libqpdf 3 ms); LD_DEBUG=statistics
  counts 35,180 relocations against 16,015.  Loading those only when a PDF
  is checked or a PostgreSQL register opened would need them behind
  loadable modules of our own: not done, for about 15 ms.
  Now: the definitions are read on a thread of their own from the start of
  start-up (sb_application_startup, before gtk_init), and the first window
  takes them (sb_application_take_forms), so their 10 to 17 ms overlap GTK's
  own start on the second core instead of following it.  Measured taking
  turns with the build before (c4d0f80), 9 rounds, load 2: 323 ms against
  329 ms (minimum 298 against 305), the bare window 201 ms: a few
  milliseconds, since GTK's own threads use the second core then too."""

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def find_shenbao(build):
    candidates = [os.path.join(build, "app", "ui", "shenbao")] if build else \
        sorted(glob.glob(os.path.join(ROOT, "*", "app", "ui", "shenbao")), key=os.path.getmtime, reverse=True)
    for candidate in candidates:
        if os.access(candidate, os.X_OK):
            return candidate
    sys.exit("bench-startup: no shenbao found; build first or pass --build DIR")


def find_bare(shenbao):
    build = os.path.dirname(os.path.dirname(os.path.dirname(shenbao)))
    candidate = os.path.join(build, "tests", "bench", "bench-bare-window")
    return candidate if os.access(candidate, os.X_OK) else None


def time_to_window(args, env):
    start = time.perf_counter()
    errors = tempfile.TemporaryFile()
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=errors)
    try:
        # xdotool's own --sync waits half a second between looks: poll.
        while time.perf_counter() - start < 60:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(process.pid)],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            if found.returncode == 0 and found.stdout.strip():
                return (time.perf_counter() - start) * 1000
            time.sleep(0.005)
        errors.seek(0)
        raise RuntimeError("%s: no window within a minute (exit status %s): %s" %
                           (args[0], process.poll(), errors.read().decode(errors="replace")[-1000:]))
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
    parser.add_argument("--breakdown", action="store_true", help="also print where shenbao's start-up time goes")
    options = parser.parse_args()

    if not os.environ.get("DISPLAY"):
        sys.exit("bench-startup: needs a display; run it under xvfb-run -a dbus-run-session")
    if shutil.which("xdotool") is None:
        sys.exit("bench-startup: xdotool is needed (apt-get install xdotool)")

    shenbao = find_shenbao(options.build)
    bare = find_bare(shenbao)
    build = os.path.dirname(os.path.dirname(os.path.dirname(shenbao)))
    peers = [("shenbao", [shenbao], {"SHENBAO_DATA_DIR": os.path.join(ROOT, "data"),
                                     "GSETTINGS_SCHEMA_DIR": os.path.join(build, "data")})]
    if bare:
        peers.append(("bare window", [bare], {}))
    if shutil.which("gnome-text-editor"):
        peers.append(("gnome-text-editor", ["gnome-text-editor", "--standalone", "--ignore-session"], {}))

    load_start = os.getloadavg()[0]
    times = {name: [] for name, _, _ in peers}
    # Mesa's shader cache is shared by the runs, as it is by a person's
    # launches: with a fresh cache folder every run, each GTK window would
    # compile its GL renderer's shaders again (about 70 files written), a
    # cost no second launch pays.
    shader_cache = tempfile.TemporaryDirectory()
    # Turn about, so that all meet the same load; the first round warms
    # the disk cache and the shader cache for all alike and is left out.
    for round_ in range(options.runs + 1):
        for name, args, extra in peers:
            with tempfile.TemporaryDirectory() as home:
                env = dict(os.environ, XDG_DATA_HOME=os.path.join(home, "data"), XDG_CONFIG_HOME=os.path.join(home, "config"),
                           XDG_CACHE_HOME=os.path.join(home, "cache"), MESA_SHADER_CACHE_DIR=shader_cache.name,
                           GSETTINGS_BACKEND="memory", **extra)
                elapsed = time_to_window(args, env)
            if round_ > 0:
                times[name].append(elapsed)
    shader_cache.cleanup()

    print("Launch to first window, median of %d runs (each run with fresh settings and data)" % options.runs)
    print("load average at the start %.2f, at the end %.2f, on %d processors" %
          (load_start, os.getloadavg()[0], os.cpu_count()))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        ratio = "" if name == "shenbao" else "   shenbao takes %.2fx" % (medians["shenbao"] / medians[name])
        print("  %-20s median %6.0f ms   min %6.0f ms   max %6.0f ms%s" %
              (name, medians[name], min(values), max(values), ratio))
    if not bare:
        print("  (the bare window is not built: configure with -Dgui=true)")
    if "gnome-text-editor" not in medians:
        print("  (gnome-text-editor is not installed: apt-get install gnome-text-editor)")
    else:
        print("  goal: at most 0.5x gnome-text-editor: %s" %
              ("met" if medians["shenbao"] <= 0.5 * medians["gnome-text-editor"] else "NOT met"))
    if options.breakdown:
        print(STARTUP_BREAKDOWN)


if __name__ == "__main__":
    main()
